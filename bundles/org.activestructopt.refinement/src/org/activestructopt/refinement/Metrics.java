package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.match.MatchResult;
import org.activestructopt.structure.match.StructureMatcher;

/**
 * Figures of merit for comparing refinement methods on benchmark problems: the best loss seen after n simulations
 * (the cumulative minimum of the loss history), its median over problems, and whether the best structure matches the
 * true one.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * @param losses the loss of each simulation in order, NaN for failures
     * @return element n is the lowest loss among simulations 0..n (NaN until the first success)
     */
    public static double[] bestSoFar(double[] losses) {
        double[] out = new double[losses.length];
        double best = Double.NaN;
        for (int i = 0; i < losses.length; i++) {
            if (!Double.isNaN(losses[i]) && (Double.isNaN(best) || losses[i] < best)) {
                best = losses[i];
            }
            out[i] = best;
        }
        return out;
    }

    /** @return {@link #bestSoFar(double[])} of a run's {@link Results#lossHistory()} */
    public static double[] bestSoFar(Results results) {
        return bestSoFar(results.lossHistory());
    }

    /**
     * The median over problems of the best loss after n simulations, for n = 1..length (a curve that is shorter than
     * the longest is extended with its last value, as a finished run keeps its best).
     *
     * @param curves one {@link #bestSoFar} curve per problem, none empty
     * @return element n-1 is the median after n simulations; NaN values (no success yet) count as +infinity
     */
    public static double[] medianCurve(List<double[]> curves) {
        Objects.requireNonNull(curves, "curves");
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no curves to take the median of");
        }
        int length = curves.stream().mapToInt(c -> c.length).max().orElse(0);
        double[] out = new double[length];
        double[] column = new double[curves.size()];
        for (int n = 0; n < length; n++) {
            for (int p = 0; p < curves.size(); p++) {
                double[] c = curves.get(p);
                if (c.length == 0) {
                    throw new IllegalArgumentException("curve " + p + " is empty");
                }
                double v = c[Math.min(n, c.length - 1)];
                column[p] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
            }
            out[n] = median(column);
        }
        return out;
    }

    /**
     * How many simulations a method needed to reach a loss: compares methods by cost at equal quality (e.g. how many
     * simulations reverse Monte Carlo needs for the median loss the active loop reached).
     *
     * @param curve a {@link #bestSoFar} or {@link #medianCurve} curve (element n-1: after n simulations)
     * @param level the loss to reach
     * @return the smallest n with {@code curve[n-1] <= level}, or -1 if the curve never gets there (NaN never does)
     */
    public static int simulationsToReach(double[] curve, double level) {
        Objects.requireNonNull(curve, "curve");
        for (int n = 1; n <= curve.length; n++) {
            if (curve[n - 1] <= level) {
                return n;
            }
        }
        return -1;
    }

    /** @return the median of the values (mean of the middle two for an even count) */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }

    /**
     * @return whether {@code candidate} is the {@code reference} structure by pymatgen's criteria
     *         ({@link StructureMatcher#defaults()}), with the RMS displacement when it is
     */
    public static MatchResult match(Structure candidate, Structure reference) {
        return StructureMatcher.defaults().match(candidate, reference);
    }

    /**
     * The Pareto front of a run: the successful candidates that no other successful candidate dominates, where a
     * candidate dominates another if its loss is no larger in every objective and smaller in at least one. It shows
     * the trade-off between objectives that the weighted total loss hides; with one objective it holds the
     * candidate(s) of lowest loss. Candidates with equal losses in every objective are all kept.
     *
     * @return the non-dominated candidates in the order they were simulated
     */
    public static List<Candidate> paretoFront(Results results) {
        List<Candidate> all = results.candidates();
        return paretoFront(all.stream().map(c -> c.isFailed() ? null : c.losses()).toList()).stream()
                .map(all::get).toList();
    }

    /**
     * The Pareto front of per-objective losses, as {@link #paretoFront(Results)}.
     *
     * @param losses each simulation's losses, null for a failed one
     * @return the indices of the non-dominated simulations, increasing
     */
    public static List<Integer> paretoFront(List<double[]> losses) {
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < losses.size(); i++) {
            if (losses.get(i) == null) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < losses.size() && !dominated; j++) {
                dominated = j != i && losses.get(j) != null && dominates(losses.get(j), losses.get(i));
            }
            if (!dominated) {
                front.add(i);
            }
        }
        return front;
    }

    /** @return whether a is no worse than b everywhere and better somewhere */
    static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " and " + b.length + " objectives");
        }
        boolean better = false;
        for (int k = 0; k < a.length; k++) {
            if (a[k] > b[k]) {
                return false;
            }
            better |= a[k] < b[k];
        }
        return better;
    }
}
