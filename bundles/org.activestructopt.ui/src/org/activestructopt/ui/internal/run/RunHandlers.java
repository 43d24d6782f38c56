package org.activestructopt.ui.internal.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.BackgroundLoad;
import org.activestructopt.ui.internal.editor.JobEditor;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** The handlers of the run commands: Run Job, Open Run, Stop, Resume, Export Results. */
public final class RunHandlers {

    private RunHandlers() {
    }

    /** Brings the run views to the front so that a started or opened run is seen. */
    static void showRunViews(IWorkbenchWindow window) {
        IWorkbenchPage page = window.getActivePage();
        try {
            page.showView(AsoUi.CONVERGENCE_VIEW_ID, null, IWorkbenchPage.VIEW_VISIBLE);
            page.showView(AsoUi.CANDIDATES_VIEW_ID, null, IWorkbenchPage.VIEW_VISIBLE);
        } catch (PartInitException e) {
            RunSessions.get().report("Cannot show the run views", e.getMessage());
        }
    }

    /** "Run Job": runs the job of the active job editor (saving it first), or a job file the user picks. */
    public static final class Run extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
            IEditorPart editor = window.getActivePage().getActiveEditor();
            showRunViews(window);
            if (editor instanceof JobEditor jobEditor) {
                jobEditor.run();
                return null;
            }
            FileDialog d = new FileDialog(window.getShell(), SWT.OPEN);
            d.setText("Run Job");
            d.setFilterExtensions(new String[] {"*.xmi", "*"});
            String chosen = d.open();
            if (chosen != null) {
                RunLauncher.run(Path.of(chosen), window.getShell());
            }
            return null;
        }
    }

    /** "Open Run...": shows the results of a run directory's job file in the run views. */
    public static final class Open extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
            FileDialog d = new FileDialog(window.getShell(), SWT.OPEN);
            d.setText("Open Run (job.xmi of a run directory)");
            d.setFilterExtensions(new String[] {"job.xmi", "*.xmi", "*"});
            d.setFilterPath(org.activestructopt.ui.internal.preferences.UiPreferences.runsDirectory().toString());
            String chosen = d.open();
            if (chosen != null) {
                showRunViews(window);
                RunLauncher.open(Path.of(chosen), window.getShell());
            }
            return null;
        }
    }

    /** "Stop": cancels the current run after the simulation in progress. */
    public static final class Stop extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            RunSessions sessions = RunSessions.get();
            sessions.current().filter(RunSession::isRunning).ifPresentOrElse(RunSession::stop,
                    () -> sessions.report("Nothing to stop", "No refinement is running."));
            return null;
        }
    }

    /** "Resume": continues the current run where it stopped (cancelled, failed or killed). */
    public static final class Resume extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) {
            RunSessions sessions = RunSessions.get();
            RunSession s = sessions.current().orElse(null);
            if (s == null) {
                sessions.report("Nothing to resume", "No run is open: open a run directory's job.xmi first.");
            } else if (!s.canResume()) {
                sessions.report("Cannot resume " + s.name(), s.isRunning() ? "It is running."
                        : "It is complete: " + s.records().size() + " of " + s.budget() + " simulations.");
            } else {
                s.start();
            }
            return null;
        }
    }

    /** "Export Results...": writes best.cif, result.nxs and candidates.csv of the current run into a directory. */
    public static final class Export extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            RunSessions sessions = RunSessions.get();
            RunSession s = sessions.current().orElse(null);
            if (s == null) {
                sessions.report("Nothing to export", "No run is open.");
                return null;
            }
            Shell shell = HandlerUtil.getActiveShellChecked(event);
            DirectoryDialog d = new DirectoryDialog(shell);
            d.setText("Export Results of " + s.name());
            d.setMessage("Directory for " + String.join(", ", ResultsExport.FILES));
            d.setFilterPath(s.file().getParent().toString());
            String chosen = d.open();
            if (chosen == null) {
                return null;
            }
            try {
                List<Path> files = ResultsExport.write(s, Path.of(chosen));
                org.eclipse.jface.dialogs.MessageDialog.openInformation(shell, "Results Exported", "Wrote "
                        + files.size() + " files to " + chosen + ": " + String.join(", ", ResultsExport.FILES));
            } catch (IOException | RuntimeException e) {
                sessions.report("Cannot export the results of " + s.name(), BackgroundLoad.describe(e));
            }
            return null;
        }
    }
}
