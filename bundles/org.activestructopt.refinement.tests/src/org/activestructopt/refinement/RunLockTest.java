package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-directory lock against another real process, a killed holder, a stale file and another host. */
class RunLockTest {

    @Test
    void aSecondRunIsRefusedNamingTheHolderAndAKilledHoldersLockIsTakenOver(@TempDir Path dir) throws Exception {
        Process holder = ChildJvm.java(LockHolder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
            assertTrue(line != null && line.startsWith("locked"), String.valueOf(line));
            RunLock.LockedException e = assertThrows(RunLock.LockedException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().startsWith(dir + " is in use by another run (PID " + holder.pid() + " on "),
                    e.getMessage());
            assertTrue(e.getMessage().contains(" since "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            assertEquals(holder.pid(), RunLock.holder(dir).orElseThrow().pid());
        } finally {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        // SIGKILL: the system released the lock, the file still names the dead holder
        try (RunLock lock = RunLock.acquire(dir)) {
            assertEquals(holder.pid(), lock.takenOver().orElseThrow().pid());
            assertThrows(RunLock.LockedException.class, () -> RunLock.acquire(dir), "held within one process too");
        }
        assertEquals(0, Files.size(dir.resolve(RunLock.NAME)), "released: emptied, not deleted");
        try (RunLock lock = RunLock.acquire(dir)) {
            assertTrue(lock.takenOver().isEmpty());
        }
    }

    @Test
    void aLockFileOfALiveProcessOrAnotherHostIsRefused(@TempDir Path dir) throws Exception {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        Files.writeString(dir.resolve(RunLock.NAME), "pid=" + parent + " host=" + host + " since="
                + java.time.Instant.now() + "\n");
        RunLock.LockedException alive = assertThrows(RunLock.LockedException.class, () -> RunLock.acquire(dir));
        assertTrue(alive.getMessage().contains("PID " + parent), alive.getMessage());
        Files.writeString(dir.resolve(RunLock.NAME), "pid=1 host=elsewhere.example since=2026-01-01T00:00:00Z\n");
        RunLock.LockedException other = assertThrows(RunLock.LockedException.class, () -> RunLock.acquire(dir));
        assertTrue(other.getMessage().contains("on elsewhere.example") && other.getMessage().contains("delete "),
                other.getMessage());
    }
}
