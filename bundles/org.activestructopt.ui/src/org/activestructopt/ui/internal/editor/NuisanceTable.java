package org.activestructopt.ui.internal.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.activestructopt.api.NuisanceParameter;
import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.Settings;
import org.activestructopt.api.Simulator;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.NuisanceEntry;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.structure.Structure;
import org.activestructopt.ui.internal.spectra.Units;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;

/**
 * The nuisance parameters of one objective (scale, Qdamp, Uiso; S0^2, Delta E0, sigma^2; ...), one row each: the
 * check box refines or fixes it, then its start (or fixed) value, its bounds, its units and, when the job holds
 * results, the value and standard uncertainty the best candidate's inner fit refined. Cells the job leaves empty show
 * what the run would use: the simulator's value and bounds, refined by default for a measured target. Value and
 * bounds are edited in place; a cell whose value is invalid (not a number, outside the bounds, lower not below upper,
 * U not positive) is shown in red with its problem as tool tip, and the editor lists it with the job's problems.
 * <p>
 * The rows are the simulator's parameters for the start structure ({@link NuisanceSimulator#nuisanceParameters(
 * Structure)}), the others it has that are not one of a per-element family (qbroad, delta1, the common uiso), and
 * every parameter the job names, including names the simulator does not know (marked, to be removed).
 */
public final class NuisanceTable {

    /** The editable columns, as numbered in the table. */
    static final int VALUE = 1;
    static final int LOWER = 2;
    static final int UPPER = 3;
    private static final String[] FIELDS = {"refine", "value", "lower", "upper"};

    /** Receives the edits; the editor applies them to the model (and marks the job dirty). */
    interface Edits {
        /** The refine box of {@code name} was ticked or cleared. */
        void refine(String name, boolean refine);

        /** Text typed into column {@code column} (VALUE, LOWER or UPPER) of {@code name}. */
        void typed(String name, int column, String text);

        /** The row's entry is to go: the simulator's value, bounds and default refine flag apply again. */
        void reset(String name);
    }

    /** One row: what the job says and what the simulator would use where it says nothing. */
    public static final class Row {
        private final String name;
        private final NuisanceParameter parameter;
        private final Optional<NuisanceEntry> entry;
        private final double defaultValue;
        private final boolean defaultRefine;
        private final Optional<Candidate.FitValue> result;

        Row(String name, NuisanceParameter parameter, Optional<NuisanceEntry> entry, double defaultValue,
                boolean defaultRefine, Optional<Candidate.FitValue> result) {
            this.name = name;
            this.parameter = parameter;
            this.entry = entry;
            this.defaultValue = defaultValue;
            this.defaultRefine = defaultRefine;
            this.result = result;
        }

        /** @return the parameter's name */
        public String name() {
            return name;
        }

        /** @return whether the simulator has this parameter */
        public boolean known() {
            return parameter != null;
        }

        /** @return whether the job has an entry for it */
        public boolean inJob() {
            return entry.isPresent();
        }

        /** @return the value the run starts from (or keeps): the job's, else the simulator's (NaN if neither) */
        public double value() {
            return or(entry.flatMap(e -> box(e.value())), defaultValue);
        }

        public double lower() {
            return or(entry.flatMap(e -> box(e.lower())), parameter == null ? Double.NaN : parameter.lower());
        }

        public double upper() {
            return or(entry.flatMap(e -> box(e.upper())), parameter == null ? Double.NaN : parameter.upper());
        }

        /** @return whether the run refines it */
        public boolean refine() {
            return entry.flatMap(NuisanceEntry::refine).orElse(defaultRefine);
        }

        /** @return the best candidate's fitted value, if the job holds results */
        public Optional<Candidate.FitValue> result() {
            return result;
        }

        /** @return e.g. "0.0412 ± 0.0011", "0.005 (fixed)", or "" without results */
        public String resultText() {
            return result.map(f -> Units.number(f.value()) + (f.refined() && Double.isFinite(f.uncertainty())
                    ? " ± " + Units.number(f.uncertainty()) : f.refined() ? "" : " (fixed)")).orElse("");
        }

