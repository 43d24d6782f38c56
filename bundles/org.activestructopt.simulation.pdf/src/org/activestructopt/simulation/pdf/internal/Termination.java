package org.activestructopt.simulation.pdf.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Qmax termination: G(r) as it would come out of a Fourier transform of F(Q) measured only up to qmax. G(r) and F(Q)
 * are a sine-transform pair, G(r) = 2/pi int_0^inf F(Q) sin(Qr) dQ, so truncating F at qmax convolves the odd
 * extension of G with the step-function kernel K(x) = sin(qmax x) / (pi x):
 *
 * <pre>
 * G_t(r) = int_0^r_hi w(r') G(r') [K(r - r') - K(r + r')] dr'
 * </pre>
 *
 * computed here directly in real space. G is needed beyond the requested rmax because the kernel reaches there;
 * like DiffPy we extend the range by a number of ripples (here {@link #RIPPLES} x 2 pi / qmax) and, unlike a hard cut,
 * let a smooth {@link #window(double) window} w fall from 1 at rmax + E/2 to 0 at r_hi = rmax + E, so the edge adds no
 * ringing of its own.
 * The result still depends on E at the level of 0.6 % of max |G| (0.4 % below r = 8 angstrom; fcc Ni, qmax = 20,
 * qdamp 0 or 0.03: E = 3.1 angstrom against E = 45 angstrom), since the kernel decays only as 1/r and a crystal's
 * G(r) does not (16 ripples halve it). DiffPy's finite extension has the
 * same limitation. The integral is a trapezoid sum on an internal grid from r = 0 with a step that resolves both the
 * narrowest pair Gaussian and the kernel's oscillation; the integrand is smooth and vanishes at both ends (G is odd,
 * w falls to 0), so the sum converges spectrally.
 * <p>
 * data/pdf/generate.py in the test fragment computes the same definition independently in Q space.
 */
final class Termination {

    /** Extension of the r range, in units of the termination ripple period 2 pi / qmax. */
    static final double RIPPLES = 10;
    /**
     * Internal steps per narrowest pair sigma. The trapezoid sum of a Gaussian times the kernel is exact up to the
     * Gaussian's spectrum beyond 2 pi / h - qmax, about exp(-(6 pi - qmax sigma)^2 / 2) &lt; 1e-40 relative here.
     */
    private static final double STEPS_PER_SIGMA = 3;
    /** Largest internal step (angstrom), a guard for very broad peaks. */
    private static final double MAX_STEP = 0.05;
    private static final int CHUNK = 32;

    private final double qmax;
    private final double[] x;
    private final double[] grid;
    private final double[] weight; // h * window at each internal grid point

    /**
     * @param qmax     termination (angstrom^-1), &gt; 0
     * @param x        output points (angstrom), increasing, &gt;= 0
     * @param minSigma the narrowest pair Gaussian (angstrom)
     */
    Termination(double qmax, double[] x, double minSigma) {
        this.qmax = qmax;
        this.x = x;
        double xmax = x[x.length - 1];
        double rhi = upperLimit(xmax, qmax);
        double taper = xmax + 0.5 * (rhi - xmax);
        double h = Math.min(MAX_STEP, Math.min(minSigma / STEPS_PER_SIGMA, Math.PI / (3 * qmax)));
        int n = (int) Math.ceil(rhi / h) + 1;
        grid = new double[n];
        weight = new double[n];
        for (int m = 0; m < n; m++) {
            double r = m * h;
            grid[m] = r;
            weight[m] = h * window((r - taper) / (rhi - taper));
        }
    }

    /**
     * The taper: 1 for t &lt;= 0, 0 for t &gt;= 1, and the infinitely smooth step f(1-t) / (f(1-t) + f(t)) with
     * f(u) = exp(-1/u) in between. Being smooth everywhere keeps the trapezoid sum spectrally accurate on a grid
     * as coarse as the peaks allow (a Hann window's jump in curvature would cost O(h^4)).
     */
    static double window(double t) {
        if (t <= 0) {
            return 1;
        }
        if (t >= 1) {
            return 0;
        }
        double a = Math.exp(-1 / (1 - t));
        double b = Math.exp(-1 / t);
        return a / (a + b);
    }

    /** @return the upper end of the internal range for output up to {@code xmax} */
    static double upperLimit(double xmax, double qmax) {
        return xmax + RIPPLES * 2 * Math.PI / qmax;
    }

    /** @return the internal points at which the untruncated G (and its derivatives) must be supplied */
    double[] internalGrid() {
        return grid.clone();
    }

    /**
     * Applies the termination to {@code columns} functions sampled on {@link #internalGrid()}, stored row-major
     * (row = grid point).
     *
     * @return the terminated functions at the output points, row-major
     */
    double[] apply(double[] values, int columns, IProgressMonitor monitor) throws SimulationException {
        int mOut = x.length;
        int mIn = grid.length;
        double[] sinIn = new double[mIn];
        double[] cosIn = new double[mIn];
        for (int m = 0; m < mIn; m++) {
            sinIn[m] = Math.sin(qmax * grid[m]);
            cosIn[m] = Math.cos(qmax * grid[m]);
        }
        double[] out = new double[mOut * columns];
        AtomicBoolean cancelled = new AtomicBoolean();
        int chunks = (mOut + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            if (cancelled.get() || monitor != null && monitor.isCanceled()) {
                cancelled.set(true);
                return;
            }
            double[] kernel = new double[mIn];
            for (int k = c * CHUNK; k < Math.min(mOut, (c + 1) * CHUNK); k++) {
                kernelRow(x[k], sinIn, cosIn, kernel);
                int o = k * columns;
                if (columns == 1) {
                    double s = 0;
                    for (int m = 0; m < mIn; m++) {
                        s += kernel[m] * values[m];
                    }
                    out[k] = s;
                } else {
                    for (int m = 0; m < mIn; m++) {
                        double b = kernel[m];
                        int v = m * columns;
                        for (int col = 0; col < columns; col++) {
                            out[o + col] += b * values[v + col];
                        }
                    }
                }
            }
        });
        if (cancelled.get()) {
            throw new SimulationException(Reason.CANCELLED, "PDF simulation cancelled");
        }
        return out;
    }

    /** Fills {@code row[m]} = h w(r'_m) [K(r - r'_m) - K(r + r'_m)]. */
    private void kernelRow(double r, double[] sinIn, double[] cosIn, double[] row) {
        double s = Math.sin(qmax * r);
        double c = Math.cos(qmax * r);
        for (int m = 0; m < grid.length; m++) {
            double minus = r - grid[m];
            double plus = r + grid[m];
            // sin(q(r -+ r')) by the addition theorem: no trigonometric call in the O(M^2) loop
            double km = kernel(s * cosIn[m] - c * sinIn[m], minus);
            double kp = kernel(s * cosIn[m] + c * sinIn[m], plus);
            row[m] = weight[m] * (km - kp);
        }
    }

    /** @return sin(qmax dx) / (pi dx) given sin(qmax dx), continued to qmax / pi at dx = 0 */
    private double kernel(double sinQx, double dx) {
        if (Math.abs(dx) < 1e-6) {
            // the addition theorem loses all digits as dx -> 0; the Taylor series is exact to 1e-20 here
            double qx = qmax * dx;
            return qmax / Math.PI * (1 - qx * qx / 6);
        }
        return sinQx / (Math.PI * dx);
    }
}
