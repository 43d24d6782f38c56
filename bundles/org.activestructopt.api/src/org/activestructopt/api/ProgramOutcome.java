package org.activestructopt.api;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a {@link ProgramRun} ended. A simulator still judges the run by its outputs (FEFF exits 0 when it rejects its
 * input); this says only whether the program ran to its end, and if not, why.
 *
 * @param state    how it ended
 * @param exitCode the program's exit status where one is known
 * @param message  one line for a user: the executor's account of the end (e.g. SLURM's state and reason)
 */
public record ProgramOutcome(State state, OptionalInt exitCode, String message) {

    /** How a run ended. */
    public enum State {
        /** The program ran to its end with exit status 0. */
        COMPLETED,
        /** The program ended with a non-zero status or was killed by a signal it did not ask for. */
        FAILED,
        /** The run hit its time limit and was ended. */
        TIMED_OUT,
        /** The run was cancelled through {@link ProgramRun#cancel()} or by the executor's own tools. */
        CANCELLED,
        /** The executor no longer knows the run and it left no exit status (node lost, record purged). */
        LOST
    }

    public ProgramOutcome {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(message, "message");
    }

    /** @return whether the program ran to its end with status 0 */
    public boolean isSuccess() {
        return state == State.COMPLETED;
    }

    /**
     * @return the failure a simulator reports for an unsuccessful run ({@link SimulationException.Reason#TIMEOUT}
     *         for a timed-out run, {@link SimulationException.Reason#CANCELLED} for a cancelled one, else
     *         {@link SimulationException.Reason#EXTERNAL_FAILURE}), naming the run
     * @throws IllegalStateException if the run succeeded
     */
    public SimulationException toException(String runName) {
        SimulationException.Reason reason = switch (state) {
        case COMPLETED -> throw new IllegalStateException("run " + runName + " succeeded");
        case TIMED_OUT -> SimulationException.Reason.TIMEOUT;
        case CANCELLED -> SimulationException.Reason.CANCELLED;
        case FAILED, LOST -> SimulationException.Reason.EXTERNAL_FAILURE;
        };
        return new SimulationException(reason, runName + ": " + message);
    }
}
