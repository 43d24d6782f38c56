package org.activestructopt.app.internal;

/** A failure the user can fix; its message is printed as one line without a stack trace. */
public final class UserException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserException(String message) {
        this(message, Aso.EXIT_USAGE);
    }

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Aso.EXIT_USAGE;
    }

    public int exitCode() {
        return exitCode;
    }
}
