package org.activestructopt.spectra.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.activestructopt.spectra.SpectrumFormatException;

/**
 * The numeric block of a text spectrum file: rows of numbers separated by white space, commas, semicolons or tabs,
 * with comment lines ('#', '!', '%', ';') and an optional line of column names before the first row. Decimal commas
 * ({@code 1,234} in a semicolon-, tab- or space-separated file) are recognised and read as decimal points, so they
 * never turn one number into two.
 */
final class TextTable {

    /** How the values of a row are separated. */
    enum Separator {
        WHITESPACE("white space"), COMMA("commas"), SEMICOLON("semicolons");

        final String words;

        Separator(String words) {
            this.words = words;
        }
    }

    /** A comment line: its 1-based number and its text without the comment character. */
    record Comment(int line, String text) {
    }

    final Path file;
    final List<Comment> comments;
    final List<String> names;
    final int namesLine;
    final List<double[]> rows;
    final int[] lines;
    final Separator separator;
    final boolean decimalComma;

    private TextTable(Path file, List<Comment> comments, List<String> names, int namesLine, List<double[]> rows,
            int[] lines, Separator separator, boolean decimalComma) {
        this.file = file;
        this.comments = comments;
        this.names = names;
        this.namesLine = namesLine;
        this.rows = rows;
        this.lines = lines;
        this.separator = separator;
        this.decimalComma = decimalComma;
    }

    static boolean isComment(String stripped) {
        return stripped.startsWith("#") || stripped.startsWith("!") || stripped.startsWith("%")
                || stripped.startsWith(";");
    }

    /**
     * @param text  every line of the file
     * @param from  0-based index of the first line of the numeric block (lines before it are a header the caller
     *              has read)
     * @param what  what the file is, for the message when it holds no rows ("PDFgetX2 .gr file")
     * @throws SpectrumFormatException naming the line and column of a value that is not a finite number, a row
     *                                 with another number of values than the first, and a block without rows
     */
    static TextTable parse(Path file, List<String> text, int from, String what) throws SpectrumFormatException {
        List<Comment> comments = new ArrayList<>();
        String nameText = null;
        int nameLine = -1;
        boolean nameFromComment = false;
        List<double[]> rows = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        Separator sep = null;
        boolean comma = false;
        int width = -1;
        for (int i = from; i < text.size(); i++) {
            int no = i + 1;
            String t = text.get(i).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (isComment(t)) {
                String c = t.replaceFirst("^[#!%;]+", "").strip();
                comments.add(new Comment(no, c));
                if (rows.isEmpty() && !c.isEmpty() && !c.matches("[-=*_/+~ ]+")) {
                    nameText = c.replaceFirst("^L\\s+", "");
                    nameLine = no;
                    nameFromComment = true;
                }
                continue;
            }
            if (sep == null) {
                sep = separatorOf(t);
                comma = usesDecimalComma(t, sep);
                String[] first = split(t, sep, false);
                if (!allNumbers(first, comma)) {
                    if (rows.isEmpty() && nameText != null && !nameFromComment) {
                        throw new SpectrumFormatException(file, "line " + no, "'" + clip(t)
                                + "' is neither a row of numbers nor a comment (line " + nameLine
                                + " already named the columns)");
                    }
                    nameText = t;
                    nameLine = no;
                    nameFromComment = false;
                    sep = null;
                    continue;
                }
            }
            String[] tokens = split(t, sep, comma);
            double[] row = new double[tokens.length];
            for (int c = 0; c < tokens.length; c++) {
                String where = "line " + no + ", column " + (c + 1) + columnName(nameText, sep, c, width);
                try {
                    row[c] = NumberText.parse(tokens[c]);
                } catch (NumberFormatException e) {
                    String hint = !comma && tokens[c].contains(",") ? " (the file seems to use decimal commas in"
                            + " some rows only)" : "";
                    if (rows.isEmpty() && c == 0) {
                        throw new SpectrumFormatException(file, "line " + no, "'" + clip(t)
                                + "' is not a row of numbers separated by " + sep.words);
                    }
                    throw new SpectrumFormatException(file, where, "'" + tokens[c] + "' is not a number" + hint
                            + " in '" + clip(t) + "'");
                }
                if (Double.isNaN(row[c])) {
                    throw new SpectrumFormatException(file, where, "NaN in the data ('" + clip(t) + "')");
                }
                if (Double.isInfinite(row[c])) {
                    throw new SpectrumFormatException(file, where, "infinite value in the data ('" + clip(t) + "')");
                }
            }
            if (width < 0) {
                width = row.length;
            } else if (row.length != width) {
                throw new SpectrumFormatException(file, "line " + no, row.length + " value(s) where line "
                        + lineNos.get(0) + " has " + width + ": '" + clip(t) + "'"
                        + (i == lastNonBlank(text) ? " (truncated file?)" : ""));
            }
            rows.add(row);
            lineNos.add(no);
        }
        if (rows.isEmpty()) {
            throw new SpectrumFormatException(file, null, what + " holds no data rows"
                    + (from > 0 ? " after line " + from : ""));
        }
        List<String> names = nameText == null ? List.of() : List.of(split(nameText, nameFromComment
                ? Separator.WHITESPACE : sep, false));
        if (names.size() != width && nameFromComment) {
            names = List.of(); // a free comment, not a line of names
        }
        return new TextTable(file, List.copyOf(comments), names, names.isEmpty() ? -1 : nameLine, List.copyOf(rows),
                lineNos.stream().mapToInt(Integer::intValue).toArray(), sep, comma);
    }

