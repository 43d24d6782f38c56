package org.activestructopt.spectra.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;

/**
 * XDI 1.0 (the XAS Data Interchange format, https://github.com/XraySpectroscopy/XAS-Data-Interchange): a version
 * line {@code # XDI/1.0}, {@code # Family.key: value} fields up to {@code # ///}, free comments up to
 * {@code #----}, then columns named by the {@code Column.N: name [units]} fields. mu(E) is the {@code mutrans},
 * {@code mufluor} or {@code mu} column, or ln(i0/itrans), or ifluor/i0 when only intensities are given.
 */
final class XdiReader {

    private static final Pattern COLUMN = Pattern.compile("column\\.(\\d+)", Pattern.CASE_INSENSITIVE);

    private XdiReader() {
    }

    static boolean looksLike(List<String> text) {
        return !text.isEmpty() && text.get(0).strip().matches("#\\s*XDI/\\S+.*");
    }

    static SpectrumFile read(Path file, List<String> text, ReadOptions options) throws SpectrumFormatException {
        Header h = new Header();
        String version = text.isEmpty() ? "" : text.get(0).strip().replaceFirst("^#\\s*", "");
        for (int i = 1; i < text.size(); i++) {
            String t = text.get(i).strip();
            if (!t.startsWith("#")) {
                break;
            }
            String body = t.substring(1).strip();
            if (body.startsWith("///")) {
                break;
            }
            int colon = body.indexOf(':');
            if (colon > 0 && body.substring(0, colon).matches("[A-Za-z_][\\w]*\\.[\\w.]+")) {
                h.put(body.substring(0, colon).strip(), body.substring(colon + 1).strip(), i + 1);
            }
        }
        Map<Integer, String[]> columns = new TreeMap<>();
        for (Map.Entry<String, String> e : h.values.entrySet()) {
            Matcher m = COLUMN.matcher(e.getKey());
            if (m.matches()) {
                columns.put(Integer.parseInt(m.group(1)), NumberText.splitWhitespace(e.getValue()));
            }
        }
        TextTable t = TextTable.parse(file, text, 0, "XDI file");
        List<String> notes = new ArrayList<>();
        if (t.decimalComma) {
            notes.add("decimal commas read as decimal points");
        }
        for (int n : columns.keySet()) {
            if (n < 1 || n > t.width()) {
                throw new SpectrumFormatException(file, "line " + h.line("Column." + n) + ", Column." + n,
                        "names column " + n + " but the data rows have " + t.width() + " columns");
            }
        }
        String names = String.join(", ", columns.values().stream().map(v -> v.length > 0 ? v[0] : "?").toList());
        int ec;
        double[] x;
        double[] y;
        String yName;
        if (options.columns().isPresent()) {
            ColumnSelection c = options.columns().get();
            ec = index(columns, c.x());
            ec = ec >= 0 ? ec : ColumnReader.resolve(t, c.x());
            int yc = index(columns, c.y());
            yc = yc >= 0 ? yc : ColumnReader.resolve(t, c.y());
            x = t.column(ec);
            y = t.column(yc);
            yName = c.y();
        } else {
            ec = index(columns, "energy");
            if (ec < 0) {
                throw new SpectrumFormatException(file, "Column.N", "no energy column: the header names "
                        + (columns.isEmpty() ? "no columns" : names)
                        + "; XDI needs a field such as '# Column.1: energy eV'");
            }
            x = t.column(ec);
            int mu = first(columns, "mutrans", "mufluor", "mu", "murefer");
            if (mu >= 0) {
                y = t.column(mu);
                yName = columns.get(mu + 1)[0];
            } else {
                int i0 = index(columns, "i0");
                int it = first(columns, "itrans", "i1", "it");
                int fl = first(columns, "ifluor", "if");
                if (i0 >= 0 && it >= 0) {
                    y = new double[x.length];
                    double[] a = t.column(i0);
                    double[] b = t.column(it);
                    for (int i = 0; i < y.length; i++) {
                        if (!(a[i] > 0) || !(b[i] > 0)) {
                            throw new SpectrumFormatException(file, "line " + t.lines[i], "i0 = " + a[i]
                                    + ", itrans = " + b[i] + ": mu = ln(i0/itrans) needs positive intensities");
                        }
                        y[i] = Math.log(a[i] / b[i]);
                    }
                    yName = "mutrans";
                    notes.add("mu = ln(i0/itrans)");
                } else if (i0 >= 0 && fl >= 0) {
                    y = new double[x.length];
                    double[] a = t.column(i0);
                    double[] b = t.column(fl);
                    for (int i = 0; i < y.length; i++) {
                        if (!(a[i] > 0)) {
                            throw new SpectrumFormatException(file, "line " + t.lines[i], "i0 = " + a[i]
                                    + ": mu = ifluor/i0 needs a positive i0");
                        }
                        y[i] = b[i] / a[i];
                    }
                    yName = "mufluor";
                    notes.add("mu = ifluor/i0");
                } else {
                    throw new SpectrumFormatException(file, "Column.N", "no absorption column: the header names "
                            + names + "; need mutrans, mufluor or mu, or i0 with itrans or ifluor");
                }
            }
            String[] eDef = columns.get(ec + 1);
            String units = eDef.length > 1 ? eDef[1].toLowerCase(Locale.ROOT) : "ev";
            if (units.equals("kev")) {
                for (int i = 0; i < x.length; i++) {
                    x[i] *= 1000;
                }
                notes.add("energy converted from keV to eV");
            } else if (!units.equals("ev")) {
                throw new SpectrumFormatException(file, "line " + h.line("Column." + (ec + 1)) + ", Column."
                        + (ec + 1), "energy in '" + eDef[1] + "'; expected eV or keV");
            }
        }
        ColumnReader.requireIncreasing(t, x, ec);
        Spectrum s = Spectrum.of(SpectrumKind.XANES, x, y).withName(file.getFileName().toString())
                .withAxis("E", "eV").withValues("mu(E)", "");
        Map<Stated, Double> stated = Header.stated();
        h.state(stated, Stated.EDGE_ENERGY, "Scan.edge_energy");
        h.state(stated, Stated.MONO_D_SPACING, "Mono.d_spacing");
        return new SpectrumFile(file, TextFormat.XDI, version, s, stated, h.values,
                Optional.ofNullable(h.get("Element.symbol")), Optional.ofNullable(h.get("Element.edge")), notes);
    }

    /** @return the 0-based index of the column the Column.N fields name {@code name}, or -1 */
    private static int index(Map<Integer, String[]> columns, String name) {
        for (Map.Entry<Integer, String[]> e : columns.entrySet()) {
            if (e.getValue().length > 0 && e.getValue()[0].equalsIgnoreCase(name)) {
                return e.getKey() - 1;
            }
        }
        return -1;
    }

    private static int first(Map<Integer, String[]> columns, String... names) {
        for (String n : names) {
            int i = index(columns, n);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }
}
