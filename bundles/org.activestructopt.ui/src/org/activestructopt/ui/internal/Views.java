package org.activestructopt.ui.internal;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

/** Finds (opening if needed) the view a command acts on. */
public final class Views {

    private Views() {
    }

    /**
     * @return the view with this id in the command's window, shown and of the expected class
     * @throws ExecutionException if the view cannot be created
     */
    public static <V extends IViewPart> V show(ExecutionEvent event, String id, Class<V> type)
            throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        try {
            return type.cast(window.getActivePage().showView(id));
        } catch (PartInitException e) {
            throw new ExecutionException("Cannot open view " + id + ": " + e.getMessage(), e);
        }
    }
}
