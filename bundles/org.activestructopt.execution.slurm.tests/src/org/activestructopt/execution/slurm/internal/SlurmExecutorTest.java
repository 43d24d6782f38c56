package org.activestructopt.execution.slurm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.activestructopt.api.ExecutorRegistry;
import org.activestructopt.api.ExecutorUnavailableException;
import org.activestructopt.api.ProgramExecutor;
import org.activestructopt.api.ProgramOutcome;
import org.activestructopt.api.ProgramOutcome.State;
import org.activestructopt.api.ProgramRequest;
import org.activestructopt.api.ProgramRun;
import org.activestructopt.api.Settings;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The SLURM executor against a real one-node cluster on this machine ({@code releng/slurm-cluster start}, which
 * {@code releng/test} runs first): real sbatch, scontrol and scancel, real FEFF as the program.
 * <p>
 * Where no controller answers, every test is skipped with the reason printed, never silently.
 */
class SlurmExecutorTest {

    private static ProgramExecutor slurm;
    private static Settings fast;

    @BeforeAll
    static void cluster() throws Exception {
        String reason = clusterProblem();
        if (reason != null) {
            System.out.println("SKIPPED SlurmExecutorTest: " + reason);
        }
        assumeTrue(reason == null, reason);
        Bundle bundle = FrameworkUtil.getBundle(SlurmExecutorTest.class);
        assumeTrue(bundle != null, "not running inside an OSGi framework");
        try (ExecutorRegistry registry = ExecutorRegistry.open(bundle.getBundleContext())) {
            slurm = registry.get("slurm");
        }
        fast = slurm.settings().parse(Map.of("poll_interval", "0.5"));
    }

    /** @return why no cluster can be used here, or null */
    private static String clusterProblem() {
        try {
            Process p = new ProcessBuilder("sinfo", "-h", "-o", "%a %T").redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "sinfo did not answer within 20 s (slurmctld not running?)";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                return "sinfo failed: " + out;
            }
            if (!out.contains("up") || !(out.contains("idle") || out.contains("mix") || out.contains("alloc"))) {
                return "no partition up with a usable node: " + out;
            }
            return null;
        } catch (IOException e) {
            return "sinfo cannot be started (" + e.getMessage() + "); slurm-client not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static ProgramRequest request(Path dir, String name, List<String> command, Duration limit) {
        return ProgramRequest.of(name, dir.toAbsolutePath(), command, limit);
    }

    @Test
    void foundByNameAsADeclarativeService() {
        assertEquals("slurm", slurm.name());
        assertTrue(slurm.settings().find("partition").isPresent());
    }

