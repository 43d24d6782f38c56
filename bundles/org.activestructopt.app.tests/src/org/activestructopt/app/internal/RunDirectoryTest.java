package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.activestructopt.app.internal.AsoTest.Run;
import org.activestructopt.refinement.RunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aso refine and its run directory: bad --out, a held lock, failed validation leaving nothing, one-line errors. */
class RunDirectoryTest {

    private static final Path EXAMPLE = Path.of("..", "org.activestructopt.app", "examples", "rutile")
            .toAbsolutePath().normalize();

    private static Path job(Path dir, String start, String simulations) throws Exception {
        Path job = dir.resolve("my-job.xmi");
        Files.writeString(job, """
                <?xml version="1.0" encoding="UTF-8"?>
                <aso:Job xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:aso="http://www.activestructopt.org/refinement/1.0" method="random">
                  <start file="%s"/>
                  <objectives simulator="pdf">
                    <target file="%s" signal="/entry/simulated/G"/>
                  </objectives>
                  <budget simulations="%s"/>
                </aso:Job>
                """.formatted(start, EXAMPLE.resolve("target.nxs"), simulations));
        return job;
    }

    private static void assertOneLine(Run run, int code, String... parts) {
        assertEquals(code, run.code(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        for (String p : parts) {
            assertTrue(run.err().contains(p), "'" + p + "' missing in: " + run.err());
        }
    }

    @Test
    void aMissingStartIsNamedInTheUsersFileAndLeavesNoRunBehind(@TempDir Path tmp) throws Exception {
        Path job = job(tmp, tmp.resolve("nowhere.cif").toString(), "100");
        Path out = tmp.resolve("run");
        Run run = aso("refine", job.toString(), "--out", out.toString());
        assertOneLine(run, Aso.EXIT_USAGE, "my-job.xmi", "cannot read start structure " + tmp.resolve("nowhere.cif")
                + ": no such file");
        assertTrue(!run.err().contains("Exception"), run.err());
        assertTrue(Files.notExists(out.resolve("job.xmi")), "the corrected retry must not find a run");
    }

    @Test
    void aBudgetBeyondTheRangeOfItsFieldSaysSo(@TempDir Path tmp) throws Exception {
        Path job = job(tmp, EXAMPLE.resolve("start.cif").toString(), "99999999999");
        Run run = aso("refine", job.toString(), "--out", tmp.resolve("run").toString());
        assertOneLine(run, Aso.EXIT_USAGE, "my-job.xmi", "simulations", "'99999999999' is too large (at most "
                + Integer.MAX_VALUE + ")");
    }

    @Test
    void outNamingAFileIsOneLine(@TempDir Path tmp) throws Exception {
        Path job = job(tmp, EXAMPLE.resolve("start.cif").toString(), "100");
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        assertOneLine(aso("refine", job.toString(), "--out", file.toString()), Aso.EXIT_USAGE,
                "--out " + file + " is a file, not a run directory");
    }

    @Test
    void aLockedRunDirectoryIsRefusedAtOnceNamingTheHolder(@TempDir Path tmp) throws Exception {
        Path job = job(tmp, EXAMPLE.resolve("start.cif").toString(), "100");
        Path out = Files.createDirectories(tmp.resolve("run"));
        try (RunLock lock = RunLock.acquire(out)) {
            Run run = aso("refine", job.toString(), "--out", out.toString());
            assertOneLine(run, Aso.EXIT_USAGE, out + " is in use by another run (PID " + ProcessHandle.current().pid(),
                    " since ");
            assertTrue(Files.notExists(out.resolve("job.xmi")));
        }
        Run free = aso("refine", job.toString(), "--out", out.toString());
        assertEquals(0, free.code(), free.err());
        assertTrue(Files.exists(out.resolve("job.xmi")));
        assertEquals(0, Files.size(out.resolve(RunLock.NAME)), "released at the end");
    }
}
