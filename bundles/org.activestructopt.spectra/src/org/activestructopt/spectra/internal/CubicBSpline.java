package org.activestructopt.spectra.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Cubic B-splines on the knot vector FITPACK's {@code splrep(x, y, k=3, s=0)} builds for interpolation: each end knot
 * repeated four times and the interior knots at {@code x[2] .. x[n-3]} (the not-a-knot spline), which gives exactly
 * {@code n} coefficients. Commons Math has no B-spline basis, so the Cox-de Boor recursion is written out here.
 * Outside the end knots the end polynomials are extended, as {@code splev} does by default.
 */
public final class CubicBSpline {

    private static final int ORDER = 3;

    private final double[] knots;

    private CubicBSpline(double[] knots) {
        this.knots = knots;
    }

    /**
     * @param x at least 4 strictly increasing abscissae
     * @return the not-a-knot interpolation knot vector for {@code x}
     */
    public static CubicBSpline notAKnot(double[] x) {
        int n = x.length;
        if (n < ORDER + 1) {
            throw new IllegalArgumentException("a cubic spline needs at least 4 points, got " + n);
        }
        double[] t = new double[n + ORDER + 1];
        for (int i = 0; i <= ORDER; i++) {
            t[i] = x[0];
            t[n + i] = x[n - 1];
        }
        for (int i = 2; i <= n - 3; i++) {
            t[i + 2] = x[i];
        }
        return new CubicBSpline(t);
    }

    /** @return the number of coefficients (basis functions) */
    public int size() {
        return knots.length - ORDER - 1;
    }

    /** @return a copy of the knot vector */
    public double[] knots() {
        return knots.clone();
    }

    /** The index l of the knot interval holding x, kept within the spline's own intervals (FITPACK's rule). */
    private int interval(double x) {
        int n = size();
        int lo = ORDER;
        int hi = n - 1;
        if (x < knots[lo + 1]) {
            return lo;
        }
        if (x >= knots[hi]) {
            return hi;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (knots[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The four basis functions that are non-zero at x, {@code B[l-3..l](x)}, by the Cox-de Boor recursion.
     *
     * @param out receives the four values
     * @return l, the index of the last of them
     */
    private int basis(double x, double[] out) {
        int l = interval(x);
        double[] left = new double[ORDER + 1];
        double[] right = new double[ORDER + 1];
        out[0] = 1;
        for (int j = 1; j <= ORDER; j++) {
            left[j] = x - knots[l + 1 - j];
            right[j] = knots[l + j] - x;
            double saved = 0;
            for (int r = 0; r < j; r++) {
                double temp = out[r] / (right[r + 1] + left[j - r]);
                out[r] = saved + right[r + 1] * temp;
                saved = left[j - r] * temp;
            }
            out[j] = saved;
        }
        return l;
    }

    /** @return the design matrix {@code B[i][j] = B_j(x[i])} */
    public double[][] design(double[] x) {
        int n = size();
        double[][] b = new double[x.length][n];
        double[] v = new double[ORDER + 1];
        for (int i = 0; i < x.length; i++) {
            int l = basis(x[i], v);
            for (int r = 0; r <= ORDER; r++) {
                b[i][l - ORDER + r] = v[r];
            }
        }
        return b;
    }

    /** @return the spline with coefficients {@code c} evaluated at each x */
    public double[] evaluate(double[] c, double[] x) {
        if (c.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " coefficients, got " + c.length);
        }
        double[] out = new double[x.length];
        double[] v = new double[ORDER + 1];
        for (int i = 0; i < x.length; i++) {
            int l = basis(x[i], v);
            double s = 0;
            for (int r = 0; r <= ORDER; r++) {
                s += c[l - ORDER + r] * v[r];
            }
            out[i] = s;
        }
        return out;
    }

    /**
     * The coefficients of the spline through {@code (x[i], y[i])}, for the knots of {@link #notAKnot(double[])} built
     * on the same x.
     */
    public double[] interpolate(double[] x, double[] y) {
        RealMatrix a = new Array2DRowRealMatrix(design(x), false);
        return new LUDecomposition(a).getSolver().solve(new ArrayRealVector(y, false)).toArray();
    }
}
