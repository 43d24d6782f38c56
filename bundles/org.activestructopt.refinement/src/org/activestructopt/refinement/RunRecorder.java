package org.activestructopt.refinement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.activestructopt.api.SimulationException;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * Writes every simulation of a run into the job's {@link Results} and, if the job has a file, saves it (atomically)
 * after the simulation, so that a killed run leaves its simulations on disk and can be resumed.
 * <p>
 * Each save rewrites the whole file, whose size grows with the run, so with a cheap simulator (milliseconds per
 * structure) saving after every simulation would cost more than simulating, quadratically in the budget. A save is
 * therefore skipped while less than {@value #SAVE_RATIO} times the duration of the previous save has passed since
 * it: saving then takes at most about 1/{@value #SAVE_RATIO} of the run's time, a killed run loses only the last
 * seconds of cheap simulations, and with expensive simulators (FEFF) every simulation is still saved. Runners call
 * {@link #save()} at the end.
 */
public final class RunRecorder {

    /** Minimum time between saves, in units of the duration of the last save. */
    static final int SAVE_RATIO = 5;

    private final Job job;
    private long lastSaveEnd;
    private long lastSaveDuration;
    private int failures;

    private RunRecorder(Job job) {
        this.job = job;
        this.failures = (int) job.results().candidates().stream().filter(Candidate::isFailed).count();
    }

    /** @return a recorder appending to {@code job}'s results (created if absent) */
    public static RunRecorder of(Job job) {
        Objects.requireNonNull(job, "job").results();
        return new RunRecorder(job);
    }

    /** @return the job written to */
    public Job job() {
        return job;
    }

    /** @return the results written to */
    public Results results() {
        return job.results();
    }

    /** @return the number of simulations recorded so far (including those of an earlier, resumed run) */
    public int count() {
        return job.results().size();
    }

    /** @return the number of failed simulations recorded so far */
    public int failures() {
        return failures;
    }

    /**
     * @return the part of the budget spent so far: {@link #count()}, less the failures that do not count (see
     *         {@link org.activestructopt.refinement.model.Budget#used(int, int)}); runners go on while it is below the
     *         budget
     */
    public int used() {
        return job.budget().used(count(), failures);
    }

    /**
     * Records one simulation and saves the job if it has a file (see the class comment for when a save is skipped).
     *
     * @throws UncheckedIOException if the job file cannot be written
     */
    public Candidate record(Phase phase, Evaluation e) {
        Results r = job.results();
        Candidate c;
        if (e.isFailed()) {
            var f = e.failure().orElseThrow();
            c = r.addFailure(phase, e.structure(), f.reason().name(), String.valueOf(f.getMessage()), e.seconds());
            failures++;
        } else {
            List<Candidate.FitValue> values = new ArrayList<>();
            List<Candidate.Statistic> statistics = new ArrayList<>();
            for (int o = 0; o < e.fits().size(); o++) {
                Evaluation.TermFit f = e.fits().get(o);
                for (int j = 0; j < f.parameters().size(); j++) {
                    Nuisance n = f.parameters().get(j);
                    values.add(new Candidate.FitValue(o, n.name(), n.value(), f.uncertainties()[j], n.refine()));
                }
                for (Map.Entry<String, Double> st : f.statistics().entrySet()) {
                    statistics.add(new Candidate.Statistic(o, st.getKey(), st.getValue()));
                }
            }
            c = r.add(phase, e.structure(), e.spectra(), e.losses(), e.loss(), e.seconds(), values, statistics);
        }
        if (System.nanoTime() - lastSaveEnd >= SAVE_RATIO * lastSaveDuration) {
            save();
        }
        return c;
    }

    /**
     * Saves the job now if it has a file.
     *
     * @throws UncheckedIOException if the job file cannot be written
     */
    public void save() {
        if (job.file().isPresent()) {
            long t0 = System.nanoTime();
            try {
                job.save();
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write the results to " + job.file().get(), ex);
            }
            lastSaveEnd = System.nanoTime();
            lastSaveDuration = lastSaveEnd - t0;
        }
    }

    /** The work of a runner between its start and its end. */
    interface Run {
        void run() throws SimulationException, SamplingException;
    }

    /**
     * Runs {@code run} with the results' status running, then completed, cancelled (the job can be resumed) or failed
     * with the exception's message, saving the job at each change: the one life cycle of every runner.
     */
    Results track(Run run) throws SimulationException, SamplingException {
        results().setStatus(Status.RUNNING, null);
        save();
        try {
            run.run();
        } catch (OperationCanceledException e) {
            results().setStatus(Status.CANCELLED, "cancelled after " + count() + " simulations");
            save();
            throw e;
        } catch (SimulationException | SamplingException | RuntimeException | Error e) {
            results().setStatus(Status.FAILED, String.valueOf(e.getMessage()));
            save();
            throw e;
        }
        results().setStatus(Status.COMPLETED, null);
        save();
        return results();
    }
}
