package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real FEFF 8.5L runs and the failures around them: each failure is typed, says why, and leaves no FEFF process and
 * no run directory behind (checked with ProcessHandle and the scratch directory).
 */
class FeffRunnerTest {

    @TempDir
    Path scratch;

    private static FeffExecutable feff8l() throws SimulationException {
        return FeffExecutable.locate("", "auto");
    }

    /** The cards of data/feff/cu-feff.inp (the reference chi.dat's input). */
    private static FeffInput cuInput(FeffVersion version) throws IOException {
        FeffCards cards = FeffCards.builder().rpath(6).nleg(4).criteria(4, 2.5).debye(300, 315).build();
        return new FeffInput(cards, Cluster.cut(TestData.cu(), 0, 6), version);
    }

    @Test
    void feff8lIsFoundOnPath() throws Exception {
        FeffExecutable exe = feff8l();
        assertEquals(FeffVersion.FEFF85L, exe.version());
        assertEquals("feff8l", exe.path().getFileName().toString());
    }

    @Test
    void cuRunReproducesTheReferenceChiDat() throws Exception {
        FeffRun run = FeffRunner.of(feff8l()).withScratchDirectory(scratch)
                .run(cuInput(FeffVersion.FEFF85L), EnumSet.of(FeffRunner.Output.CHI), null);
        ChiDat ours = run.chi().orElseThrow();
        ChiDat ref = ChiDat.read(TestData.data("feff", "cu-chi.dat"));
        assertEquals(ref.size(), ours.size());
        for (int i = 0; i < ref.size(); i++) {
            assertEquals(ref.k()[i], ours.k()[i], 1e-12);
            // the same program on the same cluster; only the order of the atom lines differs
            assertEquals(ref.chi()[i], ours.chi()[i], 1e-5, "chi at k = " + ref.k()[i]);
        }
        assertTrue(run.log().contains("ff2x module"), run.log());
        assertTrue(run.directory().isEmpty());
        assertEquals(List.of(), TestData.runDirectories(scratch), "run directory deleted");
    }

