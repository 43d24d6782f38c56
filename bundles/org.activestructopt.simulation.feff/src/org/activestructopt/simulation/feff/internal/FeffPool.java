package org.activestructopt.simulation.feff.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * The bounded pool on which every FEFF process of this bundle runs: the absorbers of one structure and the structures
 * that callers simulate concurrently all share it, so at most {@link #size()} FEFF processes run at once. The size is
 * the system property {@value #THREADS_PROPERTY}, by default the number of processors.
 * <p>
 * Callers block in {@link #runAll(List, IProgressMonitor, String)} while the pool works, checking their monitor; the
 * pool threads are daemons, so an idle pool never keeps the JVM alive.
 */
public final class FeffPool {

    /** System property: the largest number of concurrent FEFF processes. */
    public static final String THREADS_PROPERTY = "aso.feff.threads";

    /** How long a cancelled or failed call waits for its other tasks to kill their FEFF and clean up. */
    private static final long DRAIN_SECONDS = 30;

    private static final int SIZE = Math.max(1,
            Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService POOL = Executors.newFixedThreadPool(SIZE, new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "aso-feff-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    /** A unit of work that may fail with a simulation failure. */
    @FunctionalInterface
    public interface Task<T> {
        /** @return the result */
        T call() throws SimulationException;
    }

    private FeffPool() {
    }

    /** @return the number of FEFF processes that may run at once */
    public static int size() {
        return SIZE;
    }

    /**
     * Runs the tasks on the pool and waits for all of them, reporting one unit of work per finished task.
     * <p>
     * On cancellation or on the first failure, the remaining tasks are cancelled (interrupting their FEFF runs, which
     * then kill their processes) and this method waits until every task has stopped, so that no FEFF process or
     * directory of this call outlives it.
     *
     * @param what names the work for the progress monitor, e.g. "FEFF Ni K"
     * @return the results in task order
     * @throws SimulationException the first failure in task order among the tasks that failed, or
     *                             {@link Reason#CANCELLED}
     */
    public static <T> List<T> runAll(List<Task<T>> tasks, IProgressMonitor monitor, String what)
            throws SimulationException {
        SubMonitor progress = SubMonitor.convert(monitor, what, tasks.size());
        AtomicBoolean abandoned = new AtomicBoolean();
        AtomicInteger running = new AtomicInteger();
        List<Future<T>> futures = new ArrayList<>();
        for (Task<T> task : tasks) {
            Callable<T> c = () -> {
                // counted before the check, so that drain() either sees this task or the task sees the flag
                running.incrementAndGet();
                try {
                    if (abandoned.get()) {
                        throw new SimulationException(Reason.CANCELLED, "FEFF task abandoned");
                    }
                    return task.call();
                } finally {
                    running.decrementAndGet();
                }
            };
            futures.add(POOL.submit(c));
        }
        List<T> out = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                out.add(await(f, monitor));
                progress.worked(1);
            }
            return out;
        } catch (SimulationException | RuntimeException e) {
            abandoned.set(true);
            futures.forEach(f -> f.cancel(true));
            drain(running);
            throw e;
        }
    }

    private static <T> T await(Future<T> f, IProgressMonitor monitor) throws SimulationException {
        while (true) {
            if (monitor != null && monitor.isCanceled()) {
                throw new SimulationException(Reason.CANCELLED, "FEFF simulation cancelled");
            }
            try {
                return f.get(50, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // keep polling the monitor
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SimulationException(Reason.CANCELLED, "FEFF simulation interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SimulationException se) {
                    throw se;
                }
                if (cause instanceof RuntimeException re) {
                    throw new SimulationException(Reason.INTERNAL, "FEFF task failed: " + re, re);
                }
                throw new SimulationException(Reason.INTERNAL, "FEFF task failed: " + cause, cause);
            }
        }
    }

    /** Waits until no task of the call runs any more: each has killed its FEFF process and deleted its directory. */
    private static void drain(AtomicInteger running) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        boolean interrupted = false;
        while (running.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                interrupted = true; // finish draining first: returning early would leave FEFF processes behind
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
