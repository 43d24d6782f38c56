package org.activestructopt.structure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * All neighbour pairs of a periodic structure within a cutoff: every (i, j, n) with |r<sub>j</sub> + n·M -
 * r<sub>i</sub>| &lt;= cutoff, where n = (n<sub>a</sub>, n<sub>b</sub>, n<sub>c</sub>) is an integer lattice
 * translation ("image") and r are the Cartesian positions of the structure's fractional coordinates <em>as given</em>
 * (not wrapped). The list is full: each pair appears as (i, j, n) and as (j, i, -n). A site is its own neighbour
 * through other images (always so in a 1-atom cell); the pair (i, i, 0) is never listed. Two distinct sites at the
 * same position are listed with distance 0, so that constraint checks see them.
 * <p>
 * Pairs are grouped by centre: pairs {@code centerStart(i)} to {@code centerStart(i+1)-1} have centre i.
 * <p>
 * Built in time linear in the number of sites and pairs with a cell list: the wrapped positions are sorted into bins
 * whose count along each axis follows the perpendicular widths of the cell, so the method is correct for triclinic
 * cells and for cutoffs larger than the cell (several images of the same site); bin pairs whose closest points are
 * farther apart than the cutoff are skipped. Immutable. Array accessors return copies: fetch them once outside a loop,
 * or use the per-pair accessors ({@link #center(int)}, {@link #distance(int)}, ...).
 */
public final class NeighborList {

    /**
     * Bins per cutoff length along each axis. Smaller bins waste fewer distance checks outside the cutoff sphere but
     * cost more bookkeeping per site; 2 was fastest in NeighborBenchmark (216 atoms, 8 A).
     */
    private static final int BINS_PER_CUTOFF = 2;

    private final int nSites;
    private final double cutoff;
    private final int size;
    private final int[] start; // nSites + 1
    private final int[] centers;
    private final int[] neighbors;
    private final int[] images; // 3 * size
    private final double[] vectors; // 3 * size
    private final double[] distances;

    private NeighborList(int nSites, double cutoff, int size, int[] start, int[] centers, int[] neighbors,
            int[] images, double[] vectors, double[] distances) {
        this.nSites = nSites;
        this.cutoff = cutoff;
        this.size = size;
        this.start = start;
        this.centers = centers;
        this.neighbors = neighbors;
        this.images = images;
        this.vectors = vectors;
        this.distances = distances;
    }

    /**
     * @param s the structure
     * @param cutoff largest neighbour distance in Angstrom (inclusive), positive and finite
     * @throws IllegalArgumentException for a non-positive or non-finite cutoff
     */
    public static NeighborList of(Structure s, double cutoff) {
        Objects.requireNonNull(s, "structure");
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("Neighbour cutoff must be positive and finite, got " + cutoff);
        }
        return new Builder(s, cutoff).build();
    }

    /** @return the number of (i, j, image) pairs */
    public int size() {
        return size;
    }

    /** @return the cutoff this list was built with (Angstrom) */
    public double cutoff() {
        return cutoff;
    }

    /** @return the number of sites of the structure */
    public int siteCount() {
        return nSites;
    }

    /** @return the centre site i of pair k */
    public int center(int k) {
        checkPair(k);
        return centers[k];
    }

    /** @return the neighbour site j of pair k */
    public int neighbor(int k) {
        checkPair(k);
        return neighbors[k];
    }

    /** @return component {@code axis} (0, 1, 2 for a, b, c) of the lattice translation of pair k */
    public int image(int k, int axis) {
        checkPair(k);
        checkAxis(axis);
        return images[3 * k + axis];
    }

    /** @return the distance of pair k in Angstrom */
    public double distance(int k) {
        checkPair(k);
        return distances[k];
    }

    /** @return Cartesian component {@code axis} of the vector r_j + n·M - r_i of pair k (Angstrom) */
    public double vector(int k, int axis) {
        checkPair(k);
        checkAxis(axis);
        return vectors[3 * k + axis];
    }

    /** @return index of the first pair whose centre is site i; {@code centerStart(siteCount())} is {@link #size()} */
    public int centerStart(int i) {
        if (i < 0 || i > nSites) {
            throw new IndexOutOfBoundsException("Site index " + i + " out of range 0.." + nSites);
        }
        return start[i];
    }

    /** @return a copy of the centre sites, one per pair */
    public int[] centers() {
        return Arrays.copyOf(centers, size);
    }

    /** @return a copy of the neighbour sites, one per pair */
    public int[] neighbors() {
        return Arrays.copyOf(neighbors, size);
    }

    /** @return a copy of the distances (Angstrom), one per pair */
    public double[] distances() {
        return Arrays.copyOf(distances, size);
    }

    /** @return a copy of the images as {@code size x 3} integers */
    public int[][] images() {
        int[][] r = new int[size][];
        for (int k = 0; k < size; k++) {
            r[k] = Arrays.copyOfRange(images, 3 * k, 3 * k + 3);
        }
        return r;
    }

    /** @return a copy of the images as one flat array {na0, nb0, nc0, na1, ...} of length 3 x size */
    public int[] imagesFlat() {
        return Arrays.copyOf(images, 3 * size);
    }

    /** @return a copy of the pair vectors r_j + n·M - r_i as {@code size x 3} (Angstrom) */
    public double[][] vectors() {
        double[][] r = new double[size][];
        for (int k = 0; k < size; k++) {
            r[k] = Arrays.copyOfRange(vectors, 3 * k, 3 * k + 3);
        }
        return r;
    }

    /** @return a copy of the pair vectors as one flat array {x0, y0, z0, x1, ...} of length 3 x size (Angstrom) */
    public double[] vectorsFlat() {
        return Arrays.copyOf(vectors, 3 * size);
    }

    /** @return e.g. {@code NeighborList(1234 pairs, 12 sites, cutoff 6.000 A)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "NeighborList(%d pairs, %d sites, cutoff %.3f A)", size, nSites, cutoff);
    }

    private void checkPair(int k) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("Pair index " + k + " out of range 0.." + (size - 1));
        }
    }

    private static void checkAxis(int axis) {
        if (axis < 0 || axis > 2) {
            throw new IndexOutOfBoundsException("Axis must be 0, 1 or 2, got " + axis);
        }
    }

    /** One build: bins the sites, then visits the bins within reach of each site. */
    private static final class Builder {
        private final int n;
        private final double rc;
        private final double rc2;
        private final double[] m;
        private final int[] nb = new int[3];
        private final int[] reach = new int[3];

        // sites sorted by bin: wrapped Cartesian coordinates and the wrap shift (original = wrapped + shift)
        private final int[] binStart;
        private final int[] siteOf;
        private final int[] posOf; // inverse of siteOf
        private final int[] binOf; // bin of each site
        private final double[] x;
        private final double[] y;
        private final double[] z;
        private final int[] shift;

        // output in discovery order, grown by doubling
        private int count;
        private int[] pi;
        private int[] pj;
        private int[] pimg;
        private double[] pvec;
        private double[] pdist;

        Builder(Structure s, double rc) {
            this.n = s.size();
            this.rc = rc;
            this.rc2 = rc * rc;
            this.m = s.lattice().rawMatrix();
            double[] widths = s.lattice().perpendicularWidths();
            chooseBins(widths);

            double[] f = s.rawFrac();
            int nBins = nb[0] * nb[1] * nb[2];
            int[] binOfSite = new int[n];
            binOf = binOfSite;
            posOf = new int[n];
            int[] wrapShift = new int[3 * n];
            double[] wf = new double[3 * n];
            binStart = new int[nBins + 1];
            for (int i = 0; i < n; i++) {
                int bin = 0;
                for (int k = 0; k < 3; k++) {
                    double v = f[3 * i + k];
                    double w = Structure.wrap01(v);
                    wf[3 * i + k] = w;
                    wrapShift[3 * i + k] = (int) Math.rint(v - w);
                    int b = Math.min((int) (w * nb[k]), nb[k] - 1);
                    bin = bin * nb[k] + b;
                }
                binOfSite[i] = bin;
                binStart[bin + 1]++;
            }
            for (int b = 0; b < nBins; b++) {
                binStart[b + 1] += binStart[b];
            }
            int[] fill = Arrays.copyOf(binStart, nBins);
            siteOf = new int[n];
            x = new double[n];
            y = new double[n];
            z = new double[n];
            shift = new int[3 * n];
            for (int i = 0; i < n; i++) {
                int p = fill[binOfSite[i]]++;
                siteOf[p] = i;
                posOf[i] = p;
                double a = wf[3 * i];
                double b = wf[3 * i + 1];
                double c = wf[3 * i + 2];
                x[p] = a * m[0] + b * m[3] + c * m[6];
                y[p] = a * m[1] + b * m[4] + c * m[7];
                z[p] = a * m[2] + b * m[5] + c * m[8];
                System.arraycopy(wrapShift, 3 * i, shift, 3 * p, 3);
            }
            // expected pairs: n times the number of sites in a sphere of radius rc, plus slack
            double perSite = n / s.lattice().volume() * 4.0 / 3.0 * Math.PI * rc * rc * rc;
            int guess = (int) Math.min(1 << 20, Math.max(16, 1.1 * n * perSite + 16));
            pi = new int[guess];
            pj = new int[guess];
            pimg = new int[3 * guess];
            pvec = new double[3 * guess];
            pdist = new double[guess];
        }

        /**
         * Bins along axis k are width_k / nb_k thick, so a neighbour within rc is at most ceil(rc nb_k / width_k) bins
         * away. About {@link #BINS_PER_CUTOFF} bins per cutoff, but never many more bins than sites, so that huge
         * vacuum cells do not allocate huge bin arrays.
         */
        private void chooseBins(double[] widths) {
            long cap = 2L * n + 27;
            double scale = BINS_PER_CUTOFF / rc;
            for (int k = 0; k < 3; k++) {
                nb[k] = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 4, Math.floor(widths[k] * scale)));
            }
            while ((long) nb[0] * nb[1] * nb[2] > cap) {
                int big = nb[0] >= nb[1] ? (nb[0] >= nb[2] ? 0 : 2) : (nb[1] >= nb[2] ? 1 : 2);
                nb[big] = Math.max(1, (int) (nb[big] * 0.8));
            }
            for (int k = 0; k < 3; k++) {
                reach[k] = (int) Math.ceil(rc * nb[k] / widths[k] * (1 + 1e-12));
            }
        }

        /**
         * Visits the sites in their own order, so the pairs come out grouped by centre without a second pass. For
         * each bin line (o0, o1) the useful o2 range maps to one contiguous block of sorted sites per image along c.
         */
        NeighborList build() {
            int r0 = reach[0];
            int r1 = reach[1];
            int[][] range = usefulOffsetRanges();
            int n0 = nb[0];
            int n1 = nb[1];
            int n2 = nb[2];
            int[] start = new int[n + 1];
            for (int i = 0; i < n; i++) {
                start[i] = count;
                int p = posOf[i];
                int home = binOf[i];
                int b2 = home % n2;
                int b1 = (home / n2) % n1;
                int b0 = home / (n2 * n1);
                for (int o0 = -r0; o0 <= r0; o0++) {
                    int t0 = b0 + o0;
                    int i0 = Math.floorDiv(t0, n0);
                    int c0 = t0 - i0 * n0;
                    for (int o1 = -r1; o1 <= r1; o1++) {
                        int[] lohi = range[(o0 + r0) * (2 * r1 + 1) + (o1 + r1)];
                        if (lohi == null) {
                            continue;
                        }
                        int t1 = b1 + o1;
                        int i1 = Math.floorDiv(t1, n1);
                        int rowBase = (c0 * n1 + (t1 - i1 * n1)) * n2;
                        int t2 = b2 + lohi[0];
                        int last = b2 + lohi[1];
                        while (t2 <= last) {
                            int i2 = Math.floorDiv(t2, n2);
                            int segEnd = Math.min(last, (i2 + 1) * n2 - 1);
                            int os = binStart[rowBase + t2 - i2 * n2];
                            int oe = binStart[rowBase + segEnd - i2 * n2 + 1];
                            if (os < oe) {
                                visit(p, os, oe, i0, i1, i2);
                            }
                            t2 = segEnd + 1;
                        }
                    }
                }
            }
            start[n] = count;
            // the arrays may be longer than count; every accessor is bounded by size
            return new NeighborList(n, rc, count, start, pi, pj, pimg, pvec, pdist);
        }

        /** All pairs between sorted site p and sorted sites os..oe-1 translated by lattice image (i0, i1, i2). */
        private void visit(int p, int os, int oe, int i0, int i1, int i2) {
            double px = x[p] - (i0 * m[0] + i1 * m[3] + i2 * m[6]);
            double py = y[p] - (i0 * m[1] + i1 * m[4] + i2 * m[7]);
            double pz = z[p] - (i0 * m[2] + i1 * m[5] + i2 * m[8]);
            boolean zeroImage = i0 == 0 && i1 == 0 && i2 == 0;
            for (int q = os; q < oe; q++) {
                double dx = x[q] - px;
                double dy = y[q] - py;
                double dz = z[q] - pz;
                double d2 = dx * dx + dy * dy + dz * dz;
                if (d2 <= rc2 && (p != q || !zeroImage)) {
                    add(p, q, i0, i1, i2, dx, dy, dz, d2);
                }
            }
        }

        private void add(int p, int q, int i0, int i1, int i2, double dx, double dy, double dz, double d2) {
            if (count == pi.length) {
                int cap = 2 * count;
                pi = Arrays.copyOf(pi, cap);
                pj = Arrays.copyOf(pj, cap);
                pimg = Arrays.copyOf(pimg, 3 * cap);
                pvec = Arrays.copyOf(pvec, 3 * cap);
                pdist = Arrays.copyOf(pdist, cap);
            }
            int c = count++;
            pi[c] = siteOf[p];
            pj[c] = siteOf[q];
            // image relative to the unwrapped coordinates: r_j + n M - r_i with r = wrapped + shift
            pimg[3 * c] = i0 - shift[3 * q] + shift[3 * p];
            pimg[3 * c + 1] = i1 - shift[3 * q + 1] + shift[3 * p + 1];
            pimg[3 * c + 2] = i2 - shift[3 * q + 2] + shift[3 * p + 2];
            pvec[3 * c] = dx;
            pvec[3 * c + 1] = dy;
            pvec[3 * c + 2] = dz;
            pdist[c] = Math.sqrt(d2);
        }

        /**
         * For each bin offset (o0, o1), the range [lo, hi] of offsets o2 whose bins can hold points closer than rc
         * (null if none): the difference of two points in bins B and B + o has fractional components in
         * [(o_k - 1)/nb_k, (o_k + 1)/nb_k], and o is useful if the shortest Cartesian vector in that box is within rc.
         * Along a line of o2 the useful offsets are contiguous (a box sliding through a ball).
         */
        private int[][] usefulOffsetRanges() {
            double[] g = new double[9]; // metric tensor G = M M^T
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    g[3 * i + j] = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
                }
            }
            int w1 = 2 * reach[1] + 1;
            int[][] out = new int[(2 * reach[0] + 1) * w1][];
            double[] lo = new double[3];
            double[] hi = new double[3];
            double limit = rc2 * (1 + 1e-9) + 1e-12;
            for (int a = -reach[0]; a <= reach[0]; a++) {
                for (int b = -reach[1]; b <= reach[1]; b++) {
                    int first = Integer.MAX_VALUE;
                    int lastUseful = Integer.MIN_VALUE;
                    for (int c = -reach[2]; c <= reach[2]; c++) {
                        lo[0] = (a - 1.0) / nb[0];
                        hi[0] = (a + 1.0) / nb[0];
                        lo[1] = (b - 1.0) / nb[1];
                        hi[1] = (b + 1.0) / nb[1];
                        lo[2] = (c - 1.0) / nb[2];
                        hi[2] = (c + 1.0) / nb[2];
                        if (BoxQuadratic.minimum(g, lo, hi) <= limit) {
                            first = Math.min(first, c);
                            lastUseful = c;
                        }
                    }
                    if (first <= lastUseful) {
                        out[(a + reach[0]) * w1 + (b + reach[1])] = new int[] { first, lastUseful };
                    }
                }
            }
            return out;
        }

    }

    /** Minimum of the positive definite quadratic form u^T G u over a box lo &lt;= u &lt;= hi (3 variables). */
    static final class BoxQuadratic {
        private BoxQuadratic() {
        }

        /**
         * Enumerates the 27 active sets (each variable at its lower bound, its upper bound or free); the constrained
         * minimum is the feasible stationary point of lowest value among them.
         */
        static double minimum(double[] g, double[] lo, double[] hi) {
            if (lo[0] <= 0 && hi[0] >= 0 && lo[1] <= 0 && hi[1] >= 0 && lo[2] <= 0 && hi[2] >= 0) {
                return 0;
            }
            double best = Double.POSITIVE_INFINITY;
            double[] u = new double[3];
            int[] free = new int[3];
            for (int pattern = 0; pattern < 26; pattern++) { // 26 = all free, handled above
                int nFree = 0;
                int p = pattern;
                for (int d = 0; d < 3; d++) {
                    int state = p % 3;
                    p /= 3;
                    if (state == 2) {
                        free[nFree++] = d;
                    } else {
                        u[d] = state == 0 ? lo[d] : hi[d];
                    }
                }
                if (!solveFree(g, u, free, nFree, lo, hi)) {
                    continue;
                }
                double v = 0;
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        v += u[i] * g[3 * i + j] * u[j];
                    }
                }
                best = Math.min(best, v);
            }
            return best;
        }

        /** Sets the free components to the unconstrained minimiser; false if it leaves the box. */
        private static boolean solveFree(double[] g, double[] u, int[] free, int nFree, double[] lo, double[] hi) {
            if (nFree == 0) {
                return true;
            }
            // gradient condition for free f: sum_j G_fj u_j = 0
            if (nFree == 1) {
                int f = free[0];
                double rhs = 0;
                for (int j = 0; j < 3; j++) {
                    if (j != f) {
                        rhs -= g[3 * f + j] * u[j];
                    }
                }
                u[f] = rhs / g[3 * f + f];
            } else {
                int f0 = free[0];
                int f1 = free[1];
                int x = 3 - f0 - f1; // the fixed one
                double r0 = -g[3 * f0 + x] * u[x];
                double r1 = -g[3 * f1 + x] * u[x];
                double a = g[3 * f0 + f0];
                double b = g[3 * f0 + f1];
                double d = g[3 * f1 + f1];
                double det = a * d - b * b;
                u[f0] = (r0 * d - b * r1) / det;
                u[f1] = (a * r1 - b * r0) / det;
            }
            for (int k = 0; k < nFree; k++) {
                int f = free[k];
                if (u[f] < lo[f] - 1e-12 || u[f] > hi[f] + 1e-12) {
                    return false;
                }
            }
            return true;
        }
    }
}
