package org.activestructopt.ui.internal.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.NuisanceEntry;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.nexus.SpectrumRef;
import org.activestructopt.structure.io.StructureFiles;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.run.RunSession;
import org.activestructopt.ui.internal.run.RunSessions;
import org.activestructopt.ui.tests.Runs;
import org.activestructopt.ui.tests.Ui;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
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

    /** Types into the field of a value of the job (a text or a combo) as a user does. */
    private static void type(JobEditor editor, String field, String text) {
        Control c = editor.field(field);
        assertNotNull(c, field);
        if (c instanceof Combo combo) {
            combo.setText(text);
            combo.notifyListeners(SWT.Selection, new Event());
        } else {
            ((Text) c).setText(text);
        }
    }

    private static String shown(JobEditor editor, String field) {
        Control c = editor.field(field);
        assertNotNull(c, field);
        return c instanceof Combo combo ? combo.getText() : ((Text) c).getText();
    }

    private static void chooseMethod(JobEditor editor, Method m) {
        editor.methodCombo().setText(m.literal());
        editor.methodCombo().notifyListeners(SWT.Selection, new Event());
    }

    private static List<String> pairRow(JobEditor editor, int row) {
        Table t = editor.pairsViewer().getTable();
        return List.of(t.getItem(row).getText(0), t.getItem(row).getText(1), t.getItem(row).getText(2));
    }

    private void assertProblem(JobEditor editor, String problem) {
        assertTrue(editor.problems().contains(problem), () -> "expected '" + problem + "' in " + editor.problems());
    }

    /** A job with a problem is saved but not run: the editor reports the problems instead. */
    private void assertNotRun(JobEditor editor, String problem) {
        int reported = reporter.statuses.size();
        RunSession before = RunSessions.get().current().orElse(null);
        assertNull(editor.run());
        Ui.settle();
        assertEquals(before, RunSessions.get().current().orElse(null));
        assertEquals(reported + 1, reporter.statuses.size());
        assertTrue(reporter.statuses.get(reported).getMessage().contains(problem),
                reporter.statuses.get(reported).getMessage());
    }

    /** Screenshot of the editor maximised and scrolled to {@code control}, with what is below it. */
    private void screenshotAt(JobEditor editor, Control control, String name) throws Exception {
        page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_MAXIMIZED);
        Ui.settle();
        ScrolledComposite scroll = (ScrolledComposite) editor.form().getParent();
        int y = control.getDisplay().map(control.getParent(), editor.form(), control.getLocation()).y;
        scroll.setOrigin(0, Math.max(0, y - 60));
        Ui.screenshot(scroll.getParent(), name);
        page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_RESTORED);
        Ui.settle();
    }

    /** Screenshot of the editor maximised and scrolled to the group of {@code field}, with the groups below it. */
    private void screenshotFrom(JobEditor editor, String field, String name) throws Exception {
        page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_MAXIMIZED);
        Ui.settle();
        ScrolledComposite scroll = (ScrolledComposite) editor.form().getParent();
        Control group = editor.field(field).getParent();
        while (!(group instanceof Group)) {
            group = group.getParent();
        }
        scroll.setOrigin(0, group.getBounds().y);
        Ui.screenshot(scroll.getParent(), name);
        page.setPartState(page.getReference(editor), IWorkbenchPage.STATE_RESTORED);
        Ui.settle();
    }

    @Test
    void sectionsTheJobLeavesOutShowTheModelsDefaultsAndEachMethodsGroupIsEnabledForItOnly() throws Exception {
        JobEditor editor = openTemplate("PDF refinement (least squares)");
        Map<String, String> defaults = Map.ofEntries(Map.entry("constraints/factor", "0.85"),
                Map.entry("optimiser/name", "adam"), Map.entry("optimiser/positionLearningRate", "0.001"),
                Map.entry("optimiser/latticeLearningRate", "0.001"),
                Map.entry("optimiser/explore/acquisition", "mae-uncertainty"),
                Map.entry("optimiser/explore/lambda", "0.1"), Map.entry("optimiser/explore/starts", "16"),
                Map.entry("optimiser/explore/steps", "50"), Map.entry("optimiser/exploit/acquisition", "mae"),
                Map.entry("optimiser/exploit/lambda", "0"), Map.entry("optimiser/exploit/starts", "32"),
                Map.entry("optimiser/exploit/steps", "50"), Map.entry("rmc/maxStep", "0.1"),
                Map.entry("rmc/temperature", "1.25e-05"), Map.entry("leastSquares/damping", "0.001"),
                Map.entry("leastSquares/tolerance", "1e-06"), Map.entry("leastSquares/restartRadius", "0.1"));
        defaults.forEach((field, value) -> assertEquals(value, shown(editor, field), field));
        assertFalse(((Button) editor.field("constraints/acceptStart")).getSelection());
        assertEquals(0, editor.pairsViewer().getTable().getItemCount());
        assertFalse(editor.isDirty(), "showing the defaults is no edit");

        Map<String, Method> owners = Map.of("optimiser/explore/starts", Method.ACTIVE, "optimiser/name", Method.ACTIVE,
                "rmc/temperature", Method.RMC, "leastSquares/damping", Method.LEAST_SQUARES);
        for (Method m : Method.values()) {
            chooseMethod(editor, m);
            owners.forEach((field, owner) -> assertEquals(m == owner, editor.field(field).isEnabled(),
                    field + " with method " + m));
            assertTrue(editor.field("constraints/factor").isEnabled(), "constraints apply to every method");
            assertTrue(editor.pairsViewer().getTable().isEnabled(), "constraints apply to every method");
        }
    }

    @Test
    void theConstraintsEditTheFactorTheStartRuleAndThePairDistances() throws Exception {
        Path file = Runs.save(Runs.pdfJob(Method.RANDOM, 8, 3), tmp, "constraints.xmi");
        JobEditor editor = open(file);
        assertEquals(List.of(), editor.problems());

        type(editor, "constraints/factor", "-1");
        assertProblem(editor, "constraints/factor: must lie in [0, 2], got -1.0");
        assertNotRun(editor, "constraints/factor");
        type(editor, "constraints/factor", "abc");
        assertEquals(List.of("constraints/factor: 'abc' is not a number"), editor.problems(),
                "what was typed is the problem, not the value it has not replaced");
        type(editor, "constraints/factor", "0.8");
        Button acceptStart = (Button) editor.field("constraints/acceptStart");
        acceptStart.setSelection(true);
        acceptStart.notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of(), editor.problems());

        editor.pressAddPair();
        assertTrue(editor.pairsViewer().isCellEditorActive(), "the new row opens for typing");
        editor.pairsViewer().cancelEditing();
        assertProblem(editor, "constraints/pairs[0]/a: missing element symbol");
        assertProblem(editor, "constraints/pairs[0]/distance: missing (Angstrom; 0 disables the limit of this pair)");
        editor.typeIntoPair(0, 0, "li");
        editor.typeIntoPair(0, 1, "Xx");
        assertProblem(editor, "constraints/pairs[0]/b: Unknown element symbol 'Xx' (expected H..Lr)");
        editor.typeIntoPair(0, 1, "O");
        editor.typeIntoPair(0, 2, "abc");
        assertEquals(List.of("constraints/pairs[0]/distance: 'abc' is not a number"), editor.problems());
        assertEquals(List.of("Li", "O", "abc"), pairRow(editor, 0), "the cell keeps what was typed");
        assertNotRun(editor, "constraints/pairs[0]/distance");
        editor.typeIntoPair(0, 2, "1.6");
        assertEquals(List.of(), editor.problems());
        assertEquals(List.of("Li", "O", "1.6"), pairRow(editor, 0));
        screenshotFrom(editor, "constraints/factor", "job-editor-constraints");

        editor.pressAddPair();
        editor.pairsViewer().cancelEditing();
        editor.typeIntoPair(1, 0, "O");
        editor.typeIntoPair(1, 1, "Li");
        editor.typeIntoPair(1, 2, "1.5");
        assertProblem(editor, "constraints/pairs[1]: pair O-Li is given twice");
        editor.pairsViewer().setSelection(new StructuredSelection(editor.job().constraints().pairs().get(1)));
        editor.pressRemovePair();
        assertEquals(1, editor.pairsViewer().getTable().getItemCount());
        assertEquals(List.of(), editor.problems());

        editor.doSave(null);
        assertFalse(editor.isDirty());
        Job saved = Job.load(file);
        assertEquals(0.8, saved.constraints().factor());
        assertTrue(saved.constraints().acceptStart());
        assertEquals(1, saved.constraints().pairs().size());
        assertEquals("Li-O 1.6", saved.constraints().pairs().get(0).a() + "-" + saved.constraints().pairs().get(0).b()
                + " " + saved.constraints().pairs().get(0).distance());

        page.closeAllEditors(false);
        JobEditor reopened = open(file);
        assertEquals("0.8", shown(reopened, "constraints/factor"));
        assertTrue(((Button) reopened.field("constraints/acceptStart")).getSelection());
        assertEquals(List.of("Li", "O", "1.6"), pairRow(reopened, 0));
    }

    /** The table item of nuisance parameter {@code name}. */
    private static TableItem nuisanceItem(JobEditor editor, String name) {
        for (TableItem item : editor.nuisanceTable().table().getItems()) {
            if (((NuisanceTable.Row) item.getData()).name().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no row " + name);
    }

    /** Ticks or clears the refine box of a row as a click on it does. */
    private static void clickRefine(JobEditor editor, String name) {
        TableItem item = nuisanceItem(editor, name);
        item.setChecked(!item.getChecked());
        Event e = new Event();
        e.item = item;
        e.detail = SWT.CHECK;
        editor.nuisanceTable().table().notifyListeners(SWT.Selection, e);
    }

    /** Types into a value or bound cell through its cell editor and presses Enter. */
    private static void typeNuisance(JobEditor editor, String name, int column, String text) {
        NuisanceTable t = editor.nuisanceTable();
        t.viewer().editElement(nuisanceItem(editor, name).getData(), column);
        assertTrue(t.viewer().isCellEditorActive(), "the cell opens for typing");
        Text cell = (Text) t.cellEditor(column).getControl();
        cell.setText(text);
        cell.notifyListeners(SWT.DefaultSelection, new Event());
        assertFalse(t.viewer().isCellEditorActive(), "Enter applies the text");
    }

    private static List<String> nuisanceCells(JobEditor editor, String name) {
        TableItem item = nuisanceItem(editor, name);
        return List.of(item.getChecked() ? "refine" : "fix", item.getText(1), item.getText(2), item.getText(3),
                item.getText(5));
    }

    private static boolean red(JobEditor editor, String name, int column) {
        TableItem item = nuisanceItem(editor, name);
        return editor.nuisanceTable().table().getDisplay().getSystemColor(SWT.COLOR_RED).equals(
                item.getForeground(column));
    }

    @Test
    void theNuisanceParametersAreRefinedOrFixedWithValueAndBoundsCheckedAndSaved() throws Exception {
        Path file = Runs.save(Runs.pdfJob(Method.LEAST_SQUARES, 8, 3), tmp, "nuisance.xmi");
        JobEditor editor = open(file);
        assertEquals(List.of(), editor.problems());
        List<String> names = editor.nuisanceTable().rows().stream().map(NuisanceTable.Row::name).toList();
        // the PDF simulator's parameters for rutile (U of O and Ti only), then the ones a job may add
        assertEquals(List.of("scale", "qdamp", "delta2", "uiso_O", "uiso_Ti", "qbroad", "delta1", "uiso"), names);
        // the target is this project's own simulation, so nothing is refined by default
        assertEquals(List.of("fix", "0", "0", "1", ""), nuisanceCells(editor, "qdamp"));
        assertEquals(List.of("fix", "0.005", "1e-06", "0.5", ""), nuisanceCells(editor, "uiso_Ti"));
        assertFalse(editor.isDirty(), "showing the simulator's values is no edit");

        clickRefine(editor, "qdamp");
        assertTrue(editor.isDirty());
        typeNuisance(editor, "qdamp", NuisanceTable.VALUE, "0.05");
        typeNuisance(editor, "qdamp", NuisanceTable.UPPER, "0.2");
        assertEquals(List.of("refine", "0.05", "0", "0.2", ""), nuisanceCells(editor, "qdamp"));
        assertEquals(List.of(), editor.problems());

        typeNuisance(editor, "qdamp", NuisanceTable.VALUE, "0.3");
        assertEquals(List.of("objectives[0]/nuisance/qdamp/value: nuisance parameter 'qdamp': 0.3 is outside its "
                + "bounds [0, 0.2]"), editor.problems());
        assertTrue(red(editor, "qdamp", NuisanceTable.VALUE), "the cell at fault is red");
        assertFalse(red(editor, "qdamp", NuisanceTable.UPPER));
        assertNotRun(editor, "objectives[0]/nuisance/qdamp/value");
        typeNuisance(editor, "qdamp", NuisanceTable.VALUE, "abc");
        assertEquals(List.of("objectives[0]/nuisance/qdamp/value: 'abc' is not a number"), editor.problems(),
                "what was typed is the problem, not the value it has not replaced");
        assertEquals("abc", nuisanceCells(editor, "qdamp").get(1), "the cell keeps what was typed");
        assertEquals(0.3, editor.job().objectives().get(0).nuisance("qdamp").orElseThrow().value().getAsDouble());
        typeNuisance(editor, "qdamp", NuisanceTable.VALUE, "0.05");
        assertEquals(List.of(), editor.problems());

        typeNuisance(editor, "qdamp", NuisanceTable.LOWER, "0.2");
        assertEquals(List.of("objectives[0]/nuisance/qdamp/lower: nuisance parameter 'qdamp': lower 0.2 is not below "
                + "upper 0.2"), editor.problems());
        typeNuisance(editor, "qdamp", NuisanceTable.LOWER, "0.5");
        assertEquals(List.of("objectives[0]/nuisance/qdamp/lower: nuisance parameter 'qdamp': lower 0.5 is not below "
                + "upper 0.2"), editor.problems(), "said once, in the row's words (not also the model's)");
        typeNuisance(editor, "qdamp", NuisanceTable.LOWER, "0.01");

        typeNuisance(editor, "uiso_Ti", NuisanceTable.VALUE, "-0.001");
        assertEquals(List.of("objectives[0]/nuisance/uiso_Ti/value: nuisance parameter 'uiso_Ti': a displacement "
                + "parameter U must be > 0, got -0.001"), editor.problems());
        assertTrue(red(editor, "uiso_Ti", NuisanceTable.VALUE));
        screenshotAt(editor, editor.nuisanceTable().table(), "job-editor-nuisance-problem");
        typeNuisance(editor, "uiso_Ti", NuisanceTable.VALUE, "0.004");
        typeNuisance(editor, "uiso_Ti", NuisanceTable.LOWER, "0");
        assertEquals(List.of("objectives[0]/nuisance/uiso_Ti/lower: nuisance parameter 'uiso_Ti': a displacement "
                + "parameter U must stay > 0, so its lower bound must be > 0, got 0"), editor.problems());
        editor.doSave(null);
        assertTrue(editor.messages().status().getMessage().contains("with 1 problems"),
                () -> "a job saved with a problem says so: " + editor.messages().status().getMessage());
        assertNotRun(editor, "uiso_Ti/lower");

        editor.nuisanceTable().viewer().setSelection(new StructuredSelection(nuisanceItem(editor, "uiso_Ti")
                .getData()));
        editor.nuisanceTable().resetSelected();
        assertEquals(List.of(), editor.problems());
        assertEquals(List.of("fix", "0.005", "1e-06", "0.5", ""), nuisanceCells(editor, "uiso_Ti"),
                "reset: the simulator's values again");
        clickRefine(editor, "scale");
        typeNuisance(editor, "scale", NuisanceTable.VALUE, "");
        assertEquals("refine", nuisanceCells(editor, "scale").get(0), "a cleared value keeps the refine flag");

        editor.doSave(null);
        assertFalse(editor.isDirty());
        Job saved = Job.load(file);
        List<NuisanceEntry> entries = saved.objectives().get(0).nuisance();
        assertEquals(List.of("qdamp", "scale"), entries.stream().map(NuisanceEntry::name).toList());
        NuisanceEntry qdamp = entries.get(0);
        assertEquals(0.05, qdamp.value().getAsDouble());
        assertEquals(0.01, qdamp.lower().getAsDouble());
        assertEquals(0.2, qdamp.upper().getAsDouble());
        assertEquals(Optional.of(true), qdamp.refine());
        assertTrue(entries.get(1).value().isEmpty() && entries.get(1).lower().isEmpty());
        assertEquals(Optional.of(true), entries.get(1).refine());
        screenshotAt(editor, editor.nuisanceTable().table(), "job-editor-nuisance");

        page.closeAllEditors(false);
        JobEditor reopened = open(file);
        assertEquals(List.of("refine", "0.05", "0.01", "0.2", ""), nuisanceCells(reopened, "qdamp"));
        assertEquals(List.of("refine", "1", "0", "Infinity", ""), nuisanceCells(reopened, "scale"));
        assertEquals(List.of(), reopened.problems());
    }

    @Test
    void theNuisanceTableShowsTheRefinedValuesOfTheBestCandidate() throws Exception {
        Job job = Runs.pdfJob(Method.LEAST_SQUARES, 8, 3);
        job.objectives().get(0).nuisanceEntry("qdamp").setRefine(true);
        var start = StructureFiles.read(Runs.START);
        Spectrum g = Spectrum.of(SpectrumKind.PDF, new double[] {1, 2, 3}, new double[] {0, 1, 0});
        job.results().add(Phase.BASELINE, start, List.of(g), new double[] {0.2}, 0.2, 1,
                List.of(new Candidate.FitValue(0, "qdamp", 0.03, 0.002, true),
                        new Candidate.FitValue(0, "scale", 1, Double.NaN, false)), List.of());
        job.results().add(Phase.BASELINE, start, List.of(g), new double[] {0.1}, 0.1, 1,
                List.of(new Candidate.FitValue(0, "qdamp", 0.0412, 0.0011, true),
                        new Candidate.FitValue(0, "scale", 0.98, Double.NaN, false)), List.of());
        JobEditor editor = open(Runs.save(job, tmp, "with-results.xmi"));
        assertEquals("0.0412 ± 0.0011", nuisanceCells(editor, "qdamp").get(4), "the best candidate's, #2");
        assertEquals("0.98 (fixed)", nuisanceCells(editor, "scale").get(4));
        assertEquals("", nuisanceCells(editor, "delta1").get(4), "not in the results");
        screenshotAt(editor, editor.nuisanceTable().table(), "job-editor-nuisance-results");
    }

    @Test
    void theOptimiserSearchIsEditedAndCheckedByField() throws Exception {
        Path file = Runs.save(Runs.pdfJob(Method.ACTIVE, 8, 3), tmp, "active.xmi");
        JobEditor editor = open(file);
        List<String> before = editor.problems();

        type(editor, "optimiser/explore/starts", "abc");
        assertProblem(editor, "optimiser/explore/starts: 'abc' is not a whole number");
        assertNotRun(editor, "optimiser/explore/starts");
        type(editor, "optimiser/explore/starts", "0");
        assertProblem(editor, "optimiser/explore/starts: must be at least 1, got 0");
        type(editor, "optimiser/explore/starts", "24");
        type(editor, "optimiser/positionLearningRate", "0");
        assertProblem(editor, "optimiser/positionLearningRate: must be positive and finite, got 0.0");
        type(editor, "optimiser/positionLearningRate", "0.002");
        type(editor, "optimiser/name", "adamw");
        type(editor, "optimiser/exploit/acquisition", "mae-uncertainty");
        type(editor, "optimiser/exploit/lambda", "0.2");
        type(editor, "optimiser/exploit/steps", "80");
        assertEquals(before, editor.problems());
        screenshotFrom(editor, "optimiser/name", "job-editor-optimiser");

        editor.doSave(null);
        Job saved = Job.load(file);
        assertEquals(24, saved.optimiser().explore().starts());
        assertEquals(0.002, saved.optimiser().positionLearningRate());
        assertEquals("adamw", saved.optimiser().name());
        assertEquals("mae-uncertainty", saved.optimiser().exploit().acquisition());
        assertEquals(0.2, saved.optimiser().exploit().lambda());
        assertEquals(80, saved.optimiser().exploit().steps());
        assertEquals(50, saved.optimiser().explore().steps(), "untouched values keep their defaults");
    }

    @Test
    void anAcquisitionTheActiveLoopDoesNotKnowIsShownAndNamed() throws Exception {
        Job job = Runs.pdfJob(Method.ACTIVE, 8, 3);
        job.optimiser().explore().setAcquisition("lcb");
        JobEditor editor = open(Runs.save(job, tmp, "lcb.xmi"));
        assertEquals("lcb (unknown)", shown(editor, "optimiser/explore/acquisition"));
        assertProblem(editor, "optimiser/explore/acquisition: unknown acquisition 'lcb'; known: mae-uncertainty, mae");
        chooseMethod(editor, Method.RANDOM);
        assertTrue(editor.problems().stream().noneMatch(p -> p.startsWith("optimiser")), "baselines do not read it");
        chooseMethod(editor, Method.ACTIVE);
        type(editor, "optimiser/explore/acquisition", "mae-uncertainty");
        assertTrue(editor.problems().stream().noneMatch(p -> p.startsWith("optimiser")), editor.problems().toString());
    }

    @Test
    void theBaselineSettingsAreCheckedByFieldAndSaved() throws Exception {
        Path file = Runs.save(Runs.pdfJob(Method.RMC, 8, 3), tmp, "rmc.xmi");
        JobEditor editor = open(file);
        assertEquals(List.of(), editor.problems());
        type(editor, "rmc/temperature", "-1");
        assertProblem(editor, "rmc/temperature: must be finite and >= 0, got -1.0");
        assertNotRun(editor, "rmc/temperature");
        type(editor, "rmc/temperature", "0");
        type(editor, "rmc/maxStep", "abc");
        assertProblem(editor, "rmc/maxStep: 'abc' is not a number");
        type(editor, "rmc/maxStep", "0.05");
        assertEquals(List.of(), editor.problems(), "a temperature of 0 (downhill moves only) is allowed");

        chooseMethod(editor, Method.LEAST_SQUARES);
        type(editor, "leastSquares/tolerance", "1");
        assertProblem(editor, "leastSquares/tolerance: must lie in [0, 1), got 1.0");
        type(editor, "leastSquares/tolerance", "1e-8");
        type(editor, "leastSquares/damping", "0.01");
        type(editor, "leastSquares/restartRadius", "0.2");
        assertEquals(List.of(), editor.problems());

        editor.doSave(null);
        Job saved = Job.load(file);
        assertEquals(Method.LEAST_SQUARES, saved.method());
        assertEquals(0.05, saved.rmc().maxStep());
        assertEquals(0.0, saved.rmc().temperature());
        assertEquals(1e-8, saved.leastSquares().tolerance());
        assertEquals(0.01, saved.leastSquares().damping());
        assertEquals(0.2, saved.leastSquares().restartRadius());
        page.closeAllEditors(false);
        JobEditor reopened = open(file);
        assertEquals("1e-08", shown(reopened, "leastSquares/tolerance"));
        assertEquals("0", shown(reopened, "rmc/temperature"));
        assertTrue(reopened.field("leastSquares/damping").isEnabled());
        assertFalse(reopened.field("rmc/maxStep").isEnabled());
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
