package org.activestructopt.ui.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.convergence.ConvergenceModel;
import org.activestructopt.ui.internal.convergence.ConvergenceView;
import org.activestructopt.ui.tests.Runs;
import org.activestructopt.ui.tests.Ui;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run of the active-learning loop started from the workbench (the gnn surrogate service, DJL inside). */
class ActiveRunTest {

    @TempDir
    Path tmp;

    private IWorkbenchPage page;
    private ConvergenceView convergence;
    private Ui.RecordingReporter reporter;

    @BeforeEach
    void openViews() throws Exception {
        page = Ui.refinementPage();
        page.showView(AsoUi.CANDIDATES_VIEW_ID);
        convergence = (ConvergenceView) page.showView(AsoUi.CONVERGENCE_VIEW_ID);
        reporter = new Ui.RecordingReporter();
        RunSessions.get().setReporter(reporter);
        Runs.runsInto(tmp.resolve("runs"));
    }

    @AfterEach
    void stopRuns() {
        RunSessions.get().current().filter(RunSession::isRunning).ifPresent(s -> {
            s.stop();
            Runs.awaitEnd(s);
        });
    }

    /**
     * The active loop in the workbench, on the real PDF simulator and the gnn surrogate service (small, as in the
     * engine's own tests): the candidates of its four phases arrive in the views, and the Pareto front of the job
     * (one objective) is its best candidate.
     */
    @Test
    void theLoopsPhasesArriveInTheViewsAsTheyHappen() throws Exception {
        // the first shells on a 0.05 A grid (91 points), as in the engine's tests: a small surrogate learns it fast
        Path target = tmp.resolve("G-first-shells.dat");
        org.activestructopt.spectra.Spectrum g = NexusSpectra.read(Runs.TARGET, Runs.SIGNAL)
                .resample(org.activestructopt.spectra.Grid.uniform(1.5, 6.0, 0.05));
        StringBuilder columns = new StringBuilder("# r G\n");
        for (int i = 0; i < g.size(); i++) {
            columns.append(g.xArray()[i]).append(' ').append(g.yArray()[i]).append('\n');
        }
        Files.writeString(target, columns);
        Job job = Runs.pdfJob(Method.ACTIVE, 10, 4);
        job.objectives().get(0).target().setSignal(null).setFile(target.toString());
        job.budget().setInitial(6).setCalibration(2).setExploit(1);
        job.sampler().setSetting("rmin", "0.05").setSetting("rmax", "0.25");
        job.surrogate().setEnsembleSize(3).setSettings(java.util.Map.of("features", "8", "radial_basis", "16",
                "epochs", "60", "finetune_epochs", "10", "patience", "15", "batch_size", "8"));
        // the default acquisition search (many starts and steps) takes minutes per proposal on two shared cores
        job.optimiser().setPositionLearningRate(0.008);
        job.optimiser().explore().setStarts(4).setSteps(10);
        job.optimiser().exploit().setStarts(4).setSteps(10);
        RunSession session = Runs.start(Runs.save(job, tmp, "active.xmi"));
        List<Phase> seenWhileRunning = new ArrayList<>();
        Ui.waitFor(() -> {
            if (session.isRunning()) {
                session.records().forEach(r -> {
                    if (!seenWhileRunning.contains(r.phase())) {
                        seenWhileRunning.add(r.phase());
                    }
                });
            }
            return !session.isRunning();
        }, "the active run", 240_000);
        Ui.settle();
        assertTrue(reporter.statuses.isEmpty(), () -> "no error: " + reporter.statuses);
        assertEquals(Status.COMPLETED, session.status(), session.message().orElse(""));
        Results saved = Job.load(session.file()).results();
        assertEquals(saved.size(), session.records().size());
        List<Phase> phases = convergence.model().phases().stream().map(ConvergenceModel.PhaseSpan::phase).toList();
        assertEquals(List.of(Phase.INITIAL, Phase.CALIBRATION, Phase.EXPLORE, Phase.EXPLOIT), phases);
        for (int i = 0; i < saved.size(); i++) {
            assertEquals(saved.candidate(i).phase(), session.records().get(i).phase());
        }
        assertTrue(seenWhileRunning.contains(Phase.INITIAL), "rows arrived during the run: " + seenWhileRunning);
        assertEquals(saved.best().orElseThrow().loss(), session.best().orElseThrow().loss(), 0);
        Ui.screenshot(page.getWorkbenchWindow().getShell(), "active-run");
    }

}