    private static int lastNonBlank(List<String> text) {
        for (int i = text.size() - 1; i >= 0; i--) {
            if (!text.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    private static String columnName(String nameText, Separator sep, int c, int width) {
        if (nameText == null) {
            return "";
        }
        String[] n = split(nameText, sep == null ? Separator.WHITESPACE : sep, false);
        return c < n.length && (width < 0 || n.length == width) ? " (" + n[c] + ")" : "";
    }

    static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static Separator separatorOf(String t) {
        if (t.indexOf(';') >= 0) {
            return Separator.SEMICOLON;
        }
        String[] ws = NumberText.splitWhitespace(t);
        if (t.indexOf(',') >= 0) {
            // "1,5 2,25" (or tab-separated) is decimal commas; "1.5,2.25" and "1.5, 2.25" are comma-separated
            boolean numbers = ws.length >= 2;
            boolean decimal = false;
            for (String w : ws) {
                boolean dc = NumberText.isDecimalComma(w);
                numbers &= dc || NumberText.isNumber(w);
                decimal |= dc;
            }
            return numbers && decimal ? Separator.WHITESPACE : Separator.COMMA;
        }
        return Separator.WHITESPACE;
    }

    private static boolean usesDecimalComma(String t, Separator sep) {
        if (sep == Separator.COMMA) {
            return false;
        }
        for (String w : split(t, sep, false)) {
            if (NumberText.isDecimalComma(w)) {
                return true;
            }
        }
        return false;
    }

    private static String[] split(String t, Separator sep, boolean decimalComma) {
        String[] f = switch (sep) {
        case WHITESPACE -> NumberText.splitWhitespace(t);
        case COMMA -> t.strip().split("\\s*,\\s*", -1);
        case SEMICOLON -> t.strip().replaceFirst(";\\s*$", "").split("\\s*;\\s*", -1);
        };
        if (decimalComma) {
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].replace(',', '.');
            }
        }
        return f;
    }

    private static boolean allNumbers(String[] tokens, boolean decimalComma) {
        for (String s : tokens) {
            if (!NumberText.isNumber(decimalComma ? s.replace(',', '.') : s)) {
                return false;
            }
        }
        return tokens.length > 0;
    }

    int width() {
        return rows.get(0).length;
    }

    double[] column(int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }

    /** @return the 0-based index of the column with this name (case-insensitive; "r(A)" answers to "r"), if any */
    OptionalInt find(String name) {
        String want = name.toLowerCase(Locale.ROOT);
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < names.size(); c++) {
                String n = names.get(c).toLowerCase(Locale.ROOT);
                if (pass == 1) {
                    n = n.replaceFirst("[\\(\\[].*$", "");
                }
                if (n.equals(want)) {
                    return OptionalInt.of(c);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** @return the name of column {@code c} (0-based) for messages, or "column N" */
    String label(int c) {
        return c < names.size() ? "column " + (c + 1) + " (" + names.get(c) + ")" : "column " + (c + 1);
    }
}
