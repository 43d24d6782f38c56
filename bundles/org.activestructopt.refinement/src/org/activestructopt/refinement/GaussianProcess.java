package org.activestructopt.refinement;

import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * An exact Gaussian process for a few hundred points: k(x, x') = a &middot; Matern<sub>5/2</sub>(r) +
 * s<sub>n</sub> &delta;(x, x') with r<sup>2</sup> = &Sigma;<sub>d</sub> ((x<sub>d</sub> - x'<sub>d</sub>) /
 * l<sub>d</sub>)<sup>2</sup> (one length scale per input, ARD), zero mean (the caller standardises y). This is
 * scikit-learn's {@code ConstantKernel * Matern(nu=2.5, length_scale=[...]) + WhiteKernel}, with its bounds; as
 * there, {@link #predict} includes the noise in the variance, while {@link #expectedImprovement} uses the latent
 * function's (BoTorch's default), since a repeat of a simulation gives the same loss. The linear algebra is
 * commons-math's Cholesky; the hyper-parameters maximise the log marginal likelihood in log space within the
 * bounds by BOBYQA (commons-math, derivative-free) from scikit-learn's initial kernel and from random restarts.
 * Immutable.
 */
final class GaussianProcess {

    static final double MIN_AMPLITUDE = 1e-2;
    static final double MAX_AMPLITUDE = 1e2;
    static final double MIN_LENGTH = 1e-2;
    static final double MAX_LENGTH = 1e2;
    static final double MIN_NOISE = 1e-6;
    static final double MAX_NOISE = 1;

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    private static final double SQRT5 = Math.sqrt(5);
    /** The log likelihood given to hyper-parameters whose kernel matrix is not positive definite. */
    private static final double NOT_DEFINITE = -1e300;

    /** The kernel's parameters: amplitude a, length scales l, noise variance s_n. */
    record Hyper(double amplitude, double[] lengthScales, double noise) {
        Hyper {
            lengthScales = lengthScales.clone();
        }

        @Override
        public double[] lengthScales() {
            return lengthScales.clone();
        }

        double[] toLog() {
            double[] p = new double[lengthScales.length + 2];
            p[0] = Math.log(amplitude);
            for (int d = 0; d < lengthScales.length; d++) {
                p[d + 1] = Math.log(lengthScales[d]);
            }
            p[p.length - 1] = Math.log(noise);
            return p;
        }

        static Hyper fromLog(double[] p) {
            double[] l = new double[p.length - 2];
            for (int d = 0; d < l.length; d++) {
                l[d] = Math.exp(p[d + 1]);
            }
            return new Hyper(Math.exp(p[0]), l, Math.exp(p[p.length - 1]));
        }

        /** scikit-learn's initial kernel of the fixture and of GP-BO: a 1, l 1, s_n 0.01. */
        static Hyper initial(int dims) {
            double[] l = new double[dims];
            java.util.Arrays.fill(l, 1);
            return new Hyper(1, l, 1e-2);
        }
    }

    private final double[][] x;
    private final Hyper hyper;
    private final double[][] lower;
    private final double[] alpha;
    private final double logLikelihood;

    private GaussianProcess(double[][] x, Hyper hyper, double[][] lower, double[] alpha, double logLikelihood) {
        this.x = x;
        this.hyper = hyper;
        this.lower = lower;
        this.alpha = alpha;
        this.logLikelihood = logLikelihood;
    }

