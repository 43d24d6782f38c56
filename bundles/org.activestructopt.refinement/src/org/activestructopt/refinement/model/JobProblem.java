package org.activestructopt.refinement.model;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One thing wrong with a job file.
 *
 * @param line    1-based line in the file, if known
 * @param column  1-based column, if known
 * @param where   the element or key at fault, e.g. {@code objectives[0]/target} or {@code budget/simulations}
 * @param problem what is wrong, phrased for the user
 */
public record JobProblem(OptionalInt line, OptionalInt column, String where, String problem) {

    public JobProblem {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * A problem of a part of a job, located at the line where that part starts in the job file (if it was loaded).
     *
     * @param key the attribute or child at fault, or null for the object as a whole
     */
    public static JobProblem of(ModelObject o, String key, String problem) {
        return at(o, key, problem);
    }

    /** A problem found by validation of a loaded object (line of its start tag, no column). */
    static JobProblem at(ModelObject o, String key, String problem) {
        return new JobProblem(o.line(), OptionalInt.empty(), key == null ? o.path() : o.path() + "/" + key, problem);
    }

    /** A problem of an object that has no view of its own (a setting, a crystal). */
    static JobProblem at(org.eclipse.emf.ecore.EObject o, String where, String problem) {
        return new JobProblem(org.activestructopt.refinement.internal.JobResource.lineOf(o), OptionalInt.empty(),
                where, problem);
    }

    /** @return e.g. {@code line 12, column 5: budget/simulations: ...} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        line.ifPresent(l -> sb.append("line ").append(l));
        column.ifPresent(c -> sb.append(", column ").append(c));
        if (!sb.isEmpty()) {
            sb.append(": ");
        }
        if (!where.isEmpty()) {
            sb.append(where).append(": ");
        }
        return sb.append(problem).toString();
    }
}
