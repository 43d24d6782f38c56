package org.activestructopt.spectra.io;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

import org.activestructopt.spectra.SpectrumKind;

/**
 * What a caller tells the readers beyond the file: the format (default: recognised from the name and content), the
 * columns of a plain file, the k-weight of a chi(k) file that does not state one, the group of an Athena project and
 * the kind the caller expects (used for plain columns, which do not say).
 *
 * @param format  the format, or empty to recognise it
 * @param columns the columns to read, or empty for the format's own choice (plain files: the first two)
 * @param kweight the k-weight of the chi(k) values, or empty for the file's statement (default 0)
 * @param group   the Athena group label (or XDI/NeXus entry) to read, or empty for the first
 * @param kind    the kind of spectrum expected, or empty when any will do
 */
public record ReadOptions(Optional<TextFormat> format, Optional<ColumnSelection> columns, OptionalDouble kweight,
        Optional<String> group, Optional<SpectrumKind> kind) {

    private static final Pattern NUMBER_OR_NAME = Pattern.compile("[^,=]+");

    /** No options: everything recognised from the file. */
    public static final ReadOptions DEFAULTS = new ReadOptions(Optional.empty(), Optional.empty(),
            OptionalDouble.empty(), Optional.empty(), Optional.empty());

    public ReadOptions {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(kweight, "kweight");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
    }

    public ReadOptions withFormat(TextFormat f) {
        return new ReadOptions(Optional.of(f), columns, kweight, group, kind);
    }

    public ReadOptions withColumns(ColumnSelection c) {
        return new ReadOptions(format, Optional.of(c), kweight, group, kind);
    }

    public ReadOptions withKWeight(double w) {
        return new ReadOptions(format, columns, OptionalDouble.of(w), group, kind);
    }

    public ReadOptions withGroup(String g) {
        return new ReadOptions(format, columns, kweight, Optional.of(g), kind);
    }

    public ReadOptions withKind(SpectrumKind k) {
        return new ReadOptions(format, columns, kweight, group, Optional.of(k));
    }

    /**
     * Parses the options part of a target spec, the text after '#' in {@code file.dat#energy,mu} or
     * {@code data.chi#kweight=2} or {@code foil.prj#group=Ni foil,format=athena}: comma-separated items, where
     * {@code key=value} items are options (format, kweight, group, columns with '+' between names) and the others
     * are the column names or numbers x, y[, sigma] in order.
     *
     * @throws IllegalArgumentException naming the item that cannot be understood
     */
    public ReadOptions parse(String spec) {
        ReadOptions o = this;
        StringBuilder cols = new StringBuilder();
        for (String raw : spec.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                if (!NUMBER_OR_NAME.matcher(item).matches()) {
                    throw new IllegalArgumentException("'" + item + "' is not a column name or number");
                }
                cols.append(cols.isEmpty() ? "" : ",").append(item);
                continue;
            }
            String key = item.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            String value = item.substring(eq + 1).strip();
            switch (key) {
            case "format" -> o = o.withFormat(TextFormat.byKey(value));
            case "kweight", "kw", "k-weight" -> {
                try {
                    o = o.withKWeight(Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("kweight '" + value + "' is not a number");
                }
            }
            case "group", "entry" -> o = o.withGroup(value);
            case "columns" -> o = o.withColumns(ColumnSelection.parse(value.replace('+', ',')));
            default -> throw new IllegalArgumentException("unknown option '" + key
                    + "' (known: format, kweight, group, columns)");
            }
        }
        if (!cols.isEmpty()) {
            o = o.withColumns(ColumnSelection.parse(cols.toString()));
        }
        return o;
    }
}
