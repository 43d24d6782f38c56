package org.activestructopt.ui.internal.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.activestructopt.refinement.Metrics;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.CifReader;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.candidates.CandidatesView;
import org.activestructopt.ui.internal.convergence.ConvergenceModel;
import org.activestructopt.ui.internal.convergence.ConvergenceView;
import org.activestructopt.ui.internal.spectra.Curve;
import org.activestructopt.ui.internal.spectra.SpectraView;
import org.activestructopt.ui.internal.structure.StructurePanel;
import org.activestructopt.ui.internal.structure.StructureView;
import org.activestructopt.ui.tests.Runs;
import org.activestructopt.ui.tests.Ui;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real refinements (rutile against its PDF, on the PDF simulator service) from job files as the Run command
 * does, and checks what the run views show against the job file the engine wrote.
 */
class RunViewsTest {

    @TempDir
    Path tmp;

    private IWorkbenchPage page;
    private CandidatesView candidates;
    private ConvergenceView convergence;
    private Ui.RecordingReporter reporter;

    @BeforeEach
    void openViews() throws Exception {
        page = Ui.refinementPage();
        candidates = (CandidatesView) page.showView(AsoUi.CANDIDATES_VIEW_ID);
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

    @Test
    void aShortRunFillsTheTableAndTheConvergencePlotWithWhatTheEngineSaved() throws Exception {
        Path jobFile = Runs.save(Runs.pdfJob(Method.RMC, 25, 3), tmp, "rmc.xmi");
        RunSession session = Runs.start(jobFile);
        assertTrue(session.file().startsWith(tmp.resolve("runs")), "the run has its own directory: "
                + session.file());
        Runs.awaitEnd(session);
        assertTrue(reporter.statuses.isEmpty(), () -> "no error: " + reporter.statuses);
        assertEquals(Status.COMPLETED, session.status());

        // the engine's own record of the run, read back from disk
        Results saved = Job.load(session.file()).results();
        assertEquals(Status.COMPLETED, saved.status());
        assertEquals(25, saved.size());
        List<Candidate> truth = saved.candidates();

        assertEquals(25, candidates.viewer().getTable().getItemCount());
        List<CandidateRecord> rows = candidates.rowsInOrder();
        for (int i = 0; i < truth.size(); i++) {
            CandidateRecord r = rows.get(i);
            assertEquals(i, r.index(), "rows in simulation order");
            assertEquals(truth.get(i).loss(), r.loss(), 0, "loss of #" + (i + 1));
            assertEquals(truth.get(i).phase(), r.phase());
            assertTrue(r.structure().approxEquals(truth.get(i).structure(), 1e-9), "structure of #" + (i + 1));
            TableItem item = candidates.viewer().getTable().getItem(i);
            assertEquals(Integer.toString(i + 1), item.getText(0));
            assertEquals(String.format(java.util.Locale.ROOT, "%.4g", truth.get(i).loss()), item.getText(2));
        }
        Candidate best = saved.best().orElseThrow();
        Font bestFont = candidates.viewer().getTable().getItem(best.index()).getFont(2);
        assertTrue((bestFont.getFontData()[0].getStyle() & SWT.BOLD) != 0, "the best row is bold");
        assertTrue(candidates.headerText().contains("25/25 simulations"), candidates.headerText());

        ConvergenceModel m = convergence.model();
        assertArrayEquals(Metrics.bestSoFar(saved), m.bestSoFar().y(), 0);
        assertEquals(List.of(new ConvergenceModel.PhaseSpan(Phase.BASELINE, 1, 25)), m.phases());
        ISeries<?> bestSeries = convergence.historyChart().getSeriesSet().getSeries(ConvergenceView.BEST);
        assertArrayEquals(Metrics.bestSoFar(saved), bestSeries.getYSeries(), 0);
        assertTrue(convergence.historyChart().getAxisSet().getYAxis(0).isLogScaleEnabled(), "log loss axis");
        assertTrue(convergence.headerText().contains("25/25"), convergence.headerText());

        // the spectra view follows the run: target of the job, start and best of the candidates
        SpectraView spectra = (SpectraView) page.findView(AsoUi.SPECTRA_VIEW_ID);
        assertArrayEquals(NexusSpectra.read(Runs.TARGET, Runs.SIGNAL).yArray(),
                spectra.model().get(Curve.TARGET).orElseThrow().yArray(), 0);
        assertArrayEquals(best.spectrum(0).yArray(), spectra.model().get(Curve.BEST).orElseThrow().yArray(), 0);
        assertEquals("r (Å)", spectra.chart().getAxisSet().getXAxis(0).getTitle().getText());

        Ui.screenshot(page.getWorkbenchWindow().getShell(), "run-perspective");
        Ui.screenshot(candidates.viewer().getControl().getParent(), "candidates");
        Ui.screenshot(convergence.historyChart().getParent(), "convergence");
    }

    @Test
    void twoObjectivesGiveLossColumnsEachAParetoFrontAndOneSpectraTabEach() throws Exception {
        Job job = Runs.pdfJob(Method.RANDOM, 40, 6);
        Runs.addSecondPdfObjective(job);
        RunSession session = Runs.start(Runs.save(job, tmp, "two.xmi"));
        Runs.awaitEnd(session);
        assertTrue(reporter.statuses.isEmpty(), () -> "no error: " + reporter.statuses);
        List<String> headers = new ArrayList<>();
        for (var c : candidates.viewer().getTable().getColumns()) {
            headers.add(c.getText());
        }
        assertEquals(List.of("#", "Phase", "Loss 1 (pdf)", "Loss 2 (pdf)", "Total", "Time (s)", "Status"), headers);
        CandidateRecord r = session.records().get(0);
        assertEquals(r.loss(), r.loss(0) + r.loss(1), 1e-12 * r.loss(), "total = sum of weighted losses");

        assertNotNull(convergence.paretoChart(), "a Pareto tab for two objectives");
        convergence.showPareto(true);
        Ui.settle();
        ConvergenceModel.Points front = convergence.model().paretoFront(0, 1);
        ISeries<?> plotted = convergence.paretoChart().getSeriesSet().getSeries(ConvergenceView.FRONT);
        assertArrayEquals(front.x(), plotted.getXSeries(), 0);
        assertArrayEquals(front.y(), plotted.getYSeries(), 0);
        // with two objectives the plotted front is the engine's Pareto front of the run
        List<List<Double>> engine = new ArrayList<>();
        for (Candidate c : Metrics.paretoFront(Job.load(session.file()).results())) {
            engine.add(List.of(c.losses()[0], c.losses()[1]));
        }
        List<List<Double>> plottedPoints = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            plottedPoints.add(List.of(front.x()[i], front.y()[i]));
        }
        assertEquals(new java.util.HashSet<>(engine), new java.util.HashSet<>(plottedPoints));
        page.setPartState(page.getReference(convergence), IWorkbenchPage.STATE_MAXIMIZED);
        Ui.screenshot(convergence.paretoChart().getParent(), "convergence-pareto");
        page.setPartState(page.getReference(convergence), IWorkbenchPage.STATE_RESTORED);
        convergence.showPareto(false);

        SpectraView spectra = (SpectraView) page.findView(AsoUi.SPECTRA_VIEW_ID);
        spectra.setObjective(1);
        Ui.settle();
        double[] x = spectra.model().get(Curve.TARGET).orElseThrow().xArray();
        assertTrue(x[0] >= 1.5 && x[x.length - 1] <= 6, "objective 2's target is cut to its fit range");
        assertArrayEquals(session.best().orElseThrow().spectra().get(1).yArray(),
                spectra.model().get(Curve.BEST).orElseThrow().yArray(), 0);
        Ui.screenshot(spectra.chart().getParent(), "spectra-second-objective");
        spectra.setObjective(0);
    }

