package org.activestructopt.spectra.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;

/**
 * A least-squares polynomial, as {@code numpy.polyfit} computes it. The fit is solved in the variable
 * {@code t = (x - centre) / scale} because the raw Vandermonde matrix of photon energies (x ~ 10^4 eV, x^2 ~ 10^8) is
 * badly conditioned; {@link #powerCoefficients()} converts back to powers of x for reporting.
 */
public final class Polynomial {

    private final double centre;
    private final double scale;
    private final double[] c; // coefficients of t^0 .. t^degree

    private Polynomial(double centre, double scale, double[] c) {
        this.centre = centre;
        this.scale = scale;
        this.c = c;
    }

    /**
     * Fits {@code y[from..to)} against {@code x[from..to)}.
     *
     * @throws IllegalArgumentException if there are fewer points than coefficients
     */
    public static Polynomial fit(double[] x, double[] y, int from, int to, int degree) {
        int n = to - from;
        if (n < degree + 1) {
            throw new IllegalArgumentException(
                    "a polynomial of degree " + degree + " needs at least " + (degree + 1) + " points, got " + n);
        }
        double lo = x[from];
        double hi = x[to - 1];
        double centre = (lo + hi) / 2;
        double scale = hi > lo ? (hi - lo) / 2 : 1;
        double[][] a = new double[n][degree + 1];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double t = (x[from + i] - centre) / scale;
            double p = 1;
            for (int j = 0; j <= degree; j++) {
                a[i][j] = p;
                p *= t;
            }
            b[i] = y[from + i];
        }
        double[] c = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getSolver()
                .solve(new ArrayRealVector(b, false)).toArray();
        return new Polynomial(centre, scale, c);
    }

    /** @return the degree */
    public int degree() {
        return c.length - 1;
    }

    /** @return the polynomial at x */
    public double value(double x) {
        double t = (x - centre) / scale;
        double s = 0;
        for (int j = c.length - 1; j >= 0; j--) {
            s = s * t + c[j];
        }
        return s;
    }

    /** @return the polynomial at each x */
    public double[] values(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = value(x[i]);
        }
        return out;
    }

    /** @return the coefficients of x^0, x^1, ... (Larch's {@code norm_c0, norm_c1, ...} order) */
    public double[] powerCoefficients() {
        int d = c.length;
        double[] out = new double[d];
        // (x - centre)^j / scale^j expanded binomially.
        for (int j = 0; j < d; j++) {
            double f = c[j] / Math.pow(scale, j);
            double binom = 1;
            for (int i = 0; i <= j; i++) {
                // term C(j, i) x^i (-centre)^(j-i)
                out[i] += f * binom * Math.pow(-centre, j - i);
                binom = binom * (j - i) / (i + 1);
            }
        }
        return out;
    }
}
