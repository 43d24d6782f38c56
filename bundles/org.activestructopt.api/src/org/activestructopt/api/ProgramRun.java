package org.activestructopt.api;

import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A program run handed to a {@link ProgramExecutor}: queued, running or ended. Thread-safe.
 */
public interface ProgramRun {

    /** @return the executor's identifier of the run (a SLURM job id, a process id) */
    String id();

    /** @return the request it runs */
    ProgramRequest request();

    /**
     * @return how the run ended, or empty while it is queued or running
     * @throws ExecutorUnavailableException if the executor cannot be asked (queue commands fail)
     */
    Optional<ProgramOutcome> poll() throws ExecutorUnavailableException;

    /**
     * Waits for the end of the run. A cancelled monitor cancels the run (as {@link #cancel()} does) and returns its
     * outcome, {@link ProgramOutcome.State#CANCELLED}.
     *
     * @param monitor progress and cancellation; may be {@code null}
     * @throws InterruptedException           if the waiting thread is interrupted (the run goes on)
     * @throws ExecutorUnavailableException if the executor cannot be asked for longer than it tolerates
     */
    ProgramOutcome await(IProgressMonitor monitor) throws InterruptedException, ExecutorUnavailableException;

    /**
     * Asks the executor to end the run; returns at once. A run that has ended is left as it is.
     *
     * @throws ExecutorUnavailableException if the request cannot be made
     */
    void cancel() throws ExecutorUnavailableException;
}