    @Test
    void candidatesArriveWhileTheRunGoes() throws Exception {
        Path jobFile = Runs.save(Runs.pdfJob(Method.RANDOM, 300, 5), tmp, "random.xmi");
        List<Integer> seenWhileRunning = new ArrayList<>();
        RunSessions.Listener watch = new RunSessions.Listener() {
            @Override
            public void sessionChanged(RunSession s) {
            }

            @Override
            public void candidatesAdded(RunSession s, List<CandidateRecord> added) {
                if (s.isRunning()) {
                    seenWhileRunning.add(candidates.viewer().getTable().getItemCount());
                }
            }
        };
        RunSessions.get().addListener(watch);
        try {
            RunSession session = Runs.start(jobFile);
            Runs.awaitEnd(session);
            assertEquals(300, session.records().size());
        } finally {
            RunSessions.get().removeListener(watch);
        }
        assertTrue(seenWhileRunning.size() >= 2, "several batches of rows arrived during the run: "
                + seenWhileRunning);
        assertTrue(seenWhileRunning.get(0) < 300, "the table filled before the end: " + seenWhileRunning);
        for (int i = 1; i < seenWhileRunning.size(); i++) {
            assertTrue(seenWhileRunning.get(i) >= seenWhileRunning.get(i - 1), "rows only grow");
        }
    }

