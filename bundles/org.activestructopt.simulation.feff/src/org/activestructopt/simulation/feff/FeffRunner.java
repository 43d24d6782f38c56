package org.activestructopt.simulation.feff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.process.ProcessSupervisor;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Runs FEFF on one input: in a fresh temporary directory, as a process started from an argument list (no shell), with
 * a time limit and cancellation through the {@link IProgressMonitor}, and with FEFF's output captured to files in that
 * directory.
 * <p>
 * FEFF 8.5L exits with status 0 even when it rejects its input, so success is decided from the outputs: every
 * requested file must exist and parse. When one is missing the {@link SimulationException} quotes the error lines of
 * FEFF's log and the module that failed. When the time limit passes or the monitor is cancelled, the whole process
 * tree (the {@code feff8l} wrapper and the module it is running) is killed before the exception is thrown. The
 * directory is deleted afterwards, on success and failure alike, unless {@link #withKeepDirectories(boolean)} asks to
 * keep it.
 * <p>
 * FEFF runs under the {@link ProcessSupervisor}: when the JVM exits or is terminated, its FEFF processes are killed
 * and their directories deleted; when it is killed outright, the kernel ends FEFF through {@code setpriv} and
 * {@code timeout} (the time limit is also enforced outside the JVM), and the first run of the next JVM in the same
 * scratch directory deletes the directories left behind.
 * <p>
 * FEFF 10 is an OpenMP program; {@code OMP_NUM_THREADS=1} is set so that the number of concurrent runs alone bounds
 * the CPU load. Immutable and thread-safe; runs do not share anything.
 */
public final class FeffRunner {

    /** The output files a caller can require. */
    public enum Output {
        /** chi.dat */
        CHI,
        /** xmu.dat */
        XMU,
        /** feffNNNN.dat, one per path (needs {@link FeffCards#pathFiles()}) */
        PATHS
    }

    /** Default time limit per run: far above the 1-3 s of a non-SCF EXAFS run, above the 90 s of an SCF run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** How often the monitor and the clock are checked while FEFF runs. */
    private static final long POLL_MILLIS = 50;
    /** Run directories are {@code aso-feff-*} in the scratch directory (java.io.tmpdir by default). */
    public static final String DIRECTORY_PREFIX = "aso-feff-";

    private static final Pattern ERROR_LINE = Pattern.compile(
            "(?i).*(error|fatal|unrecogni[sz]ed|failed|missing|not available|ignoring|too many|cannot|could not|"
                    + "stop|abort|invalid|segmentation|traceback).*");
    private static final Pattern MODULE_HEADER = Pattern.compile("#=\\s*Feff85l\\s+(\\w+)\\s+module.*");

    private final FeffExecutable executable;
    private final Duration timeout;
    private final boolean keepDirectories;
    private final Path scratch;

    private FeffRunner(FeffExecutable executable, Duration timeout, boolean keepDirectories, Path scratch) {
        this.executable = executable;
        this.timeout = timeout;
        this.keepDirectories = keepDirectories;
        this.scratch = scratch;
    }

    /**
     * @return a runner of {@code executable} with the default time limit, deleting its run directories, which it
     *         creates in java.io.tmpdir
     */
    public static FeffRunner of(FeffExecutable executable) {
        return new FeffRunner(Objects.requireNonNull(executable, "executable"), DEFAULT_TIMEOUT, false, null);
    }

    /**
     * @return a copy with another time limit per run
     * @throws IllegalArgumentException unless the limit is positive
     */
    public FeffRunner withTimeout(Duration limit) {
        if (limit == null || limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("FEFF time limit must be positive, got " + limit);
        }
        return new FeffRunner(executable, limit, keepDirectories, scratch);
    }

    /** @return a copy that keeps (true) or deletes (false) each run's directory */
    public FeffRunner withKeepDirectories(boolean keep) {
        return new FeffRunner(executable, timeout, keep, scratch);
    }

    /** @return a copy creating its run directories in {@code parent} ({@code null}: java.io.tmpdir) */
    public FeffRunner withScratchDirectory(Path parent) {
        return new FeffRunner(executable, timeout, keepDirectories, parent);
    }

    /** @return the executable */
    public FeffExecutable executable() {
        return executable;
    }

    /** @return the time limit per run */
    public Duration timeout() {
        return timeout;
    }

    /** @return whether run directories are kept */
    public boolean keepsDirectories() {
        return keepDirectories;
    }

    /**
     * Runs FEFF on {@code input}.
     *
     * @param required the outputs that must exist; each is parsed
     * @param monitor  checked for cancellation every 50 ms; may be {@code null}
     * @throws SimulationException {@link Reason#CANCELLED} (also when the thread is interrupted),
     *                             {@link Reason#TIMEOUT}, {@link Reason#ENVIRONMENT} if the scratch directory or the
     *                             process cannot be created, {@link Reason#EXTERNAL_FAILURE} if FEFF exits with a
     *                             non-zero status or a required output is missing or unreadable (with FEFF's error
     *                             text), or {@link Reason#NUMERICAL} if an output holds NaN
     */
    public FeffRun run(FeffInput input, Set<Output> required, IProgressMonitor monitor) throws SimulationException {
        Objects.requireNonNull(input, "input");
        Set<Output> wanted = required.isEmpty() ? EnumSet.noneOf(Output.class) : EnumSet.copyOf(required);
        if (wanted.contains(Output.PATHS) && !input.cards().pathFiles()) {
            throw new IllegalArgumentException("path files requested but the cards do not print them (pathFiles)");
        }
        SimulationException.checkCancelled(monitor);
        Path parent = scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir"));
        ProcessSupervisor supervisor = ProcessSupervisor.get();
        supervisor.sweepOnce(parent, DIRECTORY_PREFIX);
        Path dir;
        try {
            dir = supervisor.createDirectory(parent, DIRECTORY_PREFIX);
        } catch (IOException | UncheckedIOException e) {
            throw new SimulationException(Reason.ENVIRONMENT, "cannot create a FEFF working directory in " + parent
                    + ": " + e, e);
        }
        try {
            try {
                input.write(dir);
            } catch (IOException | UncheckedIOException e) {
                throw new SimulationException(Reason.ENVIRONMENT, "cannot write feff.inp in " + dir + ": " + e, e);
            }
            return execute(input, dir, wanted, monitor);
        } finally {
            supervisor.release(dir, !keepDirectories);
        }
    }

    private FeffRun execute(FeffInput input, Path dir, Set<Output> wanted, IProgressMonitor monitor)
            throws SimulationException {
        ProcessBuilder pb = new ProcessBuilder(List.of(executable.path().toString())).directory(dir.toFile())
                .redirectOutput(dir.resolve("feff.stdout").toFile()).redirectError(dir.resolve("feff.stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        long start = System.nanoTime();
        Process process;
        try {
            process = ProcessSupervisor.get().start(pb, dir, timeout);
        } catch (IOException e) {
            throw new SimulationException(Reason.ENVIRONMENT, "cannot start FEFF " + executable.path() + ": "
                    + e.getMessage(), e);
        }
        long deadline = start + timeout.toNanos();
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (monitor != null && monitor.isCanceled()) {
                    destroyTree(process);
                    throw new SimulationException(Reason.CANCELLED, "FEFF run in " + dir + " cancelled");
                }
                if (System.nanoTime() - deadline > 0) {
                    destroyTree(process);
                    throw new SimulationException(Reason.TIMEOUT, "FEFF (" + executable.path() + ") did not finish "
                            + "within " + seconds(timeout) + " for absorber site " + input.cluster().absorberSite()
                            + " (" + input.cluster().size() + " atoms); raise the 'timeout' setting or reduce the "
                            + "radius/rpath, or drop SCF");
                }
            }
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new SimulationException(Reason.CANCELLED, "FEFF run in " + dir + " interrupted", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String log = log(dir);
        int status = process.exitValue();
        if (status == ProcessSupervisor.TIMED_OUT && !ProcessSupervisor.get().wrapper().isEmpty()) {
            throw new SimulationException(Reason.TIMEOUT, "FEFF (" + executable.path() + ") was ended by the "
                    + "external time limit (" + seconds(timeout) + " + " + ProcessSupervisor.EXTERNAL_GRACE.toSeconds()
                    + " s) for absorber site " + input.cluster().absorberSite() + "; raise the 'timeout' setting or "
                    + "reduce the radius/rpath, or drop SCF");
        }
        if (status != 0) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF (" + executable.path()
                    + ") exited with status " + status + " for absorber site " + input.cluster().absorberSite() + ". "
                    + explain(log));
        }
        Optional<ChiDat> chi = Optional.empty();
        Optional<XmuDat> xmu = Optional.empty();
        List<FeffDat> paths = List.of();
        if (wanted.contains(Output.CHI)) {
            chi = Optional.of(ChiDat.read(requireOutput(dir, "chi.dat", log)));
        }
        if (wanted.contains(Output.XMU)) {
            xmu = Optional.of(XmuDat.read(requireOutput(dir, "xmu.dat", log)));
        }
        if (wanted.contains(Output.PATHS)) {
            paths = readPaths(dir, log);
        }
        return new FeffRun(input, chi, xmu, paths, log, elapsed,
                keepDirectories ? Optional.of(dir) : Optional.empty());
    }

    private Path requireOutput(Path dir, String name, String log) throws SimulationException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF (" + executable.path() + ") wrote no "
                    + name + (keepDirectories ? " in " + dir : "") + ". " + explain(log));
        }
        return file;
    }

    private List<FeffDat> readPaths(Path dir, String log) throws SimulationException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("feff\\d{4}\\.dat")).sorted().toList();
        } catch (IOException e) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "cannot list FEFF outputs in " + dir + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF (" + executable.path()
                    + ") wrote no feffNNNN.dat path files. " + explain(log));
        }
        List<FeffDat> out = new ArrayList<>();
        for (Path f : files) {
            out.add(FeffDat.read(f));
        }
        return out;
    }

    /** FEFF 8.5L's wrapper writes feff8l.log; other versions talk on standard output and error. */
    private static String log(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (String name : List.of("feff8l.log", "feff.stdout", "feff.stderr")) {
            Path f = dir.resolve(name);
            try {
                if (Files.isRegularFile(f) && Files.size(f) > 0) {
                    String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                    if (name.equals("feff.stdout") && sb.length() > 0) {
                        continue; // feff8l echoes its log to standard output
                    }
                    sb.append(text);
                    if (!text.endsWith("\n")) {
                        sb.append('\n');
                    }
                }
            } catch (IOException e) {
                sb.append("(cannot read ").append(name).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return sb.toString();
    }

    /**
     * @return the error lines of a FEFF log with the module they came from, e.g. {@code FEFF says (module rdinp):
     *         "FOOBAR 1 / Keyword unrecognized."}; the end of the log if no line looks like an error
     */
    static String explain(String log) {
        if (log.isBlank()) {
            return "FEFF wrote no log.";
        }
        String[] lines = log.split("\\R");
        Set<String> picked = new LinkedHashSet<>();
        String firstModule = null;
        String module = null;
        for (int i = 0; i < lines.length && picked.size() < 12; i++) {
            String line = lines[i].strip();
            Matcher m = MODULE_HEADER.matcher(line);
            if (m.matches()) {
                module = m.group(1);
                continue;
            }
            if (!line.isEmpty() && ERROR_LINE.matcher(line).matches()) {
                if (firstModule == null) {
                    firstModule = module;
                    // the lines before the first complaint usually echo the offending card
                    for (int j = Math.max(0, i - 3); j < i; j++) {
                        String before = lines[j].strip();
                        if (!before.isEmpty() && !before.startsWith("#=")) {
                            picked.add(before);
                        }
                    }
                }
                picked.add(line);
            }
        }
        if (picked.isEmpty()) {
            List<String> tail = new ArrayList<>();
            for (int i = Math.max(0, lines.length - 8); i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    tail.add(lines[i].strip());
                }
            }
            return "End of FEFF's log: \"" + String.join(" / ", tail) + "\"";
        }
        return "FEFF says" + (firstModule != null ? " (module " + firstModule + ")" : "") + ": \""
                + String.join(" / ", picked) + "\"";
    }

    private static void destroyTree(Process process) {
        ProcessSupervisor.destroyTree(process);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    @Override
    public String toString() {
        return "FeffRunner[" + executable.path() + " (FEFF " + executable.version().word() + "), timeout "
                + seconds(timeout) + (keepDirectories ? ", keeping directories" : "") + "]";
    }
}
