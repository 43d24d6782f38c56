package org.activestructopt.simulation.feff;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.FeffPreferences;

/**
 * A FEFF program to run: the path of its executable and the {@link FeffVersion} whose input cards it accepts.
 * <p>
 * {@link #locate(String, String)} looks in this order:
 * <ol>
 * <li>the {@code executable} setting of the job (a path, or a bare name looked up on PATH);</li>
 * <li>the system property {@value #PROPERTY} (e.g. {@code -Daso.feff.executable=/opt/feff10/bin/feff});</li>
 * <li>the workbench preference {@value #PREFERENCE_KEY} of the preference node {@value #PREFERENCE_NODE} (instance
 * scope), when the Eclipse preference service is present;</li>
 * <li>{@value #DEFAULT_NAME} on the PATH, as installed by Debian's {@code feff85exafs} package.</li>
 * </ol>
 * The executable is started in the directory holding {@code feff.inp} without arguments, which is how both
 * {@code feff8l} and FEFF 9/10's {@code feff} script run.
 *
 * @param path    the executable
 * @param version its program family
 */
public record FeffExecutable(Path path, FeffVersion version) {

    /** System property naming the executable. */
    public static final String PROPERTY = "aso.feff.executable";
    /** Preference node of this bundle. */
    public static final String PREFERENCE_NODE = "org.activestructopt.simulation.feff";
    /** Preference key naming the executable. */
    public static final String PREFERENCE_KEY = "executable";
    /** Name looked up on PATH when nothing is configured: Debian's FEFF 8.5L. */
    public static final String DEFAULT_NAME = "feff8l";

    /** Requires both components. */
    public FeffExecutable {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(version, "version");
    }

    /**
     * Finds the FEFF executable.
     *
     * @param configured the job's {@code executable} setting; blank to fall back to the system property, preference
     *                   and PATH
     * @param version    {@code auto} to guess the version from the file name ({@link FeffVersion#guess(Path)}), or a
     *                   {@link FeffVersion#word()}
     * @throws SimulationException {@link Reason#ENVIRONMENT} if no executable is found, saying where it looked and how
     *                             to install or configure one
     */
    public static FeffExecutable locate(String configured, String version) throws SimulationException {
        List<String> tried = new ArrayList<>();
        Optional<Path> found = Optional.empty();
        String source = null;
        if (configured != null && !configured.isBlank()) {
            found = resolve(configured.strip(), "setting 'executable'", tried);
            source = "setting 'executable'";
            if (found.isEmpty()) {
                throw missing(tried);
            }
        }
        if (found.isEmpty()) {
            String property = System.getProperty(PROPERTY);
            if (property != null && !property.isBlank()) {
                found = resolve(property.strip(), "system property " + PROPERTY, tried);
                source = "system property " + PROPERTY;
                if (found.isEmpty()) {
                    throw missing(tried);
                }
            }
        }
        if (found.isEmpty()) {
            Optional<String> preference = FeffPreferences.executable();
            if (preference.isPresent()) {
                found = resolve(preference.get(), "preference " + PREFERENCE_NODE + "/" + PREFERENCE_KEY, tried);
                source = "preference";
                if (found.isEmpty()) {
                    throw missing(tried);
                }
            }
        }
        if (found.isEmpty()) {
            found = resolve(DEFAULT_NAME, "default", tried);
            source = "PATH";
        }
        Path exe = found.orElseThrow(() -> missing(tried));
        FeffVersion v;
        if (version == null || version.isBlank() || version.equalsIgnoreCase("auto")) {
            v = FeffVersion.guess(exe);
        } else {
            try {
                v = FeffVersion.of(version);
            } catch (IllegalArgumentException e) {
                throw new SimulationException(Reason.INVALID_REQUEST, "setting 'feff.version': " + e.getMessage(), e);
            }
        }
        if (exe.getFileName().toString().startsWith("feff6")) {
            throw new SimulationException(Reason.ENVIRONMENT, exe + " (from the " + source + ") is FEFF 6, which this "
                    + "simulator does not support; use feff8l (Debian package feff85exafs) or FEFF 9/10");
        }
        return new FeffExecutable(exe, v);
    }

    /** A path containing a separator is taken as is; a bare name is searched on PATH. */
    private static Optional<Path> resolve(String name, String origin, List<String> tried) {
        Path p;
        try {
            p = Path.of(name);
        } catch (InvalidPathException e) {
            tried.add("'" + name + "' (" + origin + ") is not a valid path");
            return Optional.empty();
        }
        if (p.getNameCount() > 1 || p.isAbsolute()) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p.toAbsolutePath());
            }
            tried.add(p + " (" + origin + ") " + (Files.exists(p) ? "is not an executable file" : "does not exist"));
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                try {
                    Path candidate = Path.of(dir, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate.toAbsolutePath());
                    }
                } catch (InvalidPathException e) {
                    // an unusable PATH entry cannot hold the program; keep looking
                }
            }
        }
        tried.add("'" + name + "' (" + origin + ") is not on PATH=" + path);
        return Optional.empty();
    }

    private static SimulationException missing(List<String> tried) {
        return new SimulationException(Reason.ENVIRONMENT, "FEFF executable not found: " + String.join("; ", tried)
                + ". Install FEFF 8.5L with 'sudo apt-get install feff85exafs' (Debian/Ubuntu), or point the "
                + "'executable' setting, the system property " + PROPERTY + " or the workbench preference "
                + "(FEFF executable) at a feff8l or FEFF 9/10 'feff' program.");
    }
}
