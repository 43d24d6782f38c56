package org.activestructopt.surrogate.gnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.activestructopt.api.SurrogateCalibration;
import org.junit.jupiter.api.Test;

/**
 * The calibration of ActiveStructOpt (scale minimising the area between the empirical CDF of the held-out z-scores and
 * the normal CDF), checked against synthetic errors of known distribution and against a brute-force quadrature of the
 * area.
 */
class SurrogateCalibrationTest {

    /** Errors drawn from N(0, (trueScale * spread)^2) with spreads varying from point to point. */
    private static List<double[][]> gaussian(int structures, int points, double trueScale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<double[][]> out = new ArrayList<>();
        for (int s = 0; s < structures; s++) {
            double[] e = new double[points];
            double[] w = new double[points];
            for (int i = 0; i < points; i++) {
                w[i] = 0.01 + 0.2 * random.nextDouble();
                e[i] = trueScale * w[i] * random.nextGaussian();
            }
            out.add(new double[][] {e, w});
        }
        return out;
    }

    private static List<double[]> part(List<double[][]> data, int k) {
        return data.stream().map(d -> d[k]).toList();
    }

    @Test
    void recoversTheScaleOfGaussianErrorsAndReportsNormalCoverage() {
        List<double[][]> data = gaussian(20, 1000, 2.5, 1);
        SurrogateCalibration c = SurrogateCalibration.fit(part(data, 0), part(data, 1));
        assertEquals(2.5, c.scale(), 0.05, "scale of N(0, 2.5^2) z-scores");
        assertEquals(SurrogateCalibration.NORMAL_1_SIGMA, c.coverage1Sigma(), 0.01);
        assertEquals(SurrogateCalibration.NORMAL_2_SIGMA, c.coverage2Sigma(), 0.006);
        assertEquals(20, c.structures());
        assertEquals(20000, c.points());
        assertTrue(c.cdfDistance() < 0.02, "calibrated z-scores are close to normal: " + c);
        assertTrue(c.isCalibrated());

        // applied to fresh data from the same distribution, the scale holds
        List<double[][]> fresh = gaussian(20, 1000, 2.5, 2);
        SurrogateCalibration test = SurrogateCalibration.assess(c.scale(), part(fresh, 0), part(fresh, 1));
        assertEquals(SurrogateCalibration.NORMAL_1_SIGMA, test.coverage1Sigma(), 0.012);
        // an uncalibrated spread (scale 1) covers far too little
        SurrogateCalibration raw = SurrogateCalibration.assess(1, part(fresh, 0), part(fresh, 1));
        assertEquals(0.3108, raw.coverage1Sigma(), 0.015, "P(|z| < 1/2.5) for a standard normal");
        assertTrue(raw.cdfDistance() > 10 * test.cdfDistance());
    }

    /**
     * The fitted scale minimises the area between the empirical CDF of the raw z-scores and Phi(z / s), computed here
     * independently by dense quadrature with a normal CDF from Simpson integration of the density.
     */
    @Test
    void scaleMinimisesTheAreaBetweenDistributionFunctions() {
        // Student-t-like heavy tails: the area criterion and the RMS of z disagree, so this tests the criterion
        SplittableRandom random = new SplittableRandom(7);
        double[] e = new double[400];
        double[] w = new double[400];
        for (int i = 0; i < e.length; i++) {
            double chi = 0;
            for (int k = 0; k < 3; k++) {
                double g = random.nextGaussian();
                chi += g * g;
            }
            w[i] = 1;
            e[i] = random.nextGaussian() / Math.sqrt(chi / 3);
        }
        SurrogateCalibration c = SurrogateCalibration.fit(List.of(e), List.of(w));
        double[] z = e.clone();
        Arrays.sort(z);
        double best = area(z, c.scale());
        assertTrue(area(z, c.scale() * 0.97) > best, "area grows below the fitted scale");
        assertTrue(area(z, c.scale() * 1.03) > best, "area grows above the fitted scale");
        double rms = Math.sqrt(Arrays.stream(e).map(v -> v * v).average().orElseThrow());
        assertTrue(c.scale() < rms, "heavy tails inflate the RMS z (" + rms + ") above the CDF-area scale "
                + c.scale());
        assertEquals(area(z, c.scale()) / c.scale(), c.cdfDistance(), 2e-3,
                "reported distance is the area in calibrated units");
    }

    private static double area(double[] sortedZ, double s) {
        double lo = sortedZ[0] - 12 * s;
        double hi = sortedZ[sortedZ.length - 1] + 12 * s;
        int n = 400_000;
        double h = (hi - lo) / n;
        double total = 0;
        int below = 0;
        for (int i = 0; i < n; i++) {
            double z = lo + (i + 0.5) * h;
            while (below < sortedZ.length && sortedZ[below] <= z) {
                below++;
            }
            total += Math.abs((double) below / sortedZ.length - normalCdf(z / s)) * h;
        }
        return total;
    }

    /** Phi by Simpson's rule on the density from -12 (where the tail is below 1e-32). */
    private static double normalCdf(double t) {
        if (t < -12) {
            return 0;
        }
        int n = 200;
        double h = (t + 12) / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double x = -12 + i * h;
            double f = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            sum += (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)) * f;
        }
        return sum * h / 3;
    }

    @Test
    void noneIsTheIdentity() {
        SurrogateCalibration none = SurrogateCalibration.none();
        assertEquals(1, none.scale());
        assertFalse(none.isCalibrated());
        assertTrue(Double.isNaN(none.coverage1Sigma()));
    }

    @Test
    void badInputIsRejectedWithAReason() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> SurrogateCalibration.fit(List.of(new double[] {0.1, -0.2}), List.of(new double[] {0, 0})));
        assertTrue(zero.getMessage().contains("spread is zero"), zero.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> SurrogateCalibration.fit(List.of(new double[] {0.1, -0.2}), List.of(new double[] {1})));
        assertTrue(shape.getMessage().contains("structure 0 has 2 errors but 1 spreads"), shape.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> SurrogateCalibration.fit(List.of(new double[] {Double.NaN}), List.of(new double[] {1})));
        assertTrue(nan.getMessage().contains("point 0"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SurrogateCalibration.fit(List.of(), List.of()));
    }
}
