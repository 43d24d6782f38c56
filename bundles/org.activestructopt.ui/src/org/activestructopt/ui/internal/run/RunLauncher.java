package org.activestructopt.ui.internal.run;

import java.nio.file.Path;
import java.util.Objects;

import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.ui.internal.BackgroundLoad;
import org.activestructopt.ui.internal.preferences.UiPreferences;
import org.eclipse.swt.widgets.Control;
import org.osgi.framework.FrameworkUtil;

/**
 * Starts runs and opens finished ones, reading and copying job files in the background; failures (a malformed job, a
 * missing target, an unreadable file) are reported through {@link RunSessions#report} with the file, line and field.
 */
public final class RunLauncher {

    private RunLauncher() {
    }

    /**
     * Copies a job file into a new run directory (under the preferences' run directory), makes it the current
     * session and starts it.
     *
     * @param owner a widget of the window (its display receives the outcome)
     * @return the background job that prepares the run
     */
    public static org.eclipse.core.runtime.jobs.Job run(Path jobFile, Control owner) {
        Objects.requireNonNull(jobFile, "jobFile");
        Path root = UiPreferences.runsDirectory();
        return BackgroundLoad.start("Preparing " + jobFile.getFileName(), owner, monitor -> {
            Job job = RunDirectories.prepare(jobFile, root);
            return RunSession.of(job, owner.getDisplay());
        }, session -> {
            RunSessions.get().show(session);
            session.start();
        }, reason -> RunSessions.get().report("Cannot run " + jobFile.getFileName(), reason));
    }

    /**
     * Opens a job file with results (e.g. a run directory's job.xmi) as the current session, without running it.
     *
     * @return the background job that reads it
     */
    public static org.eclipse.core.runtime.jobs.Job open(Path jobFile, Control owner) {
        return BackgroundLoad.start("Reading " + jobFile.getFileName(), owner, monitor -> {
            Job job = Job.load(jobFile);
            RunSession session = RunSession.of(job, owner.getDisplay());
            try (SimulatorRegistry registry = SimulatorRegistry.open(
                    FrameworkUtil.getBundle(RunLauncher.class).getBundleContext())) {
                RefinementRun.resolve(session, job, registry);
            } catch (JobFormatException e) {
                // the results are worth showing even when a target moved or a simulator is gone; the run says why
                session.finished(session.status(), "targets not shown: " + e.getMessage());
            }
            return session;
        }, RunSessions.get()::show, reason -> RunSessions.get().report("Cannot open " + jobFile.getFileName(), reason));
    }
}
