package org.activestructopt.refinement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;

/**
 * Writes every simulation of a run into the job's {@link Results} and, if the job has a file, saves it at once
 * (atomically), so that a killed run leaves all its simulations on disk and can be resumed.
 */
public final class RunRecorder {

    private final Job job;

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
     * Records one simulation and saves the job if it has a file.
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
        save();
        return c;
    }

    /** Saves the job if it has a file. */
    public void save() {
        if (job.file().isPresent()) {
            try {
                job.save();
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write the results to " + job.file().get(), ex);
            }
        }
    }
}
