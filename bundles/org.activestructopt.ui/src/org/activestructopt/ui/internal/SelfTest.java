package org.activestructopt.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.activestructopt.ui.AsoUi;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * A check of an installation from outside, for scripts that cannot look at the screen (releng/install-test): when the
 * system property {@value #PROPERTY} names a file, the workbench opens the Structure Refinement perspective, writes
 * what it sees into that file and closes itself. Lines: {@code perspective <id>}, {@code view <id> <created|failed>}
 * for each view of the page, {@code bundle <symbolic name> <state>} for each ActiveStructOpt bundle, and {@code ok} or
 * {@code problem <text>} last.
 */
final class SelfTest {

    static final String PROPERTY = "aso.workbench.selfTest";

    private SelfTest() {
    }

    /** @return whether a self-test was requested; if so it is scheduled to run once the window is open */
    static boolean scheduleIfRequested(IWorkbench workbench) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return false;
        }
        workbench.getDisplay().asyncExec(() -> {
            List<String> lines = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            try {
                IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
                IWorkbenchPage page = window == null ? null : window.getActivePage();
                if (page == null) {
                    problems.add("no workbench page");
                } else {
                    page = workbench.showPerspective(AsoUi.PERSPECTIVE_ID, window);
                    lines.add("perspective " + page.getPerspective().getId());
                    for (IViewReference v : page.getViewReferences()) {
                        boolean created = v.getView(true) != null
                                && !v.getView(false).getClass().getName().contains("ErrorViewPart");
                        lines.add("view " + v.getId() + (created ? " created" : " failed"));
                        if (!created) {
                            problems.add("view " + v.getId() + " could not be created");
                        }
                    }
                }
                for (Bundle b : FrameworkUtil.getBundle(SelfTest.class).getBundleContext().getBundles()) {
                    if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.activestructopt.")) {
                        boolean resolved = (b.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0;
                        lines.add("bundle " + b.getSymbolicName() + " " + state(b.getState()));
                        if (!resolved) {
                            problems.add("bundle " + b.getSymbolicName() + " is not resolved");
                        }
                    }
                }
            } catch (RuntimeException | org.eclipse.ui.WorkbenchException e) {
                problems.add(e.toString());
            }
            problems.forEach(p -> lines.add("problem " + p));
            if (problems.isEmpty()) {
                lines.add("ok");
            }
            try {
                Files.write(Path.of(file), lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("self-test: cannot write " + file + ": " + e.getMessage());
            }
            // The platform is still delivering its start-up-complete event to handlers that syncExec; closing at once
            // would dispose the display under them and log "Device is disposed".
            workbench.getDisplay().timerExec(1000, () -> PlatformUI.getWorkbench().close());
        });
        return true;
    }

    private static String state(int state) {
        return switch (state) {
        case Bundle.INSTALLED -> "installed";
        case Bundle.RESOLVED -> "resolved";
        case Bundle.STARTING -> "starting";
        case Bundle.ACTIVE -> "active";
        case Bundle.STOPPING -> "stopping";
        default -> "uninstalled";
        };
    }
}