    @Test
    void runsFeffAsABatchJobAndItsOutputsAppearInTheRunDirectory(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("data", "cu-feff.inp"), dir.resolve("feff.inp"));
        ProgramRun run = slurm.submit(request(dir, "feff-cu", List.of("feff8l"), Duration.ofMinutes(5)), fast);
        ProgramOutcome o = run.await(new NullProgressMonitor());
        assertEquals(State.COMPLETED, o.state(), o.message());
        assertEquals(0, o.exitCode().orElseThrow());
        // feff8l exits 0 even when it rejects its input: the outputs are what count
        Path chi = dir.resolve("chi.dat");
        assertTrue(Files.isRegularFile(chi), "no chi.dat in " + dir + ": " + Files.list(dir).toList());
        long rows = Files.readAllLines(chi).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
        assertTrue(rows > 100, "chi.dat has " + rows + " data rows");
        assertTrue(Files.isRegularFile(dir.resolve("feff0001.dat")), "no first path file");
    }

    @Test
    void aFailingProgramIsAFailureWithItsExitStatus(@TempDir Path dir) throws Exception {
        ProgramRun run = slurm.submit(request(dir, "fails", List.of("sh", "-c", "echo bad >&2; exit 3"),
                Duration.ofMinutes(1)), fast);
        ProgramOutcome o = run.await(null);
        assertEquals(State.FAILED, o.state(), o.message());
        assertEquals(3, o.exitCode().orElseThrow());
        assertEquals(org.activestructopt.api.SimulationException.Reason.EXTERNAL_FAILURE,
                o.toException("fails").reason());
    }

    @Test
    void cancellingTheMonitorCancelsTheJob(@TempDir Path dir) throws Exception {
        ProgramRun run = slurm.submit(request(dir, "sleeper", List.of("sleep", "300"), Duration.ofMinutes(10)),
                fast);
        awaitRunning(run);
        NullProgressMonitor monitor = new NullProgressMonitor();
        monitor.setCanceled(true);
        long t0 = System.nanoTime();
        ProgramOutcome o = run.await(monitor);
        assertEquals(State.CANCELLED, o.state(), o.message());
        assertTrue(System.nanoTime() - t0 < 60e9, "cancel took more than a minute");
        assertFalse(squeueLists(run.id()), "job " + run.id() + " still queued after cancel");
    }

    @Test
    void aJobKilledFromOutsideIsATypedFailure(@TempDir Path dir) throws Exception {
        ProgramRun run = slurm.submit(request(dir, "killed", List.of("sleep", "300"), Duration.ofMinutes(10)),
                fast);
        awaitRunning(run);
        Process kill = new ProcessBuilder("scancel", "--signal=KILL", "--full", run.id()).inheritIO().start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
        ProgramOutcome o = run.await(null);
        assertFalse(o.isSuccess(), o.message());
        assertTrue(o.state() == State.FAILED || o.state() == State.CANCELLED, o.state() + ": " + o.message());
        assertTrue(o.message().contains(run.id()), o.message());
        assertFalse(Files.exists(dir.resolve(JobScript.EXIT_FILE_PREFIX + run.id())),
                "a killed script cannot have written its exit status");
    }

    @Test
    void aResumedRefinementFindsAJobThatFinishedMeanwhile(@TempDir Path dir) throws Exception {
        ProgramRequest req = request(dir, "earlier", List.of("sh", "-c", "echo 42 > result.txt"),
                Duration.ofMinutes(1));
        assertEquals(Optional.empty(), slurm.reattach(req, fast), "nothing submitted into an empty directory");
        ProgramRun first = slurm.submit(req, fast);
        first.await(null);
        ProgramRun again = slurm.reattach(req, fast).orElseThrow();
        assertEquals(first.id(), again.id());
        assertEquals(State.COMPLETED, again.await(null).state());
        assertEquals("42", Files.readString(dir.resolve("result.txt")).strip());
    }

    @Test
    void aJobTheControllerForgotIsJudgedByItsExitFileOrLost(@TempDir Path dir) throws Exception {
        ProgramRequest req = request(dir, "purged", List.of("true"), Duration.ofMinutes(1));
        // a job id far beyond any this cluster has given out: the controller does not know it
        Files.writeString(ProgramExecutor.marker(req.directory(), "slurm"), "99999999\n");
        ProgramOutcome lost = slurm.reattach(req, fast).orElseThrow().await(null);
        assertEquals(State.LOST, lost.state(), lost.message());
        assertTrue(lost.message().contains("99999999"), lost.message());
        Files.writeString(dir.resolve(JobScript.EXIT_FILE_PREFIX + "99999999"), "0\n");
        assertEquals(State.COMPLETED, slurm.reattach(req, fast).orElseThrow().await(null).state());
    }

    @Test
    void anUnknownPartitionIsRefusedInOneLineNamingIt(@TempDir Path dir) {
        Settings bad = slurm.settings().parse(Map.of("partition", "no_such_queue"));
        ExecutorUnavailableException e = assertThrows(ExecutorUnavailableException.class, () -> slurm.submit(
                request(dir, "x", List.of("true"), Duration.ofMinutes(1)), bad));
        assertTrue(e.getMessage().contains("sbatch refused"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("partition"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void extraSbatchOptionsMustBeOptions() {
        Settings bad = slurm.settings().parse(Map.of("extra_sbatch", "--qos=short; rm -rf /"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SlurmSettings.check(bad));
        assertTrue(e.getMessage().contains("extra_sbatch") && e.getMessage().contains("rm -rf"), e.getMessage());
    }

    @Test
    void aTimeLimitEndsTheJobAsTimedOut(@TempDir Path dir) throws Exception {
        // SLURM's smallest limit is one minute; the controller checks limits about every 30 s
        ProgramRun run = slurm.submit(request(dir, "overtime", List.of("sleep", "600"), Duration.ofSeconds(30)),
                slurm.settings().parse(Map.of("poll_interval", "2")));
        ProgramOutcome o = run.await(null);
        assertEquals(State.TIMED_OUT, o.state(), o.message());
        assertEquals(org.activestructopt.api.SimulationException.Reason.TIMEOUT, o.toException("x").reason());
    }

    private static void awaitRunning(ProgramRun run) throws Exception {
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            Process p = new ProcessBuilder("squeue", "-h", "-j", run.id(), "-o", "%T").start();
            p.waitFor(20, TimeUnit.SECONDS);
            String state = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (state.equals("RUNNING")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("job " + run.id() + " did not start within 60 s");
    }

    private static boolean squeueLists(String id) throws Exception {
        Process p = new ProcessBuilder("squeue", "-h", "-j", id, "-o", "%T").start();
        p.waitFor(20, TimeUnit.SECONDS);
        String state = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return !state.isEmpty() && !state.equals("CANCELLED") && !state.equals("COMPLETED");
    }

    @Test
    void scriptQuotesEveryArgument() {
        assertNotNull(JobScript.quote("it's"));
        assertEquals("'it'\\''s'", JobScript.quote("it's"));
        assertEquals("0:01:00", JobScript.time(Duration.ofSeconds(1)));
        assertEquals("2:05:00", JobScript.time(Duration.ofMinutes(125)));
    }
}
