package org.activestructopt.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.ProblemReporter;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;

/** Helpers for tests that run on the UI thread of a live workbench. */
public final class Ui {

    private static final long TIMEOUT_MS = 30_000;

    private Ui() {
    }

    /** @return the active page with the Structure Refinement perspective open, in a 1280×800 window */
    public static IWorkbenchPage refinementPage() throws WorkbenchException {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        Shell shell = window.getShell();
        shell.setBounds(0, 0, 1280, 800);
        shell.forceActive();
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(AsoUi.PERSPECTIVE_ID, window);
        settle();
        return page;
    }

    /** Processes UI events until the condition holds; fails after 30 s. */
    public static void waitFor(BooleanSupplier condition, String what) {
        waitFor(condition, what, TIMEOUT_MS);
    }

    /** Processes UI events until the condition holds; fails after {@code timeoutMs}. */
    public static void waitFor(BooleanSupplier condition, String what, long timeoutMs) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("Timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }

    /**
     * Waits until no UI job runs, then processes the queued events (the results the jobs posted with asyncExec and
     * what they cause) until the queue has been found empty three times. The workbench's progress animation keeps
     * posting timer events while any job runs, so the queue is never empty for long and "idle" is not waited for.
     */
    public static void settle() {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + TIMEOUT_MS;
        // a job's result, delivered as an event, may start the next job (listing a file, then reading the chosen
        // spectrum): the count starts again while a job of ours is left after the events
        for (int empty = 0; empty < 3; empty++) {
            waitFor(() -> Job.getJobManager().find(AsoUi.JOB_FAMILY).length == 0, "UI jobs to finish");
            while (display.readAndDispatch()) {
                if (System.currentTimeMillis() > end) {
                    fail("The UI kept processing events for 30 s (a repaint or layout loop?)");
                }
            }
            if (Job.getJobManager().find(AsoUi.JOB_FAMILY).length > 0) {
                empty = -1;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Saves what the screen shows of a control to target/screenshots/&lt;name&gt;.png (look at them: a view that
     * renders wrong is a failure even when no assertion notices).
     *
     * @return the pixels saved
     */
    public static ImageData screenshot(Control control, String name) throws IOException {
        settle();
        control.redraw();
        control.update();
        settle();
        Display display = control.getDisplay();
        Rectangle b = control instanceof Shell s ? s.getBounds()
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
        return data;
    }

    /** A problem reporter that records instead of opening a dialog. */
    public static final class RecordingReporter implements ProblemReporter {
        public final List<String> titles = new ArrayList<>();
        public final List<IStatus> statuses = new ArrayList<>();

        @Override
        public void report(Shell shell, String title, IStatus status) {
            titles.add(title);
            statuses.add(status);
        }
    }
}