    /**
     * @param x points, one row each (all of the same length)
     * @param y values at the points (the prior mean is 0)
     * @return the GP conditioned on (x, y) with the given hyper-parameters
     * @throws NonPositiveDefiniteMatrixException if the kernel matrix is not positive definite
     */
    static GaussianProcess fit(double[][] x, double[] y, Hyper h) {
        int n = x.length;
        double[][] k = new double[n][n];
        double[] inv = inverse(h.lengthScales);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                k[i][j] = kernel(x[i], x[j], inv, h.amplitude);
                k[j][i] = k[i][j];
            }
            k[i][i] = h.amplitude + h.noise;
        }
        CholeskyDecomposition chol = new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-10, 1e-14);
        double[] alpha = chol.getSolver().solve(new ArrayRealVector(y, true)).toArray();
        double[][] l = chol.getL().getData();
        double lml = -0.5 * n * Math.log(2 * Math.PI);
        for (int i = 0; i < n; i++) {
            lml -= 0.5 * y[i] * alpha[i] + Math.log(l[i][i]);
        }
        return new GaussianProcess(x, h, l, alpha, lml);
    }

    /**
     * @param restarts random starts (uniform in the log bounds) besides {@link Hyper#initial}
     * @return the GP whose hyper-parameters maximise the log marginal likelihood, the best of all starts
     * @throws IllegalStateException if no start gives a positive definite kernel matrix
     */
    static GaussianProcess optimise(double[][] x, double[] y, int restarts, SplittableRandom rng) {
        int dims = x[0].length;
        int p = dims + 2;
        double[] lo = new double[p];
        double[] hi = new double[p];
        lo[0] = Math.log(MIN_AMPLITUDE);
        hi[0] = Math.log(MAX_AMPLITUDE);
        for (int d = 1; d <= dims; d++) {
            lo[d] = Math.log(MIN_LENGTH);
            hi[d] = Math.log(MAX_LENGTH);
        }
        lo[p - 1] = Math.log(MIN_NOISE);
        hi[p - 1] = Math.log(MAX_NOISE);
        ObjectiveFunction f = new ObjectiveFunction(q -> {
            try {
                return fit(x, y, Hyper.fromLog(q)).logLikelihood;
            } catch (NonPositiveDefiniteMatrixException e) {
                return NOT_DEFINITE;
            }
        });
        GaussianProcess best = null;
        for (int s = 0; s <= restarts; s++) {
            double[] start = s == 0 ? Hyper.initial(dims).toLog() : new double[p];
            if (s > 0) {
                for (int i = 0; i < p; i++) {
                    start[i] = lo[i] + (hi[i] - lo[i]) * rng.nextDouble();
                }
            }
            double[] q;
            try {
                // trust region from 1 (a factor e) down to 1e-3 in log space (0.1 % in each parameter);
                // 2p + 1 interpolation points, as BOBYQA advises
                BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * p + 1, 1.0, 1e-3);
                PointValuePair r = opt.optimize(new MaxEval(50 * p + 500), f, GoalType.MAXIMIZE,
                        new InitialGuess(start), new SimpleBounds(lo, hi));
                q = r.getPoint();
            } catch (TooManyEvaluationsException e) {
                q = start;
            }
            GaussianProcess g;
            try {
                g = fit(x, y, Hyper.fromLog(q));
            } catch (NonPositiveDefiniteMatrixException e) {
                continue;
            }
            if (best == null || g.logLikelihood > best.logLikelihood) {
                best = g;
            }
        }
        if (best == null) {
            throw new IllegalStateException("GP: no hyper-parameters within the bounds give a positive definite "
                    + "kernel matrix for " + x.length + " points");
        }
        return best;
    }

    private static double[] inverse(double[] l) {
        double[] inv = new double[l.length];
        for (int d = 0; d < l.length; d++) {
            inv[d] = 1 / l[d];
        }
        return inv;
    }

    private static double kernel(double[] a, double[] b, double[] inverseLength, double amplitude) {
        double r2 = 0;
        for (int d = 0; d < a.length; d++) {
            double t = (a[d] - b[d]) * inverseLength[d];
            r2 += t * t;
        }
        double r = Math.sqrt(r2);
        return amplitude * (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
    }

    /** @return the hyper-parameters */
    Hyper hyper() {
        return hyper;
    }

    /** @return the log marginal likelihood of the data */
    double logMarginalLikelihood() {
        return logLikelihood;
    }

    /** @return {mean, latent variance} at p */
    private double[] posterior(double[] p) {
        int n = x.length;
        double[] inv = inverse(hyper.lengthScales);
        double[] v = new double[n];
        double mu = 0;
        double vv = 0;
        for (int i = 0; i < n; i++) {
            double ks = kernel(p, x[i], inv, hyper.amplitude);
            mu += ks * alpha[i];
            // v = L^-1 k*, by forward substitution
            double[] row = lower[i];
            double s = ks;
            for (int j = 0; j < i; j++) {
                s -= row[j] * v[j];
            }
            v[i] = s / row[i];
            vv += v[i] * v[i];
        }
        return new double[] { mu, Math.max(hyper.amplitude - vv, 0) };
    }

    /** @return {mean, standard deviation} of an observation at p (the noise included, as scikit-learn's) */
    double[] predict(double[] p) {
        double[] mv = posterior(p);
        return new double[] { mv[0], Math.sqrt(mv[1] + hyper.noise) };
    }

    /**
     * @return the expected improvement of the latent function below {@code best} at p (minimisation):
     *         (best - mu) Phi(z) + sigma phi(z), z = (best - mu) / sigma
     */
    double expectedImprovement(double[] p, double best) {
        double[] mv = posterior(p);
        double gap = best - mv[0];
        double sd = Math.sqrt(mv[1]);
        if (!(sd > 0)) {
            return Math.max(gap, 0);
        }
        double z = gap / sd;
        return gap * NORMAL.cumulativeProbability(z) + sd * NORMAL.density(z);
    }
}
