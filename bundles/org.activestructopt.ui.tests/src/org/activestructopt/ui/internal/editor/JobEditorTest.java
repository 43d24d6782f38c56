package org.activestructopt.ui.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.nexus.SpectrumRef;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.run.RunSession;
import org.activestructopt.ui.internal.run.RunSessions;
import org.activestructopt.ui.tests.Runs;
import org.activestructopt.ui.tests.Ui;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

class JobEditorTest {

    @TempDir
    Path tmp;

    private IWorkbenchPage page;
    private Ui.RecordingReporter reporter;

    @BeforeEach
    void page() throws Exception {
        page = Ui.refinementPage();
        reporter = new Ui.RecordingReporter();
        RunSessions.get().setReporter(reporter);
        Runs.runsInto(tmp.resolve("runs"));
    }

    @AfterEach
    void closeEditors() {
        page.closeAllEditors(false);
        Ui.settle();
    }

    private JobEditor open(Path file) throws Exception {
        IEditorPart part = JobHandlers.open(page, file);
        Ui.settle();
        JobEditor editor = assertInstanceOf(JobEditor.class, part);
        editor.setProblemReporter(reporter);
        return editor;
    }

    private JobEditor openTemplate(String name) throws Exception {
        JobTemplate t = JobTemplates.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        Path file = tmp.resolve("job.xmi");
        JobTemplates.create(t, file);
        return open(file);
    }

    @Test
    void theSimulatorListIsTheRegisteredSimulatorServices() throws Exception {
        JobEditor editor = openTemplate("PDF refinement (least squares)");
        List<String> registered;
        try (SimulatorRegistry registry = SimulatorRegistry.open(
                FrameworkUtil.getBundle(JobEditorTest.class).getBundleContext())) {
            registry.await("pdf", Duration.ofSeconds(20)).orElseThrow();
            registered = new ArrayList<>(registry.available().keySet());
        }
        assertTrue(registered.containsAll(List.of("pdf", "exafs", "xanes", "exafs-ss")), registered.toString());
        assertEquals(registered, editor.simulatorChoices());
        assertEquals(registered, List.of(editor.simulatorCombo().getItems()));
        assertEquals("pdf", editor.simulatorCombo().getText());
        assertTrue(editor.simulatorSettings().rows().stream().anyMatch(r -> r.name().equals("qmax")
                && "25".equals(r.value())), "the template's qmax is shown as set");
    }

    @Test
    void aTemplateListsWhatIsStillMissingByFieldAndTheProblemsGoAsTheyAreFilledIn() throws Exception {
        JobEditor editor = openTemplate("PDF refinement (least squares)");
        List<String> problems = editor.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("start:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.equals("objectives[0]/target/file: missing")), problems.toString());

        editor.startText().setText(Runs.START.toString());
        editor.targetText().setText(Runs.TARGET.toString());
        editor.signalText().setText(Runs.SIGNAL);
        assertEquals(List.of(), editor.problems());
        assertTrue(editor.isDirty());

        editor.seedText().setText("abc");
        assertTrue(editor.problems().contains("seed: 'abc' is not a whole number"), editor.problems().toString());
        editor.seedText().setText("7");
        editor.simulatorSettings().setValue("qmax", "lots");
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("objectives[0]/settings:")
                && p.contains("qmax")), editor.problems().toString());
        Ui.screenshot(editor.form().getParent().getParent(), "job-editor-problems");
        editor.simulatorSettings().setValue("qmax", "");
        editor.simulationsSpinner().setSelection(120);
        editor.simulationsSpinner().notifyListeners(org.eclipse.swt.SWT.Modify, new org.eclipse.swt.widgets.Event());
        assertEquals(List.of(), editor.problems());

