package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.activestructopt.process.ProcessSupervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep of left-over run directories, judged by their markers against the processes that really run (a finished
 * {@code sleep} stands for a dead JVM), and the external time limit on a real process.
 */
class ProcessSupervisorTest {

    @TempDir
    Path scratch;

    private static Path dir(Path parent, String name, String marker) throws Exception {
        Path d = Files.createDirectories(parent.resolve(name));
        Files.writeString(d.resolve("feff.inp"), "TITLE x\n");
        if (marker != null) {
            Files.writeString(d.resolve(ProcessSupervisor.MARKER), marker, StandardCharsets.US_ASCII);
        }
        return d;
    }

    private static String owner(ProcessHandle h, Instant start) {
        return "owner.pid=" + h.pid() + "\nowner.start=" + start + "\n";
    }

    @Test
    void sweepDeletesOnlyTheDirectoriesOfDeadOwners() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        Instant goneStart = gone.info().startInstant().orElseThrow();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        ProcessHandle self = ProcessHandle.current();
        Instant selfStart = self.info().startInstant().orElseThrow();

        Path dead = dir(scratch, "aso-feff-dead", owner(gone.toHandle(), goneStart));
        // our own PID with another start time: the PID was reused, the owner is gone
        Path reused = dir(scratch, "aso-feff-reused", owner(self, selfStart.minus(Duration.ofHours(3))));
        Path live = dir(scratch, "aso-feff-live", owner(self, selfStart));
        Path unmarked = dir(scratch, "aso-feff-unmarked", null);
        Path garbled = dir(scratch, "aso-feff-garbled", "no owner here\n");
        Path other = dir(scratch, "lammps-dead", owner(gone.toHandle(), goneStart));

        assertEquals(2, ProcessSupervisor.get().sweep(scratch, FeffRunner.DIRECTORY_PREFIX));
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(reused));
        for (Path kept : List.of(live, unmarked, garbled, other)) {
            assertTrue(Files.isDirectory(kept), kept.toString());
        }
    }

    @Test
    void sweepKillsTheProcessADeadOwnerLeftRunning() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        Instant goneStart = gone.info().startInstant().orElseThrow();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        // started directly, as on a system without setpriv, where a killed JVM's child keeps running
        Process orphan = new ProcessBuilder("sleep", "300").start();
        Path d = dir(scratch, "aso-feff-orphan", owner(gone.toHandle(), goneStart) + "child.pid=" + orphan.pid()
                + "\nchild.start=" + orphan.info().startInstant().orElseThrow() + "\n");
        try {
            assertEquals(1, ProcessSupervisor.get().sweep(scratch, FeffRunner.DIRECTORY_PREFIX));
            assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "the recorded process was killed");
            assertFalse(Files.exists(d));
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void theTimeLimitIsEnforcedOutsideTheJvm() throws Exception {
        ProcessSupervisor supervisor = ProcessSupervisor.get();
        assertTrue(supervisor.wrapper().stream().anyMatch(w -> w.endsWith("timeout")), supervisor.wrapper()
                .toString());
        Path d = supervisor.createDirectory(scratch, "aso-test-");
        try {
            // a zero limit plus the grace: timeout ends the sleep after 10 s, long before its 300 s, without Java
            Process p = supervisor.start(new ProcessBuilder("sleep", "300").directory(d.toFile()), d, Duration.ZERO);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timeout ended the process");
            assertEquals(ProcessSupervisor.TIMED_OUT, p.exitValue(), "coreutils timeout's status for a command it ended");
            String marker = Files.readString(d.resolve(ProcessSupervisor.MARKER));
            assertTrue(marker.contains("owner.pid=" + ProcessHandle.current().pid()), marker);
            assertTrue(marker.contains("child.pid=" + p.pid()), marker);
        } finally {
            supervisor.release(d, true);
        }
        assertFalse(Files.exists(d));
    }
}
