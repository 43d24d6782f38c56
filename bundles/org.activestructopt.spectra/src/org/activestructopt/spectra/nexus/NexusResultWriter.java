package org.activestructopt.spectra.nexus;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.activestructopt.spectra.Spectrum;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

/**
 * Writes the results of a refinement as a NeXus file that NeXus tools plot without help:
 *
 * <pre>
 * /                  NXroot   @default="entry" @file_name @file_time @creator
 * /entry             NXentry  @default=&lt;default data&gt;
 *   title                     (if set)
 *   process          NXprocess: program, version, date (ISO 8601)
 *     parameters     NXparameters: one string dataset per job parameter
 *   target, best ... NXdata   @signal @axes @AXIS_indices=0; x and y datasets with @units and @long_name,
 *                             SIGNAL_errors when the spectrum carries uncertainties
 *   history          NXdata   best_mse against simulations
 *   pareto_front     NXdata   (several objectives) loss_&lt;second&gt; against loss_&lt;first&gt;, further
 *                             loss_&lt;objective&gt; columns and the simulations on the front, by the first loss
 * </pre>
 *
 * A builder: configure it, then {@link #write(Path)} as often as needed (for instance after every simulation).
 * Each write goes to a temporary file in the target directory that then replaces the target, so a reader never sees
 * a half-written file.
 * <p>
 * Limits of the writer (jHDF 0.13): strings are fixed-length UTF-8 (h5py returns them as {@code bytes}; NeXus tools
 * accept both), jHDF adds its own root attribute {@code _jHDF}, and soft links cannot be written, so x axes are
 * stored in every NXdata group rather than linked.
 *
 * <pre>{@code
 * NexusResultWriter.create()
 *         .process("activestructopt", "0.1.0", Map.of("simulator", "pdf", "budget", "200"))
 *         .spectrum("target", target).spectrum("start", start).spectrum("best", best)
 *         .history(new int[] { 1, 2, 3 }, new double[] { 0.9, 0.5, 0.4 })
 *         .defaultData("best")
 *         .write(Path.of("result.nxs"));
 * }</pre>
 */
public final class NexusResultWriter {

