package org.activestructopt.ui.internal.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.swt.widgets.Display;

/**
 * One refinement run as the workbench shows it: the job (in its run directory), an immutable copy of every candidate
 * simulated so far, the targets, and the state of the run.
 * <p>
 * <b>Threads.</b> While a run is going, its EMF job belongs to the run's thread. An EMF adapter on the job's results
 * copies each candidate into a {@link CandidateRecord} on that thread, at the moment it is recorded, and queues it;
 * the queue is drained on the UI thread with {@code Display.asyncExec}, at most one drain pending at a time, so a
 * fast simulator delivers its candidates in batches instead of flooding the event loop. Everything else of this class
 * (records, state, listeners) is used on the UI thread only, and the UI never reads the EMF job while it runs.
 */
public final class RunSession {

    /** Observes a session; called on the UI thread. */
    public interface Listener {
        /** New candidates, in the order they were simulated, already in {@link #records()}. */
        default void candidatesAdded(RunSession session, List<CandidateRecord> added) {
        }

        /** Running or not, status, message, targets or start changed. */
        default void stateChanged(RunSession session) {
        }
    }

    /**
     * One objective of the job as the views label it.
     *
     * @param simulator registered simulator name, e.g. {@code pdf}
     * @param target    the target file as written in the job
     */
    public record ObjectiveInfo(String simulator, String target) {
        /** @return e.g. "pdf vs G.nxs" */
        public String label() {
            return simulator + " vs " + Path.of(target).getFileName();
        }
    }

    /** What the run's thread found out when it resolved the job. */
    record Resolved(List<Spectrum> targets, Structure start, Structure reference) {
    }

    /** The run's state as last reported. */
    record State(Status status, String message, boolean running) {
    }

    private final Job job;
    private final Path file;
    private final String name;
    private final Method method;
    private final int budget;
    private final List<ObjectiveInfo> objectives;
    private final List<CandidateRecord> records = new ArrayList<>();
    private final ListenerList<Listener> listeners = new ListenerList<>();
    private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final Display display;
    private List<Spectrum> targets = List.of();
    private Structure start;
    private Structure reference;
    private State state;
    private RefinementRun run;
    private int bestIndex = -1;

    private RunSession(Job job, Display display) {
        this.job = job;
        this.display = display;
        this.file = job.file().orElseThrow(() -> new IllegalArgumentException("the job has no file"));
        this.name = job.name().orElse(file.getParent() != null ? file.getParent().getFileName().toString()
                : file.getFileName().toString());
        this.method = job.method();
        this.budget = job.budget().simulations();
        this.objectives = job.objectives().stream().map(o -> new ObjectiveInfo(o.simulator(), o.target().file()))
                .toList();
        Results results = job.results();
        results.candidates().forEach(c -> append(CandidateRecord.of(c)));
        this.state = new State(results.status(), results.message().orElse(null), false);
        results.eObject().eAdapters().add(new Feed(results));
    }

    /**
     * Makes a session of a job that is not running, with the candidates it already holds. Call on the thread that
     * owns the job (e.g. the job that loaded it); afterwards only the session's runs touch it.
     *
     * @param job     a job with a file (its run directory)
     * @param display where listeners are called
     */
    public static RunSession of(Job job, Display display) {
        return new RunSession(Objects.requireNonNull(job, "job"), Objects.requireNonNull(display, "display"));
    }

    // ------------------------------------------------------------------ what the views read (UI thread)

    /** @return the job file (job.xmi in the run directory) */
    public Path file() {
        return file;
    }

    /** @return the job's name, or its directory's */
    public String name() {
        return name;
    }

    /** @return how the job is run */
    public Method method() {
        return method;
    }

    /** @return the budget of simulations */
    public int budget() {
        return budget;
    }

    /** @return the objectives in the job's order */
    public List<ObjectiveInfo> objectives() {
        return objectives;
    }

    /**
     * @return objective {@code i}'s label for tabs, columns and legends: "pdf vs G.nxs", numbered ("2: pdf vs G.nxs")
     *         when the job has several objectives, since two may share simulator and target
     */
    public String objectiveLabel(int i) {
        String label = objectives.get(i).label();
        return objectives.size() > 1 ? (i + 1) + ": " + label : label;
    }

    /** @return every candidate received so far, in order (unmodifiable) */
    public List<CandidateRecord> records() {
        return Collections.unmodifiableList(records);
    }

    /** @return the successful candidate with the lowest total loss */
    public Optional<CandidateRecord> best() {
        return bestIndex < 0 ? Optional.empty() : Optional.of(records.get(bestIndex));
    }

    /** @return the first successful candidate (the start structure for every method) */
    public Optional<CandidateRecord> firstSuccess() {
        return records.stream().filter(r -> !r.isFailed()).findFirst();
    }

