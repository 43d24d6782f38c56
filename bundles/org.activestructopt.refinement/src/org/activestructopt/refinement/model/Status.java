package org.activestructopt.refinement.model;

/** State of a run as last written to the job file. */
public enum Status implements ModelEnum {
    /** Started and not finished (or killed: resume it). */
    RUNNING("running"),
    /** The budget was used up. */
    COMPLETED("completed"),
    /** Stopped by the user; can be resumed. */
    CANCELLED("cancelled"),
    /** Stopped by an error, see the message. */
    FAILED("failed");

    private final String literal;

    Status(String literal) {
        this.literal = literal;
    }

    @Override
    public String literal() {
        return literal;
    }

    @Override
    public String toString() {
        return literal;
    }
}
