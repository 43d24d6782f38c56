package org.activestructopt.simulation.pdf.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Computes the X-ray PDF G(r) of a crystal and, on request, its derivatives w.r.t. fractional coordinates and the
 * lattice, following DiffPy's PDFCalculator:
 *
 * <pre>
 * R(r) = 1/N sum_(i in cell) sum_(j, image; not i itself) f_i f_j / &lt;f&gt;^2 Gauss(r; d_ij, sigma_ij)
 * sigma_ij^2 = (U_i + U_j) (1 - delta1 / d_ij - delta2 / d_ij^2 + (qbroad d_ij)^2),   f = Z
 * G(r) = scale [R(r)/r - 4 pi rho0 r] exp(-(qdamp r)^2 / 2),   rho0 = N / V
 * </pre>
 *
 * followed, if qmax &gt; 0, by the {@link Termination}.
 * <p>
 * Speed: pairs come from the structure bundle's cell-list {@code NeighborList}; each Gaussian is evaluated only within
 * {@link #TAIL_SIGMAS} sigma of its centre; the r points are split into chunks evaluated in parallel (common
 * ForkJoinPool). Every output element is owned by one chunk and sums its pairs in the table's fixed (distance) order,
 * so results are bit-for-bit independent of the number of threads.
 */
final class PdfCalculator {

    /**
     * Gaussians are cut beyond this many sigma, where they have fallen to exp(-32) = 1.3e-14 of their peak: the jump
     * this cut causes when a pair moves is then far below what a finite-difference or line-search step resolves.
     */
    static final double TAIL_SIGMAS = 8;
    /** Points per parallel task: large enough to amortise the pair search, small enough to balance two to 64 cores. */
    private static final int CHUNK = 48;

    private final Structure structure;
    private final PdfParameters params;
    private final double[] u; // per site
    private final double maxU;
    private final Geometry geometry;

    /** Where the calculator gets its pairs without widths: built fresh, or kept by a prepared simulation. */
    interface Geometry {
        /** @return the pairs of the structure up to at least {@code cutoff}, with derivatives if asked for */
        PairTable pairs(double cutoff, boolean derivatives) throws SimulationException;
    }

    PdfCalculator(Structure structure, PdfParameters params) throws SimulationException {
        this(structure, params, (cutoff, derivatives) -> PairTable.geometry(structure, cutoff, derivatives));
    }

    /** With another order of the pair table (the benchmark's baseline). */
    PdfCalculator(Structure structure, PdfParameters params, PairTable.PairOrder order) throws SimulationException {
        this(structure, params, (cutoff, derivatives) -> PairTable.geometry(structure, cutoff, derivatives, order));
    }

    PdfCalculator(Structure structure, PdfParameters params, Geometry geometry) throws SimulationException {
        this.geometry = geometry;
        if (structure.size() == 0) {
            throw new SimulationException(Reason.INVALID_STRUCTURE, "the structure has no sites");
        }
        this.structure = structure;
        this.params = params;
        this.u = new double[structure.size()];
        double m = 0;
        for (int i = 0; i < u.length; i++) {
            u[i] = params.u(structure.species(i));
            m = Math.max(m, u[i]);
        }
        this.maxU = m;
    }

    /** Values and, if requested, the Jacobian (row-major, {@code 3N + 9} columns: fractional, then lattice). */
    record Result(double[] g, double[] jacobian) {
    }