    @Test
    void stopLeavesAResumableRunAndResumeFinishesItWithoutRepeatingSimulations() throws Exception {
        Path jobFile = Runs.save(Runs.pdfJob(Method.RANDOM, 400, 11), tmp, "long.xmi");
        RunSession session = Runs.start(jobFile);
        Ui.waitFor(() -> session.records().size() >= 5, "five candidates");
        session.stop();
        Runs.awaitEnd(session);
        assertEquals(Status.CANCELLED, session.status());
        int done = session.records().size();
        assertTrue(done >= 5 && done < 400, "stopped early: " + done);
        assertTrue(session.canResume());
        Results saved = Job.load(session.file()).results();
        assertEquals(Status.CANCELLED, saved.status(), "the job file says so too");
        assertEquals(done, saved.size(), "every simulation shown is in the file");
        assertTrue(session.message().orElse("").contains("Resume"), session.message().orElse(""));

        List<CandidateRecord> before = List.copyOf(session.records());
        new RunHandlers.Resume().execute(null);
        Runs.awaitEnd(session);
        assertTrue(reporter.statuses.isEmpty(), () -> "no error: " + reporter.statuses);
        assertEquals(Status.COMPLETED, session.status());
        assertEquals(400, session.records().size());
        assertEquals(before, session.records().subList(0, done), "the first simulations were kept, not redone");
        for (int i = 0; i < 400; i++) {
            assertEquals(i, session.records().get(i).index());
        }
        assertEquals(400, Job.load(session.file()).results().size());
    }

