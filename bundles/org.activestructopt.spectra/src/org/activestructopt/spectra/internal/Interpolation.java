package org.activestructopt.spectra.internal;

/**
 * Piecewise-linear interpolation on a strictly increasing abscissa. Callers check the ranges; these loops only
 * compute.
 */
public final class Interpolation {

    private Interpolation() {
    }

    /**
     * Interpolates {@code y(x)} at increasing points {@code xi} that lie inside {@code [x[0], x[n-1]]}; points a
     * rounding error outside are pinned to the end values. Linear in the lengths of both arrays.
     */
    public static double[] linearSorted(double[] x, double[] y, double[] xi) {
        double[] out = new double[xi.length];
        int n = x.length;
        int j = 0;
        for (int i = 0; i < xi.length; i++) {
            double v = xi[i];
            if (v <= x[0]) {
                out[i] = y[0];
                continue;
            }
            if (v >= x[n - 1]) {
                out[i] = y[n - 1];
                continue;
            }
            while (x[j + 1] < v) {
                j++;
            }
            out[i] = between(x, y, j, v);
        }
        return out;
    }

    /**
     * Interpolates at arbitrary points with numpy.interp's rules: points left of the data take {@code y[0]}, points
     * right of it take {@code y[n-1]}. Larch's Fourier transform relies on that clamping, so it is kept here rather
     * than reported as an error.
     */
    public static double[] linearClamped(double[] x, double[] y, double[] xi) {
        double[] out = new double[xi.length];
        int n = x.length;
        for (int i = 0; i < xi.length; i++) {
            double v = xi[i];
            if (Double.isNaN(v)) {
                out[i] = Double.NaN;
            } else if (v <= x[0]) {
                out[i] = y[0];
            } else if (v >= x[n - 1]) {
                out[i] = y[n - 1];
            } else {
                out[i] = between(x, y, segment(x, v), v);
            }
        }
        return out;
    }

    /** Index j with x[j] <= v < x[j+1], for x[0] < v < x[n-1]. */
    private static int segment(double[] x, double v) {
        int lo = 0;
        int hi = x.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double between(double[] x, double[] y, int j, double v) {
        if (v == x[j]) {
            return y[j];
        }
        double slope = (y[j + 1] - y[j]) / (x[j + 1] - x[j]);
        return slope * (v - x[j]) + y[j];
    }
}
