package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.activestructopt.api.StructureGradient;
import org.activestructopt.api.Surrogate;
import org.activestructopt.api.SurrogateEvaluation;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.RepulsionPenalty;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Minimises an {@link Acquisition} on trained surrogates by gradient descent from many starts at once: every step
 * evaluates all starts in <b>one</b> {@link Surrogate#evaluate} call per surrogate (a batch is far cheaper than the
 * same structures one by one) and moves each start by one Adam step (Kingma and Ba 2015, with bias correction;
 * &beta;<sub>1</sub> = 0.9, &beta;<sub>2</sub> = 0.999). This is AdamW with zero weight decay: decaying coordinates
 * towards zero has no physical meaning.
 * <p>
 * Parameters are the fractional coordinates of every site and, when the lattice varies, the lattice matrix (at fixed
 * fractional coordinates, the convention of {@link StructureGradient}). The learning rates are in Angstrom: an Adam
 * step changes a parameter by about its learning rate, so the fractional coordinate along axis a gets the rate
 * {@code positionLearningRate / |a|}, and each lattice-matrix entry {@code latticeLearningRate}.
 * <p>
 * The result is, for every start, the best point of its trajectory (lowest acquisition, ties broken by the predicted
 * misfit) among those that satisfy the hard distance constraint (the soft penalty is exactly zero where, and only
 * where, the hard minimum distances hold, since both use the same limits) and that the caller admits (e.g. not a
 * structure already simulated); the best of them is the next candidate. A trajectory whose lattice degenerates or
 * whose sites coincide is frozen. If the surrogate cannot evaluate a later step (e.g. a prediction that is not
 * finite far outside its training data), the search stops there and keeps what it found.
 * <p>
 * Instances are immutable; {@link #optimise} uses the surrogates, which are not thread-safe.
 */
public final class AcquisitionOptimiser {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final List<Surrogate> surrogates;
    private final Acquisition acquisition;
    private final int steps;
    private final double positionRate;
    private final double latticeRate;
    private final boolean coordinates;

    private AcquisitionOptimiser(List<Surrogate> surrogates, Acquisition acquisition, int steps, double positionRate,
            double latticeRate, boolean coordinates) {
        this.surrogates = surrogates;
        this.acquisition = acquisition;
        this.steps = steps;
        this.positionRate = positionRate;
        this.latticeRate = latticeRate;
        this.coordinates = coordinates;
    }

    /**
     * An optimiser of 100 steps with ActiveStructOpt's learning rate 0.001 Angstrom and a fixed lattice.
     *
     * @param surrogates  one fitted surrogate per objective of {@code acquisition}, in order
     * @param acquisition the function to minimise
     * @throws IllegalArgumentException if the numbers of surrogates and objectives differ
     */
    public static AcquisitionOptimiser of(List<Surrogate> surrogates, Acquisition acquisition) {
        Objects.requireNonNull(acquisition, "acquisition");
        List<Surrogate> s = List.copyOf(surrogates);
        if (s.size() != acquisition.objectives()) {
            throw new IllegalArgumentException(s.size() + " surrogates for " + acquisition.objectives()
                    + " objectives");
        }
        return new AcquisitionOptimiser(s, acquisition, 100, 0.001, 0, true);
    }

    /** @return a copy making {@code n} gradient steps per start (n + 1 evaluations; 0 only ranks the starts) */
    public AcquisitionOptimiser withSteps(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + n);
        }
        return new AcquisitionOptimiser(surrogates, acquisition, n, positionRate, latticeRate, coordinates);
    }

    /**
     * @param position learning rate of the atoms in Angstrom, positive
     * @param lattice  learning rate of the lattice-matrix entries in Angstrom; 0 keeps the lattice fixed
     * @return a copy with these learning rates
     */
    public AcquisitionOptimiser withLearningRates(double position, double lattice) {
        if (!(position > 0) || !Double.isFinite(position) || !(lattice >= 0) || !Double.isFinite(lattice)) {
            throw new IllegalArgumentException("learning rates must be finite, position > 0 and lattice >= 0, got "
                    + position + " and " + lattice);
        }
        return new AcquisitionOptimiser(surrogates, acquisition, steps, position, lattice, coordinates);
    }

    /**
     * @return a copy that keeps the fractional coordinates of every start and moves only the lattice (a refinement
     *         of the lattice alone, {@link org.activestructopt.refinement.model.Variation#LATTICE})
     */
    public AcquisitionOptimiser withCoordinatesFixed() {
        return new AcquisitionOptimiser(surrogates, acquisition, steps, positionRate, latticeRate, false);
    }

    /** @return the acquisition minimised */
    public Acquisition acquisition() {
        return acquisition;
    }

    /** @return gradient steps per start */
    public int steps() {
        return steps;
    }

    /**
     * One point of a trajectory.
     *
     * @param structure the structure (fractional coordinates not wrapped)
     * @param value     its acquisition value A
     * @param misfit    its scaled predicted misfit without the uncertainty term, summed over objectives
     * @param start     the index of the start whose trajectory it is on
     * @param step      the step at which it was reached (0 = the start itself)
     */
    public record Point(Structure structure, double value, double misfit, int start, int step) {
    }

    /** Ranks points by value, then misfit, then start (deterministic). */
    private static final Comparator<Point> RANK = Comparator.comparingDouble(Point::value)
            .thenComparingDouble(Point::misfit).thenComparingInt(Point::start);

    /**
     * What a search found.
     *
     * @param ranked        per trajectory that reached an admissible point, its best one; best first
     * @param initialValues the acquisition at every start (step 0), NaN where it could not be computed
     * @param finalValues   the acquisition at the last evaluated point of every trajectory
     * @param steps         gradient steps made
     * @param seconds       wall time
     * @param stoppedEarly  why the search stopped before its last step, if it did
     */
    public record Result(List<Point> ranked, double[] initialValues, double[] finalValues, int steps, double seconds,
            Optional<String> stoppedEarly) {

        /** @return the best admissible point of all trajectories, if any */
        public Optional<Point> best() {
            return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Result[%d trajectories with a candidate, best %s, %d steps, %.2f s%s]",
                    ranked.size(), best().map(p -> String.format(Locale.ROOT, "%.5g", p.value())).orElse("none"),
                    steps, seconds, stoppedEarly.map(s -> ", stopped early: " + s).orElse(""));
        }
    }

    /**
     * Runs the search.
     *
     * @param starts     the starting structures, at least one
     * @param admissible which points may become candidates (tested only for points that improve their trajectory)
     * @param monitor    progress (one unit per step) and cancellation; may be null
     * @throws OperationCanceledException if cancelled
     * @throws RuntimeException           from the surrogates if they cannot evaluate the starts themselves
     */
    public Result optimise(List<Structure> starts, Predicate<Structure> admissible, IProgressMonitor monitor) {
        Objects.requireNonNull(admissible, "admissible");
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("the optimiser needs at least one start");
        }
        long t0 = System.nanoTime();
        SubMonitor sub = SubMonitor.convert(monitor, steps + 1);
        int n = starts.size();
        boolean lattice = latticeRate > 0;
        Trajectory[] tr = new Trajectory[n];
        for (int j = 0; j < n; j++) {
            tr[j] = new Trajectory(Objects.requireNonNull(starts.get(j), "start " + j), lattice);
        }
        double[] initial = new double[n];
        double[] last = new double[n];
        String stopped = null;
        int done = 0;
        for (int step = 0; step <= steps; step++) {
            if (sub.isCanceled()) {
                throw new OperationCanceledException();
            }
            List<Structure> current = new ArrayList<>(n);
            for (Trajectory t : tr) {
                current.add(t.structure);
            }
            double[] value = new double[n];
            double[] misfit = new double[n];
            double[][] gradFrac = new double[n][];
            double[][] gradLattice = new double[n][];
            try {
                evaluate(current, value, misfit, gradFrac, gradLattice);
            } catch (RuntimeException e) {
                if (step == 0) {
                    throw e;
                }
                stopped = "the surrogate could not evaluate step " + step + ": " + e.getMessage();
                break;
            }
            for (int j = 0; j < n; j++) {
                Trajectory t = tr[j];
                double p = t.dead ? Double.NaN : penalty(t, gradFrac, gradLattice, j);
                double a = value[j] + p;
                if (step == 0) {
                    initial[j] = a;
                }
                last[j] = a;
                if (t.dead) {
                    continue;
                }
                Point candidate = new Point(t.structure, a, misfit[j], j, step);
                if (p == 0 && (t.best == null || RANK.compare(candidate, t.best) < 0)
                        && admissible.test(t.structure)) {
                    t.best = candidate;
                }
                if (step < steps) {
                    t.step(gradFrac[j], gradLattice[j], step + 1);
                }
            }
            done = step;
            sub.worked(1);
        }
        List<Point> ranked = new ArrayList<>();
        for (Trajectory t : tr) {
            if (t.best != null) {
                ranked.add(t.best);
            }
        }
        ranked.sort(RANK);
        return new Result(List.copyOf(ranked), initial, last, done, (System.nanoTime() - t0) * 1e-9,
                Optional.ofNullable(stopped));
    }

    /** Sums the surrogate terms of A and their gradients over the objectives, one batched call per surrogate. */
    private void evaluate(List<Structure> current, double[] value, double[] misfit, double[][] gradFrac,
            double[][] gradLattice) {
        int n = current.size();
        for (int o = 0; o < surrogates.size(); o++) {
            List<SurrogateEvaluation> ev = surrogates.get(o).evaluate(current, acquisition.term(o));
            if (ev.size() != n) {
                throw new IllegalStateException("surrogate " + o + " returned " + ev.size() + " evaluations for " + n
                        + " structures");
            }
            for (int j = 0; j < n; j++) {
                SurrogateEvaluation e = ev.get(j);
                value[j] += e.value();
                misfit[j] += acquisition.misfit(o, e.prediction().mean());
                StructureGradient g = e.gradient();
                gradFrac[j] = add(gradFrac[j], flatten(g.frac()));
                gradLattice[j] = add(gradLattice[j], flatten(g.lattice()));
            }
        }
    }

    /** Adds P of trajectory j and its gradients; freezes the trajectory if P cannot be computed. */
    private double penalty(Trajectory t, double[][] gradFrac, double[][] gradLattice, int j) {
        RepulsionPenalty.Evaluation pe;
        try {
            pe = acquisition.penalty().evaluate(t.structure);
        } catch (IllegalArgumentException e) {
            t.dead = true; // coincident sites: the repulsion is infinite
            return Double.POSITIVE_INFINITY;
        }
        if (pe.value() != 0) {
            gradFrac[j] = add(gradFrac[j], flatten(pe.fracGradient()));
            gradLattice[j] = add(gradLattice[j], flatten(pe.latticeGradient()));
        }
        return pe.value();
    }

    private static double[] flatten(double[][] a) {
        double[] out = new double[a.length * 3];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, 3 * i, 3);
        }
        return out;
    }

    private static double[] add(double[] sum, double[] x) {
        if (sum == null) {
            return x;
        }
        if (sum.length != x.length) {
            throw new IllegalStateException("gradients of " + sum.length + " and " + x.length + " entries");
        }
        for (int k = 0; k < x.length; k++) {
            sum[k] += x[k];
        }
        return sum;
    }

    /** One start's parameters and Adam moments. */
    private final class Trajectory {
        Structure structure;
        final double[] frac;
        final double[] fracRate;
        final double[] lat;
        final double[] m;
        final double[] v;
        final boolean lattice;
        boolean dead;
        Point best;

        Trajectory(Structure start, boolean lattice) {
            this.structure = start;
            this.lattice = lattice;
            this.frac = start.fracCoordsFlat();
            this.lat = flatten(start.lattice().matrix());
            Lattice l = start.lattice();
            double[] lengths = {l.a(), l.b(), l.c()};
            this.fracRate = new double[frac.length];
            for (int k = 0; k < frac.length; k++) {
                fracRate[k] = positionRate / lengths[k % 3];
            }
            int size = frac.length + (lattice ? 9 : 0);
            this.m = new double[size];
            this.v = new double[size];
        }

        /** The t-th Adam step (t from 1) on the gradients of frac coordinates and lattice. */
        void step(double[] gFrac, double[] gLattice, int t) {
            double c1 = 1 - Math.pow(BETA1, t);
            double c2 = 1 - Math.pow(BETA2, t);
            int nf = frac.length;
            double[] newFrac = frac.clone();
            double[] newLat = lat.clone();
            for (int k = 0; k < m.length; k++) {
                double g = k < nf ? gFrac[k] : gLattice[k - nf];
                m[k] = BETA1 * m[k] + (1 - BETA1) * g;
                v[k] = BETA2 * v[k] + (1 - BETA2) * g * g;
                double update = (m[k] / c1) / (Math.sqrt(v[k] / c2) + EPSILON);
                if (k < nf) {
                    if (coordinates) {
                        newFrac[k] -= fracRate[k] * update;
                    }
                } else {
                    newLat[k - nf] -= latticeRate * update;
                }
            }
            try {
                Structure s = structure;
                if (lattice) {
                    s = s.withLattice(Lattice.of(new double[][] {{newLat[0], newLat[1], newLat[2]},
                            {newLat[3], newLat[4], newLat[5]}, {newLat[6], newLat[7], newLat[8]}}));
                }
                structure = s.withFracCoordsFlat(newFrac);
                System.arraycopy(newFrac, 0, frac, 0, nf);
                System.arraycopy(newLat, 0, lat, 0, 9);
            } catch (IllegalArgumentException e) {
                dead = true; // a degenerate lattice: keep the last valid structure
            }
        }
    }
}