    /**
     * @param x               the r values (angstrom), strictly increasing, &gt;= 0
     * @param withJacobian    whether to compute derivatives
     * @param monitor         polled for cancellation, may be null
     */
    Result compute(double[] x, boolean withJacobian, IProgressMonitor monitor) throws SimulationException {
        for (int k = 0; k < x.length; k++) {
            if (!(x[k] >= 0)) {
                throw new SimulationException(Reason.INVALID_REQUEST,
                        String.format(Locale.ROOT, "r grid point %d is %g; r must be >= 0", k, x[k]));
            }
        }
        double xmax = x[x.length - 1];
        if (params.qmax() > 0) {
            double rhi = Termination.upperLimit(xmax, params.qmax());
            PairTable pairs = pairTable(rhi, withJacobian);
            Termination t = new Termination(params.qmax(), x, pairs.minSigma);
            Result ext = untruncated(pairs, t.internalGrid(), withJacobian, monitor);
            return new Result(t.apply(ext.g(), 1, monitor),
                    withJacobian ? t.apply(ext.jacobian(), columns(), monitor) : null);
        }
        return untruncated(pairTable(xmax, withJacobian), x, withJacobian, monitor);
    }

    /** @return 3N + 9 */
    int columns() {
        return 3 * structure.size() + 9;
    }

    /** @return the pairs whose Gaussians reach r values up to {@code xmax} */
    private PairTable pairTable(double xmax, boolean derivatives) throws SimulationException {
        return geometry.pairs(cutoff(xmax), derivatives).withWidths(params, u);
    }

    /** @return the largest pair distance whose Gaussian reaches r values up to {@code xmax} */
    double cutoff(double xmax) {
        // qbroad widens the peaks with distance, so the bound depends on the cutoff it sets: a few fixed-point steps
        double cutoff = xmax;
        for (int k = 0; k < 4; k++) {
            cutoff = xmax + TAIL_SIGMAS * PairTable.sigmaBound(maxU, params, xmax, cutoff);
        }
        return cutoff;
    }

    /** @return the largest pair distance needed for output up to {@code xmax}, termination included */
    double cutoffFor(double xmax) {
        return cutoff(params.qmax() > 0 ? Termination.upperLimit(xmax, params.qmax()) : xmax);
    }

