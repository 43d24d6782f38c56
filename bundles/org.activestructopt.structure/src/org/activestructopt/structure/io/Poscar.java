package org.activestructopt.structure.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;

/**
 * A VASP POSCAR/CONTCAR file: a structure with its comment line and, optionally, selective-dynamics flags.
 *
 * <pre>{@code
 * Structure s = Poscar.read(Path.of("POSCAR")).structure();
 * Poscar.of(s).withComment("relaxed LiNiO2").write(Path.of("CONTCAR.vasp"));
 * }</pre>
 *
 * <h2>What is read</h2>
 * <ol>
 * <li>the comment line;</li>
 * <li>the scale: one number, a factor if positive or the cell volume in Å<sup>3</sup> if negative, or three positive
 * factors for the x, y, z components (they also scale Cartesian positions);</li>
 * <li>three lattice vectors;</li>
 * <li>the element symbols (VASP 5; POTCAR-style names such as "Li_sv" or "Fe/5a1b" are cut at '_' or '/'; VASP's
 * continuation lines for more than 20 groups are accepted) and the counts. In VASP 4 files without a symbol line the
 * elements are taken from symbols written after each coordinate triple, as pymatgen writes them;</li>
 * <li>an optional "Selective dynamics" line (any word starting with S or s);</li>
 * <li>the coordinate mode: a word starting with C, c, K or k means Cartesian (Å, scaled like the lattice), anything
 * else Direct (fractional);</li>
 * <li>one line per atom: three coordinates, then three T/F flags with selective dynamics, then optional text.</li>
 * </ol>
 * Text after '!' or '#' on numeric lines is ignored, Fortran exponents ("1.0D-3") are accepted, and anything after the
 * positions (velocities, predictor-corrector data) is ignored. Every problem raises a
 * {@link StructureFormatException} naming the file, line and field.
 *
 * <h2>What is written</h2>
 * VASP 5 with scale 1, the lattice and Direct coordinates to 16 decimals, the element symbol after each position
 * (ignored by VASP, useful to readers), and one symbol group per run of equal consecutive elements, so that the site
 * order is preserved exactly; pymatgen's {@code Poscar} and ASE's {@code ase.io.read} read it.
 * <p>
 * Instances are immutable; flag arrays are copied in and out.
 */
public final class Poscar {

