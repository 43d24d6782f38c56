package org.activestructopt.structure.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;

/**
 * Periodic structures in the extended XYZ format of ASE and QUIP/libAtoms: per frame an atom count, a comment line of
 * {@code key=value} pairs, and one line per atom.
 *
 * <pre>
 * 4
 * Lattice="2.88 0 0 -1.44 2.494 0 0 0 14.19" Properties=species:S:1:pos:R:3 pbc="T T T"
 * Ni  0.000 0.000 0.000
 * ...
 * </pre>
 *
 * <h2>What is read</h2>
 * <ul>
 * <li>{@code Lattice}: nine numbers, the vectors a, b, c in Å (required: frames without a cell are refused, since a
 * {@link Structure} is periodic);</li>
 * <li>{@code pbc}: must be "T T T" if present (partly periodic systems are refused);</li>
 * <li>{@code Properties}: {@code name:type:columns} triples describing the atom lines; the element comes from
 * {@code species} (S:1) or, without it, atomic numbers {@code Z} (I:1), the Cartesian position in Å from
 * {@code pos} (R:3). Other columns (forces, charges, ...) are skipped. Without {@code Properties} the columns are
 * {@code species:S:1:pos:R:3}.</li>
 * </ul>
 * Values may be quoted ("..."), keys are case-insensitive; other keys (energy, config_type, ...) are ignored.
 * Anything that cannot be read raises a {@link StructureFormatException} naming the file, line and field.
 *
 * <h2>What is written</h2>
 * {@code Lattice}, {@code Properties=species:S:1:pos:R:3} and {@code pbc="T T T"}, positions in Å to 12 decimals;
 * ASE's {@code ase.io.read(..., format="extxyz")} reads it.
 */
public final class ExtendedXyz {

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private ExtendedXyz() {
    }

    // ------------------------------------------------------------------------------------------------ reading

    /**
     * @return the first frame of the file
     * @throws IOException if the file cannot be read
     * @throws StructureFormatException naming file, line and field if a frame cannot be read
     */
    public static Structure read(Path file) throws IOException, StructureFormatException {
        return readAll(file).get(0);
    }