    @Test
    void keptDirectoryHoldsInputLogAndOutputs() throws Exception {
        FeffRun run = FeffRunner.of(feff8l()).withScratchDirectory(scratch).withKeepDirectories(true)
                .run(cuInput(FeffVersion.FEFF85L), EnumSet.of(FeffRunner.Output.CHI, FeffRunner.Output.XMU), null);
        Path dir = run.directory().orElseThrow();
        assertEquals(scratch, dir.getParent());
        for (String f : List.of("feff.inp", "feff8l.log", "chi.dat", "xmu.dat")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(run.xmu().orElseThrow().size() > 300);
    }

    @Test
    void pathFilesAreParsed() throws Exception {
        FeffCards cards = FeffCards.builder().rpath(4).nleg(2).criteria(0, 0).pathFiles(true).build();
        FeffInput in = new FeffInput(cards, Cluster.cut(TestData.cu(), 0, 5), FeffVersion.FEFF85L);
        FeffRun run = FeffRunner.of(feff8l()).withScratchDirectory(scratch)
                .run(in, EnumSet.of(FeffRunner.Output.PATHS), null);
        // single scattering off the first two shells of fcc Cu: 12 at a/sqrt(2), 6 at a
        assertEquals(2, run.paths().size(), run.paths().toString());
        assertEquals(12, run.paths().get(0).degeneracy());
        assertEquals(2.5562, run.paths().get(0).reff(), 1e-4);
        assertEquals(6, run.paths().get(1).degeneracy());
        assertEquals(3.615, run.paths().get(1).reff(), 1e-4);
    }

    @Test
    void missingExecutableSaysHowToInstallIt() {
        SimulationException e = assertThrows(SimulationException.class,
                () -> FeffExecutable.locate("/nonexistent/bin/feff8l", "auto"));
        assertEquals(Reason.ENVIRONMENT, e.reason());
        assertTrue(e.getMessage().contains("/nonexistent/bin/feff8l") && e.getMessage().contains("does not exist"),
                e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install feff85exafs"), e.getMessage());
        assertTrue(e.getMessage().contains(FeffExecutable.PROPERTY), e.getMessage());

        SimulationException notOnPath = assertThrows(SimulationException.class,
                () -> FeffExecutable.locate("feff-not-installed-here", "auto"));
        assertEquals(Reason.ENVIRONMENT, notOnPath.reason());
        assertTrue(notOnPath.getMessage().contains("is not on PATH"), notOnPath.getMessage());
    }

    @Test
    void systemPropertyNamesTheExecutable() throws Exception {
        String old = System.getProperty(FeffExecutable.PROPERTY);
        try {
            System.setProperty(FeffExecutable.PROPERTY, TestData.fake("feff9", "feff").toString());
            FeffExecutable exe = FeffExecutable.locate("", "auto");
            assertEquals(TestData.fake("feff9", "feff"), exe.path());
            assertEquals(FeffVersion.FEFF9, exe.version(), "any name but feff8* is FEFF 9/10");
            // the job's setting wins over the property
            assertEquals(FeffVersion.FEFF85L, FeffExecutable.locate("feff8l", "auto").version());
        } finally {
            if (old == null) {
                System.clearProperty(FeffExecutable.PROPERTY);
            } else {
                System.setProperty(FeffExecutable.PROPERTY, old);
            }
        }
    }

    @Test
    void rejectedInputReportsFeffsComplaint() throws Exception {
        // FEFF 9 cards given to feff8l, as when feff.version is set wrongly: it rejects COREHOLE and exits with 0
        FeffCards cards = FeffCards.builder().rpath(6).corehole("RPA").build();
        FeffInput in = new FeffInput(cards, Cluster.cut(TestData.cu(), 0, 6), FeffVersion.FEFF9);
        SimulationException e = assertThrows(SimulationException.class, () -> FeffRunner.of(feff8l())
                .withScratchDirectory(scratch).run(in, EnumSet.of(FeffRunner.Output.CHI), null));
        assertEquals(Reason.EXTERNAL_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("wrote no chi.dat"), e.getMessage());
        assertTrue(e.getMessage().contains("module rdinp") && e.getMessage().contains("COREHOLE")
                && e.getMessage().contains("Keyword unrecognized"), e.getMessage());
        assertEquals(List.of(), TestData.runDirectories(scratch));
    }

    @Test
    void unreadableOutputIsAnExternalFailure() throws Exception {
        FeffExecutable garbage = new FeffExecutable(TestData.fake("garbage", "feff8l"), FeffVersion.FEFF85L);
        SimulationException e = assertThrows(SimulationException.class, () -> FeffRunner.of(garbage)
                .withScratchDirectory(scratch).run(cuInput(FeffVersion.FEFF85L), EnumSet.of(FeffRunner.Output.CHI),
                        null));
        assertEquals(Reason.EXTERNAL_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("chi.dat line 3") && e.getMessage().contains("truncated"),
                e.getMessage());
        assertEquals(List.of(), TestData.runDirectories(scratch));
    }

    @Test
    void timeoutKillsTheProcessTree() throws Exception {
        FeffExecutable hang = new FeffExecutable(TestData.fake("sleeper", "feff8l"), FeffVersion.FEFF85L);
        long start = System.nanoTime();
        SimulationException e = assertThrows(SimulationException.class,
                () -> FeffRunner.of(hang).withScratchDirectory(scratch).withTimeout(Duration.ofMillis(1500))
                        .run(cuInput(FeffVersion.FEFF85L), EnumSet.of(FeffRunner.Output.CHI), null));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("1.5 s"), e.getMessage());
        assertTrue(seconds < 10, "returned after " + seconds + " s");
        assertNoneAlive(pids(scratch));
        assertEquals(List.of(), TestData.runDirectories(scratch));
    }

    @Test
    void cancellationKillsTheProcessTree() throws Exception {
        FeffExecutable hang = new FeffExecutable(TestData.fake("sleeper", "feff8l"), FeffVersion.FEFF85L);
        NullProgressMonitor monitor = new NullProgressMonitor();
        Thread canceller = new Thread(() -> {
            try {
                waitForPids(scratch);
                monitor.setCanceled(true);
            } catch (InterruptedException | IOException ex) {
                monitor.setCanceled(true);
            }
        });
        canceller.start();
        SimulationException e = assertThrows(SimulationException.class, () -> FeffRunner.of(hang)
                .withScratchDirectory(scratch).run(cuInput(FeffVersion.FEFF85L), EnumSet.of(FeffRunner.Output.CHI),
                        monitor));
        canceller.join();
        assertEquals(Reason.CANCELLED, e.reason());
        assertNoneAlive(pids(scratch));
        assertEquals(List.of(), TestData.runDirectories(scratch));
    }

    @Test
    void interruptionKillsTheProcessTree() throws Exception {
        FeffExecutable hang = new FeffExecutable(TestData.fake("sleeper", "feff8l"), FeffVersion.FEFF85L);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                FeffRunner.of(hang).withScratchDirectory(scratch)
                        .run(cuInput(FeffVersion.FEFF85L), EnumSet.of(FeffRunner.Output.CHI), null);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        waitForPids(scratch);
        worker.interrupt();
        worker.join(20_000);
        assertFalse(worker.isAlive());
        assertTrue(thrown.get() instanceof SimulationException se && se.reason() == Reason.CANCELLED,
                String.valueOf(thrown.get()));
        assertNoneAlive(pids(scratch));
        assertEquals(List.of(), TestData.runDirectories(scratch));
    }

    @Test
    void fullMultipleScatteringInputGoesToFeff9() throws Exception {
        FeffExecutable feff9 = new FeffExecutable(TestData.fake("feff9", "feff"), FeffVersion.FEFF9);
        FeffCards cards = FeffCards.builder().rpath(6).fms(OptionalDouble.of(6)).xanesKmax(OptionalDouble.of(4.5))
                .corehole("FSR").build();
        FeffInput in = new FeffInput(cards, Cluster.cut(TestData.cu(), 0, 6), FeffVersion.FEFF9);
        FeffRun run = FeffRunner.of(feff9).withScratchDirectory(scratch)
                .run(in, EnumSet.of(FeffRunner.Output.XMU), null);
        assertEquals(101, run.xmu().orElseThrow().size());
        assertTrue(run.log().contains("fake FEFF 9"), run.log());
        // the fake FEFF 9 exits with status 3 when a card is missing, which the runner reports
        FeffInput exafs = new FeffInput(FeffCards.builder().rpath(6).build(), in.cluster(), FeffVersion.FEFF9);
        SimulationException e = assertThrows(SimulationException.class, () -> FeffRunner.of(feff9)
                .withScratchDirectory(scratch).run(exafs, EnumSet.of(FeffRunner.Output.XMU), null));
        assertEquals(Reason.EXTERNAL_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("status 3") && e.getMessage().contains("card XANES missing"),
                e.getMessage());
    }

    /** The process ids the fake FEFF recorded: its own and its child's. */
    private static List<Long> pids(Path scratch) throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(scratch)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("fake-feff-pids-")).toList()) {
                for (String t : Files.readString(p).strip().split("\\s+")) {
                    out.add(Long.parseLong(t));
                }
            }
        }
        assertEquals(2, out.size(), "the fake FEFF and its child recorded their ids: " + out);
        return out;
    }

    private static void waitForPids(Path scratch) throws InterruptedException, IOException {
        for (int i = 0; i < 200; i++) {
            try (Stream<Path> s = Files.list(scratch)) {
                if (s.anyMatch(f -> f.getFileName().toString().startsWith("fake-feff-pids-") && size(f) > 0)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the fake FEFF never started");
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void assertNoneAlive(List<Long> pids) {
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " alive");
        }
    }
}
