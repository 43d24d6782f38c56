package org.activestructopt.ui.internal;

import java.util.Objects;

import org.activestructopt.ui.AsoUi;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;

/**
 * One line at the bottom of a view saying what it shows or, after a failure, why it does not show more. An error is
 * also reported through the view's {@link ProblemReporter}; the line stays so the reason is still visible once the
 * dialog is gone, and the view stays usable with what it showed before.
 */
public final class MessageLine {

    private final CLabel label;
    private ProblemReporter reporter = ProblemReporter.DIALOG;
    private IStatus status = Status.OK_STATUS;

    public MessageLine(Composite parent) {
        label = new CLabel(parent, SWT.NONE);
    }

    /** @return the widget, for layout */
    public CLabel control() {
        return label;
    }

    /** Replaces the reporter (tests observe errors through their own). */
    public void setReporter(ProblemReporter reporter) {
        this.reporter = Objects.requireNonNull(reporter, "reporter");
    }

    /** @return what the line says now: OK with the info text, or the last error */
    public IStatus status() {
        return status;
    }

    /** Shows an informational text. */
    public void info(String text) {
        show(new Status(IStatus.INFO, AsoUi.PLUGIN_ID, text));
    }

    /**
     * Shows an error on the line and reports it (dialog by default).
     *
     * @param title what was attempted
     * @param problem one line for the user: what is wrong and where
     */
    public void error(String title, String problem) {
        IStatus s = new Status(IStatus.ERROR, AsoUi.PLUGIN_ID, problem);
        show(s);
        Shell shell = label.isDisposed() ? null : label.getShell();
        reporter.report(shell, title, s);
    }

    private void show(IStatus s) {
        status = s;
        if (label.isDisposed()) {
            return;
        }
        ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
        label.setImage(switch (s.getSeverity()) {
            case IStatus.ERROR -> images.getImage(ISharedImages.IMG_OBJS_ERROR_TSK);
            case IStatus.WARNING -> images.getImage(ISharedImages.IMG_OBJS_WARN_TSK);
            default -> null;
        });
        label.setText(s.getMessage());
        label.setToolTipText(s.getMessage());
        label.setForeground(s.getSeverity() == IStatus.ERROR
                ? Display.getCurrent().getSystemColor(SWT.COLOR_DARK_RED) : null);
        label.getParent().layout(new org.eclipse.swt.widgets.Control[] {label});
    }
}
