package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.nexus.NexusResultWriter;

/**
 * The layout of {@code result.nxs}, what a user takes away from a run beside the job file, in one place for every
 * front end ({@code aso refine}, the workbench's Export Results): per objective the target and the spectra of the
 * start and of the best simulation, the best loss after each simulation, and with several objectives the Pareto front
 * of their losses. Group names are {@code target}, {@code start}, {@code best} for one objective and
 * {@code target_<simulator><n>} etc. (n from 1) for several, e.g. {@code best_exafs_ss2}.
 */
public final class ResultFile {

    /** The file's usual name in a run directory. */
    public static final String NAME = "result.nxs";

    /**
     * One simulation as the file needs it.
     *
     * @param loss    total loss, NaN if it failed
     * @param losses  loss per objective, empty if it failed
     * @param spectra simulated spectrum per objective, empty if it failed
     */
    public record Simulation(double loss, double[] losses, List<Spectrum> spectra) {
        public Simulation {
            losses = losses.clone();
            spectra = List.copyOf(spectra);
        }

        boolean failed() {
            return spectra.isEmpty() || Double.isNaN(loss);
        }
    }

    private ResultFile() {
    }

    /**
     * @param simulators the objectives' simulator names, in job order
     * @param targets    the objectives' targets as fitted (may be shorter than simulators when not yet resolved)
     * @param runs       every simulation in order; at least one succeeded
     * @return a writer with the spectra, history and Pareto front set; the caller adds process and title and writes
     * @throws IllegalArgumentException if no simulation succeeded
     */
    public static NexusResultWriter writer(List<String> simulators, List<Spectrum> targets, List<Simulation> runs) {
        Objects.requireNonNull(simulators, "simulators");
        Objects.requireNonNull(targets, "targets");
        int start = -1;
        int best = -1;
        double[] totals = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            Simulation r = runs.get(i);
            totals[i] = r.failed() ? Double.NaN : r.loss();
            if (!r.failed()) {
                start = start < 0 ? i : start;
                best = best < 0 || r.loss() < runs.get(best).loss() ? i : best;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no successful simulation: nothing to write");
        }
        NexusResultWriter w = NexusResultWriter.create();
        for (int j = 0; j < simulators.size(); j++) {
            if (j < targets.size()) {
                w.spectrum(group("target", j, simulators), targets.get(j));
            }
            w.spectrum(group("start", j, simulators), runs.get(start).spectra().get(j));
            w.spectrum(group("best", j, simulators), runs.get(best).spectra().get(j));
        }
        // the history starts at the first success: NeXus wants finite values
        double[] curve = Metrics.bestSoFar(totals);
        int[] n = new int[runs.size() - start];
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = start + i + 1;
            y[i] = curve[start + i];
        }
        w.history(n, y).defaultData(group("best", 0, simulators));
        if (simulators.size() > 1) {
            List<double[]> losses = runs.stream().map(r -> r.failed() ? null : r.losses()).toList();
            List<Integer> front = Metrics.paretoFront(losses);
            List<String> names = new ArrayList<>();
            for (int j = 0; j < simulators.size(); j++) {
                names.add(objective(j, simulators));
            }
            w.paretoFront(front.stream().mapToInt(i -> i + 1).toArray(), names,
                    front.stream().map(losses::get).toArray(double[][]::new));
        }
        return w;
    }

    /**
     * The best candidate's fit, as NXparameters entries of the process group (strings, as the writer stores every
     * parameter): {@code best_<objective>_<statistic>} (Rw, R_factor, chi2, ...) and
     * {@code best_<objective>_<nuisance>} = "value +- uncertainty" (or "value (fixed)"), objective named as the
     * NXdata groups are (the simulator and its number).
     */
    public static Map<String, String> fitParameters(org.activestructopt.refinement.model.Candidate best,
            List<String> simulators) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var st : best.statistics()) {
            out.put("best_" + objective(st.objective(), simulators) + "_" + st.name(),
                    String.format(Locale.ROOT, "%.6g", st.value()));
        }
        for (var v : best.nuisance()) {
            out.put("best_" + objective(v.objective(), simulators) + "_" + v.name(), v.refined()
                    ? String.format(Locale.ROOT, "%.6g +- %.2g", v.value(), v.uncertainty())
                    : String.format(Locale.ROOT, "%.6g (fixed)", v.value()));
        }
        return out;
    }

    /**
     * @param role "target", "start" or "best"
     * @return the NXdata group of objective j: the role alone with one objective, else role_simulator(j+1)
     */
    public static String group(String role, int j, List<String> simulators) {
        return simulators.size() == 1 ? role : role + "_" + objective(j, simulators);
    }

    /** @return objective j's name in the file: its simulator as a NeXus name and its number, e.g. exafs_ss2 */
    private static String objective(int j, List<String> simulators) {
        return simulators.get(j).replaceAll("[^A-Za-z0-9_]+", "_") + (j + 1);
    }
}
