package org.activestructopt.ui.internal.preferences;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.activestructopt.ui.AsoUi;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The workbench settings, in instance-scope preferences (the workspace's {@code .metadata}).
 * <ul>
 * <li>The FEFF executable lives where the FEFF simulator reads it: node {@value #FEFF_NODE}, key
 * {@value #FEFF_KEY} (the system property {@code aso.feff.executable} still wins over it, as on the command line).</li>
 * <li>Threads and the run directory live in this bundle's node {@link AsoUi#PLUGIN_ID}, for the refinement engine to
 * read when runs are started from the workbench.</li>
 * <li>Default surrogate settings ({@value #SURROGATE_DEFAULTS_KEY}) are written into every new job ("New Job..."),
 * where the template does not set them; the job file then carries them, so a run does not depend on preferences.</li>
 * </ul>
 */
public final class UiPreferences {

    /** Must equal {@code FeffExecutable.PREFERENCE_NODE} of the FEFF simulator bundle. */
    public static final String FEFF_NODE = "org.activestructopt.simulation.feff";
    /** Must equal {@code FeffExecutable.PREFERENCE_KEY}. */
    public static final String FEFF_KEY = "executable";
    /** Largest number of simulations run at once. */
    public static final String THREADS_KEY = "threads";
    /** Directory under which each refinement run gets its own folder. */
    public static final String RUNS_DIRECTORY_KEY = "runsDirectory";
    /** Upper bound of the threads setting; more would only thrash the machine. */
    public static final int MAX_THREADS = 256;
    /** Surrogate settings every new job starts with, as text: "name=value" entries separated by commas or lines. */
    public static final String SURROGATE_DEFAULTS_KEY = "surrogateDefaults";

    private UiPreferences() {
    }

    /** @return the default number of threads: the processors of this machine */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** @return the default run directory, {@code ~/ActiveStructOpt/runs} */
    public static Path defaultRunsDirectory() {
        return Path.of(System.getProperty("user.home"), "ActiveStructOpt", "runs");
    }

    /** Writes the defaults into the default scope (called by the preference initializer). */
    static void initializeDefaults() {
        IEclipsePreferences d = DefaultScope.INSTANCE.getNode(AsoUi.PLUGIN_ID);
        d.putInt(THREADS_KEY, defaultThreads());
        d.put(RUNS_DIRECTORY_KEY, defaultRunsDirectory().toString());
    }

    /** @return the configured FEFF executable, empty when FEFF should be found on the PATH */
    public static Optional<String> feffExecutable() {
        String v = InstanceScope.INSTANCE.getNode(FEFF_NODE).get(FEFF_KEY, "");
        return v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** @return the number of threads, within 1..{@value #MAX_THREADS} */
    public static int threads() {
        int v = InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).getInt(THREADS_KEY,
                DefaultScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).getInt(THREADS_KEY, defaultThreads()));
        return Math.max(1, Math.min(v, MAX_THREADS));
    }

    /** @return the run directory */
    public static Path runsDirectory() {
        String v = InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).get(RUNS_DIRECTORY_KEY,
                DefaultScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).get(RUNS_DIRECTORY_KEY, ""));
        return v.isBlank() ? defaultRunsDirectory() : Path.of(v);
    }

    /**
     * Stores all settings and flushes them to disk.
     *
     * @param feff    executable path or name; blank to look on the PATH
     * @param threads 1..{@value #MAX_THREADS}
     * @param runs    run directory
     * @throws BackingStoreException if the workspace metadata cannot be written
     */
    /**
     * @return the default surrogate settings of new jobs (empty when none are set or the stored text no longer
     *         parses; the preference page does not store text that does not)
     */
    public static Map<String, String> surrogateDefaults() {
        try {
            return parseSettings(surrogateDefaultsText());
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    /** @return the default surrogate settings as the user typed them */
    public static String surrogateDefaultsText() {
        return InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID).get(SURROGATE_DEFAULTS_KEY, "");
    }

    /**
     * Reads "name=value" entries separated by commas or line breaks, e.g. {@code epochs=200, features=16}.
     *
     * @throws IllegalArgumentException naming the entry that has no '=' or no name, or a name given twice
     */
    public static Map<String, String> parseSettings(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : text.split("[,\\n]")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + e + "' is not name=value");
            }
            String name = e.substring(0, eq).strip();
            if (out.put(name, e.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("'" + name + "' is given twice");
            }
        }
        return out;
    }

    /**
     * Stores the default surrogate settings of new jobs.
     *
     * @throws IllegalArgumentException if the text does not parse ({@link #parseSettings})
     */
    public static void storeSurrogateDefaults(String text) throws BackingStoreException {
        parseSettings(text);
        IEclipsePreferences ui = InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID);
        if (text.isBlank()) {
            ui.remove(SURROGATE_DEFAULTS_KEY);
        } else {
            ui.put(SURROGATE_DEFAULTS_KEY, text.strip());
        }
        ui.flush();
    }

    public static void store(String feff, int threads, Path runs) throws BackingStoreException {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + ", got " + threads);
        }
        IEclipsePreferences feffNode = InstanceScope.INSTANCE.getNode(FEFF_NODE);
        if (feff == null || feff.isBlank()) {
            feffNode.remove(FEFF_KEY);
        } else {
            feffNode.put(FEFF_KEY, feff.strip());
        }
        IEclipsePreferences ui = InstanceScope.INSTANCE.getNode(AsoUi.PLUGIN_ID);
        ui.putInt(THREADS_KEY, threads);
        ui.put(RUNS_DIRECTORY_KEY, runs.toString());
        feffNode.flush();
        ui.flush();
    }
}