        /**
         * @return the problems of this row's values by field (refine, value, lower, upper); only rows in the job
         *         have any: the simulator's own values are valid
         */
        public Map<String, String> problems() {
            Map<String, String> out = new LinkedHashMap<>();
            if (entry.isEmpty()) {
                return out;
            }
            if (parameter == null) {
                out.put("name", "not a nuisance parameter of this simulator");
                return out;
            }
            double v = value();
            double lo = lower();
            double hi = upper();
            if (!(lo < hi)) {
                out.put("lower", "lower " + Units.number(lo) + " is not below upper " + Units.number(hi));
            } else if (!(v >= lo && v <= hi)) {
                out.put("value", Units.number(v) + " is outside its bounds [" + Units.number(lo) + ", "
                        + Units.number(hi) + "]");
            }
            if (isDisplacement() && !(v > 0)) {
                out.put("value", "a displacement parameter U must be > 0, got " + Units.number(v));
            } else if (isDisplacement() && !(lo > 0) && !out.containsKey("lower")) {
                out.put("lower", "a displacement parameter U must stay > 0, so its lower bound must be > 0, got "
                        + Units.number(lo));
            }
            return out;
        }

        /** The PDF's U (uiso, uiso_Si ...): a mean-square displacement, 0 or less is unphysical. */
        private boolean isDisplacement() {
            return name.equals("uiso") || name.startsWith("uiso_");
        }

        String units() {
            return parameter == null ? "" : parameter.setting().units();
        }

        String description() {
            return parameter == null ? name + ": not a nuisance parameter of this simulator; remove it"
                    : name + ": " + parameter.setting().description();
        }

        private static double or(Optional<Double> v, double otherwise) {
            return v.orElse(otherwise);
        }

        private static Optional<Double> box(OptionalDouble d) {
            return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
        }
    }

    private final CheckboxTableViewer viewer;
    private final List<Row> rows = new ArrayList<>();
    /** Texts typed that are not numbers, by "name/field": the cell shows them until they are fixed. */
    private Map<String, String> rejected = Map.of();
    private Edits edits;
    private final TextCellEditor[] cellEditors = new TextCellEditor[4];

