package org.activestructopt.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;

import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.preferences.UiPreferences;
import org.activestructopt.ui.internal.run.RunLauncher;
import org.activestructopt.ui.internal.run.RunSession;
import org.activestructopt.ui.internal.run.RunSessions;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.ui.PlatformUI;

/** Job files on the rutile fixture and runs started as the Run command starts them. */
public final class Runs {

    /** Start, target and signal of the fixture: rutile TiO2, 12 sites, PDF with qmax 25. */
    public static final Path START = Path.of("data", "rutile", "start.cif").toAbsolutePath();
    public static final Path TARGET = Path.of("data", "rutile", "target.nxs").toAbsolutePath();
    public static final String SIGNAL = "/entry/simulated/G";

    private Runs() {
    }

    /** @return a job refining the rutile start against its PDF with the PDF simulator (fast: milliseconds a call) */
    public static Job pdfJob(Method method, int budget, long seed) {
        Job job = Job.create().setName("rutile " + method + " " + budget).setMethod(method).setSeed(seed);
        job.start().setFile(START.toString());
        job.addObjective("pdf", TARGET.toString()).setSetting("qmax", "25").target().setSignal(SIGNAL);
        job.budget().setSimulations(budget).setInitial(1).setCalibration(0).setExploit(0);
        return job;
    }

    /**
     * Adds a second PDF objective whose simulator setting does not match how the target was made (qmax 8 against 25:
     * strong termination ripples) on a shorter range, so that its loss and the first disagree on what is best.
     */
    public static Objective addSecondPdfObjective(Job job) {
        Objective o = job.addObjective("pdf", TARGET.toString()).setSetting("qmax", "8").setWeight(0.5);
        o.target().setSignal(SIGNAL).setRange(1.5, 6);
        return o;
    }

    /** @return the job saved as {@code dir/name} */
    public static Path save(Job job, Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        job.saveAs(file);
        return file;
    }

    /** Sends runs into {@code dir} (the preference a user sets on the preference page). */
    public static void runsInto(Path dir) {
        InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).put(UiPreferences.RUNS_DIRECTORY_KEY, dir.toString());
    }

    /** Starts a job file as the Run command does and waits until it is the current session. */
    public static RunSession start(Path jobFile) {
        RunSession before = RunSessions.get().current().orElse(null);
        RunLauncher.run(jobFile, PlatformUI.getWorkbench().getWorkbenchWindows()[0].getShell());
        Ui.waitFor(() -> RunSessions.get().current().orElse(before) != before, "the run of " + jobFile + " to start");
        RunSession s = RunSessions.get().current().orElseThrow();
        assertNotNull(s);
        return s;
    }

    /** Waits until the session's run is over (events of the run delivered). */
    public static void awaitEnd(RunSession s) {
        Ui.waitFor(() -> !s.isRunning(), "the run of " + s.name() + " to end");
        Ui.settle();
    }
}
