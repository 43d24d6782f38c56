package org.activestructopt.ui.internal.convergence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.activestructopt.refinement.Metrics;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.ui.internal.run.CandidateRecord;

/**
 * What the convergence view plots, free of widgets: for the candidates of a run in order, the loss of each, the best
 * loss after n simulations (total and per objective), the stretches of simulations spent in each phase, and the
 * Pareto front of two objectives. Simulation numbers count from 1.
 */
public final class ConvergenceModel {

    /** Consecutive simulations of one phase, numbers {@code first..last} inclusive. */
    public record PhaseSpan(Phase phase, int first, int last) {
    }

    /** Points (x[i], y[i]) of a curve; the arrays are the model's own. */
    public record Points(double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }

    private final List<CandidateRecord> records;
    private final int objectives;

    private ConvergenceModel(List<CandidateRecord> records, int objectives) {
        this.records = List.copyOf(records);
        this.objectives = objectives;
    }

    /**
     * @param records    the candidates in simulation order
     * @param objectives the number of objectives of the job
     */
    public static ConvergenceModel of(List<CandidateRecord> records, int objectives) {
        if (objectives < 0) {
            throw new IllegalArgumentException("objectives must be >= 0, got " + objectives);
        }
        return new ConvergenceModel(records, objectives);
    }

    /** @return the number of simulations */
    public int size() {
        return records.size();
    }

    /** @return the number of objectives */
    public int objectives() {
        return objectives;
    }

    /** @return each successful candidate's total loss against its simulation number */
    public Points losses() {
        return points(CandidateRecord::loss, false);
    }

    /** @return the best total loss after n simulations, from the first success on */
    public Points bestSoFar() {
        return points(CandidateRecord::loss, true);
    }

    /** @return the best loss of objective {@code objective} alone after n simulations */
    public Points bestSoFar(int objective) {
        checkObjective(objective);
        return points(r -> r.loss(objective), true);
    }

    private Points points(java.util.function.ToDoubleFunction<CandidateRecord> value, boolean cumulativeMinimum) {
        double[] v = new double[records.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value.applyAsDouble(records.get(i));
        }
        if (cumulativeMinimum) {
            v = Metrics.bestSoFar(v);
        }
        double[] x = new double[v.length];
        double[] y = new double[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                x[n] = records.get(i).index() + 1;
                y[n++] = v[i];
            }
        }
        return new Points(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    }

    /** @return the runs of consecutive simulations with the same phase, in order */
    public List<PhaseSpan> phases() {
        List<PhaseSpan> spans = new ArrayList<>();
        for (CandidateRecord r : records) {
            int n = r.index() + 1;
            PhaseSpan last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && last.phase() == r.phase() && last.last() == n - 1) {
                spans.set(spans.size() - 1, new PhaseSpan(last.phase(), last.first(), n));
            } else {
                spans.add(new PhaseSpan(r.phase(), n, n));
            }
        }
        return spans;
    }

    /** @return every successful candidate's losses of objectives {@code a} (x) and {@code b} (y) */
    public Points objectivePairs(int a, int b) {
        checkObjective(a);
        checkObjective(b);
        List<double[]> p = new ArrayList<>();
        for (CandidateRecord r : records) {
            if (!r.isFailed()) {
                p.add(new double[] {r.loss(a), r.loss(b)});
            }
        }
        return toPoints(p);
    }

    /**
     * The Pareto front of objectives {@code a} and {@code b}: the successful candidates no other candidate beats in
     * both (lower or equal in both and lower in one), sorted by the loss of {@code a}. Duplicates are kept once. For a
     * job of two objectives these are the losses of the engine's {@code Metrics.paretoFront}; with more, it is the
     * front of the two plotted ones. Computed here, on the records, because the engine's works on the EMF results,
     * which the UI may not read while a run writes them.
     */
    public Points paretoFront(int a, int b) {
        Points all = objectivePairs(a, b);
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // By x ascending, ties by y ascending: a point is on the front when its y is below every y seen before.
        Arrays.sort(order, (i, j) -> all.x()[i] != all.x()[j] ? Double.compare(all.x()[i], all.x()[j])
                : Double.compare(all.y()[i], all.y()[j]));
        List<double[]> front = new ArrayList<>();
        double lowestY = Double.POSITIVE_INFINITY;
        for (int i : order) {
            if (all.y()[i] < lowestY) {
                front.add(new double[] {all.x()[i], all.y()[i]});
                lowestY = all.y()[i];
            }
        }
        return toPoints(front);
    }

    private static Points toPoints(List<double[]> p) {
        double[] x = new double[p.size()];
        double[] y = new double[p.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = p.get(i)[0];
            y[i] = p.get(i)[1];
        }
        return new Points(x, y);
    }

    private void checkObjective(int objective) {
        if (objective < 0 || objective >= objectives) {
            throw new IndexOutOfBoundsException("objective " + objective + " of " + objectives);
        }
    }
}