    public NuisanceTable(Composite parent) {
        viewer = CheckboxTableViewer.newCheckList(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER
                | SWT.V_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setToolTipText("Tick to refine a parameter with the structure (each candidate's inner fit); clear to "
                + "fix it at its value");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, 205).applyTo(table);
        viewer.setContentProvider(org.eclipse.jface.viewers.ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        column("Refine / parameter", 150, -1, r -> r.name + (r.known() ? "" : " (unknown)"));
        column("Value", 90, VALUE, r -> number(r, "value", r.value()));
        column("Lower", 80, LOWER, r -> number(r, "lower", r.lower()));
        column("Upper", 80, UPPER, r -> number(r, "upper", r.upper()));
        column("Units", 80, -1, r -> Units.pretty(r.units()));
        column("Refined (best)", 140, -1, Row::resultText);
        viewer.setCheckStateProvider(new org.eclipse.jface.viewers.ICheckStateProvider() {
            @Override
            public boolean isChecked(Object element) {
                return ((Row) element).refine();
            }

            @Override
            public boolean isGrayed(Object element) {
                return false;
            }
        });
        viewer.addCheckStateListener(e -> {
            if (edits != null) {
                edits.refine(((Row) e.getElement()).name, e.getChecked());
            }
        });
    }

    /** @return what a cell shows: the text typed if it was not a number, else the value */
    private String number(Row r, String field, double v) {
        String typed = rejected.get(r.name + "/" + field);
        return typed != null ? typed : Double.isNaN(v) ? "" : Units.number(v);
    }

    private void column(String title, int width, int editable, java.util.function.Function<Row, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        String field = editable > 0 ? FIELDS[editable] : editable == -1 && title.startsWith("Refine") ? "name" : null;
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Row) element);
            }

            @Override
            public Color getForeground(Object element) {
                return problem((Row) element, field) != null
                        ? viewer.getTable().getDisplay().getSystemColor(SWT.COLOR_RED) : null;
            }

            @Override
            public String getToolTipText(Object element) {
                Row r = (Row) element;
                String p = problem(r, field);
                return p != null ? r.name + ": " + p : r.description();
            }
        });
        if (editable > 0) {
            cellEditors[editable] = new TextCellEditor(viewer.getTable());
            c.setEditingSupport(new EditingSupport(viewer) {
                @Override
                protected CellEditor getCellEditor(Object element) {
                    return cellEditors[editable];
                }

                @Override
                protected boolean canEdit(Object element) {
                    return ((Row) element).known();
                }

                @Override
                protected Object getValue(Object element) {
                    Row r = (Row) element;
                    return number(r, FIELDS[editable], editable == VALUE ? r.value() : editable == LOWER ? r.lower()
                            : r.upper());
                }

                @Override
                protected void setValue(Object element, Object value) {
                    // the cell editor also applies when it merely loses the focus
                    if (edits != null && !value.equals(getValue(element))) {
                        edits.typed(((Row) element).name, editable, (String) value);
                    }
                }
            });
        }
    }

    /** @return the problem of a cell: typed text that is not a number, or the row's values' problem there */
    private String problem(Row r, String field) {
        if (field == null) {
            return null;
        }
        if (rejected.containsKey(r.name + "/" + field)) {
            return "'" + rejected.get(r.name + "/" + field) + "' is not a number";
        }
        return r.problems().get(field);
    }

    /**
     * Shows the rows of an objective.
     *
     * @param rows     see {@link #rows(Objective, int, Simulator, Settings, Structure, boolean, List)}
     * @param rejected texts typed that are not numbers, by "name/field"
     * @param edits    receives the user's edits
     */
    void setInput(List<Row> rows, Map<String, String> rejected, Edits edits) {
        this.rows.clear();
        this.rows.addAll(rows);
        this.rejected = Map.copyOf(rejected);
        this.edits = Objects.requireNonNull(edits, "edits");
        viewer.setInput(this.rows);
    }

    /** @return the rows shown */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** @return the row of {@code name} */
    Row row(String name) {
        return rows.stream().filter(r -> r.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no nuisance parameter '" + name + "' in the table"));
    }

    /** @return the table widget */
    public Table table() {
        return viewer.getTable();
    }

    CheckboxTableViewer viewer() {
        return viewer;
    }

    /** @return the text cell editor of column VALUE, LOWER or UPPER */
    TextCellEditor cellEditor(int column) {
        return cellEditors[column];
    }

    /** Removes the selected row's entry from the job (the Reset button). */
    void resetSelected() {
        if (viewer.getStructuredSelection().getFirstElement() instanceof Row r && edits != null) {
            edits.reset(r.name);
        }
    }

    /**
     * The rows of one objective.
     *
     * @param o         the objective
     * @param index     its index in the job (the results name objectives by index)
     * @param simulator its simulator, or null when none is installed (then only the job's entries are listed)
     * @param settings  the simulator's settings of the objective, or null if they do not parse (no default values)
     * @param start     the start structure, or null when it cannot be read (then the per-element parameters of
     *                  the job only)
     * @param measured  whether the target is a measurement (then the simulator's parameters are refined by default)
     * @param best      the best candidate's nuisance values of this objective, empty without results
     */
    static List<Row> rows(Objective o, int index, Simulator simulator, Settings settings, Structure start,
            boolean measured, List<Candidate.FitValue> best) {
        Map<String, NuisanceParameter> all = new LinkedHashMap<>();
        List<String> defaults = new ArrayList<>();
        NuisanceSimulator ns = simulator instanceof NuisanceSimulator n ? n : null;
        if (ns != null) {
            for (NuisanceParameter p : ns.nuisanceParameters()) {
                all.put(p.name(), p);
            }
            List<NuisanceParameter> used = start != null ? ns.nuisanceParameters(start) : List.of();
            used.forEach(p -> defaults.add(p.name()));
        }
        List<String> names = new ArrayList<>(defaults);
        for (String n : all.keySet()) {
            int u = n.indexOf('_');
            boolean familyMember = u > 0 && all.containsKey(n.substring(0, u));
            if (!familyMember && !names.contains(n)) {
                names.add(n);
            }
        }
        for (NuisanceEntry e : o.nuisance()) {
            if (e.name() != null && !names.contains(e.name())) {
                names.add(e.name());
            }
        }
        List<Row> out = new ArrayList<>();
        for (String n : names) {
            NuisanceParameter p = all.get(n);
            double value = Double.NaN;
            if (p != null && settings != null) {
                try {
                    value = ns.value(p, settings);
                } catch (RuntimeException e) {
                    value = Double.NaN; // an optional setting with no fallback: the job must give a value
                }
            }
            Optional<NuisanceEntry> family = o.nuisance().stream()
                    .filter(e -> e.name() != null && n.startsWith(e.name() + "_")).findFirst();
            // a parameter the run does not use by default is fixed at its setting unless the job says otherwise
            boolean refine = family.flatMap(NuisanceEntry::refine).orElse(measured && defaults.contains(n));
            Optional<Candidate.FitValue> result = best.stream().filter(f -> f.objective() == index
                    && f.name().equals(n)).findFirst();
            out.add(new Row(n, p, o.nuisance(n), value, refine, result));
        }
        return out;
    }
}
