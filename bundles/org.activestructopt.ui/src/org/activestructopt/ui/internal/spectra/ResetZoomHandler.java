package org.activestructopt.ui.internal.spectra;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.Views;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;

/** "Reset Zoom": shows all plotted data. */
public final class ResetZoomHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Views.show(event, AsoUi.SPECTRA_VIEW_ID, SpectraView.class).resetZoom();
        return null;
    }
}