    @Test
    void selectingARowShowsThatCandidateAndItExportsAsCif() throws Exception {
        RunSession session = Runs.start(Runs.save(Runs.pdfJob(Method.RANDOM, 12, 2), tmp, "r.xmi"));
        Runs.awaitEnd(session);
        CandidateRecord pick = session.records().get(7);
        candidates.select(List.of(pick));
        Ui.settle();
        SpectraView spectra = (SpectraView) page.findView(AsoUi.SPECTRA_VIEW_ID);
        assertArrayEquals(pick.spectra().get(0).yArray(), spectra.model().get(Curve.SELECTED).orElseThrow().yArray(),
                0);
        StructureView structure = (StructureView) page.findView(AsoUi.STRUCTURE_VIEW_ID);
        assertEquals(pick, structure.shownCandidate());
        assertTrue(structure.structure().approxEquals(pick.structure(), 1e-12));
        Ui.screenshot(spectra.chart().getParent(), "spectra-selected-candidate");

        Path cif = tmp.resolve("pick.cif");
        CandidatesView.exportCif(candidates.selected(), cif);
        Structure back = CifReader.defaults().read(cif);
        assertTrue(back.approxEquals(pick.structure(), 1e-5), "CIF round trip");

        candidates.select(session.records().subList(0, 3));
        List<Path> files = CandidatesView.exportCif(candidates.selected(), tmp.resolve("three"));
        assertEquals(List.of("candidate-0001.cif", "candidate-0002.cif", "candidate-0003.cif"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < 3; i++) {
            assertTrue(CifReader.defaults().read(files.get(i)).approxEquals(session.records().get(i).structure(),
                    1e-5));
        }
    }

    @Test
    void theStructureViewShowsStartTargetAndBestSideBySideAndTurnsThemTogether() throws Exception {
        Job job = Runs.pdfJob(Method.RMC, 20, 5);
        Path target = Path.of("data", "rutile", "target.cif").toAbsolutePath();
        job.referenceOrCreate().setFile(target.toString());
        RunSession session = Runs.start(Runs.save(job, tmp, "ref.xmi"));
        Runs.awaitEnd(session);
        Ui.settle();
        StructureView view = (StructureView) page.showView(AsoUi.STRUCTURE_VIEW_ID);
        Ui.settle();
        StructurePanel start = view.panel(StructurePanel.Role.START);
        StructurePanel reference = view.panel(StructurePanel.Role.REFERENCE);
        StructurePanel best = view.panel(StructurePanel.Role.SHOWN);
        assertTrue(start.structure().approxEquals(CifReader.defaults().read(Runs.START), 1e-9), "start panel");
        assertTrue(reference.structure().approxEquals(CifReader.defaults().read(target), 1e-9), "target panel");
        CandidateRecord b = session.best().orElseThrow();
        assertTrue(best.structure().approxEquals(b.structure(), 1e-12), "best panel");
        assertEquals("target (reference)", reference.title());
        assertTrue(best.title().startsWith("best " + b.label()), best.title());
        int xs = start.control().getLocation().x;
        int xr = reference.control().getLocation().x;
        int xb = best.control().getLocation().x;
        assertTrue(xs < xr && xr < xb, "left to right: start, target, candidate: " + xs + ", " + xr + ", " + xb);
        assertTrue(start.control().getSize().x > 50, "each panel has room: " + start.control().getSize());

        // the histogram has one line per structure; start and target differ in their Ti-O distances
        ISeries<?>[] lines = view.histogramChart().getSeriesSet().getSeries();
        assertEquals(List.of("candidate", "start", "target"),
                java.util.Arrays.stream(lines).map(ISeries::getId).toList());
        assertArrayEquals(view.histogram().counts(), java.util.Arrays.stream(lines[0].getYSeries())
                .limit(view.histogram().counts().length).mapToInt(y -> (int) y).toArray());
        assertFalse(java.util.Arrays.equals(lines[1].getYSeries(), lines[2].getYSeries()),
                "start and target histograms differ");

        // the pictures turn together
        view.canvas().rotate(0.4, -0.2);
        assertArrayEquals(view.canvas().rotation(), start.canvas().rotation(), 0);
        assertArrayEquals(view.canvas().rotation(), reference.canvas().rotation(), 0);
        Ui.screenshot(view.panelRow().getParent().getParent(), "structure-start-target-best");
        view.canvas().resetView();
        assertArrayEquals(view.canvas().rotation(), start.canvas().rotation(), 0);
    }

    @Test
    void openingARunShowsItsCandidatesAndTargetAndResumeContinuesIt() throws Exception {
        RunSession first = Runs.start(Runs.save(Runs.pdfJob(Method.RANDOM, 60, 9), tmp, "o.xmi"));
        Ui.waitFor(() -> first.records().size() >= 3, "three candidates");
        first.stop();
        Runs.awaitEnd(first);
        int done = first.records().size();

        RunLauncher.open(first.file(), page.getWorkbenchWindow().getShell());
        Ui.waitFor(() -> RunSessions.get().current().orElse(first) != first, "the run to open");
        Ui.settle();
        RunSession opened = RunSessions.get().current().orElseThrow();
        assertEquals(first.file(), opened.file());
        assertEquals(done, opened.records().size());
        for (int i = 0; i < done; i++) {
            assertEquals(first.records().get(i).loss(), opened.records().get(i).loss(), 0);
        }
        assertEquals(done, candidates.viewer().getTable().getItemCount());
        assertEquals(1, opened.targets().size(), "the target was read for the spectra view");
        SpectraView spectra = (SpectraView) page.findView(AsoUi.SPECTRA_VIEW_ID);
        assertTrue(spectra.model().get(Curve.TARGET).isPresent());
        assertTrue(opened.canResume());
        opened.start();
        Runs.awaitEnd(opened);
        assertEquals(Status.COMPLETED, opened.status());
        assertEquals(60, opened.records().size());
        assertEquals(60, candidates.viewer().getTable().getItemCount());
    }

    /**
     * A results file as the active loop writes it (initial, calibration, explore, exploit), made with the model's API:
     * the convergence view shades and names each phase where the budget puts it.
     */
    @Test
    void thePhasesOfAnActiveRunAreShadedWhereTheBudgetPutsThem() throws Exception {
        Job job = Runs.pdfJob(Method.ACTIVE, 40, 1);
        job.budget().setInitial(6).setCalibration(8).setExploit(10);
        Structure start = CifReader.defaults().read(Runs.START);
        double[] x = {1, 2, 3};
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < 40; i++) {
            Phase phase = job.budget().phaseOf(i);
            if (i == 17) {
                job.results().addFailure(phase, start, "INVALID_STRUCTURE", "atoms 3 and 7 are 0.4 A apart", 0.01);
                continue;
            }
            double loss = Math.exp(-i / 8.0) * (0.5 + rng.nextDouble());
            job.results().add(phase, start, List.of(org.activestructopt.spectra.Spectrum.of(
                    org.activestructopt.spectra.SpectrumKind.PDF, x, new double[] {loss, 0, -loss})),
                    new double[] {loss}, loss, 0.01);
        }
        job.results().setStatus(Status.COMPLETED, null);
        Path file = Runs.save(job, tmp, "active.xmi");
        RunSession before = RunSessions.get().current().orElse(null);
        RunLauncher.open(file, page.getWorkbenchWindow().getShell());
        Ui.waitFor(() -> RunSessions.get().current().orElse(before) != before, "the run to open");
        Ui.settle();
        assertEquals(List.of(new ConvergenceModel.PhaseSpan(Phase.INITIAL, 1, 6),
                new ConvergenceModel.PhaseSpan(Phase.CALIBRATION, 7, 14),
                new ConvergenceModel.PhaseSpan(Phase.EXPLORE, 15, 30),
                new ConvergenceModel.PhaseSpan(Phase.EXPLOIT, 31, 40)), convergence.model().phases());
        assertEquals(39, convergence.model().losses().size(), "the failure has no loss");
        assertTrue(candidates.rowsInOrder().get(17).statusText().contains("0.4 A apart"));
        assertEquals("INVALID_STRUCTURE: atoms 3 and 7 are 0.4 A apart",
                candidates.viewer().getTable().getItem(17).getText(4));
        page.setPartState(page.getReference(convergence), IWorkbenchPage.STATE_MAXIMIZED);
        Ui.screenshot(convergence.historyChart().getParent(), "convergence-active-phases");
        page.setPartState(page.getReference(convergence), IWorkbenchPage.STATE_RESTORED);
        candidates.viewer().reveal(candidates.rowsInOrder().get(17));
        Ui.screenshot(candidates.viewer().getControl().getParent(), "candidates-with-failure");
    }

