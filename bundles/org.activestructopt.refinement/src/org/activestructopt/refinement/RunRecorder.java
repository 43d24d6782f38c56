package org.activestructopt.refinement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;

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

    private RunRecorder(Job job) {
        this.job = job;
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
        } else {
            c = r.add(phase, e.structure(), e.spectra(), e.losses(), e.loss(), e.seconds());
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
}
