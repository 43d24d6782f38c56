package org.activestructopt.structure.io;

/**
 * A structure file (CIF, POSCAR, extended XYZ, ...) cannot be read: malformed syntax, a missing or invalid field,
 * or content this library cannot represent (partial occupancy, unknown element).
 *
 * <p>The message always names where the problem is, e.g.
 * {@code "LiNiO2.cif, line 14, _cell_length_b: missing"} or {@code "POSCAR, line 3: lattice vector has 2 numbers,
 * expected 3"}, so that a user can fix the file without reading code. The parts are also available separately.
 */
public class StructureFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String field;
    private final String problem;

    /**
     * @param source  file name or other description of the input (e.g. "&lt;string&gt;"); never null
     * @param line    1-based line number, or 0 if the problem is not tied to one line
     * @param field   name of the field, tag or column at fault (e.g. "_cell_length_b"), or null
     * @param problem what is wrong, phrased for the user
     */
    public StructureFormatException(String source, int line, String field, String problem) {
        this(source, line, field, problem, null);
    }

    /** As {@link #StructureFormatException(String, int, String, String)}, with the underlying cause. */
    public StructureFormatException(String source, int line, String field, String problem, Throwable cause) {
        super(compose(source, line, field, problem), cause);
        this.source = source;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    private static String compose(String source, int line, String field, String problem) {
        StringBuilder sb = new StringBuilder(source == null ? "<unknown input>" : source);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (field != null && !field.isEmpty()) {
            sb.append(", ").append(field);
        }
        return sb.append(": ").append(problem).toString();
    }

    /** File name or description of the input. */
    public String source() {
        return source;
    }

    /** 1-based line number, or 0 if unknown or not applicable. */
    public int line() {
        return line;
    }

    /** Field, tag or column at fault, or null. */
    public String field() {
        return field;
    }

    /** The problem without the location prefix. */
    public String problem() {
        return problem;
    }
}
