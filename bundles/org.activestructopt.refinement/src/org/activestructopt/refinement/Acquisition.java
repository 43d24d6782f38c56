package org.activestructopt.refinement;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.activestructopt.api.SurrogateObjective;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.RepulsionPenalty;

/**
 * The acquisition function of the active loop: what the optimiser minimises on the surrogates to choose the next
 * structure to simulate. With one surrogate per objective o predicting the mean spectrum m<sub>o</sub>(x) and its
 * calibrated standard deviation s<sub>o</sub>(x) of structure x,
 *
 * <pre>
 *   A(x) = sum over objectives o of (w_o / c_o) * max(0, MAE(m_o(x), y_o) - kappa * mean(s_o(x)))  +  P(x)
 * </pre>
 *
 * <ul>
 * <li>MAE(m, y) is the mean absolute difference to the target y<sub>o</sub> and mean(s) the mean uncertainty, both
 * over the target's points and weighted by 1/&sigma;<sup>2</sup> where the target carries uncertainties &sigma;, as in
 * {@link Spectrum#mae(Spectrum)}. Their difference is a lower confidence bound (LCB) of the misfit; kappa is the job's
 * {@code lambda} in the exploration phase and 0 in exploitation. As in ActiveStructOpt the bound is clipped at zero: a
 * bound below zero says nothing about a misfit that cannot be negative, and without the clip the search would be paid
 * for chasing ever larger uncertainty.</li>
 * <li>w<sub>o</sub> is the objective's weight and c<sub>o</sub> its <b>auto-scale</b>: the MAE of the spectrum of
 * the run's first successful simulation, the start's, against the target ({@link #autoScales} of that one
 * simulation), the rule by which the recorded loss divides each metric ({@link ObjectiveFunction}). Each term is
 * therefore about its weight at the start whatever the units and size of its spectrum (a PDF in 1/&Aring;<sup>2</sup>
 * and a XANES in normalised absorption weigh alike for equal weights), the weight means relative importance and
 * nothing else (a suite does not equalise terms by hand, or they would be scaled twice), and the scale is fixed once,
 * so the acquisition does not drift between rounds and a resumed run computes the same scales.</li>
 * <li>P(x) is the soft distance constraint ({@link RepulsionPenalty}), zero where the hard minimum distances hold;
 * because the terms above are dimensionless, its weight does not depend on the spectra either.</li>
 * </ul>
 * The loss recorded for a simulated candidate is the job's loss ({@link ObjectiveFunction}: with several objectives,
 * each metric divided by the start's), the one every baseline minimises; see {@link Metrics#paretoFront} for the
 * trade-off between objectives.
 * Immutable and thread-safe.
 */
public final class Acquisition {

    /** Acquisition names a job may give: the LCB ({@value #MAE_UNCERTAINTY}) or the pure misfit ({@value #MAE}). */
    public static final String MAE_UNCERTAINTY = "mae-uncertainty";
    /** The predicted misfit without the uncertainty term (exploitation). */
    public static final String MAE = "mae";
    /** The names of {@link #MAE_UNCERTAINTY} and {@link #MAE}, in that order. */
    public static final List<String> NAMES = List.of(MAE_UNCERTAINTY, MAE);

    private final double[][] targets;
    /** Per objective, the point weights normalised to sum 1 (1/sigma^2 of the target, or uniform). */
    private final double[][] pointWeights;
    /** Per objective, w_o / c_o. */
    private final double[] factors;
    private final double[] scales;
    private final double kappa;
    private final RepulsionPenalty penalty;

    private Acquisition(double[][] targets, double[][] pointWeights, double[] factors, double[] scales, double kappa,
            RepulsionPenalty penalty) {
        this.targets = targets;
        this.pointWeights = pointWeights;
        this.factors = factors;
        this.scales = scales;
        this.kappa = kappa;
        this.penalty = penalty;
    }

    /**
     * @param terms   the job's objectives (targets and weights)
     * @param scales  c<sub>o</sub> per objective, positive (see {@link #autoScales})
     * @param kappa   weight of the mean uncertainty, &gt;= 0 (0 for pure exploitation)
     * @param penalty the soft distance constraint
     * @throws IllegalArgumentException if the numbers of terms and scales differ, or a scale or kappa is invalid
     */
    public static Acquisition of(List<ObjectiveTerm> terms, double[] scales, double kappa, RepulsionPenalty penalty) {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(penalty, "penalty");
        if (terms.isEmpty() || terms.size() != scales.length) {
            throw new IllegalArgumentException(terms.size() + " objectives but " + scales.length + " scales");
        }
        if (!(kappa >= 0) || !Double.isFinite(kappa)) {
            throw new IllegalArgumentException("kappa must be finite and >= 0, got " + kappa);
        }
        int n = terms.size();
        double[][] y = new double[n][];
        double[][] w = new double[n][];
        double[] f = new double[n];
        for (int o = 0; o < n; o++) {
            if (!(scales[o] > 0) || !Double.isFinite(scales[o])) {
                throw new IllegalArgumentException("scale of objective " + terms.get(o).name()
                        + " must be positive and finite, got " + scales[o]);
            }
            Spectrum t = terms.get(o).target();
            y[o] = t.yArray();
            w[o] = pointWeights(t);
            f[o] = terms.get(o).weight() / scales[o];
        }
        return new Acquisition(y, w, f, scales.clone(), kappa, penalty);
    }

