package org.activestructopt.simulation.feff.internal;

import java.util.Optional;

import org.activestructopt.simulation.feff.FeffExecutable;

/**
 * Reads the workbench preference naming the FEFF executable. The preference service is an optional dependency: a
 * headless run without it (or without an instance location) simply has no preference.
 */
public final class FeffPreferences {

    private FeffPreferences() {
    }

    /** @return the configured executable, if the preference service is present and the preference is set */
    public static Optional<String> executable() {
        try {
            return Reader.read();
        } catch (LinkageError | RuntimeException e) {
            // no org.eclipse.core.runtime.preferences in this runtime, or no instance location: no preference
            return Optional.empty();
        }
    }

    /** Holds the only references to the optional package, so that loading FeffPreferences never fails. */
    private static final class Reader {
        static Optional<String> read() {
            String v = org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE
                    .getNode(FeffExecutable.PREFERENCE_NODE).get(FeffExecutable.PREFERENCE_KEY, null);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }
    }
}
