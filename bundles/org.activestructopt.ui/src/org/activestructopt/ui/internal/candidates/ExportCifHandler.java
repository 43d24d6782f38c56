package org.activestructopt.ui.internal.candidates;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.Views;
import org.activestructopt.ui.internal.run.CandidateRecord;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/** "Export Selected as CIF...": one selected candidate to a file, several into a directory. */
public final class ExportCifHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        CandidatesView view = Views.show(event, AsoUi.CANDIDATES_VIEW_ID, CandidatesView.class);
        List<CandidateRecord> selected = view.selected();
        if (selected.isEmpty()) {
            view.messages().error("Nothing to export", "Select one or more candidates in the table first.");
            return null;
        }
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        String chosen;
        if (selected.size() == 1) {
            FileDialog d = new FileDialog(shell, SWT.SAVE);
            d.setText("Export Candidate as CIF");
            d.setFilterExtensions(new String[] {"*.cif"});
            d.setFileName(CandidatesView.cifName(selected.get(0)));
            d.setOverwrite(true);
            chosen = d.open();
        } else {
            DirectoryDialog d = new DirectoryDialog(shell);
            d.setText("Export " + selected.size() + " Candidates as CIF");
            d.setMessage("Directory for candidate-NNNN.cif files");
            chosen = d.open();
        }
        if (chosen == null) {
            return null;
        }
        try {
            List<Path> written = CandidatesView.exportCif(selected, Path.of(chosen));
            view.messages().info("Wrote " + written.size() + " CIF file(s) to " + chosen + ".");
        } catch (IOException | RuntimeException e) {
            view.messages().error("Export failed", "Cannot write " + chosen + ": " + e.getMessage());
        }
        return null;
    }
}
