package org.activestructopt.ui.internal.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.BackgroundLoad;
import org.activestructopt.ui.internal.run.RunSessions;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.ListDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/** The handlers of "New Job..." and "Open Job...". */
public final class JobHandlers {

    static final String[] JOB_FILTERS = {"*.xmi", "*"};
    static final String[] JOB_FILTER_NAMES = {"Job files (*.xmi)", "All files"};

    private JobHandlers() {
    }

    /**
     * Opens a job file in the job editor. A file the editor cannot read (not XML, not a job) opens as an editor that
     * shows the reason instead of the form.
     */
    public static IEditorPart open(IWorkbenchPage page, Path file) throws PartInitException {
        return page.openEditor(new JobEditorInput(file), AsoUi.JOB_EDITOR_ID);
    }

    /** "New Job...": choose a template (or an empty job), where to save it, and open it in the editor. */
    public static final class NewJob extends AbstractHandler {
        private static final String EMPTY = "Empty job";

        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            Shell shell = HandlerUtil.getActiveShellChecked(event);
            List<Object> choices = new ArrayList<>();
            choices.add(EMPTY);
            choices.addAll(JobTemplates.all());
            ListDialog d = new ListDialog(shell);
            d.setTitle("New Job");
            d.setMessage("Start from:");
            d.setContentProvider(ArrayContentProvider.getInstance());
            d.setLabelProvider(new LabelProvider() {
                @Override
                public String getText(Object element) {
                    return element instanceof JobTemplate t ? t.name() + " — " + t.description() : String.valueOf(
                            element);
                }
            });
            d.setInput(choices);
            d.setInitialSelections(EMPTY);
            d.setWidthInChars(90);
            if (d.open() != Window.OK || d.getResult() == null || d.getResult().length == 0) {
                return null;
            }
            Object choice = d.getResult()[0];
            FileDialog save = new FileDialog(shell, SWT.SAVE);
            save.setText("Save New Job As");
            save.setFilterExtensions(JOB_FILTERS);
            save.setFilterNames(JOB_FILTER_NAMES);
            save.setFileName("job.xmi");
            save.setOverwrite(true);
            String chosen = save.open();
            if (chosen == null) {
                return null;
            }
            Path file = Path.of(chosen);
            try {
                if (choice instanceof JobTemplate t) {
                    JobTemplates.create(t, file);
                } else {
                    JobTemplates.createEmpty(file);
                }
                open(HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage(), file);
            } catch (Exception e) {
                RunSessions.get().report("Cannot create " + file.getFileName(), BackgroundLoad.describe(e));
            }
            return null;
        }
    }

    /** "Open Job...": opens a job file in the editor. */
    public static final class OpenJob extends AbstractHandler {
        @Override
        public Object execute(ExecutionEvent event) throws ExecutionException {
            FileDialog d = new FileDialog(HandlerUtil.getActiveShellChecked(event), SWT.OPEN);
            d.setText("Open Job");
            d.setFilterExtensions(JOB_FILTERS);
            d.setFilterNames(JOB_FILTER_NAMES);
            String chosen = d.open();
            if (chosen != null) {
                try {
                    open(HandlerUtil.getActiveWorkbenchWindowChecked(event).getActivePage(), Path.of(chosen));
                } catch (PartInitException e) {
                    RunSessions.get().report("Cannot open " + Path.of(chosen).getFileName(), e.getMessage());
                }
            }
            return null;
        }
    }
}
