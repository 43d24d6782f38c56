package org.activestructopt.spectra.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;

/** Plain column files: x and y (and sigma) chosen by name or number, default the first two columns. */
final class ColumnReader {

    private ColumnReader() {
    }

    static SpectrumFile read(Path file, List<String> text, ReadOptions options) throws SpectrumFormatException {
        TextTable t = TextTable.parse(file, text, 0, "column file");
        ColumnSelection c = options.columns().orElse(null);
        if (c == null && t.width() < 2) {
            throw new SpectrumFormatException(file, "line " + t.lines[0], "expected at least two columns x y, found "
                    + t.width());
        }
        int xc = c == null ? 0 : resolve(t, c.x());
        int yc = c == null ? 1 : resolve(t, c.y());
        double[] x = t.column(xc);
        double[] y = t.column(yc);
        List<String> notes = new ArrayList<>();
        if (t.decimalComma) {
            notes.add("decimal commas read as decimal points");
        }
        requireIncreasing(t, x, xc);
        String xName = xc < t.names.size() ? t.names.get(xc) : "";
        String yName = yc < t.names.size() ? t.names.get(yc) : "";
        SpectrumKind kind = options.kind().orElse(guess(xName));
        Spectrum s = Spectrum.of(kind, x, y).withName(file.getFileName().toString());
        if (c != null && c.sigma().isPresent()) {
            int sc = resolve(t, c.sigma().get());
            double[] sig = t.column(sc);
            for (int i = 0; i < sig.length; i++) {
                if (!(sig[i] > 0)) {
                    throw new SpectrumFormatException(file, "line " + t.lines[i] + ", " + t.label(sc),
                            "uncertainty " + sig[i] + " is not positive");
                }
            }
            s = s.withUncertainties(sig);
        }
        return SpectrumFile.plain(file, TextFormat.COLUMNS, s, notes);
    }

    static SpectrumKind guess(String xName) {
        String n = xName.toLowerCase(Locale.ROOT).replaceFirst("[\\(\\[].*$", "");
        return switch (n) {
        case "r" -> SpectrumKind.PDF;
        case "k" -> SpectrumKind.EXAFS;
        case "e", "energy", "omega" -> SpectrumKind.XANES;
        default -> SpectrumKind.OTHER;
        };
    }

    /** @return the 0-based column a name or 1-based number means */
    static int resolve(TextTable t, String ref) throws SpectrumFormatException {
        String r = ref.strip();
        if (r.matches("\\d+")) {
            int n = Integer.parseInt(r);
            if (n < 1 || n > t.width()) {
                throw new SpectrumFormatException(t.file, "columns", "column " + n + " asked for, but the rows have "
                        + t.width() + " column(s)");
            }
            return n - 1;
        }
        OptionalInt c = t.find(r);
        if (c.isEmpty()) {
            throw new SpectrumFormatException(t.file, "columns", "no column named '" + r + "'; "
                    + (t.names.isEmpty() ? "the file names no columns (choose them by number, e.g. #1,2)"
                            : "the columns are " + String.join(", ", t.names)
                                    + (t.namesLine > 0 ? " (line " + t.namesLine + ")" : "")));
        }
        return c.getAsInt();
    }

    /** Strictly increasing x, naming the line where it is not. */
    static void requireIncreasing(TextTable t, double[] x, int xc) throws SpectrumFormatException {
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new SpectrumFormatException(t.file, "line " + t.lines[i] + ", " + t.label(xc), "x = "
                        + NumberTextFormat.of(x[i]) + " does not increase (line " + t.lines[i - 1] + " has "
                        + NumberTextFormat.of(x[i - 1]) + ")");
            }
        }
    }

    /** Short number text for messages. */
    static final class NumberTextFormat {
        private NumberTextFormat() {
        }

        static String of(double v) {
            return org.activestructopt.spectra.internal.Texts.number(v);
        }
    }
}
