package org.activestructopt.spectra.internal;

/**
 * The cubic interpolating spline with not-a-knot end conditions, which is what scipy's
 * {@code UnivariateSpline(x, y, s=0)} and {@code splrep(x, y, s=0)} compute (FITPACK puts the interior knots at
 * {@code x[2] .. x[n-3]}). Commons Math's {@code SplineInterpolator} is the natural spline, whose ends differ, so the
 * spline is solved here from its second derivatives with a tridiagonal system. Beyond the data the end cubics are
 * extended, as FITPACK does.
 */
public final class NotAKnotSpline {

    private final double[] x;
    private final double[] y;
    private final double[] m; // second derivatives at x

    private NotAKnotSpline(double[] x, double[] y, double[] m) {
        this.x = x;
        this.y = y;
        this.m = m;
    }

    /**
     * @param x at least 4 strictly increasing abscissae (not copied)
     * @param y values at x (not copied)
     */
    public static NotAKnotSpline through(double[] x, double[] y) {
        int n = x.length;
        if (n < 4) {
            throw new IllegalArgumentException("a cubic spline needs at least 4 points, got " + n);
        }
        double[] h = new double[n - 1];
        double[] d = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            h[i] = x[i + 1] - x[i];
            d[i] = (y[i + 1] - y[i]) / h[i];
        }
        // Unknowns M1..M(n-2); the not-a-knot conditions (equal third derivatives across x1 and x(n-2)) give
        // M0 = M1 + h0 (M1 - M2) / h1 and its mirror, which are folded into the first and last rows.
        int k = n - 2;
        double[] sub = new double[k];
        double[] diag = new double[k];
        double[] sup = new double[k];
        double[] rhs = new double[k];
        for (int j = 0; j < k; j++) {
            int i = j + 1;
            sub[j] = h[i - 1];
            diag[j] = 2 * (h[i - 1] + h[i]);
            sup[j] = h[i];
            rhs[j] = 6 * (d[i] - d[i - 1]);
        }
        double r0 = h[0] / h[1];
        diag[0] += sub[0] * (1 + r0);
        sup[0] -= sub[0] * r0;
        double rn = h[n - 2] / h[n - 3];
        diag[k - 1] += sup[k - 1] * (1 + rn);
        sub[k - 1] -= sup[k - 1] * rn;
        double[] inner = thomas(sub, diag, sup, rhs);
        double[] mm = new double[n];
        System.arraycopy(inner, 0, mm, 1, k);
        mm[0] = mm[1] + r0 * (mm[1] - mm[2]);
        mm[n - 1] = mm[n - 2] + rn * (mm[n - 2] - mm[n - 3]);
        return new NotAKnotSpline(x, y, mm);
    }

    /** Solves a tridiagonal system; diagonally dominant apart from the folded end rows, so no pivoting. */
    private static double[] thomas(double[] a, double[] b, double[] c, double[] r) {
        int n = b.length;
        double[] cp = new double[n];
        double[] rp = new double[n];
        if (n == 1) {
            return new double[] { r[0] / b[0] };
        }
        cp[0] = c[0] / b[0];
        rp[0] = r[0] / b[0];
        for (int i = 1; i < n; i++) {
            double den = b[i] - a[i] * cp[i - 1];
            cp[i] = i < n - 1 ? c[i] / den : 0;
            rp[i] = (r[i] - a[i] * rp[i - 1]) / den;
        }
        double[] s = new double[n];
        s[n - 1] = rp[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            s[i] = rp[i] - cp[i] * s[i + 1];
        }
        return s;
    }

    /** @return the spline at increasing points {@code xi} */
    public double[] at(double[] xi) {
        double[] out = new double[xi.length];
        int n = x.length;
        int j = 0;
        for (int i = 0; i < xi.length; i++) {
            double v = xi[i];
            if (i > 0 && v < xi[i - 1]) {
                j = 0;
            }
            while (j < n - 2 && x[j + 1] <= v) {
                j++;
            }
            double hj = x[j + 1] - x[j];
            double a = (x[j + 1] - v) / hj;
            double b = (v - x[j]) / hj;
            out[i] = a * y[j] + b * y[j + 1]
                    + ((a * a * a - a) * m[j] + (b * b * b - b) * m[j + 1]) * hj * hj / 6;
        }
        return out;
    }
}
