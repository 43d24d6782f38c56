package org.activestructopt.ui.internal.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.activestructopt.api.Setting;
import org.activestructopt.api.SettingsSchema;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;

/**
 * The settings of a pluggable component (a simulator, a sampler) as a table built from its {@link SettingsSchema}:
 * one row per declared setting with its value (empty: the default), default, units and description; the value
 * column is edited in place. Keys in the job that the schema does not declare are listed too, marked unknown, so a
 * typo is visible; clearing their value removes them.
 */
public final class SettingsTable {

    /** One row: a setting name, its value in the job (null: default) and its declaration (null: unknown key). */
    public static final class Row {
        private final String name;
        private final Setting<?> setting;
        private String value;

        Row(String name, Setting<?> setting, String value) {
            this.name = name;
            this.setting = setting;
            this.value = value;
        }

        public String name() {
            return name;
        }

        /** @return the value written in the job, or null when the default applies */
        public String value() {
            return value;
        }

        /** @return "default 0.005" or "optional", or "unknown setting" */
        public String defaultText() {
            if (setting == null) {
                return "unknown setting";
            }
            return setting.defaultValue().map(d -> String.valueOf(d)).orElse("optional");
        }
    }

    private final TableViewer viewer;
    private final List<Row> rows = new ArrayList<>();
    private BiConsumer<String, String> onChange = (k, v) -> {
    };

    public SettingsTable(Composite parent) {
        viewer = new TableViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        // a width hint lets the table scroll instead of widening the whole form to its columns
        GridDataFactory.fillDefaults().grab(true, false).hint(300, 120).applyTo(table);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        column("Setting", 130, r -> r.name);
        TableViewerColumn value = column("Value", 110, r -> r.value == null ? "" : r.value);
        value.setEditingSupport(new ValueEditing());
        column("Default", 90, Row::defaultText);
        column("Units", 80, r -> r.setting == null ? "" : r.setting.units());
        column("Description", 360, r -> r.setting == null ? "not a setting of this component"
                : r.setting.description());
    }

    private TableViewerColumn column(String title, int width, Function<Row, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Row) element);
            }

            @Override
            public String getToolTipText(Object element) {
                Row r = (Row) element;
                return r.setting == null ? r.name + ": unknown setting" : r.setting.name() + ": "
                        + r.setting.description();
            }
        });
        return c;
    }

    /** @return the table widget */
    public Table table() {
        return viewer.getTable();
    }

    /**
     * Shows the settings of a component.
     *
     * @param schema   the component's schema, or null when the component is not installed (only the job's keys are
     *                 listed)
     * @param values   the values in the job
     * @param onChange receives (key, new value or null to remove) when the user edits a value
     */
    public void setInput(SettingsSchema schema, Map<String, String> values, BiConsumer<String, String> onChange) {
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        rows.clear();
        Map<String, String> rest = new LinkedHashMap<>(values);
        if (schema != null) {
            for (Setting<?> s : schema.settings()) {
                rows.add(new Row(s.name(), s, rest.remove(s.name())));
            }
        }
        rest.forEach((k, v) -> rows.add(new Row(k, null, v)));
        viewer.setInput(rows);
    }

    /** @return the rows shown */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Sets a value as editing the cell does (empty or null: back to the default). */
    public void setValue(String name, String value) {
        for (Row r : rows) {
            if (r.name.equals(name)) {
                String v = value == null || value.isBlank() ? null : value.strip();
                r.value = v;
                viewer.update(r, null);
                onChange.accept(name, v);
                return;
            }
        }
        throw new IllegalArgumentException("no setting '" + name + "' in the table");
    }

    private final class ValueEditing extends EditingSupport {
        private final TextCellEditor editor = new TextCellEditor(viewer.getTable());

        ValueEditing() {
            super(viewer);
        }

        @Override
        protected CellEditor getCellEditor(Object element) {
            return editor;
        }

        @Override
        protected boolean canEdit(Object element) {
            return true;
        }

        @Override
        protected Object getValue(Object element) {
            String v = ((Row) element).value;
            return v == null ? "" : v;
        }

        @Override
        protected void setValue(Object element, Object value) {
            SettingsTable.this.setValue(((Row) element).name, (String) value);
        }
    }
}
