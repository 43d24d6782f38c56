package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.activestructopt.api.SimulationException;
import org.activestructopt.process.ProcessSupervisor;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM running real FEFF 8.5L ({@link KillTrialMain}, a separate process) is killed while FEFF's pot module runs;
 * afterwards no process of that FEFF run may be alive and its directory must be gone: at once by the shutdown hook
 * after SIGTERM; after SIGKILL the kernel ends FEFF (setpriv's parent-death signal to timeout) and the next JVM's
 * first FEFF run in the same scratch directory deletes the directory. Processes of a run are found by their working
 * directory (/proc/PID/cwd inside the scratch directory), so FEFF processes of other tests or users do not count.
 */
class OrphanTest {

    /** Bound for FEFF's processes to disappear after the JVM died. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @Test
    void sigtermToTheJvmEndsFeffAndDeletesItsDirectory() throws Exception {
        for (int trial = 0; trial < 2; trial++) {
            Path scratch = Files.createDirectories(tmp.resolve("term-" + trial));
            Trial t = killDuringFeff(scratch, false);
            assertEquals(143, t.exitCode, "the JVM ended by SIGTERM");
            assertEquals(List.of(), waitUntilGone(scratch, t.feff), "FEFF processes left after SIGTERM");
            assertEquals(List.of(), TestData.runDirectories(scratch), "the shutdown hook deletes the run directory");
        }
    }

    @Test
    void sigkillToTheJvmEndsFeffAndTheNextStartSweepsItsDirectory() throws Exception {
        ProcessSupervisor supervisor = ProcessSupervisor.get();
        assertTrue(supervisor.endsChildrenOfAKilledJvm(), "setpriv (util-linux) and timeout (coreutils) are "
                + "installed on Debian; the wrapper in use: " + supervisor.wrapper());
        for (int trial = 0; trial < 2; trial++) {
            Path scratch = Files.createDirectories(tmp.resolve("kill-" + trial));
            Trial t = killDuringFeff(scratch, true);
            assertEquals(137, t.exitCode, "the JVM ended by SIGKILL");
            assertEquals(List.of(), waitUntilGone(scratch, t.feff), "FEFF processes left after SIGKILL");
            // no Java code ran after SIGKILL: the directory is still there, with the dead JVM's marker
            List<Path> left = TestData.runDirectories(scratch);
            assertEquals(1, left.size(), left.toString());
            assertTrue(Files.isRegularFile(left.get(0).resolve(ProcessSupervisor.MARKER)));

            Process next = jvm("fast", scratch, tmp.resolve("next-" + trial + ".log"));
            assertTrue(next.waitFor(120, TimeUnit.SECONDS), "the next FEFF run finished");
            assertEquals(0, next.exitValue(), Files.readString(tmp.resolve("next-" + trial + ".log")));
            assertEquals(List.of(), TestData.runDirectories(scratch), "the next start swept the dead run's directory");
        }
    }

    /** What was seen of one killed JVM. */
    private record Trial(int exitCode, List<Long> feff) {
    }

    private Trial killDuringFeff(Path scratch, boolean forcibly) throws Exception {
        Path log = tmp.resolve(scratch.getFileName() + ".log");
        Process jvm = jvm("slow", scratch, log);
        try {
            List<Long> feff = waitForFeffModule(scratch, jvm, log);
            if (forcibly) {
                jvm.destroyForcibly();
            } else {
                jvm.destroy();
            }
            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "the JVM ended");
            return new Trial(jvm.exitValue(), feff);
        } finally {
            if (jvm.isAlive()) {
                jvm.destroyForcibly();
            }
        }
    }

    /** Starts {@link KillTrialMain} in a JVM of its own, on the class path of the bundles it needs. */
    private static Process jvm(String mode, Path scratch, Path log) throws IOException, URISyntaxException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(), "-cp", classPath(), KillTrialMain.class.getName(), mode,
                scratch.toString());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The class path entries holding this fragment, its host and the bundles their classes use. */
    static String classPath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(KillTrialMain.class, FeffRunner.class, ProcessSupervisor.class,
                SimulationException.class, Structure.class, Grid.class, IProgressMonitor.class)) {
            entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Waits until a FEFF module (feff8l_*) runs in a run directory whose marker names the supervised process.
     *
     * @return the pids of every process then working in the scratch directory
     */
    private static List<Long> waitForFeffModule(Path scratch, Process jvm, Path log) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            assertTrue(jvm.isAlive(), "the trial JVM ended early: " + Files.readString(log));
            List<Path> dirs = TestData.runDirectories(scratch);
            if (dirs.size() == 1 && hasChild(dirs.get(0))) {
                List<Long> procs = processesIn(scratch);
                boolean module = procs.stream().anyMatch(pid -> ProcessHandle.of(pid)
                        .flatMap(h -> h.info().command()).map(c -> c.contains("feff8l_")).orElse(false));
                if (module) {
                    return procs;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no FEFF module started within 60 s: " + Files.readString(log));
    }

    private static boolean hasChild(Path dir) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve(ProcessSupervisor.MARKER), StandardCharsets.US_ASCII)) {
            p.load(in);
        } catch (IOException e) {
            return false;
        }
        return p.getProperty("child.pid") != null;
    }

    /**
     * @return the processes still running after {@link #GONE_WITHIN}: of {@code seen} (taken before the kill) and any
     *         other working in the scratch directory
     */
    static List<Long> waitUntilGone(Path scratch, List<Long> seen) throws Exception {
        long until = System.nanoTime() + GONE_WITHIN.toNanos();
        List<Long> left = running(scratch, seen);
        while (!left.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
            left = running(scratch, seen);
        }
        return left;
    }

    private static List<Long> running(Path scratch, List<Long> seen) {
        Set<Long> out = new LinkedHashSet<>(processesIn(scratch));
        seen.stream().filter(OrphanTest::running).forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * @return whether {@code pid} is a process that still runs; a zombie (dead, waiting for the container's init to
     *         collect its status) does not
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the state follows the command name in parentheses, which may itself hold spaces or parentheses
            String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
            return !state.startsWith("Z") && !state.startsWith("X");
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the processes whose working directory lies in {@code scratch} (deleted or not) */
    static List<Long> processesIn(Path scratch) {
        String prefix = scratch.toAbsolutePath().toString() + "/";
        List<Long> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            try {
                String cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd")).toString();
                if (cwd.startsWith(prefix) && running(h.pid())) {
                    out.add(h.pid());
                }
            } catch (IOException | UnsupportedOperationException e) {
                // gone meanwhile, or not ours to read
            }
        });
        return out;
    }
}
