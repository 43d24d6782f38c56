package org.activestructopt.ui.internal.candidates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.activestructopt.structure.io.CifWriter;
import org.activestructopt.ui.internal.MessageLine;
import org.activestructopt.ui.internal.ProblemReporter;
import org.activestructopt.ui.internal.run.CandidateRecord;
import org.activestructopt.ui.internal.run.RunSession;
import org.activestructopt.ui.internal.run.RunSessions;
import org.activestructopt.ui.internal.spectra.Units;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.ui.part.ViewPart;

/**
 * Every simulated candidate of the current run, one row each: number, phase, the loss of each objective, the total,
 * the wall time and the status (or why the simulation failed). Rows arrive while the run goes. Click a header to
 * sort by that column (again to reverse); the best candidate is in bold. The selection is this view's selection in
 * the workbench, so the spectra and structure views show the selected candidate. Selected structures can be
 * exported as CIF.
 */
public final class CandidatesView extends ViewPart implements RunSessions.Listener {

    /** A sortable column: its title, how it reads a row as text and as a number. */
    private record Column(String title, int width, int style, Function<CandidateRecord, String> text,
            Comparator<CandidateRecord> order) {
    }

    private TableViewer viewer;
    private Label header;
    private MessageLine messages;
    private RunSession session;
    private CandidateRecord shownBest;
    private final List<Runnable> columnSorts = new ArrayList<>();
    private Font bold;
    private final Sorter sorter = new Sorter();

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        header = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 2).applyTo(header);
        header.setText("No run. Start one with Run Job, or open a run's job.xmi.");
        viewer = new TableViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setComparator(sorter);
        viewer.setUseHashlookup(true);
        bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
        messages = new MessageLine(parent);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(messages.control());
        getSite().setSelectionProvider(viewer);
        RunSessions.get().addListener(this);
        RunSessions.get().current().ifPresentOrElse(this::sessionChanged, () -> createColumns(List.of()));
    }

    @Override
    public void dispose() {
        RunSessions.get().removeListener(this);
        super.dispose();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    /** @return the table viewer (rows are {@link CandidateRecord}s) */
    public TableViewer viewer() {
        return viewer;
    }

    /** @return the message line under the table */
    public MessageLine messages() {
        return messages;
    }

    /** Replaces the error dialog (tests observe the reports). */
    public void setProblemReporter(ProblemReporter reporter) {
        messages.setReporter(reporter);
    }

    /** @return the header text: run, progress, best */
    public String headerText() {
        return header.getText();
    }

    // ------------------------------------------------------------------ run sessions

    @Override
    public void sessionChanged(RunSession s) {
        session = s;
        createColumns(s.objectives());
        shownBest = s.best().orElse(null);
        viewer.setInput(new ArrayList<>(s.records()));
        updateHeader();
    }

    @Override
    public void candidatesAdded(RunSession s, List<CandidateRecord> added) {
        if (s != session || viewer.getControl().isDisposed()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<CandidateRecord> input = (List<CandidateRecord>) viewer.getInput();
        input.addAll(added);
        viewer.add(added.toArray());
        CandidateRecord best = s.best().orElse(null);
        if (best != shownBest) {
            // the bold row moves: both rows are relabelled
            if (shownBest != null) {
                viewer.update(shownBest, null);
            }
            viewer.update(best, null);
            shownBest = best;
        }
        updateHeader();
    }

    @Override
    public void stateChanged(RunSession s) {
        if (s == session) {
            updateHeader();
        }
    }

    private void updateHeader() {
        if (header.isDisposed() || session == null) {
            return;
        }
        StringBuilder b = new StringBuilder(session.name()).append(": ").append(session.records().size()).append('/')
                .append(session.budget()).append(" simulations");
        session.best().ifPresent(best -> b.append(", best ").append(Units.number(best.loss())).append(" (#")
                .append(best.index() + 1).append(')'));
        b.append(", ").append(session.isRunning() ? "running" : session.status().toString());
        header.setText(b.toString());
        header.setToolTipText(session.file().toString());
        if (session.status() == org.activestructopt.refinement.model.Status.FAILED && !session.isRunning()) {
            messages.info("Failed: " + session.message().orElse(""));
        } else {
            messages.info(session.file().toString());
        }
    }

    // ------------------------------------------------------------------ columns and sorting

    private void createColumns(List<RunSession.ObjectiveInfo> objectives) {
        Table table = viewer.getTable();
        table.setRedraw(false);
        try {
            for (TableColumn c : table.getColumns()) {
                c.dispose();
            }
            columnSorts.clear();
            List<Column> columns = new ArrayList<>();
            columns.add(new Column("#", 50, SWT.RIGHT, r -> Integer.toString(r.index() + 1),
                    Comparator.comparingInt(CandidateRecord::index)));
            columns.add(new Column("Phase", 90, SWT.LEFT, r -> r.phase().toString(),
                    Comparator.comparing(r -> r.phase().ordinal())));
            if (objectives.size() > 1) {
                for (int i = 0; i < objectives.size(); i++) {
                    int objective = i;
                    columns.add(number("Loss " + (i + 1) + " (" + objectives.get(i).simulator() + ")",
                            r -> r.loss(objective)));
                }
            }
            columns.add(number(objectives.size() > 1 ? "Total" : "Loss", CandidateRecord::loss));
            columns.add(new Column("Time (s)", 70, SWT.RIGHT,
                    r -> String.format(Locale.ROOT, "%.3g", r.seconds()),
                    Comparator.comparingDouble(CandidateRecord::seconds)));
            columns.add(new Column("Status", 320, SWT.LEFT, CandidateRecord::statusText,
                    Comparator.comparing(CandidateRecord::statusText)));
            for (Column c : columns) {
                TableViewerColumn vc = new TableViewerColumn(viewer, c.style());
                vc.getColumn().setText(c.title());
                vc.getColumn().setWidth(c.width());
                vc.getColumn().setMoveable(true);
                vc.setLabelProvider(new ColumnLabelProvider() {
                    @Override
                    public String getText(Object element) {
                        return c.text().apply((CandidateRecord) element);
                    }

                    @Override
                    public Font getFont(Object element) {
                        return session != null && session.best().orElse(null) == element ? bold : null;
                    }

                    @Override
                    public String getToolTipText(Object element) {
                        return ((CandidateRecord) element).statusText();
                    }
                });
                Runnable sort = () -> sortBy(vc.getColumn(), c.order());
                columnSorts.add(sort);
                vc.getColumn().addListener(SWT.Selection, e -> sort.run());
            }
            sorter.order = columns.get(0).order();
            sorter.descending = false;
            table.setSortColumn(table.getColumn(0));
            table.setSortDirection(SWT.UP);
        } finally {
            table.setRedraw(true);
        }
    }

    private static Column number(String title, ToDoubleFunction<CandidateRecord> value) {
        // A failure (NaN) sorts as the largest loss: ascending order puts the best first and failures last.
        Comparator<CandidateRecord> order = (a, b) -> {
            double x = value.applyAsDouble(a);
            double y = value.applyAsDouble(b);
            return Double.compare(Double.isNaN(x) ? Double.POSITIVE_INFINITY : x,
                    Double.isNaN(y) ? Double.POSITIVE_INFINITY : y);
        };
        return new Column(title, 90, SWT.RIGHT, r -> {
            double v = value.applyAsDouble(r);
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4g", v);
        }, order);
    }

    /** Sorts by a column as a click on its header does: ascending, then descending on a second click. */
    public void sortBy(int columnIndex) {
        columnSorts.get(columnIndex).run();
    }

    private void sortBy(TableColumn column, Comparator<CandidateRecord> order) {
        Table table = viewer.getTable();
        if (table.getSortColumn() == column) {
            sorter.descending = !sorter.descending;
        } else {
            sorter.order = order;
            sorter.descending = false;
            table.setSortColumn(column);
        }
        table.setSortDirection(sorter.descending ? SWT.DOWN : SWT.UP);
        viewer.refresh();
    }

    /** @return the rows in the order shown */
    public List<CandidateRecord> rowsInOrder() {
        List<CandidateRecord> out = new ArrayList<>();
        for (var item : viewer.getTable().getItems()) {
            out.add((CandidateRecord) item.getData());
        }
        return out;
    }

    private static final class Sorter extends ViewerComparator {
        private Comparator<CandidateRecord> order = Comparator.comparingInt(CandidateRecord::index);
        private boolean descending;

        @Override
        public int compare(Viewer v, Object a, Object b) {
            int c = order.compare((CandidateRecord) a, (CandidateRecord) b);
            if (c == 0) {
                c = Integer.compare(((CandidateRecord) a).index(), ((CandidateRecord) b).index());
            }
            return descending ? -c : c;
        }
    }

    // ------------------------------------------------------------------ selection and export

    /** @return the selected candidates, in table order */
    public List<CandidateRecord> selected() {
        IStructuredSelection s = viewer.getStructuredSelection();
        List<CandidateRecord> out = new ArrayList<>();
        for (Object o : s.toList()) {
            out.add((CandidateRecord) o);
        }
        return out;
    }

    /** Selects candidates as a click would (the other views follow). */
    public void select(List<CandidateRecord> records) {
        viewer.setSelection(new StructuredSelection(records), true);
    }

    /** @return the CIF file name of a candidate, e.g. {@code candidate-0012.cif} */
    public static String cifName(CandidateRecord r) {
        return String.format(Locale.ROOT, "candidate-%04d.cif", r.index() + 1);
    }

    /**
     * Writes candidates' structures as CIF: one candidate to {@code target} itself, several into the directory
     * {@code target} as {@link #cifName}.
     *
     * @return the files written
     */
    public static List<Path> exportCif(List<CandidateRecord> records, Path target) throws IOException {
        List<Path> written = new ArrayList<>();
        if (records.size() == 1) {
            written.add(writeCif(records.get(0), target));
            return written;
        }
        Files.createDirectories(target);
        for (CandidateRecord r : records) {
            written.add(writeCif(r, target.resolve(cifName(r))));
        }
        return written;
    }

    private static Path writeCif(CandidateRecord r, Path file) throws IOException {
        String block = "candidate_" + (r.index() + 1);
        String cif = CifWriter.toCif(r.structure(), block);
        Files.writeString(file, cif, StandardCharsets.UTF_8);
        return file;
    }
}
