package org.activestructopt.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Starts external programs (FEFF, LAMMPS) so that none outlives the JVM that started
 * it, and none leaves its work directory behind for long.
 * <ul>
 * <li><b>JVM exits or gets SIGTERM/SIGINT/SIGHUP:</b> a shutdown hook kills the process tree of every supervised
 * process still running and deletes every work directory still registered.</li>
 * <li><b>JVM gets SIGKILL (or crashes):</b> no Java code runs, so the kernel and two small programs enforce it. A
 * program is started as {@code setpriv --pdeathsig TERM -- timeout --kill-after=K LIMIT program...} (util-linux and
 * coreutils). {@code setpriv} asks the kernel to send SIGTERM to {@code timeout} when the thread that started it dies,
 * which it does with the JVM; {@code timeout} runs the program in a process group of its own and passes the signal
 * on to the whole group, then SIGKILL after K seconds. {@code timeout} also ends a hung program after LIMIT, whatever
 * the JVM does. All processes are started from one thread that lives as long as the JVM, because the kernel ties the
 * parent-death signal to the starting thread, not to the process.</li>
 * <li><b>Left-over directories:</b> each work directory holds a marker {@value #MARKER} naming the owning JVM (PID and
 * start time, so a reused PID is not mistaken for the owner) and the supervised process. {@link #sweep(Path, String)}
 * deletes the directories whose owner is gone, killing their process first if it still runs (a system without
 * {@code setpriv}); callers sweep their scratch directory when they first use it.</li>
 * </ul>
 * Where {@code setpriv} or {@code timeout} is missing (not Linux, or a very old util-linux), programs are started
 * directly: the shutdown hook and the sweep still apply, the SIGKILL case then relies on the sweep alone.
 * <p>
 * A bundle of its own, required by the bundles that start programs: it is process plumbing, not a contract between
 * services, so it does not belong in {@code org.activestructopt.api}.
 */
public final class ProcessSupervisor {

    /** Name of the ownership marker in each work directory. */
    public static final String MARKER = ".aso-owner";
    /** System property: {@code false} starts programs directly, without setpriv/timeout (for comparison and tests). */
    public static final String WRAP_PROPERTY = "aso.process.wrap";

    /** Exit status of a program that {@code timeout} ended at the external limit (coreutils' documented value). */
    public static final int TIMED_OUT = 124;
    /** Time between the external limit's SIGTERM and its SIGKILL. */
    static final Duration KILL_AFTER = Duration.ofSeconds(5);
    /** The external limit lies this far beyond the caller's, so that the caller's own, clearer timeout fires first. */
    public static final Duration EXTERNAL_GRACE = Duration.ofSeconds(10);
    /** How long to wait for killed processes to disappear. */
    private static final long REAP_MILLIS = 5000;

    private static final ProcessSupervisor INSTANCE = new ProcessSupervisor();

    private final ProcessHandle self = ProcessHandle.current();
    private final Instant selfStart = self.info().startInstant().orElse(null);
    private final Map<Path, Boolean> directories = new ConcurrentHashMap<>();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final Set<Path> swept = ConcurrentHashMap.newKeySet();
    /** Its one thread never ends (no time-out, tasks cannot kill it): the parent-death signal follows it. */
    private final ExecutorService spawner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "aso-process-spawner");
        t.setDaemon(true);
        return t;
    });
    private volatile List<String> wrapper;

    private ProcessSupervisor() {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "aso-process-supervisor-shutdown"));
        } catch (IllegalStateException e) {
            // first used while the JVM shuts down: nothing new may start then anyway
        }
    }

    /** @return the supervisor of this JVM */
    public static ProcessSupervisor get() {
        return INSTANCE;
    }

    /**
     * Creates a fresh directory {@code parent/prefix*} owned by this JVM: marked, and deleted by the shutdown hook
     * unless {@link #release(Path, boolean)} is called first.
     */
    public Path createDirectory(Path parent, String prefix) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(parent), prefix);
        directories.put(dir, Boolean.TRUE);
        Files.writeString(dir.resolve(MARKER), "owner.pid=" + self.pid() + "\nowner.start="
                + (selfStart == null ? "" : selfStart.toString()) + "\n", StandardCharsets.US_ASCII);
        return dir;
    }

    /**
     * Starts {@code builder}'s command under supervision (see the class comment), recording the process in the marker
     * of {@code directory} if that is one of ours.
     *
     * @param limit wall-clock time after which the process group is ended from outside the JVM; the caller should
     *              enforce the same limit itself, this is the backstop ({@link #EXTERNAL_GRACE} later)
     * @throws IOException if the process cannot be started
     */
    public Process start(ProcessBuilder builder, Path directory, Duration limit) throws IOException {
        List<String> command = new ArrayList<>(wrapper());
        if (!command.isEmpty()) {
            long seconds = Math.max(1, limit.plus(EXTERNAL_GRACE).toSeconds());
            command.addAll(List.of("--kill-after=" + KILL_AFTER.toSeconds(), Long.toString(seconds)));
        }
        command.addAll(builder.command());
        ProcessBuilder wrapped = new ProcessBuilder(command).directory(builder.directory())
                .redirectInput(builder.redirectInput()).redirectOutput(builder.redirectOutput())
                .redirectError(builder.redirectError()).redirectErrorStream(builder.redirectErrorStream());
        wrapped.environment().clear();
        wrapped.environment().putAll(builder.environment());
        Process process = spawn(wrapped);
        processes.add(process);
        process.onExit().thenRun(() -> processes.remove(process));
        if (directory != null && directories.containsKey(directory)) {
            String start = process.info().startInstant().map(Instant::toString).orElse("");
            try {
                Files.writeString(directory.resolve(MARKER), "child.pid=" + process.pid() + "\nchild.start=" + start
                        + "\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the marker's owner lines suffice for the sweep to delete the directory; only the kill of a
                // left-over process on a system without setpriv is lost
            }
        }
        return process;
    }

    private Process spawn(ProcessBuilder builder) throws IOException {
        Future<Process> f = spawner.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // the process may be starting right now; returning without it would leave it unsupervised
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Ends supervision of a work directory: deletes it ({@code delete}), or keeps it for the user without its marker,
     * so that no sweep takes it.
     */
    public void release(Path directory, boolean delete) {
        directories.remove(directory);
        if (delete) {
            deleteTree(directory);
        } else {
            try {
                Files.deleteIfExists(directory.resolve(MARKER));
            } catch (IOException e) {
                // a kept directory with its marker is swept later, which only loses what the user meant to inspect
            }
        }
    }

    /**
     * Ends a process and everything it started. The handles of its descendants are taken first, while they are still
     * its descendants. SIGTERM goes first: {@code timeout} passes it to its whole process group at once, so a wrapper
     * such as feff8l cannot start its next module in between; then SIGKILL to every process of the tree. Waits up to
     * 5 s for them to go.
     */
    public static void destroyTree(Process process) {
        destroyTree(process.toHandle());
    }

    private static void destroyTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        root.destroy();
        try {
            root.onExit().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // SIGKILL follows
        }
        root.destroyForcibly();
        for (ProcessHandle h : List.copyOf(tree)) {
            tree.addAll(h.descendants().toList());
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.add(root);
        reap(tree);
    }

    private static void reap(List<ProcessHandle> handles) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REAP_MILLIS);
        for (ProcessHandle h : handles) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }

    /** Deletes {@code dir} and everything in it, as far as possible. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // what is left has a marker (or none at all) and is taken by the next sweep, or by the user
        }
    }

    /** Sweeps {@code parent} unless this JVM has swept it already. */
    public void sweepOnce(Path parent, String prefix) {
        if (swept.add(parent.toAbsolutePath().normalize())) {
            sweep(parent, prefix);
        }
    }

    /**
     * Deletes the directories {@code parent/prefix*} whose marker names an owner JVM that no longer runs, after
     * killing the process recorded in the marker if it still runs. Directories without a marker (being created, kept
     * by the user, or not ours) and those of live JVMs are left alone.
     *
     * @return the number of directories deleted
     */
    public int sweep(Path parent, String prefix) {
        int deleted = 0;
        if (!Files.isDirectory(parent)) {
            return 0;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path dir : dirs) {
                Optional<Properties> marker = readMarker(dir);
                if (marker.isEmpty() || directories.containsKey(dir)) {
                    continue;
                }
                Properties m = marker.get();
                if (alive(m.getProperty("owner.pid"), m.getProperty("owner.start")).isPresent()) {
                    continue;
                }
                alive(m.getProperty("child.pid"), m.getProperty("child.start"))
                        .ifPresent(ProcessSupervisor::destroyTree);
                deleteTree(dir);
                if (Files.notExists(dir)) {
                    deleted++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // an unreadable scratch directory: the run itself then fails with a clear message when it creates its own
        }
        return deleted;
    }

    private static Optional<Properties> readMarker(Path dir) {
        Path file = dir.resolve(MARKER);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return p.getProperty("owner.pid") == null ? Optional.empty() : Optional.of(p);
    }

    /**
     * @return the process {@code pid} if it runs and started at {@code start} (within 1 s; blank: any start), so that
     *         a PID the system has given to another process since does not count
     */
    static Optional<ProcessHandle> alive(String pid, String start) {
        if (pid == null || pid.isBlank()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> h;
        try {
            h = ProcessHandle.of(Long.parseLong(pid.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (h.isEmpty() || !h.get().isAlive()) {
            return Optional.empty();
        }
        if (start == null || start.isBlank()) {
            return h;
        }
        Optional<Instant> actual = h.get().info().startInstant();
        Instant recorded;
        try {
            recorded = Instant.parse(start.strip());
        } catch (DateTimeParseException e) {
            return h;
        }
        boolean same = actual.isEmpty()
                || Duration.between(recorded, actual.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0;
        return same ? h : Optional.empty();
    }

    /** @return the command prefix in use: setpriv and timeout, timeout alone, or nothing */
    public List<String> wrapper() {
        List<String> w = wrapper;
        if (w == null) {
            w = probeWrapper();
            wrapper = w;
        }
        return w;
    }

    /** @return whether a killed JVM's processes are ended by the kernel at once (setpriv available) */
    public boolean endsChildrenOfAKilledJvm() {
        return wrapper().contains("--pdeathsig");
    }

    private List<String> probeWrapper() {
        if (!Boolean.parseBoolean(System.getProperty(WRAP_PROPERTY, "true"))) {
            return List.of();
        }
        Optional<Path> timeout = onPath("timeout");
        if (timeout.isEmpty()) {
            return List.of();
        }
        Optional<Path> setpriv = onPath("setpriv");
        if (setpriv.isPresent()) {
            List<String> w = List.of(setpriv.get().toString(), "--pdeathsig", "TERM", "--", timeout.get().toString());
            if (works(w)) {
                return w;
            }
        }
        List<String> w = List.of(timeout.get().toString());
        return works(w) ? w : List.of();
    }

    /** Runs the prefix on {@code true}: an old setpriv without --pdeathsig, or a foreign timeout, fails here. */
    private boolean works(List<String> prefix) {
        Optional<Path> truth = onPath("true");
        if (truth.isEmpty()) {
            return false;
        }
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("--kill-after=1", "5", truth.get().toString()));
        try {
            Process p = spawn(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD));
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin"));
        if (path != null) {
            dirs.addAll(0, List.of(path.split(java.io.File.pathSeparator)));
        }
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The shutdown hook: all trees at once (SIGTERM to the groups, then SIGKILL), then the directories. */
    private void shutdown() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : List.copyOf(processes)) {
            all.addAll(p.descendants().toList());
            all.add(p.toHandle());
            p.destroy();
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                h.destroyForcibly();
            }
        }
        all.forEach(ProcessHandle::destroyForcibly);
        reap(all);
        for (Path dir : List.copyOf(directories.keySet())) {
            deleteTree(dir);
        }
    }
}
