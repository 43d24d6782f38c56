package org.activestructopt.ui.internal.structure;

import java.nio.file.Path;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.Views;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/** "Open CIF...": asks for a CIF file and shows it in the structure view. */
public final class OpenCifHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShellChecked(event), SWT.OPEN);
        dialog.setText("Open CIF");
        dialog.setFilterExtensions(new String[] {"*.cif;*.CIF", "*"});
        dialog.setFilterNames(new String[] {"CIF files", "All files"});
        String chosen = dialog.open();
        if (chosen != null) {
            Views.show(event, AsoUi.STRUCTURE_VIEW_ID, StructureView.class).openCif(Path.of(chosen));
        }
        return null;
    }
}
