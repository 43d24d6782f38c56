package org.activestructopt.simulation.feff.internal;

/**
 * The interpolating cubic spline with not-a-knot end conditions: the third derivative is continuous at the second
 * and the second-to-last node. It is the spline scipy's {@code UnivariateSpline(x, y, s=0)} (FITPACK, degree 3)
 * returns, which Larch's {@code feffpath} uses for FEFF's path tables, so path sums made with it agree with Larch's to
 * rounding. Outside the nodes the end pieces are continued, as FITPACK does. Immutable.
 */
public final class CubicSpline {

    private final double[] x;
    private final double[] y;
    private final double[] m; // second derivatives at the nodes

    private CubicSpline(double[] x, double[] y, double[] m) {
        this.x = x;
        this.y = y;
        this.m = m;
    }

    /**
     * @param x strictly increasing nodes, at least 4
     * @param y values at the nodes
     * @throws IllegalArgumentException for fewer than 4 nodes, unequal lengths or nodes that do not increase
     */
    public static CubicSpline of(double[] x, double[] y) {
        int n = x.length;
        if (n < 4 || y.length != n) {
            throw new IllegalArgumentException("a not-a-knot cubic spline needs at least 4 nodes and one value per "
                    + "node, got " + n + " nodes and " + y.length + " values");
        }
        double[] h = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            h[i] = x[i + 1] - x[i];
            if (!(h[i] > 0)) {
                throw new IllegalArgumentException("spline nodes must increase: x[" + (i + 1) + "] = " + x[i + 1]
                        + " after " + x[i]);
            }
        }
        // the system is tridiagonal except for the two end rows; it is small (FEFF tables have ~60 nodes), so a
        // dense elimination with partial pivoting keeps it simple
        double[][] a = new double[n][n + 1];
        a[0][0] = h[1];
        a[0][1] = -(h[0] + h[1]);
        a[0][2] = h[0];
        for (int i = 1; i < n - 1; i++) {
            a[i][i - 1] = h[i - 1];
            a[i][i] = 2 * (h[i - 1] + h[i]);
            a[i][i + 1] = h[i];
            a[i][n] = 6 * ((y[i + 1] - y[i]) / h[i] - (y[i] - y[i - 1]) / h[i - 1]);
        }
        a[n - 1][n - 3] = h[n - 2];
        a[n - 1][n - 2] = -(h[n - 3] + h[n - 2]);
        a[n - 1][n - 1] = h[n - 3];
        return new CubicSpline(x.clone(), y.clone(), solve(a, n));
    }

    private static double[] solve(double[][] a, int n) {
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                if (f != 0) {
                    for (int j = c; j <= n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int j = r + 1; j < n; j++) {
                s -= a[r][j] * out[j];
            }
            out[r] = s / a[r][r];
        }
        return out;
    }

    /** @return the spline at {@code at} (the end pieces continued outside the nodes) */
    public double value(double at) {
        int lo = 0;
        int hi = x.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (x[mid] <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int i = lo;
        double h = x[i + 1] - x[i];
        double a = (x[i + 1] - at) / h;
        double b = (at - x[i]) / h;
        return a * y[i] + b * y[i + 1] + ((a * a * a - a) * m[i] + (b * b * b - b) * m[i + 1]) * h * h / 6;
    }
}