    /** 1/sigma^2 of the target where it has uncertainties, else uniform; normalised to sum 1. */
    private static double[] pointWeights(Spectrum target) {
        int n = target.size();
        double[] w = new double[n];
        double[] sigma = target.uncertainties().orElse(null);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = sigma == null ? 1 : 1 / (sigma[i] * sigma[i]);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * The auto-scales c<sub>o</sub>: per objective, the median over the given simulations of the MAE of the simulated
     * spectrum against the target (weighted as {@link Spectrum#mae(Spectrum)}). Where that median is zero (every
     * simulation already fits the target exactly) the mean absolute value of the target is used, so the scale keeps
     * the units of the spectrum.
     *
     * @param terms   the objectives
     * @param spectra per simulation, one simulated spectrum per objective on the target's grid (the initial phase's
     *                successful simulations)
     * @throws IllegalArgumentException if {@code spectra} is empty or a simulation lacks an objective's spectrum
     */
    public static double[] autoScales(List<ObjectiveTerm> terms, List<List<Spectrum>> spectra) {
        if (spectra.isEmpty()) {
            throw new IllegalArgumentException("auto-scaling needs at least one successful simulation");
        }
        double[] out = new double[terms.size()];
        for (int o = 0; o < terms.size(); o++) {
            double[] mae = new double[spectra.size()];
            for (int k = 0; k < spectra.size(); k++) {
                if (spectra.get(k).size() != terms.size()) {
                    throw new IllegalArgumentException("simulation " + k + " has " + spectra.get(k).size()
                            + " spectra for " + terms.size() + " objectives");
                }
                mae[k] = spectra.get(k).get(o).mae(terms.get(o).target());
            }
            double c = Metrics.median(mae);
            if (!(c > 0) || !Double.isFinite(c)) {
                c = Arrays.stream(terms.get(o).target().yArray()).map(Math::abs).average().orElse(1);
            }
            out[o] = c > 0 && Double.isFinite(c) ? c : 1;
        }
        return out;
    }

    /** @return a copy with another uncertainty weight (the same targets, scales and penalty) */
    public Acquisition withKappa(double newKappa) {
        if (!(newKappa >= 0) || !Double.isFinite(newKappa)) {
            throw new IllegalArgumentException("kappa must be finite and >= 0, got " + newKappa);
        }
        return new Acquisition(targets, pointWeights, factors, scales, newKappa, penalty);
    }

    /** @return the number of objectives */
    public int objectives() {
        return targets.length;
    }

    /** @return the weight of the mean uncertainty */
    public double kappa() {
        return kappa;
    }

    /** @return the auto-scale c<sub>o</sub> of each objective */
    public double[] scales() {
        return scales.clone();
    }

    /** @return the soft distance constraint P */
    public RepulsionPenalty penalty() {
        return penalty;
    }

    /**
     * @return objective o's term of A, (w<sub>o</sub>/c<sub>o</sub>) max(0, MAE - kappa mean(s)), with its partial
     *         derivatives, for {@link org.activestructopt.api.Surrogate#evaluate}
     */
    public SurrogateObjective term(int o) {
        double[] y = targets[o];
        double[] w = pointWeights[o];
        double factor = factors[o];
        return (mean, sigma, dMean, dSigma) -> {
            check(o, mean.length);
            double mae = 0;
            double spread = 0;
            for (int i = 0; i < y.length; i++) {
                mae += w[i] * Math.abs(mean[i] - y[i]);
                spread += w[i] * sigma[i];
            }
            double lcb = mae - kappa * spread;
            if (lcb <= 0) {
                return 0; // clipped: derivatives stay zero
            }
            for (int i = 0; i < y.length; i++) {
                dMean[i] = factor * w[i] * Math.signum(mean[i] - y[i]);
                dSigma[i] = -factor * kappa * w[i];
            }
            return factor * lcb;
        };
    }

    /**
     * @return objective o's scaled predicted misfit (w<sub>o</sub>/c<sub>o</sub>) MAE(mean, y<sub>o</sub>), without
     *         the uncertainty: ranks proposals whose clipped acquisition ties at zero
     */
    public double misfit(int o, double[] mean) {
        check(o, mean.length);
        double[] y = targets[o];
        double[] w = pointWeights[o];
        double mae = 0;
        for (int i = 0; i < y.length; i++) {
            mae += w[i] * Math.abs(mean[i] - y[i]);
        }
        return factors[o] * mae;
    }

    private void check(int o, int points) {
        if (points != targets[o].length) {
            throw new IllegalArgumentException("prediction of objective " + o + " has " + points
                    + " points, the target " + targets[o].length + ": the surrogate must predict on the target's grid");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Acquisition[kappa ").append(kappa).append(", scales");
        for (double s : scales) {
            sb.append(String.format(Locale.ROOT, " %.4g", s));
        }
        return sb.append(", ").append(penalty).append(']').toString();
    }
}