    private Result untruncated(PairTable pairs, double[] x, boolean withJacobian, IProgressMonitor monitor)
            throws SimulationException {
        SimulationException.checkCancelled(monitor);
        int m = x.length;
        double step = uniformStep(x);
        int n = structure.size();
        int width = columns();
        double[] r = new double[m];
        double[] jac = withJacobian ? new double[m * width] : null;
        int chunks = (m + CHUNK - 1) / CHUNK;
        AtomicBoolean cancelled = new AtomicBoolean();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            if (cancelled.get() || monitor != null && monitor.isCanceled()) {
                cancelled.set(true);
                return;
            }
            int k0 = c * CHUNK;
            int k1 = Math.min(m, k0 + CHUNK);
            accumulate(pairs, x, step, k0, k1, r, jac, width, n);
        });
        if (cancelled.get()) {
            throw new SimulationException(Reason.CANCELLED, "PDF simulation cancelled");
        }

        double rho0 = n / structure.volume();
        double[] inv = PairTable.inverseFlat(structure.lattice());
        double[] g = new double[m];
        for (int k = 0; k < m; k++) {
            double xk = x[k];
            if (xk == 0) {
                continue; // G is odd in r; R vanishes faster than r
            }
            double env = params.scale() * Math.exp(-0.5 * params.qdamp() * params.qdamp() * xk * xk);
            g[k] = env * (r[k] / xk - 4 * Math.PI * rho0 * xk);
            if (jac != null) {
                int row = k * width;
                double f = env / xk;
                for (int col = 0; col < width; col++) {
                    jac[row + col] *= f;
                }
                // d(-4 pi rho0 r)/dM_bc = 4 pi r rho0 (M^-1)_cb, since dV/dM = V M^-T
                double b = env * 4 * Math.PI * rho0 * xk;
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) {
                        jac[row + 3 * n + 3 * p + q] += b * inv[3 * q + p];
                    }
                }
            }
        }
        for (int k = 0; k < m; k++) {
            if (!Double.isFinite(g[k])) {
                throw new SimulationException(Reason.NUMERICAL,
                        String.format(Locale.ROOT, "G(r) is %s at r = %g", g[k], x[k]));
            }
        }
        return new Result(g, jac);
    }

    /**
     * Adds the pair Gaussians (R(r) without the 1/r and envelope) and their derivatives to points k0..k1-1.
     *
     * @param step the spacing of x if uniform, else 0
     */
    private static void accumulate(PairTable t, double[] x, double step, int k0, int k1, double[] r, double[] jac,
            int width, int n) {
        double reach = TAIL_SIGMAS * t.maxSigma;
        int p0 = t.firstAtLeast(x[k0] - reach);
        int p1 = t.firstAtLeast(Math.nextUp(x[k1 - 1] + reach));
        double norm = 1 / Math.sqrt(2 * Math.PI);
        double[] gauss = new double[k1 - k0];
        for (int p = p0; p < p1; p++) {
            double d = t.distance[p];
            double s = t.sigma[p];
            int a = lowerBound(x, k0, k1, d - TAIL_SIGMAS * s);
            int b = lowerBound(x, a, k1, Math.nextUp(d + TAIL_SIGMAS * s));
            if (a == b) {
                continue;
            }
            double var = s * s;
            gaussian(x, a, b, step, d, t.weight[p] * norm / s, -0.5 / var, gauss);
            if (jac == null) {
                for (int k = a; k < b; k++) {
                    r[k] += gauss[k - a];
                }
                continue;
            }
            double dvar = t.dVarianceDd[p];
            int i3 = 3 * t.first[p];
            int j3 = 3 * t.second[p];
            int l0 = 3 * n;
            double fa = t.dDdFrac[3 * p];
            double fb = t.dDdFrac[3 * p + 1];
            double fc = t.dDdFrac[3 * p + 2];
            int lp = 9 * p;
            for (int k = a; k < b; k++) {
                double dx = x[k] - d;
                double gk = gauss[k - a];
                r[k] += gk;
                // dG/dd at fixed r: shift of the centre plus the change of width through delta2
                double dg = gk * (dx / var + (dx * dx / (2 * var * var) - 1 / (2 * var)) * dvar);
                int row = k * width;
                jac[row + j3] += dg * fa;
                jac[row + j3 + 1] += dg * fb;
                jac[row + j3 + 2] += dg * fc;
                jac[row + i3] -= dg * fa;
                jac[row + i3 + 1] -= dg * fb;
                jac[row + i3 + 2] -= dg * fc;
                for (int q = 0; q < 9; q++) {
                    jac[row + l0 + q] += dg * t.dDdLattice[lp + q];
                }
            }
        }
    }

    /**
     * Fills {@code out[k - a]} with amp exp(c (x_k - d)^2) for k in [a, b). On a uniform grid the ratio of successive
     * values is itself a geometric sequence, so two multiplications replace each exponential; over the at most
     * 2 TAIL_SIGMAS sigma / step points of a peak the relative rounding error stays below 1e-13.
     */
    private static void gaussian(double[] x, int a, int b, double step, double d, double amp, double c,
            double[] out) {
        if (step > 0) {
            double dx = x[a] - d;
            double g = amp * Math.exp(c * dx * dx);
            double ratio = Math.exp(c * (2 * dx * step + step * step));
            double factor = Math.exp(2 * c * step * step);
            for (int k = a; k < b; k++) {
                out[k - a] = g;
                g *= ratio;
                ratio *= factor;
            }
        } else {
            for (int k = a; k < b; k++) {
                double dx = x[k] - d;
                out[k - a] = amp * Math.exp(c * dx * dx);
            }
        }
    }

    /** @return the spacing of {@code x} if every point lies within 1e-9 steps of a uniform grid, else 0 */
    static double uniformStep(double[] x) {
        int m = x.length;
        double h = (x[m - 1] - x[0]) / (m - 1);
        for (int k = 0; k < m; k++) {
            if (Math.abs(x[k] - (x[0] + k * h)) > 1e-9 * h) {
                return 0;
            }
        }
        return h;
    }

    /** @return the first index in [from, to) with x >= v, or {@code to} */
    private static int lowerBound(double[] x, int from, int to, double v) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
