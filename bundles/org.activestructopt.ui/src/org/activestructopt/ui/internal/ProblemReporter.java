package org.activestructopt.ui.internal;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Tells the user that something they asked for failed. Views hold one so that tests can observe what the user would
 * be told instead of clicking away a modal dialog.
 */
@FunctionalInterface
public interface ProblemReporter {

    /**
     * Shows the problem. Called on the UI thread.
     *
     * @param shell  parent for any dialog
     * @param title  what was attempted, e.g. "Cannot open NeXus file"
     * @param status the reason; its message is one line written for the user, it carries no stack trace
     */
    void report(Shell shell, String title, IStatus status);

    /** The interactive reporter: a modal error dialog with the reason. */
    ProblemReporter DIALOG = (shell, title, status) -> ErrorDialog.openError(shell, title, null, status);
}
