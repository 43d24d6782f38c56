package org.activestructopt.ui.internal.spectra;

import java.nio.file.Path;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.Views;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * "Open Target...": asks for a file (NeXus or a measured text format: XDI, chi(k), Athena project, PDF .gr, columns)
 * and hands it to the spectra view, which reads it in the background.
 */
public final class OpenNexusTargetHandler extends AbstractHandler {

    static final String[] EXTENSIONS = {"*.nxs;*.nx5;*.nxs.h5;*.h5;*.hdf5;*.hdf", "*.xdi;*.chi;*.prj;*.gr;*.dat;*.txt;*.csv",
        "*"};
    static final String[] NAMES = {"NeXus / HDF5 files", "Measured spectra (XDI, chi(k), Athena, PDF, columns)",
        "All files"};

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShellChecked(event), SWT.OPEN);
        dialog.setText("Open Target");
        dialog.setFilterExtensions(EXTENSIONS);
        dialog.setFilterNames(NAMES);
        String chosen = dialog.open();
        if (chosen != null) {
            Views.show(event, AsoUi.SPECTRA_VIEW_ID, SpectraView.class).openTarget(Path.of(chosen));
        }
        return null;
    }
}