    /** NeXus's recommended name pattern; also keeps names free of '/', which HDF5 reserves. */
    private static final Pattern NEXUS_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.]*[A-Za-z0-9_])?");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[^/]+");
    private static final Set<String> RESERVED = Set.of("process", "history", "title", "pareto_front");
    static final String HISTORY = "history";
    static final String PARETO_FRONT = "pareto_front";

    private String program = "";
    private String version = "";
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, Spectrum> spectra = new LinkedHashMap<>();
    private int[] simulations;
    private double[] bestMse;
    private int[] frontSimulations;
    private List<String> frontObjectives;
    private double[][] frontLosses;
    private String defaultData;
    private String title;
    private OffsetDateTime date;

    private NexusResultWriter() {
    }

    /** @return an empty writer */
    public static NexusResultWriter create() {
        return new NexusResultWriter();
    }

    /**
     * Records the program that produced the results and the job's parameters (as strings; they are written in
     * the given order, replacing any set before).
     *
     * @throws IllegalArgumentException if a parameter name is empty, "." or "..", or contains '/'
     */
    public NexusResultWriter process(String program, String version, Map<String, String> params) {
        this.program = Objects.requireNonNull(program, "program");
        this.version = Objects.requireNonNull(version, "version");
        Objects.requireNonNull(params, "params");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String k = Objects.requireNonNull(e.getKey(), "parameter name");
            if (!PARAMETER_NAME.matcher(k).matches() || k.equals(".") || k.equals("..")) {
                throw new IllegalArgumentException("parameter name '" + k + "' cannot be an HDF5 name (empty, '.', "
                        + "'..' or containing '/')");
            }
            copy.put(k, Objects.requireNonNull(e.getValue(), () -> "value of parameter " + k));
        }
        parameters.clear();
        parameters.putAll(copy);
        return this;
    }

    /** Sets the entry's title, e.g. the job name. */
    public NexusResultWriter title(String title) {
        this.title = Objects.requireNonNull(title, "title");
        return this;
    }

    /** Sets the date written in the process group and root attributes (default: the time of each write). */
    public NexusResultWriter date(OffsetDateTime date) {
        this.date = Objects.requireNonNull(date, "date");
        return this;
    }

    /**
     * Adds (or replaces) a spectrum as the NXdata group {@code /entry/<name>}.
     *
     * @param name a NeXus name such as "target", "start", "best" (letters, digits, '_', inner '.')
     * @throws IllegalArgumentException if the name is not a valid NeXus name or is reserved (process, history, title)
     */
    public NexusResultWriter spectrum(String name, Spectrum spectrum) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spectrum, "spectrum");
        if (!NEXUS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a NeXus group name (use letters, digits, '_')");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is reserved for the " + name + " group");
        }
        spectra.put(name, spectrum);
        return this;
    }

    /**
     * Sets the history: the best MSE found after each number of simulations.
     *
     * @param n       numbers of simulations, strictly increasing
     * @param bestMse best MSE so far at each n, finite
     * @throws IllegalArgumentException if the lengths differ, n is not increasing or an MSE is not finite
     */
    public NexusResultWriter history(int[] n, double[] bestMse) {
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(bestMse, "bestMse");
        if (n.length != bestMse.length) {
            throw new IllegalArgumentException(
                    "history has " + n.length + " simulation counts but " + bestMse.length + " MSE values");
        }
        for (int i = 0; i < n.length; i++) {
            if (i > 0 && n[i] <= n[i - 1]) {
                throw new IllegalArgumentException("history simulation counts must increase: n[" + (i - 1) + "] = "
                        + n[i - 1] + ", n[" + i + "] = " + n[i]);
            }
            if (!Double.isFinite(bestMse[i])) {
                throw new IllegalArgumentException("history bestMse[" + i + "] is " + bestMse[i]);
            }
        }
        this.simulations = n.clone();
        this.bestMse = bestMse.clone();
        return this;
    }

    /**
     * Sets the Pareto front of a run with several objectives: the simulations no other simulation beats in every
     * objective, with their loss in each.
     *
     * @param simulations the simulation numbers on the front
     * @param objectives  the objectives' names (at least two, distinct NeXus names once prefixed with "loss_")
     * @param losses      losses[i][j]: loss of objective j at simulations[i], finite
     * @throws IllegalArgumentException if the sizes disagree, names repeat or are not NeXus names, or a loss is not
     *                                  finite
     */
    public NexusResultWriter paretoFront(int[] simulations, List<String> objectives, double[][] losses) {
        Objects.requireNonNull(simulations, "simulations");
        Objects.requireNonNull(objectives, "objectives");
        Objects.requireNonNull(losses, "losses");
        if (objectives.size() < 2 || Set.copyOf(objectives).size() != objectives.size()) {
            throw new IllegalArgumentException("a Pareto front needs two or more distinct objectives, got "
                    + objectives);
        }
        for (String o : objectives) {
            if (!NEXUS_NAME.matcher("loss_" + o).matches()) {
                throw new IllegalArgumentException("'loss_" + o + "' is not a NeXus field name");
            }
        }
        if (simulations.length != losses.length) {
            throw new IllegalArgumentException("Pareto front has " + simulations.length + " simulations but "
                    + losses.length + " rows of losses");
        }
        for (int i = 0; i < losses.length; i++) {
            if (losses[i].length != objectives.size()) {
                throw new IllegalArgumentException("Pareto front row " + i + " has " + losses[i].length
                        + " losses for " + objectives.size() + " objectives");
            }
            for (double v : losses[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Pareto front row " + i + " has a loss of " + v);
                }
            }
        }
        Integer[] order = new Integer[simulations.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> losses[i][0]));
        frontSimulations = new int[order.length];
        frontLosses = new double[order.length][];
        for (int i = 0; i < order.length; i++) {
            frontSimulations[i] = simulations[order[i]];
            frontLosses[i] = losses[order[i]].clone();
        }
        frontObjectives = List.copyOf(objectives);
        return this;
    }

    /**
     * Chooses the NXdata group the file's {@code @default} chain points to: a spectrum name or "history". Without
     * it, "best" is the default when present, else the first spectrum added, else the history.
     */
    public NexusResultWriter defaultData(String name) {
        this.defaultData = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Writes the file, replacing {@code file} if it exists.
     *
     * @throws IllegalStateException if there is nothing to write, or the default names a group that is not written
     * @throws IOException           if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String def = chooseDefault();
        OffsetDateTime when = date != null ? date : OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would stick to the result after the move.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                writeTree(f, target.getFileName().toString(), when, def);
            } catch (RuntimeException e) {
                throw new IOException(file + ": cannot write NeXus file: " + e.getMessage(), e);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private String chooseDefault() {
        if (spectra.isEmpty() && simulations == null) {
            throw new IllegalStateException("nothing to write: add a spectrum or a history first");
        }
        if (defaultData != null) {
            if (!spectra.containsKey(defaultData) && !(HISTORY.equals(defaultData) && simulations != null)) {
                throw new IllegalStateException("default data '" + defaultData + "' is not written; have "
                        + spectra.keySet() + (simulations != null ? " and history" : ""));
            }
            return defaultData;
        }
        if (spectra.containsKey("best")) {
            return "best";
        }
        return spectra.isEmpty() ? HISTORY : spectra.keySet().iterator().next();
    }

    private void writeTree(WritableHdfFile f, String fileName, OffsetDateTime when, String def) {
        String time = when.toString();
        f.putAttribute("NX_class", "NXroot");
        f.putAttribute("default", "entry");
        f.putAttribute("file_name", fileName);
        f.putAttribute("file_time", time);
        f.putAttribute("creator", (program + " " + version).strip());

        WritableGroup entry = f.putGroup("entry");
        entry.putAttribute("NX_class", "NXentry");
        entry.putAttribute("default", def);
        if (title != null) {
            entry.putDataset("title", title);
        }

        WritableGroup process = entry.putGroup("process");
        process.putAttribute("NX_class", "NXprocess");
        process.putDataset("program", program);
        process.putDataset("version", version);
        process.putDataset("date", time);
        WritableGroup params = process.putGroup("parameters");
        params.putAttribute("NX_class", "NXparameters");
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            params.putDataset(p.getKey(), p.getValue());
        }

        for (Map.Entry<String, Spectrum> e : spectra.entrySet()) {
            writeSpectrum(entry.putGroup(e.getKey()), e.getValue());
        }
        if (simulations != null) {
            WritableGroup h = entry.putGroup(HISTORY);
            h.putAttribute("NX_class", "NXdata");
            h.putAttribute("signal", "best_mse");
            h.putAttribute("axes", new String[] { "simulations" });
            h.putAttribute("simulations_indices", 0);
            WritableDataset n = h.putDataset("simulations", simulations.clone());
            n.putAttribute("long_name", "number of simulations");
            WritableDataset mse = h.putDataset("best_mse", bestMse.clone());
            mse.putAttribute("long_name", "best mean squared error so far");
        }
        if (frontSimulations != null) {
            WritableGroup p = entry.putGroup(PARETO_FRONT);
            p.putAttribute("NX_class", "NXdata");
            p.putAttribute("signal", "loss_" + frontObjectives.get(1));
            p.putAttribute("axes", new String[] { "loss_" + frontObjectives.get(0) });
            p.putAttribute("loss_" + frontObjectives.get(0) + "_indices", 0);
            p.putDataset("title", "Pareto front of the objectives' losses");
            for (int j = 0; j < frontObjectives.size(); j++) {
                double[] column = new double[frontSimulations.length];
                for (int i = 0; i < column.length; i++) {
                    column[i] = frontLosses[i][j];
                }
                p.putDataset("loss_" + frontObjectives.get(j), column).putAttribute("long_name",
                        "loss of " + frontObjectives.get(j));
            }
            p.putDataset("simulations", frontSimulations.clone()).putAttribute("long_name", "simulation number");
        }
    }

    private static void writeSpectrum(WritableGroup g, Spectrum s) {
        String x = datasetName(s.xName(), "x");
        String yBase = datasetName(s.yName(), "y");
        String y = yBase.equals(x) || yBase.equals(x + "_errors") ? yBase + "_signal" : yBase;
        g.putAttribute("NX_class", "NXdata");
        g.putAttribute("signal", y);
        g.putAttribute("axes", new String[] { x });
        g.putAttribute(x + "_indices", 0);
        if (!x.equals("title") && !y.equals("title")) {
            g.putDataset("title", s.name());
        }
        WritableDataset xd = g.putDataset(x, s.xArray());
        describe(xd, s.xName(), s.xUnits());
        WritableDataset yd = g.putDataset(y, s.yArray());
        describe(yd, s.yName(), s.yUnits());
        s.uncertainties().ifPresent(sigma -> {
            WritableDataset ed = g.putDataset(y + "_errors", sigma);
            if (!s.yUnits().isEmpty()) {
                ed.putAttribute("units", s.yUnits());
            }
        });
    }

    private static void describe(WritableDataset d, String name, String units) {
        if (!units.isEmpty()) {
            d.putAttribute("units", units);
        }
        d.putAttribute("long_name", units.isEmpty() ? name : name + " (" + units + ")");
    }

    /**
     * A NeXus field name from an axis or value name: "G(r)" becomes "G", "k^2 chi(k)" becomes "k_2_chi",
     * "|chi(R)|" becomes "chi".
     */
    static String datasetName(String name, String fallback) {
        int paren = name.indexOf('(');
        String base = paren > 0 ? name.substring(0, paren) : name;
        String n = base.replaceAll("[^A-Za-z0-9_.]+", "_").replaceAll("_+", "_").replaceAll("^[_.]+|[_.]+$", "");
        return n.isEmpty() ? fallback : n;
    }
}