        editor.doSave(null);
        assertFalse(editor.isDirty());
        Job saved = Job.load(editor.file());
        assertEquals(Runs.START.toString(), saved.start().file().orElseThrow());
        assertEquals(Runs.SIGNAL, saved.objectives().get(0).target().signal().orElseThrow());
        assertEquals(7, saved.seed());
        assertEquals(120, saved.budget().simulations());
        assertEquals(Optional.empty(), Optional.ofNullable(saved.objectives().get(0).settings().get("qmax")),
                "a cleared setting goes back to the default");
        Ui.screenshot(editor.form().getParent().getParent(), "job-editor");
    }

    @Test
    void aTypoInASettingKeyIsShownAndNamedWithASuggestion() throws Exception {
        Job job = Runs.pdfJob(Method.RANDOM, 8, 3);
        job.objectives().get(0).setSetting("qmx", "20");
        JobEditor editor = open(Runs.save(job, tmp, "typo.xmi"));
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("objectives[0]/settings:")
                && p.contains("unknown setting 'qmx'") && p.contains("did you mean 'qmax'")),
                editor.problems().toString());
        assertTrue(editor.simulatorSettings().rows().stream().anyMatch(r -> r.name().equals("qmx")
                && r.defaultText().equals("unknown setting")), "the unknown key is listed");
        editor.simulatorSettings().setValue("qmx", null);
        assertEquals(List.of(), editor.problems(), "clearing it removes it");
    }

    @Test
    void theActiveMethodNeedsAnInstalledSurrogate() throws Exception {
        JobEditor editor = openTemplate("PDF refinement (active learning)");
        try (var surrogates = org.activestructopt.api.SurrogateRegistry.open(
                FrameworkUtil.getBundle(JobEditorTest.class).getBundleContext())) {
            String name = editor.job().surrogate().name();
            boolean installed = surrogates.find(name).isPresent();
            assertEquals(!installed, editor.problems().stream().anyMatch(p -> p.startsWith("surrogate/name: no "
                    + "surrogate '" + name + "' is installed")), editor.problems().toString());
        }
        editor.methodCombo().setText("random");
        editor.methodCombo().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertTrue(editor.problems().stream().noneMatch(p -> p.startsWith("surrogate")), "baselines need none");
    }

    @Test
    void theDatasetButtonOffersTheOneDimensionalSpectraOfTheNexusFile() throws Exception {
        JobEditor editor = openTemplate("EXAFS refinement with FEFF (active learning)");
        Path several = Path.of("data", "several.nxs").toAbsolutePath();
        editor.targetText().setText(several.toString());
        List<List<String>> offered = new ArrayList<>();
        editor.setChooser((shell, file, refs, defaultSignal) -> {
            offered.add(refs.stream().map(SpectrumRef::signalPath).toList());
            return refs.stream().filter(r -> r.signalPath().equals("/exafs/chik/chi")).findFirst();
        });
        editor.chooseDataset();
        Ui.settle();
        assertEquals(List.of(org.activestructopt.ui.tests.Reference.nexusSignals("several.nxs")), offered);
        assertEquals("/exafs/chik/chi", editor.signalText().getText());
        assertEquals("/exafs/chik/chi", editor.job().objectives().get(0).target().signal().orElseThrow());

        editor.targetText().setText(Path.of("data", "not_hdf5.nxs").toAbsolutePath().toString());
        editor.chooseDataset();
        Ui.settle();
        assertEquals(1, reporter.statuses.size(), () -> "reported: " + reporter.statuses);
        assertTrue(reporter.statuses.get(0).getMessage().contains("not_hdf5.nxs"),
                reporter.statuses.get(0).getMessage());
        assertEquals("/exafs/chik/chi", editor.signalText().getText(), "the dataset stays as it was");
    }

    @Test
    void runningFromTheEditorSavesAndRunsACopy() throws Exception {
        Job job = Runs.pdfJob(Method.RANDOM, 8, 3);
        Path file = Runs.save(job, tmp, "edit-me.xmi");
        JobEditor editor = open(file);
        assertEquals(List.of(), editor.problems());
        editor.simulationsSpinner().setSelection(6);
        editor.simulationsSpinner().notifyListeners(org.eclipse.swt.SWT.Modify, new org.eclipse.swt.widgets.Event());
        RunSession before = RunSessions.get().current().orElse(null);
        editor.run();
        Ui.waitFor(() -> RunSessions.get().current().orElse(before) != before, "a run to start");
        RunSession s = RunSessions.get().current().orElseThrow();
        Runs.awaitEnd(s);
        assertEquals(Status.COMPLETED, s.status());
        assertEquals(6, s.records().size(), "the edited budget was saved before the run");
        assertEquals(6, Job.load(file).budget().simulations());
        assertFalse(Job.load(file).hasResults(), "the edited job stays a clean template");
        assertTrue(reporter.statuses.isEmpty(), () -> reporter.statuses.toString());
    }

    @Test
    void aJobWithProblemsIsNotRun() throws Exception {
        Job job = Runs.pdfJob(Method.RANDOM, 8, 3);
        job.objectives().get(0).setSimulator("nosuchsim");
        JobEditor editor = open(Runs.save(job, tmp, "bad.xmi"));
        assertTrue(editor.problems().stream().anyMatch(p -> p.startsWith("objectives[0]/simulator: no simulator "
                + "'nosuchsim' is installed")), editor.problems().toString());
        assertTrue(List.of(editor.simulatorCombo().getItems()).contains("nosuchsim (not installed)"));
        RunSession before = RunSessions.get().current().orElse(null);
        assertEquals(null, editor.run());
        Ui.settle();
        assertEquals(before, RunSessions.get().current().orElse(null));
        assertEquals(1, reporter.statuses.size());
        assertTrue(reporter.statuses.get(0).getMessage().contains("nosuchsim"), reporter.statuses.get(0).getMessage());
    }

    @Test
    void aFileThatIsNotAJobOpensAnErrorEditorNamingTheProblem() throws Exception {
        Path broken = tmp.resolve("broken.xmi");
        Files.writeString(broken, "<aso:Job xmlns:aso=\"http://www.activestructopt.org/refinement/1.0\" seeed=\"1\"");
        assertNoJobEditor(broken, "broken.xmi");
        Path unknown = tmp.resolve("unknown.xmi");
        Files.writeString(unknown, "<?xml version=\"1.0\"?>\n<aso:Job xmi:version=\"2.0\" "
                + "xmlns:xmi=\"http://www.omg.org/XMI\" xmlns:aso=\"http://www.activestructopt.org/refinement/1.0\" "
                + "seeed=\"1\"/>\n");
        assertNoJobEditor(unknown, "seeed");
        assertTrue(page.getWorkbenchWindow().getShell().isVisible(), "the workbench lives on");
    }

    /** The workbench either refuses the editor with the reason or shows its error part instead of the form. */
    private void assertNoJobEditor(Path file, String named) {
        try {
            IEditorPart part = JobHandlers.open(page, file);
            Ui.settle();
            assertFalse(part instanceof JobEditor, "no job editor on " + file + ": " + part);
        } catch (org.eclipse.ui.PartInitException e) {
            assertTrue(e.getMessage().contains(named), e.getMessage());
        }
    }

    @Test
    void everyContributedTemplateReadsAsAJob() throws Exception {
        List<JobTemplate> all = JobTemplates.all();
        assertTrue(all.stream().map(JobTemplate::contributor).anyMatch(AsoUi.PLUGIN_ID::equals), all.toString());
        for (JobTemplate t : all) {
            Path file = tmp.resolve(t.name().replaceAll("[^A-Za-z]+", "-") + ".xmi");
            JobTemplates.create(t, file);
            JobEditor editor = open(file);
            assertFalse(editor.problems().isEmpty(), t.name() + " leaves files to fill in");
        }
    }
}
