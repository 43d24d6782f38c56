package org.activestructopt.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The calibration of a surrogate's uncertainty: the scalar s by which the raw spread of the model (e.g. the standard
 * deviation over the members of an ensemble) is multiplied so that the z-scores of errors on held-out examples,
 * {@code z = (y - mean) / (s * spread)}, are distributed as a standard normal, plus how well that worked.
 * <p>
 * {@link #fit(List, List)} follows ActiveStructOpt: s minimises the area between the empirical distribution function of
 * the z-scores and the standard normal one, which is robust to the heavy tails of z-scores from few structures (the
 * maximum-likelihood s, the root mean square of the raw z-scores, is dominated by the largest errors). Every grid point
 * of every calibration spectrum contributes one z-score.
 *
 * @param scale          s, positive; 1 when not calibrated
 * @param structures     the number of calibration structures; 0 when not calibrated
 * @param points         the number of z-scores (structures x grid points with a positive spread)
 * @param coverage1Sigma the fraction of held-out errors within one calibrated standard deviation (0.683 is ideal);
 *                       NaN when not calibrated
 * @param coverage2Sigma the fraction within two standard deviations (0.954 is ideal); NaN when not calibrated
 * @param cdfDistance    the area between the empirical distribution function of the calibrated z-scores and the
 *                       standard normal one (0 is ideal; a normal with standard deviation 2 gives 0.33); NaN when not
 *                       calibrated
 */
public record SurrogateCalibration(double scale, int structures, int points, double coverage1Sigma,
        double coverage2Sigma, double cdfDistance) {

    /** The fraction of a standard normal within one standard deviation of the mean. */
    public static final double NORMAL_1_SIGMA = 0.6826894921370859;
    /** The fraction of a standard normal within two standard deviations of the mean. */
    public static final double NORMAL_2_SIGMA = 0.9544997361036416;

    private static final double LOG_MIN_SCALE = Math.log(1e-4);
    private static final double LOG_MAX_SCALE = Math.log(1e4);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /** Validates the scale. */
    public SurrogateCalibration {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("calibration scale must be positive and finite, got " + scale);
        }
    }

    /** @return the identity calibration (scale 1) of a surrogate without a calibration set */
    public static SurrogateCalibration none() {
        return new SurrogateCalibration(1, 0, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    /** @return whether a calibration set was used */
    public boolean isCalibrated() {
        return structures > 0;
    }

    /**
     * Fits the scale on held-out examples.
     *
     * @param errors  per calibration structure, the errors {@code y - mean} at every grid point
     * @param spreads per calibration structure, the raw (uncalibrated) spread at the same points, non-negative
     * @return the fitted calibration with its coverage on the same examples
     * @throws IllegalArgumentException if the lists are empty or differ in shape, a value is not finite, or every
     *                                  spread is zero (nothing to scale)
     */
    public static SurrogateCalibration fit(List<double[]> errors, List<double[]> spreads) {
        double[] z = zScores(errors, spreads, 1);
        if (z.length == 0) {
            throw new IllegalArgumentException("the spread is zero at every calibration point: the members of the "
                    + "model agree exactly, so there is no uncertainty to calibrate");
        }
        Arrays.sort(z);
        double scale = minimiseArea(z);
        return assess(scale, errors, spreads);
    }

    /**
     * Measures how well a given scale is calibrated on examples, e.g. a test set that was not used to fit it.
     *
     * @param scale   the calibration scale s
     * @param errors  per structure, the errors {@code y - mean}
     * @param spreads per structure, the raw spreads
     * @return a calibration with this scale and the coverage and distance measured on these examples
     * @throws IllegalArgumentException as for {@link #fit(List, List)} (all-zero spreads excepted)
     */
    public static SurrogateCalibration assess(double scale, List<double[]> errors, List<double[]> spreads) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("calibration scale must be positive and finite, got " + scale);
        }
        double[] z = zScores(errors, spreads, scale);
        int within1 = 0;
        int within2 = 0;
        int total = 0;
        for (int s = 0; s < errors.size(); s++) {
            double[] e = errors.get(s);
            double[] w = spreads.get(s);
            for (int i = 0; i < e.length; i++) {
                double a = Math.abs(e[i]);
                double sigma = scale * w[i];
                within1 += a <= sigma ? 1 : 0;
                within2 += a <= 2 * sigma ? 1 : 0;
                total++;
            }
        }
        Arrays.sort(z);
        // z is already divided by the scale, so this is the area in calibrated units
        double distance = z.length == 0 ? Double.NaN : area(z, 1);
        return new SurrogateCalibration(scale, errors.size(), z.length, (double) within1 / total,
                (double) within2 / total, distance);
    }

    private static double[] zScores(List<double[]> errors, List<double[]> spreads, double scale) {
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(spreads, "spreads");
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one held-out structure");
        }
        if (errors.size() != spreads.size()) {
            throw new IllegalArgumentException(
                    "errors for " + errors.size() + " structures but spreads for " + spreads.size());
        }
        int n = 0;
        for (int s = 0; s < errors.size(); s++) {
            double[] e = Objects.requireNonNull(errors.get(s), () -> "errors of structure");
            double[] w = Objects.requireNonNull(spreads.get(s), () -> "spreads of structure");
            if (e.length != w.length) {
                throw new IllegalArgumentException("calibration structure " + s + " has " + e.length + " errors but "
                        + w.length + " spreads");
            }
            for (int i = 0; i < e.length; i++) {
                if (!Double.isFinite(e[i]) || !(w[i] >= 0) || !Double.isFinite(w[i])) {
                    throw new IllegalArgumentException("calibration structure " + s + ", point " + i + ": error "
                            + e[i] + ", spread " + w[i] + " (finite errors and non-negative spreads required)");
                }
                n += w[i] > 0 ? 1 : 0;
            }
        }
        double[] z = new double[n];
        int k = 0;
        for (int s = 0; s < errors.size(); s++) {
            double[] e = errors.get(s);
            double[] w = spreads.get(s);
            for (int i = 0; i < e.length; i++) {
                if (w[i] > 0) {
                    z[k++] = e[i] / (scale * w[i]);
                }
            }
        }
        return z;
    }

    /** Coarse scan of log s, then golden-section refinement around the best scan point. */
    private static double minimiseArea(double[] sortedZ) {
        int steps = 64;
        double best = Double.POSITIVE_INFINITY;
        int bestIndex = 0;
        double h = (LOG_MAX_SCALE - LOG_MIN_SCALE) / steps;
        for (int k = 0; k <= steps; k++) {
            double a = area(sortedZ, Math.exp(LOG_MIN_SCALE + k * h));
            if (a < best) {
                best = a;
                bestIndex = k;
            }
        }
        double lo = LOG_MIN_SCALE + Math.max(0, bestIndex - 1) * h;
        double hi = LOG_MIN_SCALE + Math.min(steps, bestIndex + 1) * h;
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        double f1 = area(sortedZ, Math.exp(x1));
        double f2 = area(sortedZ, Math.exp(x2));
        while (hi - lo > 1e-9) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = area(sortedZ, Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = area(sortedZ, Math.exp(x2));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /**
     * The exact area between the empirical distribution function of the raw z-scores {@code sortedZ} and
     * {@code Phi(z / s)}, the criterion of ActiveStructOpt's calibration. It uses the antiderivative
     * {@code G(z) = s (t Phi(t) + phi(t))}, t = z / s, and splits a step of the empirical function where the curves
     * cross (at most once per step, as Phi is monotone).
     */
    static double area(double[] sortedZ, double s) {
        int n = sortedZ.length;
        double first = sortedZ[0] / s;
        double last = sortedZ[n - 1] / s;
        double total = s * (first * cdf(first) + pdf(first)) + s * (pdf(last) - last * (1 - cdf(last)));
        double phiA = cdf(first);
        double gA = antiderivative(sortedZ[0], s);
        for (int i = 1; i < n; i++) {
            double a = sortedZ[i - 1];
            double b = sortedZ[i];
            double phiB = cdf(b / s);
            double gB = antiderivative(b, s);
            if (b > a) {
                double c = (double) i / n;
                if ((c - phiA) * (c - phiB) < 0) {
                    double cross = s * inverseCdf(c);
                    double gCross = antiderivative(cross, s);
                    total += Math.abs(c * (cross - a) - (gCross - gA)) + Math.abs(c * (b - cross) - (gB - gCross));
                } else {
                    total += Math.abs(c * (b - a) - (gB - gA));
                }
            }
            phiA = phiB;
            gA = gB;
        }
        return total;
    }

    private static double antiderivative(double z, double s) {
        double t = z / s;
        return s * (t * cdf(t) + pdf(t));
    }

    private static double pdf(double t) {
        return INV_SQRT_2PI * Math.exp(-0.5 * t * t);
    }

    /** Standard normal distribution function via erfc (relative error below 1.2e-7, Numerical Recipes' erfcc). */
    static double cdf(double t) {
        return 0.5 * erfc(-t / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                        + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Bisection: only needed to split one step of the area integral, so robustness beats speed. */
    private static double inverseCdf(double p) {
        double lo = -40;
        double hi = 40;
        for (int k = 0; k < 200 && hi - lo > 1e-12; k++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    @Override
    public String toString() {
        if (!isCalibrated()) {
            return "SurrogateCalibration[none]";
        }
        return String.format(Locale.ROOT,
                "SurrogateCalibration[scale %.4g on %d structures (%d points), within 1 sigma %.3f, 2 sigma %.3f, "
                        + "CDF distance %.3f]",
                scale, structures, points, coverage1Sigma, coverage2Sigma, cdfDistance);
    }
}
