package org.activestructopt.api;

import java.util.Objects;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A simulation did not produce a spectrum. The {@link #reason()} tells the caller what to do next: the refinement
 * engine, for instance, discards the candidate structure and continues for {@linkplain Reason#isStructureSpecific()
 * structure-specific} failures, but stops the job for all others.
 */
public class SimulationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a simulation failed. */
    public enum Reason {
        /**
         * The structure cannot be simulated (unsupported element, atoms too close, too many atoms, ...). The message
         * names the sites or element at fault.
         */
        INVALID_STRUCTURE(true),
        /** The requested grid or settings are not acceptable for this simulator; the message names them. */
        INVALID_REQUEST(false),
        /** The caller cancelled through the {@link IProgressMonitor}. */
        CANCELLED(false),
        /** The simulation exceeded its time limit. */
        TIMEOUT(true),
        /** An external program ran but failed (non-zero exit status, missing or unreadable output). */
        EXTERNAL_FAILURE(true),
        /** The computation diverged or produced non-finite numbers. */
        NUMERICAL(true),
        /**
         * The installation is not usable: missing executable, unwritable scratch directory, missing licence. Retrying
         * does not help until the user fixes the setup.
         */
        ENVIRONMENT(false),
        /** A bug in the simulator. */
        INTERNAL(false);

        private final boolean structureSpecific;

        Reason(boolean structureSpecific) {
            this.structureSpecific = structureSpecific;
        }

        /**
         * @return whether the failure is tied to the structure that was simulated, so that a different structure may
         *         well succeed with the same simulator and settings
         */
        public boolean isStructureSpecific() {
            return structureSpecific;
        }
    }

    private final Reason reason;

    /**
     * @param reason  why the simulation failed
     * @param message what failed, naming the site, setting, file or program at fault
     */
    public SimulationException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason  why the simulation failed
     * @param message what failed, naming the site, setting, file or program at fault
     * @param cause   the underlying exception
     */
    public SimulationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the simulation failed */
    public Reason reason() {
        return reason;
    }

    /**
     * Throws a {@link Reason#CANCELLED} exception if the monitor reports cancellation; simulators call it between
     * steps.
     *
     * @param monitor the caller's monitor, may be {@code null} (never cancelled)
     * @throws SimulationException with reason {@link Reason#CANCELLED}
     */
    public static void checkCancelled(IProgressMonitor monitor) throws SimulationException {
        if (monitor != null && monitor.isCanceled()) {
            throw new SimulationException(Reason.CANCELLED, "simulation cancelled");
        }
    }

    /** @return e.g. {@code SimulationException[INVALID_STRUCTURE]: sites 3 and 7 coincide} */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + reason + "]: " + getMessage();
    }
}
