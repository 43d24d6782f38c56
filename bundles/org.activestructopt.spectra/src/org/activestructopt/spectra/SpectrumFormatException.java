package org.activestructopt.spectra;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A spectrum file that cannot be read: not the expected format, truncated, or holding data that do not make a
 * spectrum (missing signal, mismatched axis, non-finite values, ...).
 * <p>
 * {@link #getMessage()} is a single line meant to be shown to a user as is: {@code <file>: <location>: <problem>},
 * where the location is the HDF5 path (or line) at fault when there is one.
 */
public class SpectrumFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String location;
    private final String problem;

    /**
     * @param file     the file being read
     * @param location the HDF5 path or line at fault, or {@code null} when the whole file is at fault
     * @param problem  what is wrong, in words a scientist understands
     */
    public SpectrumFormatException(Path file, String location, String problem) {
        this(file, location, problem, null);
    }

    /**
     * @param file     the file being read
     * @param location the HDF5 path or line at fault, or {@code null} when the whole file is at fault
     * @param problem  what is wrong, in words a scientist understands
     * @param cause    the low-level failure, kept for debugging (its text is not part of the message)
     */
    public SpectrumFormatException(Path file, String location, String problem, Throwable cause) {
        super(format(file, location, problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.location = location;
        this.problem = oneLine(problem);
    }

    /** @return the file that could not be read */
    public Path file() {
        return file;
    }

    /** @return the HDF5 path (or line) at fault, if the problem has a location inside the file */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** @return the problem alone, without file and location */
    public String problem() {
        return problem;
    }

    private static String format(Path file, String location, String problem) {
        StringBuilder sb = new StringBuilder().append(file);
        if (location != null && !location.isEmpty()) {
            sb.append(": ").append(location);
        }
        return oneLine(sb.append(": ").append(problem).toString());
    }

    private static String oneLine(String s) {
        return s == null ? "unknown problem" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
