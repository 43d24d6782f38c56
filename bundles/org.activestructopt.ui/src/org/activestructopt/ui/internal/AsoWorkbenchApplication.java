package org.activestructopt.ui.internal;

import org.activestructopt.ui.AsoUi;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/** A plain RCP workbench whose first perspective is Structure Refinement. */
public final class AsoWorkbenchApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        Display display = PlatformUI.createDisplay();
        try {
            int code = PlatformUI.createAndRunWorkbench(display, new Advisor());
            return code == PlatformUI.RETURN_RESTART ? EXIT_RESTART : EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }

    private static final class Advisor extends WorkbenchAdvisor {
        @Override
        public void initialize(IWorkbenchConfigurer configurer) {
            configurer.setSaveAndRestore(true);
        }

        @Override
        public void postStartup() {
            SelfTest.scheduleIfRequested(getWorkbenchConfigurer().getWorkbench());
        }

        @Override
        public String getInitialWindowPerspectiveId() {
            return AsoUi.PERSPECTIVE_ID;
        }

        @Override
        public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
            return new WorkbenchWindowAdvisor(configurer) {
                @Override
                public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer c) {
                    return new ActionBarAdvisor(c);
                }

                @Override
                public void preWindowOpen() {
                    IWorkbenchWindowConfigurer w = getWindowConfigurer();
                    w.setTitle("ActiveStructOpt");
                    w.setShowStatusLine(true);
                    w.setShowProgressIndicator(true);
                    w.setShowPerspectiveBar(true);
                }
            };
        }
    }
}
