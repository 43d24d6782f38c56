package org.activestructopt.refinement.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A job file cannot be used: it is not well-formed XML, names an element or attribute the job model does not have (a
 * typo is never ignored), has a value of the wrong type, or breaks a rule of the model (e.g. a budget smaller than
 * its phases). The message names the file and, for each problem, the line and the key at fault:
 *
 * <pre>
 * job.xmi: 2 problems
 *   line 6, column 43: budget: unknown attribute 'initail' of Budget (did you mean 'initial'?); known: simulations, initial, calibration, exploit
 *   line 9, column 30: objectives[0]/weight: 'heavy' is not a number
 * </pre>
 */
public class JobFormatException extends Exception {

    private static final long serialVersionUID = 1L;
    /** Problems listed in the message; all are in {@link #problems()}. */
    private static final int SHOWN = 20;

    private final transient Path file;
    private final List<JobProblem> problems;

    /**
     * @param file     the job file, or null for a job that was never saved
     * @param problems at least one problem
     */
    public JobFormatException(Path file, List<JobProblem> problems) {
        super(compose(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a JobFormatException needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    private static String compose(Path file, List<JobProblem> problems) {
        Objects.requireNonNull(problems, "problems");
        String name = file == null ? "job" : file.toString();
        if (problems.size() == 1) {
            return name + ", " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder(name).append(": ").append(problems.size()).append(" problems");
        for (JobProblem p : problems.subList(0, Math.min(problems.size(), SHOWN))) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        if (problems.size() > SHOWN) {
            sb.append(System.lineSeparator()).append("  ... and ").append(problems.size() - SHOWN)
                    .append(" more (see problems())");
        }
        return sb.toString();
    }

    /** @return the job file, or null for a job that was never saved */
    public Path file() {
        return file;
    }

    /** @return the problems, in the order of the file */
    public List<JobProblem> problems() {
        return problems;
    }
}
