package org.activestructopt.refinement;

import java.util.Objects;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Results;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * The one entry point of the engine for the command line and the workbench: runs (or resumes) a job with the method
 * it names, the active-learning loop ({@link ActiveLearningRunner}) or a baseline ({@link BaselineRunner}).
 *
 * <pre>{@code
 * Job job = Job.load(Path.of("job.xmi"));
 * try (SimulatorRegistry simulators = SimulatorRegistry.open(context);
 *         SurrogateRegistry surrogates = SurrogateRegistry.open(context)) {
 *     Results results = Refinement.run(job, simulators, surrogates, monitor);
 *     Candidate best = results.best().orElseThrow();
 * }
 * }</pre>
 */
public final class Refinement {

    private Refinement() {
    }

    /**
     * Runs {@code job} until its budget is used, saving every simulation into the job file (if it has one) as it
     * goes; a job that already holds results continues where they stop.
     *
     * @param simulators the simulator services
     * @param surrogates the surrogate services (used by the active method only; may be null for a baseline)
     * @param monitor    progress (one unit per simulation) and cancellation; may be null
     * @return the job's results, status completed
     * @throws JobFormatException         if the job cannot be resolved, naming the file, line and key, before anything
     *                                    runs
     * @throws SimulationException        if a simulator fails for a reason other than the structure (status failed)
     * @throws SamplingException          if no structure within the constraints can be drawn (status failed)
     * @throws OperationCanceledException if cancelled (status cancelled; run the job again to resume)
     */
    public static Results run(Job job, SimulatorRegistry simulators, SurrogateRegistry surrogates,
            IProgressMonitor monitor) throws JobFormatException, SimulationException, SamplingException {
        Objects.requireNonNull(job, "job");
        if (job.method() == Method.ACTIVE) {
            return ActiveLearningRunner.run(job, simulators,
                    Objects.requireNonNull(surrogates, "the active method needs a surrogate registry"), monitor);
        }
        return BaselineRunner.run(job, simulators, monitor);
    }
}
