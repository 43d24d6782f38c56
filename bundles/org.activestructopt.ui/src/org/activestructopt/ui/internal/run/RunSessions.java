package org.activestructopt.ui.internal.run;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.refinement.model.Status;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.ProblemReporter;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

/**
 * The run the workbench shows: the candidates, convergence, spectra and structure views all follow the current
 * {@link RunSession}. Opening a run directory or starting a run makes it current. When a run of the current session
 * fails, the reason is reported once (a dialog by default). Use on the UI thread only.
 */
public final class RunSessions {

    /** Observes the current session: which one it is, and what happens in it. */
    public interface Listener extends RunSession.Listener {
        /** Another session became current (never null). */
        void sessionChanged(RunSession session);
    }

    private static RunSessions instance;

    private final ListenerList<Listener> listeners = new ListenerList<>();
    private final RunSession.Listener forward = new RunSession.Listener() {
        @Override
        public void candidatesAdded(RunSession session, List<CandidateRecord> added) {
            for (Listener l : listeners) {
                l.candidatesAdded(session, added);
            }
        }

        @Override
        public void stateChanged(RunSession session) {
            reportFailure(session);
            for (Listener l : listeners) {
                l.stateChanged(session);
            }
        }
    };
    private RunSession current;
    private ProblemReporter reporter = ProblemReporter.DIALOG;
    private Status lastReported;

    private RunSessions() {
    }

    /** @return the workbench's sessions */
    public static RunSessions get() {
        if (instance == null) {
            instance = new RunSessions();
        }
        return instance;
    }

    /** @return the session the views show */
    public Optional<RunSession> current() {
        return Optional.ofNullable(current);
    }

    /** Makes a session current (the views switch to it). */
    public void show(RunSession session) {
        Objects.requireNonNull(session, "session");
        if (session == current) {
            return;
        }
        if (current != null) {
            current.removeListener(forward);
        }
        current = session;
        lastReported = session.status() == Status.FAILED ? Status.FAILED : null;
        session.addListener(forward);
        for (Listener l : listeners) {
            l.sessionChanged(session);
        }
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Replaces the error dialog (tests observe the reports). */
    public void setReporter(ProblemReporter reporter) {
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /** @return the reporter used for failed runs and refused commands */
    public ProblemReporter reporter() {
        return reporter;
    }

    /** Reports a problem of a run command to the user. */
    public void report(String title, String problem) {
        reporter.report(shell(), title, new org.eclipse.core.runtime.Status(IStatus.ERROR, AsoUi.PLUGIN_ID,
                problem));
    }

    private void reportFailure(RunSession session) {
        if (session.isRunning() || session.status() != Status.FAILED) {
            lastReported = session.isRunning() ? null : lastReported;
            return;
        }
        if (lastReported != Status.FAILED) {
            lastReported = Status.FAILED;
            report("Refinement failed", session.name() + ": " + session.message().orElse("failed"));
        }
    }

    private static org.eclipse.swt.widgets.Shell shell() {
        Display d = PlatformUI.getWorkbench().getDisplay();
        return d.getActiveShell() != null ? d.getActiveShell()
                : PlatformUI.getWorkbench().getWorkbenchWindows().length > 0
                        ? PlatformUI.getWorkbench().getWorkbenchWindows()[0].getShell()
                        : null;
    }
}
