package org.activestructopt.refinement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.activestructopt.api.SimulationException;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.RunJournal;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * Writes every simulation of a run into the job's {@link Results} and, if the job has a file, to disk before the next
 * simulation starts, so that a killed run loses at most the simulation in flight and can be resumed.
 * <p>
 * Rewriting the whole job file after each simulation would cost more than a cheap simulator (milliseconds per
 * structure), quadratically in the budget. Each simulation is therefore appended to the run's {@link RunJournal} (one
 * line, handed to the operating system, see {@link Durability}), and the job file is rewritten ("compacted", the
 * journal then emptied) only when {@value #SAVE_RATIO} times the duration of the last save has passed since it, when
 * the spectra's grids are first recorded, and at every change of status. {@link Job#load} replays the journal, so a
 * killed run's simulations are all there when it is resumed.
 */
public final class RunRecorder {

    /** Minimum time between compactions, in units of the duration of the last one. */
    static final int SAVE_RATIO = 20;

    /** How each simulation reaches the disk. */
    enum Durability {
        /** journal record written to the operating system: survives the process being killed, not a power loss */
        JOURNAL,
        /** journal record also forced to the disk (fsync): survives a power loss */
        JOURNAL_FORCED,
        /** no journal; the job file saved after a simulation unless the last save was recent (the earlier rule) */
        SKIP_SAVES,
        /** no journal; the job file saved after every simulation */
        EVERY_SAVE
    }

    /** The system property that selects {@link Durability#JOURNAL_FORCED} ({@code -Daso.journal.fsync=true}). */
    static final String FSYNC_PROPERTY = "aso.journal.fsync";

    private final Job job;
    private final Durability durability;
    private RunJournal journal;
    private long lastSaveEnd;
    private long lastSaveDuration;
    private int failures;

    private RunRecorder(Job job, Durability durability) {
        this.job = job;
        this.durability = durability;
        this.failures = (int) job.results().candidates().stream().filter(Candidate::isFailed).count();
    }

    /** @return a recorder appending to {@code job}'s results (created if absent) */
    public static RunRecorder of(Job job) {
        return of(job, Boolean.getBoolean(FSYNC_PROPERTY) ? Durability.JOURNAL_FORCED : Durability.JOURNAL);
    }

    static RunRecorder of(Job job, Durability durability) {
        Objects.requireNonNull(job, "job").results();
        return new RunRecorder(job, Objects.requireNonNull(durability, "durability"));
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
     * @return the run's loss: {@code base} with the scales recorded in the results; {@code base} itself with one
     *         objective or before the first successful simulation (see {@link ObjectiveFunction})
     */
    public ObjectiveFunction objective(ObjectiveFunction base) {
        if (base.terms().size() < 2) {
            return base;
        }
        return job.results().scales().map(base::withScales).orElse(base);
    }

    /**
     * Simulates {@code s} with the run's loss ({@link #objective}). With several objectives the run's first
     * successful simulation (the start's) fixes the loss scales, which are recorded in the results, and its
     * evaluation is returned on them. Does not record the evaluation ({@link #record}).
     *
     * @param jacobian whether to simulate with Jacobians
     */
    public Evaluation evaluate(ObjectiveFunction base, Structure s, boolean jacobian, IProgressMonitor monitor)
            throws SimulationException {
        ObjectiveFunction f = objective(base);
        Evaluation e = jacobian ? f.evaluateWithJacobian(s, monitor) : f.evaluate(s, monitor);
        if (base.terms().size() >= 2 && f.scales().isEmpty() && !e.isFailed()) {
            ObjectiveFunction scaled = f.withScales(f.scalesFrom(e));
            job.results().setScales(scaled.scales().orElseThrow());
            e = scaled.rescaled(e, f);
        }
        return e;
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
     * Records one simulation and, if the job has a file, writes it to disk before returning.
     *
     * @throws RunWriteException if the journal or the job file cannot be written
     */
    public Candidate record(Phase phase, Evaluation e) {
        Results r = job.results();
        int grids = r.gridCount();
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
        if (job.file().isEmpty()) {
            return c;
        }
        boolean due = System.nanoTime() - lastSaveEnd >= SAVE_RATIO * lastSaveDuration;
        switch (durability) {
        case EVERY_SAVE -> save();
        case SKIP_SAVES -> {
            if (due) {
                save();
            }
        }
        case JOURNAL, JOURNAL_FORCED -> {
            // the journal records candidates only; the grids their spectra lie on go into the job file
            if (r.gridCount() != grids || due) {
                save();
            } else {
                append(c);
            }
        }
        }
        return c;
    }

    private void append(Candidate c) {
        Path file = RunJournal.fileOf(job.file().orElseThrow());
        try {
            if (journal == null) {
                journal = RunJournal.open(job, durability == Durability.JOURNAL_FORCED);
            }
            journal.append(c);
        } catch (IOException ex) {
            throw new RunWriteException(file, ex);
        }
    }

    /**
     * Saves the job now if it has a file, with every candidate (the journal is then emptied).
     *
     * @throws RunWriteException if the job file cannot be written
     */
    public void save() {
        if (job.file().isPresent()) {
            long t0 = System.nanoTime();
            try {
                job.save();
            } catch (IOException ex) {
                throw new RunWriteException(job.file().get(), ex);
            }
            try {
                if (journal != null) {
                    journal.clear();
                } else if (durability == Durability.JOURNAL || durability == Durability.JOURNAL_FORCED) {
                    Files.deleteIfExists(RunJournal.fileOf(job.file().get()));
                }
            } catch (IOException ex) {
                throw new RunWriteException(RunJournal.fileOf(job.file().get()), ex);
            }
            lastSaveEnd = System.nanoTime();
            lastSaveDuration = lastSaveEnd - t0;
        }
    }

    /** Closes the journal (if open); later records open it again. */
    void close() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                // every record was already written; closing cannot lose one
            }
            journal = null;
        }
    }

    /** The work of a runner between its start and its end. */
    interface Run {
        void run() throws SimulationException, SamplingException;
    }

    /** Saves the status that {@code cause} left; a failure to do so is added to it, not thrown instead of it. */
    private void saveAfter(Throwable cause) {
        try {
            save();
        } catch (RunWriteException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Runs {@code run} with the results' status running, then completed, cancelled (the job can be resumed) or failed
     * with the exception's message, saving the job at each change: the one life cycle of every runner.
     */
    Results track(Run run) throws SimulationException, SamplingException {
        try {
            results().setStatus(Status.RUNNING, null);
            save();
            try {
                run.run();
            } catch (OperationCanceledException e) {
                results().setStatus(Status.CANCELLED, "cancelled after " + count() + " simulations");
                saveAfter(e);
                throw e;
            } catch (RunWriteException e) {
                // the disk refused a write: the status cannot be saved either, and need not be (the journal holds all)
                results().setStatus(Status.FAILED, e.getMessage());
                throw e;
            } catch (SimulationException | SamplingException | RuntimeException | Error e) {
                results().setStatus(Status.FAILED, String.valueOf(e.getMessage()));
                saveAfter(e);
                throw e;
            }
            results().setStatus(Status.COMPLETED, null);
            save();
            return results();
        } finally {
            close();
        }
    }
}
