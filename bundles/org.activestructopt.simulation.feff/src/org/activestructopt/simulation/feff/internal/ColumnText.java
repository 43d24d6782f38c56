package org.activestructopt.simulation.feff.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.spectra.io.NumberText;

/**
 * Reads the whitespace-separated numeric tables that FEFF writes (chi.dat, xmu.dat, feffNNNN.dat) with the shared
 * tokenizer of the spectra readers ({@link NumberText}, which knows the quirks of Fortran list output), and turns
 * every defect into a {@link SimulationException} that names the file, the line and the column.
 */
public final class ColumnText {

    private ColumnText() {
    }

    /** A table: its comment lines (without the leading '#') and its rows, with the 1-based line number of each row. */
    public record Table(List<String> comments, List<double[]> rows, int[] lineNumbers) {

        /** @return column {@code c} of every row */
        public double[] column(int c) {
            double[] out = new double[rows.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows.get(i)[c];
            }
            return out;
        }
    }

    /**
     * Parses one number as FEFF writes it.
     *
     * @throws NumberFormatException if the token is not a number (e.g. Fortran's {@code ******} overflow marker)
     */
    public static double parseNumber(String token) {
        return NumberText.parse(token);
    }

    /**
     * Reads the data block of a FEFF output table: lines starting with '#' are comments; every other non-blank line
     * must hold the same number of numbers (at least {@code minColumns}) with finite values.
     *
     * @param text       the file contents
     * @param source     the file name used in messages
     * @param minColumns the number of leading columns the caller needs
     * @param names      names of the leading columns, for messages (may be shorter than the number of columns)
     * @throws SimulationException {@link Reason#EXTERNAL_FAILURE} for an empty table, a non-numeric token or a
     *                             ragged row; {@link Reason#NUMERICAL} for NaN or infinite values
     */
    public static Table read(String text, String source, int minColumns, String... names) throws SimulationException {
        List<String> comments = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int width = -1;
        String[] all = text.split("\\R", -1);
        for (int n = 0; n < all.length; n++) {
            String line = all[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1));
                continue;
            }
            double[] row = numbers(line, source, n + 1, names);
            if (width < 0) {
                width = row.length;
                if (width < minColumns) {
                    throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " line " + (n + 1)
                            + ": expected at least " + minColumns + " columns (" + String.join(", ", names)
                            + "), found " + width + ": '" + line + "'");
                }
            } else if (row.length != width) {
                throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " line " + (n + 1) + ": " + row.length
                        + " columns where the first data line has " + width + ": '" + line + "' (truncated output?)");
            }
            rows.add(row);
            lines.add(n + 1);
        }
        if (rows.isEmpty()) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " holds no data lines");
        }
        if (rows.size() == 1) {
            // every FEFF table is a grid of many points: one line is what a killed or crashed run leaves
            throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " holds only one data line (line "
                    + lines.get(0) + "; a truncated FEFF output?)");
        }
        return new Table(List.copyOf(comments), List.copyOf(rows),
                lines.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Parses a line of numbers.
     *
     * @throws SimulationException naming the file, line and column of a non-numeric or non-finite token
     */
    public static double[] numbers(String line, String source, int lineNumber, String... names)
            throws SimulationException {
        String[] tokens = NumberText.splitWhitespace(line);
        double[] row = new double[tokens.length];
        for (int c = 0; c < tokens.length; c++) {
            String column = "column " + (c + 1) + (c < names.length ? " (" + names[c] + ")" : "");
            try {
                row[c] = parseNumber(tokens[c]);
            } catch (NumberFormatException e) {
                throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " line " + lineNumber + ", "
                        + column + ": " + e.getMessage() + " in '" + line.strip() + "'");
            }
            if (!Double.isFinite(row[c])) {
                throw new SimulationException(Reason.NUMERICAL, source + " line " + lineNumber + ", " + column
                        + ": FEFF wrote " + tokens[c] + " in '" + line.strip() + "'");
            }
        }
        return row;
    }

    /**
     * Checks that {@code x} increases strictly.
     *
     * @throws SimulationException naming the file and the line where it does not
     */
    public static void requireIncreasing(double[] x, int[] lineNumbers, String source, String name)
            throws SimulationException {
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " line " + lineNumbers[i] + ": "
                        + name + " = " + x[i] + " does not increase (previous line: " + x[i - 1] + ")");
            }
        }
    }

    /** @return the value after {@code key} in comment lines such as {@code Mu=-3.733E+00 kf=1.821E+00}, if present */
    public static OptionalDouble headerValue(List<String> comments, String key) {
        Pattern p = Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "\\s*=?\\s*([-+0-9.EeDd]+)");
        for (String c : comments) {
            Matcher m = p.matcher(c);
            if (m.find()) {
                try {
                    return OptionalDouble.of(parseNumber(m.group(1)));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
        }
        return OptionalDouble.empty();
    }
}