    /**
     * @return every frame of the file, in order (at least one)
     * @throws IOException if the file cannot be read
     * @throws StructureFormatException naming file, line and field if a frame cannot be read
     */
    public static List<Structure> readAll(Path file) throws IOException, StructureFormatException {
        return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file.getFileName().toString());
    }

    /**
     * @param text the content of an extended XYZ file
     * @param source name used in error messages, e.g. the file name
     * @return every frame, in order (at least one)
     * @throws StructureFormatException naming source, line and field if a frame cannot be read
     */
    public static List<Structure> parse(String text, String source) throws StructureFormatException {
        String src = source == null ? "<extxyz>" : source;
        String[] lines = text.split("\r?\n|\r", -1);
        int end = lines.length;
        while (end > 0 && lines[end - 1].isBlank()) {
            end--;
        }
        if (end == 0) {
            throw new StructureFormatException(src, 0, null, "empty file");
        }
        List<Structure> frames = new ArrayList<>();
        int i = 0;
        while (i < end) {
            i = frame(lines, i, end, src, frames);
        }
        return frames;
    }

    /** Column layout of the atom lines: where species (or Z) and pos start. */
    private record Columns(int total, int species, boolean atomicNumbers, int pos) {
    }

    /** Reads the frame starting at line index {@code start}; returns the index after it. */
    private static int frame(String[] lines, int start, int end, String src, List<Structure> frames)
            throws StructureFormatException {
        int countLine = start + 1;
        int n;
        try {
            n = Integer.parseInt(lines[start].strip());
        } catch (NumberFormatException e) {
            throw new StructureFormatException(src, countLine, "atom count",
                    "expected the number of atoms of frame " + (frames.size() + 1) + ", found '" + lines[start].strip()
                            + "'");
        }
        if (n < 1) {
            throw new StructureFormatException(src, countLine, "atom count", "a frame needs at least one atom, got " + n);
        }
        if (start + 1 >= end) {
            throw new StructureFormatException(src, countLine + 1, "comment line", "file ends before the comment line");
        }
        int infoLine = start + 2;
        Map<String, String> info = keyValues(lines[start + 1], src, infoLine);

        String latticeText = info.get("lattice");
        if (latticeText == null) {
            throw new StructureFormatException(src, infoLine, "Lattice",
                    "no Lattice=\"...\": non-periodic XYZ frames cannot be read as crystal structures");
        }
        double[] l = numbers(latticeText, 9, src, infoLine, "Lattice");
        String pbc = info.get("pbc");
        if (pbc != null && !pbc.strip().matches("(?i)(T|True)\\s+(T|True)\\s+(T|True)")) {
            throw new StructureFormatException(src, infoLine, "pbc",
                    "only fully periodic frames (pbc=\"T T T\") are supported, found pbc=\"" + pbc + "\"");
        }
        Columns columns = columns(info.getOrDefault("properties", "species:S:1:pos:R:3"), src, infoLine);

        if (start + 2 + n > end) {
            throw new StructureFormatException(src, end, "atoms", "frame " + (frames.size() + 1) + " announces " + n
                    + " atoms at line " + countLine + " but the file has only " + (end - start - 2) + " atom lines");
        }
        List<Element> species = new ArrayList<>(n);
        double[][] cart = new double[n][];
        for (int a = 0; a < n; a++) {
            int lineNo = start + 3 + a;
            String[] tok = lines[start + 2 + a].strip().split("\\s+");
            if (tok.length < columns.total()) {
                throw new StructureFormatException(src, lineNo, "atom " + (a + 1), "expected " + columns.total()
                        + " columns as given by Properties, found " + (tok[0].isEmpty() ? 0 : tok.length));
            }
            species.add(element(tok[columns.species()], columns.atomicNumbers(), src, lineNo));
            double[] p = new double[3];
            for (int k = 0; k < 3; k++) {
                p[k] = number(tok[columns.pos() + k], src, lineNo, "pos");
            }
            cart[a] = p;
        }
        Lattice lattice;
        try {
            lattice = Lattice.of(new double[][] { { l[0], l[1], l[2] }, { l[3], l[4], l[5] }, { l[6], l[7], l[8] } });
        } catch (IllegalArgumentException e) {
            throw new StructureFormatException(src, infoLine, "Lattice", e.getMessage(), e);
        }
        frames.add(Structure.fromCartesian(lattice, species, cart));
        return start + 2 + n;
    }

    private static Columns columns(String properties, String src, int line) throws StructureFormatException {
        String[] parts = properties.strip().split(":");
        if (parts.length % 3 != 0) {
            throw new StructureFormatException(src, line, "Properties",
                    "expected name:type:columns triples, found '" + properties + "'");
        }
        int column = 0;
        int species = -1;
        int z = -1;
        int pos = -1;
        for (int p = 0; p < parts.length; p += 3) {
            String name = parts[p];
            String type = parts[p + 1];
            int count;
            try {
                count = Integer.parseInt(parts[p + 2]);
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1 || !type.matches("[SRIL]")) {
                throw new StructureFormatException(src, line, "Properties", "bad entry '" + name + ":" + type + ":"
                        + parts[p + 2] + "' (type must be S, R, I or L and the column count positive)");
            }
            if (name.equals("species") && type.equals("S") && count == 1) {
                species = column;
            } else if (name.equals("Z") && type.equals("I") && count == 1) {
                z = column;
            } else if (name.equals("pos") && type.equals("R") && count == 3) {
                pos = column;
            }
            column += count;
        }
        if (pos < 0) {
            throw new StructureFormatException(src, line, "Properties",
                    "no positions (pos:R:3) in '" + properties + "'");
        }
        if (species < 0 && z < 0) {
            throw new StructureFormatException(src, line, "Properties",
                    "no elements (species:S:1 or Z:I:1) in '" + properties + "'");
        }
        return species >= 0 ? new Columns(column, species, false, pos) : new Columns(column, z, true, pos);
    }

    /**
     * Splits an extended XYZ comment line into key/value pairs (keys lower-cased). A key without '=' is a flag with
     * value "T", as in ASE.
     */
    static Map<String, String> keyValues(String line, String src, int lineNo) throws StructureFormatException {
        Map<String, String> map = new LinkedHashMap<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return map;
            }
            int keyStart = i;
            while (i < n && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != '=') {
                i++;
            }
            String key = line.substring(keyStart, i);
            int j = i;
            while (j < n && Character.isWhitespace(line.charAt(j))) {
                j++;
            }
            if (j >= n || line.charAt(j) != '=') {
                map.put(key.toLowerCase(Locale.ROOT), "T");
                i = j;
                continue;
            }
            i = j + 1;
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
                char quote = line.charAt(i++);
                while (i < n && line.charAt(i) != quote) {
                    if (line.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(line.charAt(i++));
                }
                if (i >= n) {
                    throw new StructureFormatException(src, lineNo, key, "unterminated quoted value");
                }
                i++;
            } else if (i < n && (line.charAt(i) == '{' || line.charAt(i) == '[')) {
                char close = line.charAt(i) == '{' ? '}' : ']';
                int k = line.indexOf(close, i);
                if (k < 0) {
                    throw new StructureFormatException(src, lineNo, key, "missing '" + close + "'");
                }
                value.append(line, i + 1, k);
                i = k + 1;
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    value.append(line.charAt(i++));
                }
            }
            map.put(key.toLowerCase(Locale.ROOT), value.toString());
        }
    }

    private static double[] numbers(String text, int count, String src, int line, String field)
            throws StructureFormatException {
        String[] tok = text.strip().split("[\\s,]+");
        if (tok.length != count || tok[0].isEmpty()) {
            throw new StructureFormatException(src, line, field, "expected " + count + " numbers, found '" + text + "'");
        }
        double[] v = new double[count];
        for (int k = 0; k < count; k++) {
            v[k] = number(tok[k], src, line, field);
        }
        return v;
    }

    private static double number(String token, String src, int line, String field) throws StructureFormatException {
        if (!NUMBER.matcher(token).matches()) {
            throw new StructureFormatException(src, line, field, "not a number: '" + token + "'");
        }
        double d = Double.parseDouble(token);
        if (!Double.isFinite(d)) {
            throw new StructureFormatException(src, line, field, "not a finite number: '" + token + "'");
        }
        return d;
    }

    private static Element element(String token, boolean atomicNumber, String src, int line)
            throws StructureFormatException {
        try {
            return atomicNumber ? Element.ofZ(Integer.parseInt(token)) : Element.of(token);
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            throw new StructureFormatException(src, line, atomicNumber ? "Z" : "species",
                    "unknown element '" + token + "'", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** @return one frame as extended XYZ text */
    public static String toText(Structure structure) {
        return toText(List.of(structure));
    }

    /**
     * @return the frames as extended XYZ text, one after the other
     * @throws IllegalArgumentException if there is no frame or a frame has no sites
     */
    public static String toText(List<Structure> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames to write");
        }
        StringBuilder sb = new StringBuilder();
        for (Structure s : frames) {
            if (s.size() == 0) {
                throw new IllegalArgumentException("an extended XYZ frame needs at least one atom");
            }
            sb.append(s.size()).append('\n');
            sb.append("Lattice=\"");
            double[][] m = s.lattice().matrix();
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 3; k++) {
                    sb.append(i + k == 0 ? "" : " ").append(format(m[i][k]));
                }
            }
            sb.append("\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n");
            double[][] cart = s.cartCoords();
            for (int a = 0; a < s.size(); a++) {
                sb.append(String.format(Locale.ROOT, "%-3s %20.12f %20.12f %20.12f\n", s.species(a).symbol(),
                        cart[a][0], cart[a][1], cart[a][2]));
            }
        }
        return sb.toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.12f", v);
    }

    /** Writes one frame (UTF-8). */
    public static void write(Structure structure, Path file) throws IOException {
        Files.writeString(file, toText(structure), StandardCharsets.UTF_8);
    }

    /** Writes the frames (UTF-8), e.g. a trajectory. */
    public static void writeAll(List<Structure> frames, Path file) throws IOException {
        Files.writeString(file, toText(frames), StandardCharsets.UTF_8);
    }
}
