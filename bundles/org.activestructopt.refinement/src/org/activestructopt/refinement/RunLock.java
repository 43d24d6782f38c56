package org.activestructopt.refinement;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exclusive lock of a run directory, held for a run's life by the command line and the workbench alike, so that
 * two runs never write into the same directory. The lock is an operating-system lock ({@link FileChannel#tryLock()})
 * on {@value #NAME} in the directory, which the system releases when the holding process ends however it ends; the
 * file names the holder ({@code pid=... host=... since=...}) for the message the next run prints.
 * <p>
 * The file is never deleted (deleting it would let two runs lock two different files of the same name); released, it
 * is empty. A file that still names a holder although nobody holds the system lock was left by a process that died:
 * if that process is gone from this host, the lock is taken over ({@link #takenOver()} describes the earlier holder for
 * a note). If the named process still runs on this host, or runs on another host (where this one cannot look, and
 * where a network file system may not pass locks on), the directory is refused with that holder named.
 *
 * <pre>{@code
 * try (RunLock lock = RunLock.acquire(runDir)) {
 *     Refinement.run(job, simulators, surrogates, monitor);
 * }
 * }</pre>
 */
public final class RunLock implements AutoCloseable {

    /** The lock file's name in the run directory. */
    public static final String NAME = ".aso-lock";

    private static final Pattern HOLDER = Pattern.compile("pid=(\\d+) host=(\\S+) since=(\\S+)");

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<Holder> takenOver;

    private RunLock(Path dir, FileChannel channel, FileLock lock, Optional<Holder> takenOver) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.takenOver = takenOver;
    }

    /** Who holds (or held) a lock: process, host and the time it took the lock. */
    public record Holder(long pid, String host, Instant since) {

        @Override
        public String toString() {
            return "PID " + pid + " on " + host + " since " + since;
        }

        String line() {
            return "pid=" + pid + " host=" + host + " since=" + since + "\n";
        }

        static Optional<Holder> parse(String text) {
            Matcher m = HOLDER.matcher(text);
            if (!m.find()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Holder(Long.parseLong(m.group(1)), m.group(2), Instant.parse(m.group(3))));
            } catch (NumberFormatException | DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** The directory is locked by another run; the message names the directory and the holder in one line. */
    public static final class LockedException extends IOException {

        private static final long serialVersionUID = 1L;
        private final transient Path dir;
        private final transient Optional<Holder> holder;

        LockedException(Path dir, Optional<Holder> holder, String why) {
            super(dir + " is in use by another run (" + holder.map(Holder::toString).orElse("holder unknown") + ")"
                    + why);
            this.dir = dir;
            this.holder = holder;
        }

        /** @return the run directory */
        public Path dir() {
            return dir;
        }

        /** @return the holder named in the lock file, if it could be read */
        public Optional<Holder> holder() {
            return holder;
        }
    }

    /**
     * Locks run directory {@code dir} (which must exist) for this process.
     *
     * @throws LockedException if another run holds it (also another one of this process)
     * @throws IOException     if the lock file cannot be created or written
     */
    public static RunLock acquire(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path file = dir.resolve(NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            Optional<Holder> previous = Holder.parse(read(channel));
            if (lock == null) {
                throw new LockedException(dir, previous, "");
            }
            Optional<Holder> takenOver = Optional.empty();
            if (previous.isPresent()) {
                Holder h = previous.get();
                String here = host();
                if (!h.host().equals(here)) {
                    lock.release();
                    throw new LockedException(dir, previous, "; this host cannot tell whether that run is alive; "
                            + "if it is not, delete " + file);
                }
                if (h.pid() != ProcessHandle.current().pid() && alive(h)) {
                    lock.release();
                    throw new LockedException(dir, previous, "");
                }
                takenOver = previous;
            }
            Holder me = new Holder(ProcessHandle.current().pid(), host(), Instant.now());
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.line().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(dir, channel, lock, takenOver);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * @return the holder a stale lock file named when this lock took it over (a run that died without releasing it),
     *         for a note to the user
     */
    public Optional<Holder> takenOver() {
        return takenOver;
    }

    /** @return the locked directory */
    public Path dir() {
        return dir;
    }

    /**
     * @return the holder named in {@code dir}'s lock file if a run holds it now; empty if the directory is free or has
     *         no lock file (does not take the lock)
     */
    public static Optional<Holder> holder(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return Holder.parse(read(channel));
        }
    }

    /** Releases the lock, emptying the lock file. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private static String read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 4096);
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
            // read fully
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    /** Whether the process a lock file names still runs, and is the one that took the lock (not a reused PID). */
    private static boolean alive(Holder h) {
        Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = p.get().info().startInstant();
        // a process started after the lock was taken cannot have taken it; allow for the clock's granularity
        return started.isEmpty() || !started.get().isAfter(h.since().plusSeconds(1));
    }

    private static String host() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                name = "localhost";
            }
        }
        return name.isEmpty() ? "localhost" : name.replaceAll("\\s", "_");
    }
}