    @Test
    void sortingByLossPutsTheBestFirstAndFailuresLast() throws Exception {
        RunSession session = Runs.start(Runs.save(Runs.pdfJob(Method.RANDOM, 20, 4), tmp, "s.xmi"));
        Runs.awaitEnd(session);
        candidates.sortBy(2);
        List<CandidateRecord> ascending = candidates.rowsInOrder();
        List<CandidateRecord> expected = new ArrayList<>(session.records());
        expected.sort(Comparator.comparingDouble(r -> Double.isNaN(r.loss()) ? Double.POSITIVE_INFINITY : r.loss()));
        assertEquals(expected, ascending);
        assertEquals(session.best().orElseThrow(), ascending.get(0));
        candidates.sortBy(2);
        List<CandidateRecord> descending = candidates.rowsInOrder();
        assertEquals(session.best().orElseThrow(), descending.get(descending.size() - 1));
        candidates.sortBy(0);
    }

    @Test
    void exportResultsWritesBestCifNexusAndTable() throws Exception {
        RunSession session = Runs.start(Runs.save(Runs.pdfJob(Method.RMC, 15, 8), tmp, "e.xmi"));
        Runs.awaitEnd(session);
        Path out = tmp.resolve("export");
        List<Path> files = ResultsExport.write(session, out);
        assertEquals(ResultsExport.FILES, files.stream().map(p -> p.getFileName().toString()).toList());
        CandidateRecord best = session.best().orElseThrow();
        assertTrue(CifReader.defaults().read(out.resolve("best.cif")).approxEquals(best.structure(), 1e-5));
        assertArrayEquals(best.spectra().get(0).yArray(),
                NexusSpectra.read(out.resolve("result.nxs"), "/entry/best/G").yArray(), 1e-12);
        List<String> csv = Files.readAllLines(out.resolve("candidates.csv"));
        assertEquals("simulation,phase,loss_pdf,total,seconds,status", csv.get(0));
        assertEquals(16, csv.size());
        String[] bestRow = csv.get(best.index() + 1).split(",");
        assertEquals(best.loss(), Double.parseDouble(bestRow[3]), 0);
    }

