package org.activestructopt.refinement;

import java.util.Objects;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Results;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * Runs a job whose method is a baseline (rmc, random, leastSquares or gpbo): resolves it, runs the baseline until the
 * budget is used, writes every simulation into the job's results and saves the job file after each, and sets the
 * results' status (completed, cancelled or failed with the message). A job with results continues where they stop.
 */
public final class BaselineRunner {

    private BaselineRunner() {
    }

    /** @return the baseline a job's method names */
    public static Baseline baselineOf(Job job) {
        return switch (job.method()) {
        case RMC -> ReverseMonteCarlo.of(job.rmc());
        case RANDOM -> new RandomSearch();
        case LEAST_SQUARES -> LeastSquares.of(job.leastSquares());
        case GPBO -> GaussianProcessBo.of(job.gpbo());
        case ACTIVE -> throw new IllegalArgumentException("method 'active' is run by the active-learning loop, not "
                + "by a baseline");
        };
    }

    /**
     * @throws JobFormatException  if the job cannot be resolved (files, simulators, settings), before anything runs
     * @throws SimulationException if a simulator fails for a reason other than the structure (status failed)
     * @throws SamplingException   if no candidate within the constraints can be found (status failed)
     * @throws OperationCanceledException if cancelled (status cancelled; the job can be resumed)
     */
    public static Results run(Job job, SimulatorRegistry registry, IProgressMonitor monitor)
            throws JobFormatException, SimulationException, SamplingException {
        Objects.requireNonNull(job, "job");
        Baseline baseline = baselineOf(job);
        RefinementProblem problem = RefinementProblem.fromJob(job, registry);
        RunRecorder recorder = RunRecorder.of(job);
        return recorder.track(() -> baseline.run(problem, recorder, job.budget().simulations(), monitor));
    }
}
