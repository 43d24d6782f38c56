package org.activestructopt.examples.xrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.conventions.PlotConvention;
import org.activestructopt.ui.internal.conventions.PlotConventions;
import org.activestructopt.ui.internal.editor.JobEditor;
import org.activestructopt.ui.internal.editor.JobHandlers;
import org.activestructopt.ui.internal.editor.JobTemplate;
import org.activestructopt.ui.internal.editor.JobTemplates;
import org.activestructopt.ui.internal.editor.SettingsTable;
import org.activestructopt.ui.internal.preferences.UiPreferences;
import org.activestructopt.ui.internal.run.RunLauncher;
import org.activestructopt.ui.internal.run.RunSession;
import org.activestructopt.ui.internal.run.RunSessions;
import org.activestructopt.ui.internal.spectra.SpectraView;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example bundle in the workbench, which knows nothing of it: its simulator is in the job editor's list with
 * its settings, its template in New Job, and its plot convention labels the axes of a run.
 */
class XrdWorkbenchTest {

    private static final String BUNDLE = "org.activestructopt.examples.xrd";

    @TempDir
    Path tmp;

    private IWorkbenchPage page() throws Exception {
        var window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        window.getShell().setBounds(0, 0, 1280, 800);
        return PlatformUI.getWorkbench().showPerspective(AsoUi.PERSPECTIVE_ID, window);
    }

    @AfterEach
    void closeEditors() throws Exception {
        page().closeAllEditors(false);
    }

    @Test
    void theJobEditorListsTheXrdSimulatorWithItsSettings() throws Exception {
        JobTemplate template = JobTemplates.all().stream().filter(t -> t.contributor().equals(BUNDLE)).findFirst()
                .orElseThrow(() -> new AssertionError("no template of " + BUNDLE + ": " + JobTemplates.all()));
        assertEquals("Powder XRD (random search)", template.name());
        Path file = tmp.resolve("xrd.xmi");
        JobTemplates.create(template, file);
        JobEditor editor = assertInstanceOf(JobEditor.class, JobHandlers.open(page(), file));
        settle();
        assertTrue(editor.simulatorChoices().containsAll(List.of("pdf", "xrd")), editor.simulatorChoices().toString());
        assertTrue(List.of(editor.simulatorCombo().getItems()).contains("xrd"));
        assertEquals("xrd", editor.simulatorCombo().getText());
        List<String> names = editor.simulatorSettings().rows().stream().map(SettingsTable.Row::name).toList();
        assertEquals(XrdSimulator.SCHEMA.settings().stream().map(s -> s.name()).toList(), names);
        assertTrue(editor.problems().stream().noneMatch(p -> p.contains("simulator")), editor.problems().toString());
        screenshot(editor.form().getParent().getParent(), "xrd-job-editor");
    }

    @Test
    void itsPlotConventionLabelsTheAxesOfARun() throws Exception {
        PlotConvention c = PlotConventions.get().find("xrd", SpectrumKind.OTHER).orElseThrow();
        assertEquals(BUNDLE, c.contributor());
        assertEquals("2θ", c.xName());

        IWorkbenchPage page = page();
        SpectraView spectra = (SpectraView) page.showView(AsoUi.SPECTRA_VIEW_ID);
        InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).put(UiPreferences.RUNS_DIRECTORY_KEY,
                tmp.resolve("runs").toString());
        Job job = Job.create().setName("xrd in the workbench").setMethod(Method.RANDOM).setSeed(2);
        job.start().setFile(Path.of("data", "rutile.cif").toAbsolutePath().toString());
        job.addObjective("xrd", Path.of("data", "distorted_xrd.dat").toAbsolutePath().toString());
        job.budget().setSimulations(4).setInitial(1).setCalibration(0).setExploit(0);
        job.saveAs(tmp.resolve("job.xmi"));
        RunSession before = RunSessions.get().current().orElse(null);
        RunLauncher.run(tmp.resolve("job.xmi"), page.getWorkbenchWindow().getShell());
        waitFor(() -> RunSessions.get().current().orElse(before) != before
                && !RunSessions.get().current().get().isRunning(), "the xrd run");
        settle();
        RunSession s = RunSessions.get().current().orElseThrow();
        assertEquals(Status.COMPLETED, s.status(), s.message().orElse(""));
        assertEquals("2θ (°)", spectra.chart().getAxisSet().getXAxis(0).getTitle().getText());
        assertEquals("intensity", spectra.chart().getAxisSet().getYAxis(0).getTitle().getText());
        screenshot(page.getWorkbenchWindow().getShell(), "xrd-run");
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    private static void settle() {
        Display display = Display.getCurrent();
        for (int i = 0; i < 3; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Saves what the screen shows of a control to target/screenshots/NAME.png. */
    private static void screenshot(Control control, String name) throws Exception {
        settle();
        Display display = control.getDisplay();
        Rectangle b = control instanceof org.eclipse.swt.widgets.Shell sh ? sh.getBounds()
                : display.map(control.getParent(), null, control.getBounds());
        Image image = new Image(display, b.width, b.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, b.x, b.y);
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        loader.save(dir.resolve(name + ".png").toString(), SWT.IMAGE_PNG);
    }
}
