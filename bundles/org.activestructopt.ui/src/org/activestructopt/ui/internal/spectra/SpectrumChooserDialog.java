package org.activestructopt.ui.internal.spectra;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.activestructopt.spectra.nexus.SpectrumRef;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** Lists the 1-D spectra of a NeXus file (signal, points, x range, guessed kind) and lets the user pick one. */
public final class SpectrumChooserDialog extends TitleAreaDialog {

    private static final String[] COLUMNS = {"Signal", "Points", "x range", "Kind"};

    private final Path file;
    private final List<SpectrumRef> refs;
    private Table table;
    private SpectrumRef selection;

    public SpectrumChooserDialog(Shell parent, Path file, List<SpectrumRef> refs) {
        super(parent);
        this.file = file;
        this.refs = List.copyOf(refs);
        this.selection = refs.isEmpty() ? null : refs.get(0);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Choose Target Spectrum");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Choose the target spectrum");
        setMessage(file.getFileName() + " holds " + refs.size() + " one-dimensional spectra.");
        table = new Table(area, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 200).indent(8, 8).applyTo(table);
        for (String c : COLUMNS) {
            new TableColumn(table, SWT.LEFT).setText(c);
        }
        for (SpectrumRef r : refs) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(row(r));
            item.setData(r);
        }
        for (TableColumn c : table.getColumns()) {
            c.pack();
        }
        table.setSelection(Math.max(0, refs.indexOf(selection)));
        table.addListener(SWT.Selection, e -> selection = (SpectrumRef) table.getSelection()[0].getData());
        table.addListener(SWT.DefaultSelection, e -> okPressed());
        return area;
    }

    /** @return the cells of a table row: signal path, points, x range with units, kind */
    static String[] row(SpectrumRef r) {
        String range = Units.number(r.xMin()) + " – " + Units.number(r.xMax());
        String units = Units.pretty(r.xUnits());
        return new String[] {r.signalPath(), Integer.toString(r.points()),
            units.isEmpty() ? range : range + " " + units, r.kind().name()};
    }

    /** Selects the row of this signal path (for keyboard-free use and tests). */
    public void select(String signalPath) {
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).signalPath().equals(signalPath)) {
                selection = refs.get(i);
                if (table != null && !table.isDisposed()) {
                    table.setSelection(i);
                }
                return;
            }
        }
        throw new IllegalArgumentException("No spectrum " + signalPath + " in " + file);
    }

    /** @return the rows shown, as text */
    public List<String[]> rows() {
        return refs.stream().map(SpectrumChooserDialog::row).toList();
    }

    /** @return the chosen spectrum */
    public Optional<SpectrumRef> selection() {
        return Optional.ofNullable(selection);
    }

    /** Presses OK as the user would. */
    public void accept() {
        buttonPressed(IDialogConstants.OK_ID);
    }
}
