package org.activestructopt.api;

/**
 * A {@link ProgramExecutor} cannot do what was asked: its commands are missing, its daemons do not answer, or it
 * refused a request (an unknown partition, a time limit above the partition's). The message is one line for a user,
 * naming the command or setting at fault and what the executor said.
 */
public final class ExecutorUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ExecutorUnavailableException(String message) {
        super(message);
    }

    public ExecutorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @return the failure a simulator reports: {@link SimulationException.Reason#ENVIRONMENT} */
    public SimulationException toSimulationException() {
        return new SimulationException(SimulationException.Reason.ENVIRONMENT, getMessage(), this);
    }
}
