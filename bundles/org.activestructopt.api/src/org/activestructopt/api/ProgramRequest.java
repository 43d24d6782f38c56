package org.activestructopt.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of an external program (FEFF, LAMMPS, ...) as a simulator hands it to a {@link ProgramExecutor}: the
 * directory that holds its input and receives its output, the command (no shell: the program and its arguments),
 * and what it may use. The directory must be visible to wherever the executor runs the program (on a cluster: a
 * shared filesystem).
 *
 * @param name        a short name for logs and queue listings, e.g. {@code feff-Ni-12}
 * @param directory   working directory of the program, absolute; it exists and holds the input
 * @param command     the program and its arguments; the program is looked up on the executing host's PATH
 * @param timeLimit   wall-time limit after which the run is ended and reported {@link ProgramOutcome.State#TIMED_OUT}
 * @param cores       cores the program uses (at least 1)
 * @param environment variables added to the program's environment
 */
public record ProgramRequest(String name, Path directory, List<String> command, Duration timeLimit, int cores,
        Map<String, String> environment) {

    public ProgramRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("program directory must be absolute, got " + directory);
        }
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("program run '" + name + "' has no command");
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("program run '" + name + "': time limit must be positive, got "
                    + timeLimit);
        }
        if (cores < 1) {
            throw new IllegalArgumentException("program run '" + name + "': cores must be at least 1, got " + cores);
        }
    }

    /** A run on one core with no extra environment. */
    public static ProgramRequest of(String name, Path directory, List<String> command, Duration timeLimit) {
        return new ProgramRequest(name, directory, command, timeLimit, 1, Map.of());
    }
}
