package org.activestructopt.ui.internal.spectra;

import java.io.IOException;
import java.nio.file.Path;

import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.Views;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/** Saves the spectra plot; {@link Png} and {@link Csv} are the two commands' handlers. */
public abstract class ExportPlotHandler extends AbstractHandler {

    private final String extension;
    private final String filterName;

    ExportPlotHandler(String extension, String filterName) {
        this.extension = extension;
        this.filterName = filterName;
    }

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        SpectraView view = Views.show(event, AsoUi.SPECTRA_VIEW_ID, SpectraView.class);
        if (view.model().isEmpty()) {
            view.messages().error("Nothing to export", "The plot is empty: open a target first.");
            return null;
        }
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShellChecked(event), SWT.SAVE);
        dialog.setText("Export Plot");
        dialog.setFilterExtensions(new String[] {"*." + extension});
        dialog.setFilterNames(new String[] {filterName});
        dialog.setFileName("spectra." + extension);
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return null;
        }
        Path file = Path.of(chosen.endsWith("." + extension) ? chosen : chosen + "." + extension);
        try {
            write(view, file);
            view.messages().info("Exported the plot to " + file + ".");
        } catch (IOException | RuntimeException e) {
            view.messages().error("Export failed", "Cannot write " + file + ": " + e.getMessage());
        }
        return null;
    }

    abstract void write(SpectraView view, Path file) throws IOException;

    /** Export as a PNG image of the chart. */
    public static final class Png extends ExportPlotHandler {
        public Png() {
            super("png", "PNG images");
        }

        @Override
        void write(SpectraView view, Path file) throws IOException {
            view.exportPng(file);
        }
    }

    /** Export of the plotted numbers as CSV. */
    public static final class Csv extends ExportPlotHandler {
        public Csv() {
            super("csv", "Comma-separated values");
        }

        @Override
        void write(SpectraView view, Path file) throws IOException {
            view.exportCsv(file);
        }
    }
}