    /** @return the targets as the run resolved them (cut to the fit ranges); empty until a run resolved the job */
    public List<Spectrum> targets() {
        return targets;
    }

    /** @return the start structure, once a run resolved the job */
    public Optional<Structure> startStructure() {
        return Optional.ofNullable(start);
    }

    /** @return the job's reference (true) structure, when it names one and a run resolved the job */
    public Optional<Structure> referenceStructure() {
        return Optional.ofNullable(reference);
    }

    /** @return the status last written by the run */
    public Status status() {
        return state.status();
    }

    /** @return the message of the status (e.g. why the run failed) */
    public Optional<String> message() {
        return Optional.ofNullable(state.message());
    }

    /** @return whether a run of this session is going */
    public boolean isRunning() {
        return state.running();
    }

    /** @return whether the run can be continued: not running, and stopped before it completed its budget */
    public boolean canResume() {
        return !isRunning() && state.status() != Status.COMPLETED;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    // ------------------------------------------------------------------ running

    /**
     * Starts (or resumes) the run as an Eclipse job.
     *
     * @return the scheduled job
     * @throws IllegalStateException if the session is already running
     */
    public RefinementRun start() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running");
        }
        run = new RefinementRun(this, job);
        state = new State(Status.RUNNING, null, true);
        fireState();
        run.schedule();
        return run;
    }

    /** Asks the run to stop after the simulation in progress; the job stays resumable. */
    public void stop() {
        if (run != null) {
            run.cancel();
        }
    }

    /** @return the current or last run, if any */
    public Optional<RefinementRun> run() {
        return Optional.ofNullable(run);
    }

    // ------------------------------------------------------------------ from the run's thread

    /** Queues the targets, start and reference (null: none) structures the run resolved. Any thread. */
    void resolved(List<Spectrum> resolvedTargets, Structure startStructure, Structure referenceStructure) {
        post(new Resolved(List.copyOf(resolvedTargets), startStructure, referenceStructure));
    }

    /** Queues the end of a run. Any thread. */
    void finished(Status status, String message) {
        post(new State(status, message, false));
    }

    /** Copies candidates and status changes the moment the engine writes them, on the engine's thread. */
    private final class Feed extends AdapterImpl {
        private final Results results;
        private final EStructuralFeature candidates;
        private final EStructuralFeature status;
        private final EStructuralFeature message;

        Feed(Results results) {
            this.results = results;
            var c = results.eObject().eClass();
            this.candidates = c.getEStructuralFeature("candidates");
            this.status = c.getEStructuralFeature("status");
            this.message = c.getEStructuralFeature("message");
        }

        @Override
        public void notifyChanged(Notification n) {
            if (n.getFeature() == candidates && n.getEventType() == Notification.ADD) {
                post(CandidateRecord.of(results.candidate(n.getPosition())));
            } else if (n.getFeature() == candidates && n.getEventType() == Notification.ADD_MANY) {
                @SuppressWarnings("unchecked")
                int count = ((List<Object>) n.getNewValue()).size();
                for (int i = 0; i < count; i++) {
                    post(CandidateRecord.of(results.candidate(n.getPosition() + i)));
                }
            } else if (n.getFeature() == status || n.getFeature() == message) {
                post(new State(results.status(), results.message().orElse(null), true));
            }
        }
    }

    private void post(Object event) {
        inbox.add(event);
        if (drainPending.compareAndSet(false, true) && !display.isDisposed()) {
            display.asyncExec(this::drain);
        }
    }

    /** Applies everything queued, in order, batching consecutive candidates into one notification. */
    private void drain() {
        drainPending.set(false);
        List<CandidateRecord> batch = new ArrayList<>();
        Object e;
        while ((e = inbox.poll()) != null) {
            if (e instanceof CandidateRecord r) {
                append(r);
                batch.add(r);
                continue;
            }
            fireAdded(batch);
            batch = new ArrayList<>();
            if (e instanceof Resolved r) {
                targets = r.targets();
                start = r.start();
                reference = r.reference();
            } else if (e instanceof State s) {
                state = s;
            }
            fireState();
        }
        fireAdded(batch);
    }

    private void append(CandidateRecord r) {
        records.add(r);
        if (!r.isFailed() && (bestIndex < 0 || r.loss() < records.get(bestIndex).loss())) {
            bestIndex = records.size() - 1;
        }
    }

    private void fireAdded(List<CandidateRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<CandidateRecord> added = Collections.unmodifiableList(batch);
        for (Listener l : listeners) {
            l.candidatesAdded(this, added);
        }
    }

    private void fireState() {
        for (Listener l : listeners) {
            l.stateChanged(this);
        }
    }

    @Override
    public String toString() {
        return "RunSession[" + name + ", " + records.size() + "/" + budget + ", " + state.status()
                + (isRunning() ? ", running" : "") + "]";
    }
}