    /** A decimal number, with Fortran's D accepted as exponent marker; no NaN, infinity or hexadecimal. */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eEdD][-+]?\\d+)?");

    private final Structure structure;
    private final String comment;
    private final boolean[][] movable; // null: no selective dynamics

    private Poscar(Structure structure, String comment, boolean[][] movable) {
        this.structure = structure;
        this.comment = comment;
        this.movable = movable;
    }

    /** @return a POSCAR of {@code structure} with its reduced formula as comment and no selective dynamics */
    public static Poscar of(Structure structure) {
        Objects.requireNonNull(structure, "structure");
        return new Poscar(structure, structure.size() == 0 ? "" : structure.reducedFormula(), null);
    }

    /**
     * @param comment the first line of the file
     * @throws IllegalArgumentException if the comment contains a line break
     */
    public Poscar withComment(String comment) {
        Objects.requireNonNull(comment, "comment");
        if (comment.indexOf('\n') >= 0 || comment.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("POSCAR comment must be a single line: " + comment);
        }
        return new Poscar(structure, comment, movable);
    }

    /**
     * @param movable per site and Cartesian-independent lattice direction, whether VASP may move the coordinate ("T")
     *            or must keep it ("F"); N x 3, or null for no selective dynamics
     * @throws IllegalArgumentException if the shape is not N x 3
     */
    public Poscar withSelectiveDynamics(boolean[][] movable) {
        if (movable == null) {
            return new Poscar(structure, comment, null);
        }
        if (movable.length != structure.size()) {
            throw new IllegalArgumentException("selective dynamics needs one row per site: " + movable.length
                    + " rows for " + structure.size() + " sites");
        }
        boolean[][] copy = new boolean[movable.length][];
        for (int i = 0; i < movable.length; i++) {
            if (movable[i] == null || movable[i].length != 3) {
                throw new IllegalArgumentException("selective dynamics row " + i + " must have 3 flags");
            }
            copy[i] = movable[i].clone();
        }
        return new Poscar(structure, comment, copy);
    }

    public Structure structure() {
        return structure;
    }

    /** @return the first line of the file, without surrounding white space */
    public String comment() {
        return comment;
    }

    /** @return the selective-dynamics flags (true = may move), N x 3, if the file has them */
    public Optional<boolean[][]> selectiveDynamics() {
        if (movable == null) {
            return Optional.empty();
        }
        boolean[][] copy = new boolean[movable.length][];
        for (int i = 0; i < movable.length; i++) {
            copy[i] = movable[i].clone();
        }
        return Optional.of(copy);
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * @throws IOException if the file cannot be read
     * @throws StructureFormatException naming file, line and field for anything that is not a valid POSCAR
     */
    public static Poscar read(Path file) throws IOException, StructureFormatException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return parse(text, file.getFileName().toString());
    }

    /**
     * @param text the content of a POSCAR file
     * @param source name used in error messages, e.g. the file name
     * @throws StructureFormatException naming source, line and field for anything that is not a valid POSCAR
     */
    public static Poscar parse(String text, String source) throws StructureFormatException {
        return new Parser(text, source).parse();
    }

    private static final class Parser {
        private final String[] lines;
        private final String source;
        private final int lastLine; // number of lines up to the last non-blank one
        private int next; // 0-based index of the next line

        Parser(String text, String source) {
            this.lines = text.split("\r?\n|\r", -1);
            this.source = source == null ? "<POSCAR>" : source;
            int last = lines.length;
            while (last > 0 && lines[last - 1].isBlank()) {
                last--;
            }
            this.lastLine = last;
        }

        Poscar parse() throws StructureFormatException {
            if (lastLine == 0) {
                throw error(0, null, "empty file");
            }
            String comment = lines[next++].strip();
            double[] scale = scale();
            double[][] rows = new double[3][];
            for (int i = 0; i < 3; i++) {
                rows[i] = numbers(nextLine("lattice vector " + "abc".charAt(i)), 3,
                        "lattice vector " + "abc".charAt(i));
            }
            int latticeLine = next - 2; // 1-based number of the first vector line
            List<String> symbols = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            int symbolsLine = speciesAndCounts(symbols, counts);

            boolean selective = false;
            String mode = nextLine("coordinate mode");
            if (!mode.isEmpty() && (mode.charAt(0) == 'S' || mode.charAt(0) == 's')) {
                selective = true;
                mode = nextLine("coordinate mode");
            }
            if (mode.isEmpty() || looksNumeric(mode)) {
                throw error(next, "coordinate mode", "expected 'Direct' or 'Cartesian', found '" + mode + "'");
            }
            boolean cartesian = "CcKk".indexOf(mode.charAt(0)) >= 0;

            int n = 0;
            for (int c : counts) {
                n += c;
            }
            double[][] xyz = new double[n][];
            boolean[][] movable = selective ? new boolean[n][3] : null;
            String[] labels = new String[n];
            for (int i = 0; i < n; i++) {
                String field = "position of atom " + (i + 1);
                String line = nextLine(field);
                String[] tok = line.split("\\s+");
                xyz[i] = numbers(line, 3, field);
                if (selective) {
                    if (tok.length < 6) {
                        throw error(next, "selective dynamics of atom " + (i + 1),
                                "expected 3 flags T/F after the coordinates, found " + Math.max(0, tok.length - 3));
                    }
                    for (int k = 0; k < 3; k++) {
                        movable[i][k] = flag(tok[3 + k], "selective dynamics of atom " + (i + 1));
                    }
                }
                int labelAt = selective ? 6 : 3;
                labels[i] = tok.length > labelAt ? tok[labelAt] : null;
            }

            List<Element> species = symbols.isEmpty() ? speciesFromLabels(labels, symbolsLine)
                    : expand(symbols, counts, symbolsLine);
            Lattice lattice = lattice(rows, scale, latticeLine);
            Structure structure;
            if (cartesian) {
                for (double[] p : xyz) {
                    for (int k = 0; k < 3; k++) {
                        p[k] *= scale[3 + k];
                    }
                }
                structure = Structure.fromCartesian(lattice, species, xyz);
            } else {
                structure = Structure.of(lattice, species, xyz);
            }
            return new Poscar(structure, comment, movable);
        }

        /** @return {factor x, y, z for the lattice, factor x, y, z for Cartesian positions}, volume resolved later */
        private double[] scale() throws StructureFormatException {
            String line = nextLine("scale");
            String[] tok = stripComment(line).split("\\s+");
            int count = 0;
            while (count < tok.length && count < 3 && looksNumeric(tok[count])) {
                count++;
            }
            if (count == 0 || count == 2) {
                throw error(next, "scale", "expected one scale factor (negative: the volume) or three positive ones, "
                        + "found '" + line + "'");
            }
            if (count == 3) {
                double[] s = numbers(line, 3, "scale");
                for (double v : s) {
                    if (!(v > 0)) {
                        throw error(next, "scale", "three scale factors must all be positive, found '" + line + "'");
                    }
                }
                return new double[] { s[0], s[1], s[2], s[0], s[1], s[2] };
            }
            double s = numbers(line, 1, "scale")[0];
            if (s == 0) {
                throw error(next, "scale", "scale factor is zero");
            }
            // a negative value is the volume; NaN marks it until the lattice is known
            return s > 0 ? new double[] { s, s, s, s, s, s } : new double[] { Double.NaN, -s, 0, 0, 0, 0 };
        }

        private Lattice lattice(double[][] rows, double[] scale, int firstLine) throws StructureFormatException {
            if (Double.isNaN(scale[0])) {
                double volume = Math.abs(det(rows));
                if (volume == 0) {
                    throw error(firstLine, "lattice", "lattice vectors are linearly dependent");
                }
                double f = Math.cbrt(scale[1] / volume);
                Arrays.fill(scale, f);
            }
            double[][] m = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 3; k++) {
                    m[i][k] = rows[i][k] * scale[k];
                }
            }
            try {
                return Lattice.of(m);
            } catch (IllegalArgumentException e) {
                throw error(firstLine, "lattice", e.getMessage(), e);
            }
        }

        /**
         * Reads the symbol line(s), if any, and the count line(s).
         *
         * @return the 1-based number of the first symbol (or count) line, for messages
         */
        private int speciesAndCounts(List<String> symbols, List<Integer> counts) throws StructureFormatException {
            int first = next + 1;
            String line = nextLine("element symbols");
            int symbolLines = 0;
            while (!looksNumeric(line)) {
                if (line.isEmpty()) {
                    throw error(next, "element symbols", "blank line where element symbols or atom counts belong");
                }
                for (String t : stripComment(line).split("\\s+")) {
                    if (!t.isEmpty()) {
                        symbols.add(t);
                    }
                }
                symbolLines++;
                line = nextLine("atom counts");
            }
            // VASP continues both the symbol and the count list on as many lines
            int countLines = Math.max(1, symbolLines);
            for (int l = 0; l < countLines; l++) {
                if (l > 0) {
                    line = nextLine("atom counts");
                }
                for (String t : stripComment(line).split("\\s+")) {
                    if (t.isEmpty()) {
                        continue;
                    }
                    try {
                        int c = Integer.parseInt(t);
                        if (c <= 0) {
                            throw error(next, "atom counts", "counts must be positive, found " + c);
                        }
                        counts.add(c);
                    } catch (NumberFormatException e) {
                        throw error(next, "atom counts", "expected integer counts, found '" + t + "'");
                    }
                }
            }
            if (!symbols.isEmpty() && symbols.size() != counts.size()) {
                throw error(next, "atom counts", symbols.size() + " element symbols " + symbols + " but "
                        + counts.size() + " counts " + counts);
            }
            return first;
        }

        private List<Element> expand(List<String> symbols, List<Integer> counts, int line)
                throws StructureFormatException {
            List<Element> species = new ArrayList<>();
            for (int g = 0; g < symbols.size(); g++) {
                Element e = element(symbols.get(g), line, "element symbols");
                for (int i = 0; i < counts.get(g); i++) {
                    species.add(e);
                }
            }
            return species;
        }

        /** VASP 4: no symbol line; use symbols written after the coordinates, as pymatgen does. */
        private List<Element> speciesFromLabels(String[] labels, int countsLine) throws StructureFormatException {
            List<Element> species = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                Element e = labels[i] == null ? null : elementOrNull(labels[i]);
                if (e == null) {
                    throw error(countsLine, "element symbols", "no element symbol line (VASP 4 format) and no symbol "
                            + "after the coordinates of atom " + (i + 1) + "; add a line with the element symbols "
                            + "before the counts");
                }
                species.add(e);
            }
            return species;
        }

        private Element element(String token, int line, String field) throws StructureFormatException {
            Element e = elementOrNull(token);
            if (e == null) {
                throw error(line, field, "unknown element '" + token + "'");
            }
            return e;
        }

        private static Element elementOrNull(String token) {
            String symbol = token;
            int cut = symbol.length();
            for (char c : new char[] { '_', '/' }) {
                int k = symbol.indexOf(c);
                if (k > 0) {
                    cut = Math.min(cut, k);
                }
            }
            symbol = symbol.substring(0, cut);
            try {
                return Element.of(symbol);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private boolean flag(String token, String field) throws StructureFormatException {
            return switch (token) {
            case "T", "t", ".TRUE.", ".true.", "True", "true" -> true;
            case "F", "f", ".FALSE.", ".false.", "False", "false" -> false;
            default -> throw error(next, field, "expected T or F, found '" + token + "'");
            };
        }

        /** @return the first {@code count} numbers of the line; more tokens may follow */
        private double[] numbers(String line, int count, String field) throws StructureFormatException {
            String[] tok = stripComment(line).split("\\s+");
            if (tok.length < count || (tok.length == 1 && tok[0].isEmpty())) {
                throw error(next, field, "expected " + count + " numbers, found '" + line.strip() + "'");
            }
            double[] v = new double[count];
            for (int k = 0; k < count; k++) {
                v[k] = number(tok[k], field);
            }
            return v;
        }

        private double number(String token, String field) throws StructureFormatException {
            if (!NUMBER.matcher(token).matches()) {
                throw error(next, field, "not a number: '" + token + "'");
            }
            double d = Double.parseDouble(token.replace('D', 'E').replace('d', 'e'));
            if (!Double.isFinite(d)) {
                throw error(next, field, "not a finite number: '" + token + "'");
            }
            return d;
        }

        private String nextLine(String field) throws StructureFormatException {
            if (next >= lastLine) {
                throw error(0, field, "file ends after line " + lastLine + ", before the " + field);
            }
            return lines[next++].strip();
        }

        private StructureFormatException error(int line, String field, String problem) {
            return new StructureFormatException(source, line, field, problem);
        }

        private StructureFormatException error(int line, String field, String problem, Throwable cause) {
            return new StructureFormatException(source, line, field, problem, cause);
        }
    }

    private static String stripComment(String line) {
        int cut = line.length();
        for (char c : new char[] { '!', '#' }) {
            int k = line.indexOf(c);
            if (k >= 0) {
                cut = Math.min(cut, k);
            }
        }
        return line.substring(0, cut).strip();
    }

    private static String firstToken(String line) {
        String s = stripComment(line);
        int sp = s.indexOf(' ');
        int tab = s.indexOf('\t');
        int end = sp < 0 ? (tab < 0 ? s.length() : tab) : (tab < 0 ? sp : Math.min(sp, tab));
        return s.substring(0, end);
    }

    /** @return true if the text starts with a number (a whole token) */
    private static boolean looksNumeric(String text) {
        return NUMBER.matcher(firstToken(text)).matches();
    }

    private static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** @return the file content (VASP 5, Direct coordinates) */
    public String toText() {
        StringBuilder sb = new StringBuilder(200 + 80 * structure.size());
        sb.append(comment).append('\n');
        sb.append("1.0\n");
        for (double[] row : structure.lattice().matrix()) {
            sb.append(String.format(Locale.ROOT, "  %22.16f %22.16f %22.16f\n", row[0], row[1], row[2]));
        }
        List<Element> sp = structure.species();
        StringBuilder symbols = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        for (int start = 0; start < sp.size();) {
            int end = start;
            while (end < sp.size() && sp.get(end) == sp.get(start)) {
                end++;
            }
            String sym = sp.get(start).symbol();
            String cnt = Integer.toString(end - start);
            int width = Math.max(sym.length(), cnt.length()) + 2;
            symbols.append(String.format(Locale.ROOT, "%" + width + "s", sym));
            counts.append(String.format(Locale.ROOT, "%" + width + "s", cnt));
            start = end;
        }
        sb.append(symbols).append('\n').append(counts).append('\n');
        if (movable != null) {
            sb.append("Selective dynamics\n");
        }
        sb.append("Direct\n");
        for (int i = 0; i < structure.size(); i++) {
            double[] f = structure.frac(i);
            sb.append(String.format(Locale.ROOT, "  %20.16f %20.16f %20.16f", f[0], f[1], f[2]));
            if (movable != null) {
                sb.append(' ').append(movable[i][0] ? 'T' : 'F').append(' ').append(movable[i][1] ? 'T' : 'F')
                        .append(' ').append(movable[i][2] ? 'T' : 'F');
            }
            sb.append(' ').append(sp.get(i).symbol()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Writes {@link #toText()} to a file (UTF-8).
     *
     * @throws IllegalStateException if the structure has no sites (VASP cannot read such a file)
     */
    public void write(Path file) throws IOException {
        if (structure.size() == 0) {
            throw new IllegalStateException("cannot write a POSCAR without sites");
        }
        Files.writeString(file, toText(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Poscar p && structure.equals(p.structure) && comment.equals(p.comment)
                && Arrays.deepEquals(movable, p.movable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(structure, comment, Arrays.deepHashCode(movable));
    }

    @Override
    public String toString() {
        return "Poscar[" + comment + ", " + structure.size() + " sites" + (movable != null ? ", selective dynamics" : "")
                + "]";
    }
}
