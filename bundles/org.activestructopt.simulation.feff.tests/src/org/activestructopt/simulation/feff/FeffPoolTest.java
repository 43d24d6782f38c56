package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.FeffPool;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

/** The bounded pool that runs every FEFF process of the bundle. */
class FeffPoolTest {

    @Test
    void callersShareTheBoundAndGetResultsInOrder() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<FeffPool.Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 3 * FeffPool.size(); i++) {
            int id = i;
            tasks.add(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                return id;
            });
        }
        // two callers at once, as when a refinement simulates several candidates concurrently
        List<List<Integer>> results = new ArrayList<>();
        Thread other = new Thread(() -> {
            try {
                results.add(FeffPool.runAll(tasks, null, "other"));
            } catch (SimulationException e) {
                throw new AssertionError(e);
            }
        });
        other.start();
        List<Integer> mine = FeffPool.runAll(tasks, null, "mine");
        other.join();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            expected.add(i);
        }
        assertEquals(expected, mine);
        assertEquals(List.of(expected), results);
        assertTrue(most.get() <= FeffPool.size(), most.get() + " tasks ran at once, pool size " + FeffPool.size());
    }

    @Test
    void firstFailureCancelsTheRestAndWaitsForThem() {
        AtomicInteger running = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        List<FeffPool.Task<Integer>> tasks = new ArrayList<>();
        tasks.add(() -> {
            try {
                started.await(5, TimeUnit.SECONDS); // with a pool of one the others cannot start before
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF says no");
        });
        for (int i = 0; i < 4; i++) {
            tasks.add(() -> {
                running.incrementAndGet();
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // what FeffRunner does: kill FEFF, then report
                } finally {
                    running.decrementAndGet();
                }
                throw new SimulationException(Reason.CANCELLED, "interrupted");
            });
        }
        long t0 = System.nanoTime();
        SimulationException e = assertThrows(SimulationException.class, () -> FeffPool.runAll(tasks, null, "x"));
        assertEquals("FEFF says no", e.getMessage());
        assertEquals(0, running.get(), "every task stopped before runAll returned");
        assertTrue((System.nanoTime() - t0) / 1e9 < 20);
    }

    @Test
    void cancelledMonitorStopsTheWait() {
        NullProgressMonitor monitor = new NullProgressMonitor();
        monitor.setCanceled(true);
        List<FeffPool.Task<Integer>> tasks = List.of(() -> 1);
        SimulationException e = assertThrows(SimulationException.class, () -> FeffPool.runAll(tasks, monitor, "x"));
        assertEquals(Reason.CANCELLED, e.reason());
    }
}
