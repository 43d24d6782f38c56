package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.activestructopt.api.SimulationException;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.GpboConfig;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Gaussian-process Bayesian optimisation on the real simulators, the paper's third baseline (ActiveStructOpt's
 * {@code bogp_config}: BOSet of N = 30 initial points, BoTorch's SingleTaskGP with a Matern 5/2 ARD kernel and
 * standardised outcomes, expected improvement maximised by {@code optimize_acqf}'s raw samples and restarts). Here:
 * <ul>
 * <li>the first {@code initial} simulations are the start and sampler draws, as BOSet's;</li>
 * <li>the inputs are the fractional coordinates of every site (unwrapped to the image nearest the start) and, when
 * the job varies the lattice, the six cell parameters, each mapped to [0, 1] over its box: a coordinate of the start
 * &plusmn; {@code box} / |lattice axis| (0.5 &Aring;), a cell length &times; (1 &plusmn; {@code latticeLength}), an
 * angle &plusmn; {@code latticeAngle} degrees (with {@code variation="lattice"} only the cell parameters);</li>
 * <li>the outputs are the recorded losses of the successful simulations, standardised; the {@link GaussianProcess}
 * (Matern 5/2, ARD, noise) is refitted after every simulation with its hyper-parameters by maximum marginal
 * likelihood from scikit-learn's initial kernel and {@value #RESTARTS} random restarts;</li>
 * <li>expected improvement below the best loss is maximised by multi-start: {@value #RAW} raw samples (half uniform
 * in the box, half Gaussian perturbations, 0.05 of the box, of the best {@value #BEST} points), of which the
 * {@value #STARTS} highest are refined by BOBYQA within the box; the highest-EI point that keeps the hard minimum
 * distances and was not simulated before (by {@link ActiveLearningRunner#DUPLICATE_TOLERANCE}) is simulated, else
 * a sampler draw.</li>
 * </ul>
 * The original searches the whole cell, [0, 1]<sup>3N</sup>, where 36-90 dimensions leave a GP nothing to learn
 * within a few hundred points, hence the box. Random numbers of simulation k come from
 * {@code Seeds.generator(seed, "gpbo", k)} and each step refits from scratch, so a resumed run proposes what the
 * first would have.
 */
public final class GaussianProcessBo implements Baseline {

    static final int RAW = 1024;
    static final int BEST = 4;
    static final int STARTS = 4;
    static final int RESTARTS = 2;
    /** The sd of the raw samples around the best points, as a fraction of the box. */
    private static final double LOCAL_SD = 0.05;

    private final int initial;
    private final double box;
    private final double latticeLength;
    private final double latticeAngle;

    /**
     * @param initial       simulations before the first fit (at least 2)
     * @param box           half-width of the coordinate box, Angstrom
     * @param latticeLength relative half-width of the box of each cell length (lattice variation only)
     * @param latticeAngle  half-width of the box of each cell angle, degrees (lattice variation only)
     */
    public GaussianProcessBo(int initial, double box, double latticeLength, double latticeAngle) {
        if (initial < 2 || !(box > 0) || !Double.isFinite(box) || !(latticeLength > 0 && latticeLength < 1)
                || !(latticeAngle > 0 && latticeAngle < 60)) {
            throw new IllegalArgumentException("GP-BO needs initial >= 2, box > 0, 0 < latticeLength < 1 and 0 < "
                    + "latticeAngle < 60, got " + initial + ", " + box + ", " + latticeLength + ", " + latticeAngle);
        }
        this.initial = initial;
        this.box = box;
        this.latticeLength = latticeLength;
        this.latticeAngle = latticeAngle;
    }

    /** @return the baseline configured by a job's {@code <gpbo>} section */
    public static GaussianProcessBo of(GpboConfig config) {
        return new GaussianProcessBo(config.initial(), config.box(), config.latticeLength(), config.latticeAngle());
    }

    @Override
    public String name() {
        return "gpbo";
    }

    @Override
    public void run(RefinementProblem problem, RunRecorder recorder, int budget, IProgressMonitor monitor)
            throws SimulationException, SamplingException {
        SubMonitor sub = SubMonitor.convert(monitor, "GP-BO", Math.max(0, budget - recorder.used()));
        Space space = new Space(problem.start(), problem.variation());
        while (recorder.used() < budget) {
            int k = recorder.count();
            SplittableRandom rng = Seeds.generator(problem.seed(), "gpbo", k);
            SubMonitor step = sub.setWorkRemaining(budget - recorder.used()).split(1).setWorkRemaining(2);
            Structure next;
            if (k == 0) {
                next = problem.start();
            } else if (k < initial) {
                next = problem.sampler().sample(rng, step.split(1));
            } else {
                next = propose(problem, recorder, space, rng, step.split(1));
            }
            recorder.record(Phase.BASELINE, recorder.evaluate(problem.objective(), next, false, step.split(1)));
        }
    }

    /** The unit box of the search and its map to structures. */
    private final class Space {
        final Structure start;
        final boolean coordinates;
        final boolean lattice;
        final double[] lo;
        final double[] width;

        Space(Structure start, Variation variation) {
            this.start = start;
            coordinates = variation != Variation.LATTICE;
            lattice = variation != Variation.COORDINATES;
            int nc = coordinates ? 3 * start.size() : 0;
            lo = new double[nc + (lattice ? 6 : 0)];
            width = new double[lo.length];
            double[] f0 = start.fracCoordsFlat();
            Lattice l = start.lattice();
            double[] axes = { l.a(), l.b(), l.c() };
            for (int p = 0; p < nc; p++) {
                double h = box / axes[p % 3];
                lo[p] = f0[p] - h;
                width[p] = 2 * h;
            }
            if (lattice) {
                double[] cell = cell(l);
                for (int j = 0; j < 6; j++) {
                    double h = j < 3 ? latticeLength * cell[j] : latticeAngle;
                    lo[nc + j] = cell[j] - h;
                    width[nc + j] = 2 * h;
                }
            }
        }

        int dims() {
            return lo.length;
        }

        double[] toUnit(Structure s) {
            double[] u = new double[dims()];
            int nc = 0;
            if (coordinates) {
                double[] f0 = start.fracCoordsFlat();
                double[] f = s.fracCoordsFlat();
                nc = f.length;
                for (int p = 0; p < nc; p++) {
                    double df = f[p] - f0[p];
                    df -= Math.rint(df);
                    u[p] = (f0[p] + df - lo[p]) / width[p];
                }
            }
            if (lattice) {
                double[] cell = cell(s.lattice());
                for (int j = 0; j < 6; j++) {
                    u[nc + j] = (cell[j] - lo[nc + j]) / width[nc + j];
                }
            }
            return u;
        }

        /** @return the structure at u, or null if its cell parameters make no lattice */
        Structure fromUnit(double[] u) {
            Structure s = start;
            int nc = coordinates ? 3 * start.size() : 0;
            if (lattice) {
                double[] c = new double[6];
                for (int j = 0; j < 6; j++) {
                    c[j] = lo[nc + j] + u[nc + j] * width[nc + j];
                }
                try {
                    s = s.withLattice(Lattice.fromParameters(c[0], c[1], c[2], c[3], c[4], c[5]));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            if (coordinates) {
                double[] f = new double[nc];
                for (int p = 0; p < nc; p++) {
                    f[p] = lo[p] + u[p] * width[p];
                }
                s = s.withFracCoordsFlat(f).wrapped();
            }
            return s;
        }
    }

    private static double[] cell(Lattice l) {
        return new double[] { l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma() };
    }

    private Structure propose(RefinementProblem problem, RunRecorder recorder, Space space, SplittableRandom rng,
            IProgressMonitor monitor) throws SamplingException {
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Structure> simulated = new ArrayList<>();
        for (Candidate c : recorder.results().candidates()) {
            simulated.add(c.structure());
            if (!c.isFailed()) {
                xs.add(space.toUnit(c.structure()));
                ys.add(c.loss());
            }
        }
        if (xs.size() < 2) {
            return problem.sampler().sample(rng, monitor);
        }
        double[][] x = xs.toArray(new double[0][]);
        double[] y = standardised(ys);
        GaussianProcess gp = GaussianProcess.optimise(x, y, RESTARTS, rng);
        double best = Arrays.stream(y).min().orElseThrow();
        int d = space.dims();
        Integer[] order = new Integer[y.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> y[i]));
        List<double[]> raw = new ArrayList<>();
        for (int j = 0; j < RAW; j++) {
            double[] u = new double[d];
            if (j % 2 == 0) {
                for (int p = 0; p < d; p++) {
                    u[p] = rng.nextDouble();
                }
            } else {
                double[] base = x[order[(j / 2) % Math.min(BEST, order.length)]];
                for (int p = 0; p < d; p++) {
                    u[p] = clip(base[p] + LOCAL_SD * rng.nextGaussian());
                }
            }
            raw.add(u);
        }
        List<Scored> scored = new ArrayList<>();
        for (double[] u : raw) {
            scored.add(new Scored(u, gp.expectedImprovement(u, best)));
        }
        scored.sort(Comparator.comparingDouble(Scored::ei).reversed());
        List<Scored> refined = new ArrayList<>();
        for (int j = 0; j < Math.min(STARTS, scored.size()); j++) {
            refined.add(maximise(gp, scored.get(j), best));
        }
        refined.sort(Comparator.comparingDouble(Scored::ei).reversed());
        refined.addAll(scored);
        for (Scored c : refined) {
            Structure s = space.fromUnit(c.u());
            if (s != null && problem.limits().isSatisfied(s) && simulated.stream().noneMatch(t -> t.approxEquals(s,
                    ActiveLearningRunner.DUPLICATE_TOLERANCE))) {
                return s;
            }
        }
        return problem.sampler().sample(rng, monitor);
    }

    private record Scored(double[] u, double ei) {
    }

    /** BOBYQA on EI within the unit box from {@code from}; the start itself if that does not improve it. */
    private static Scored maximise(GaussianProcess gp, Scored from, double best) {
        int d = from.u().length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(hi, 1);
        try {
            BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * d + 1, 0.1, 1e-4);
            PointValuePair r = opt.optimize(new MaxEval(50 * d + 500), new ObjectiveFunction(u -> gp
                    .expectedImprovement(u, best)), GoalType.MAXIMIZE, new InitialGuess(from.u()), new SimpleBounds(lo,
                            hi));
            double[] u = r.getPoint();
            for (int p = 0; p < d; p++) {
                u[p] = clip(u[p]);
            }
            double ei = gp.expectedImprovement(u, best);
            return ei > from.ei() ? new Scored(u, ei) : from;
        } catch (TooManyEvaluationsException e) {
            return from;
        }
    }

    /** @return (y - mean) / sd, sd 1 if all are equal */
    private static double[] standardised(List<Double> ys) {
        double mean = ys.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double var = ys.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / ys.size();
        double sd = var > 0 ? Math.sqrt(var) : 1;
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (ys.get(i) - mean) / sd;
        }
        return y;
    }

    private static double clip(double v) {
        return Math.min(1, Math.max(0, v));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GaussianProcessBo(initial %d, box %.3g A, lattice %.3g / %.3g deg)",
                initial, box, latticeLength, latticeAngle);
    }
}
