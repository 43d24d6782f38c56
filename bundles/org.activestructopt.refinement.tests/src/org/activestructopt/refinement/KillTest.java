package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real engine process ({@link KillTarget} in its own JVM, the PDF simulator at a few milliseconds per structure) is
 * killed with SIGKILL at random moments; each time the run directory must hold every simulation the process had
 * recorded (it printed {@code recorded K} after {@link RunRecorder#record} returned), at most one more (the one in
 * flight), each equal to the uninterrupted run's, and the run must resume to the end without a repeat or a gap.
 */
class KillTest {

    private static final int BUDGET = 300;
    private static final int TRIALS = 24;
    private static final long SEED = 20261207;

    @Test
    void aKilledRunLosesAtMostTheSimulationInFlightAndResumesWithoutRepeats(@TempDir Path tmp) throws Exception {
        try (SimulatorRegistry registry = Simulators.registry()) {
            Simulator pdf = Simulators.await(registry, "pdf");
            long t0 = System.nanoTime();
            double[] reference = KillTarget.run(tmp.resolve("reference"), BUDGET, pdf, null,
                    RunRecorder.Durability.JOURNAL).results().lossHistory();
            long runMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(BUDGET, reference.length);

            SplittableRandom rng = new SplittableRandom(SEED);
            int recordedBeforeKills = 0;
            int lost = 0;
            int inFlightKept = 0;
            int killedBeforeFirst = 0;
            int finishedBeforeKill = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                Path dir = tmp.resolve("trial-" + trial);
                Path errors = tmp.resolve("trial-" + trial + ".err");
                Path output = tmp.resolve("trial-" + trial + ".out");
                // the child's standard output goes to a file, not a pipe: the JDK drains a dead child's pipe into a
                // buffer that a reader blocked at that moment may never see, and a lost line would be a false alarm
                Process p = ChildJvm.java(KillTarget.class.getName(), dir.toString(), Integer.toString(BUDGET))
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                awaitLine(p, output, l -> true);
                assertTrue(p.isAlive(), () -> "the engine did not start: " + read(errors));
                if (trial % 2 == 1) {
                    // every other trial from the first recorded simulation on: a cold child JVM may take longer to
                    // reach it than the whole warm run took, and kills before it test little
                    awaitLine(p, output, l -> l.startsWith("recorded "));
                }
                // from there to about the end of its run (a cold JVM is slower at first)
                Thread.sleep(rng.nextLong(0, runMillis + 300));
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                int last = -1;
                boolean done = false;
                for (String line : lines(output)) {
                    if (line.startsWith("recorded ")) {
                        last = Math.max(last, Integer.parseInt(line.substring("recorded ".length())));
                    }
                    done |= line.equals("done");
                }
                Path file = dir.resolve("job.xmi");
                int found = Files.exists(file) ? Job.load(file).results().size() : 0;
                int recorded = last + 1;
                recordedBeforeKills += recorded;
                lost += Math.max(0, recorded - found);
                inFlightKept += found > recorded ? 1 : 0;
                killedBeforeFirst += recorded == 0 ? 1 : 0;
                finishedBeforeKill += done ? 1 : 0;
                System.out.printf(Locale.ROOT, "kill trial %d: %d recorded before SIGKILL, %d on disk%s%n", trial,
                        recorded, found, done ? " (run had finished)" : "");
                assertTrue(found >= recorded, "trial " + trial + ": " + recorded + " simulations recorded, only "
                        + found + " on disk");
                assertTrue(found <= recorded + 1, "trial " + trial + ": " + found + " on disk, " + recorded
                        + " recorded: more than the one in flight");
                if (found > 0) {
                    assertSameAs(reference, Job.load(file).results(), found, "trial " + trial + " after the kill");
                }
                Job resumed = KillTarget.run(dir, BUDGET, pdf, null, RunRecorder.Durability.JOURNAL);
                assertSameAs(reference, resumed.results(), BUDGET, "trial " + trial + " resumed");
                assertSameAs(reference, Job.load(file).results(), BUDGET, "trial " + trial + " reloaded");
                assertFalse(Files.exists(file.resolveSibling("job.xmi.journal"))
                        && Files.size(file.resolveSibling("job.xmi.journal")) > 0, "compacted at the end");
            }
            System.out.printf(Locale.ROOT, "kill trials: %d SIGKILLs, %d simulations recorded before them, %d lost, "
                    + "%d times the one in flight was on disk too, %d killed before the first, %d after the end%n",
                    TRIALS, recordedBeforeKills, lost, inFlightKept, killedBeforeFirst, finishedBeforeKill);
            assertEquals(0, lost);
            assertTrue(TRIALS - killedBeforeFirst - finishedBeforeKill >= TRIALS / 4,
                    "most kills must fall inside the run");
        }
    }

    /** The first {@code n} candidates are those of the uninterrupted run, in order, and there are no more. */
    private static void assertSameAs(double[] reference, Results r, int n, String what) {
        assertEquals(n, r.size(), what);
        for (int i = 0; i < n; i++) {
            assertEquals(i, r.candidate(i).index(), what);
            assertEquals(reference[i], r.candidate(i).loss(), 1e-9 * Math.abs(reference[i]), what + ": simulation "
                    + i);
        }
    }

    /** Waits up to a minute, while the child lives, for a complete line of its output that satisfies {@code test}. */
    private static void awaitLine(Process p, Path output, Predicate<String> test) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < until && lines(output).stream().noneMatch(test)) {
            Thread.sleep(20);
        }
    }

    /** The complete lines written so far (a line still being written has no newline yet and is left out). */
    private static List<String> lines(Path output) throws java.io.IOException {
        if (!Files.exists(output)) {
            return List.of();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