    @Test
    void aJobWithoutTargetIsRefusedWithTheFieldNamed() throws Exception {
        Job job = Runs.pdfJob(Method.RANDOM, 5, 1);
        job.objectives().get(0).target().setFile("");
        Path file = Runs.save(job, tmp, "no-target.xmi");
        RunSession before = RunSessions.get().current().orElse(null);
        RunLauncher.run(file, page.getWorkbenchWindow().getShell());
        Ui.settle();
        assertEquals(1, reporter.statuses.size(), () -> "one report: " + reporter.statuses);
        String message = reporter.statuses.get(0).getMessage();
        assertTrue(message.contains("objectives[0]/target/file") && message.contains("missing"), message);
        assertTrue(message.contains("no-target.xmi"), message);
        assertEquals(before, RunSessions.get().current().orElse(null), "no session was started");
        assertFalse(Files.exists(tmp.resolve("runs")) && Files.list(tmp.resolve("runs")).findAny().isPresent(),
                "no run directory was made");
    }

    @Test
    void aCorruptNexusTargetFailsTheRunWithTheFileNamed() throws Exception {
        Job job = Runs.pdfJob(Method.RANDOM, 5, 1);
        Path corrupt = Path.of("data", "truncated_header.nxs").toAbsolutePath();
        job.objectives().get(0).target().setFile(corrupt.toString());
        RunSession session = Runs.start(Runs.save(job, tmp, "corrupt.xmi"));
        Runs.awaitEnd(session);
        assertEquals(Status.FAILED, session.status());
        assertEquals(1, reporter.statuses.size(), () -> "reported once: " + reporter.statuses);
        String message = reporter.statuses.get(0).getMessage();
        assertTrue(message.contains("truncated_header.nxs"), message);
        assertEquals(0, session.records().size());
        assertNotNull(candidates.viewer().getTable());
    }

    @Test
    void aMissingFeffExecutableFailsTheRunWithTheReason() throws Exception {
        Job job = Runs.pdfJob(Method.RANDOM, 3, 1);
        job.removeObjective(0);
        job.addObjective("exafs", Path.of("data", "several.nxs").toAbsolutePath().toString())
                .setSetting("absorber", "Ti").setSetting("executable", tmp.resolve("no-such-feff").toString())
                .target().setSignal("/exafs/chik/chi");
        RunSession session = Runs.start(Runs.save(job, tmp, "feff.xmi"));
        Runs.awaitEnd(session);
        assertEquals(Status.FAILED, session.status());
        assertEquals(1, reporter.statuses.size(), () -> "reported once: " + reporter.statuses);
        String message = reporter.statuses.get(0).getMessage();
        assertTrue(message.contains("FEFF executable not found") && message.contains("no-such-feff"), message);
        Ui.screenshot(convergence.historyChart().getParent().getParent(), "convergence-failed-run");
    }
}
