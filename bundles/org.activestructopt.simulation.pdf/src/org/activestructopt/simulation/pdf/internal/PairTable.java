package org.activestructopt.simulation.pdf.internal;

import java.util.Arrays;
import java.util.Locale;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.NeighborList;
import org.activestructopt.structure.Structure;

/**
 * The atom pairs of a crystal that contribute to its PDF, each unordered pair once (the PDF sum runs over ordered pairs,
 * and (i, j, n) contributes exactly as (j, i, -n), so each entry carries twice the pair weight), sorted by distance so
 * that the pairs reaching a stretch of r are a contiguous range.
 * <p>
 * Per pair it stores what the Gaussian and its derivatives need: distance d, width sigma, the weight
 * {@code 2 f_i f_j / (N <f>^2)}, d(sigma^2)/dd, and the derivatives of d w.r.t. the fractional coordinates of site j
 * ({@code -} that for site i) and w.r.t. the lattice matrix.
 */
final class PairTable {

    /** Sites closer than this (angstrom) are the same site written twice, up to rounding of their coordinates. */
    private static final double COINCIDENT = 1e-4;

    final Structure structure;
    final int sites;
    final int size;
    final double cutoff;
    final double[] distance;
    final double[] sigma; // null in a bare geometry
    final double[] weight;
    final double[] dVarianceDd; // null in a bare geometry
    final int[] first; // site i
    final int[] second; // site j
    final double[] dDdFrac; // 3 per pair: dd/df_j = M v / d
    final double[] dDdLattice; // 9 per pair: dd/dM_bc = df_b v_c / d
    final double maxSigma;
    final double minSigma;

    private PairTable(Structure structure, int size, double cutoff, double[] distance, double[] sigma,
            double[] weight, double[] dVarianceDd, int[] first, int[] second, double[] dDdFrac, double[] dDdLattice) {
        this.structure = structure;
        this.sites = structure.size();
        this.size = size;
        this.cutoff = cutoff;
        this.distance = distance;
        this.sigma = sigma;
        this.weight = weight;
        this.dVarianceDd = dVarianceDd;
        this.first = first;
        this.second = second;
        this.dDdFrac = dDdFrac;
        this.dDdLattice = dDdLattice;
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        if (sigma != null) {
            for (double s : sigma) {
                max = Math.max(max, s);
                min = Math.min(min, s);
            }
        }
        this.maxSigma = max;
        this.minSigma = min;
    }

    /**
     * @param cutoff      largest pair distance needed (angstrom)
     * @param derivatives whether to store the derivatives of the distances (else those arrays are null)
     * @throws SimulationException for coincident sites, zero displacement on both sites of a pair, or a pair that
     *                             delta1/delta2 sharpen to zero width
     */
    static PairTable build(Structure s, PdfParameters p, double[] u, double cutoff, boolean derivatives)
            throws SimulationException {
        return geometry(s, cutoff, derivatives).withWidths(p, u);
    }

    /** {@link #build(Structure, PdfParameters, double[], double, boolean)} with another pair order (benchmarks). */
    static PairTable build(Structure s, PdfParameters p, double[] u, double cutoff, boolean derivatives,
            PairOrder sort) throws SimulationException {
        return geometry(s, cutoff, derivatives, sort).withWidths(p, u);
    }

    /**
     * The pairs, their distances, weights and distance derivatives, without peak widths: the part of a PDF that
     * depends on the structure only, kept by a prepared simulation across changes of U, qdamp, delta1/2 and qbroad.
     *
     * @throws SimulationException for coincident sites
     */
    static PairTable geometry(Structure s, double cutoff, boolean derivatives) throws SimulationException {
        return geometry(s, cutoff, derivatives, PairTable::sortByDistance);
    }

    static PairTable geometry(Structure s, double cutoff, boolean derivatives, PairOrder sort)
            throws SimulationException {
        int n = s.size();
        double favg = 0;
        for (int i = 0; i < n; i++) {
            favg += s.species(i).z();
        }
        favg /= n;
        double norm = 2.0 / (n * favg * favg);

        NeighborList nl = NeighborList.of(s, cutoff);
        int total = nl.size();
        int[] ci = nl.centers();
        int[] nj = nl.neighbors();
        int[] img = nl.imagesFlat();
        double[] vec = nl.vectorsFlat();
        double[] dist = nl.distances();
        double[] frac = s.fracCoordsFlat();
        double[][] m = s.lattice().matrix();

        // keep (i, j, n) with i < j, or i == j and n > 0 lexicographically: one of each mirrored pair
        int[] keep = new int[total / 2 + 1];
        int kept = 0;
        for (int k = 0; k < total; k++) {
            int i = ci[k];
            int j = nj[k];
            if (i == j ? lexPositive(img, 3 * k) : i < j) {
                if (dist[k] < COINCIDENT) {
                    throw new SimulationException(Reason.INVALID_STRUCTURE, String.format(Locale.ROOT,
                            "sites %d (%s) and %d (%s) coincide (distance %.2g angstrom)", i, s.species(i).symbol(), j,
                            s.species(j).symbol(), dist[k]));
                }
                keep[kept++] = k;
            }
        }
        int[] order = sort.sort(keep, kept, dist);

        double[] d = new double[kept];
        double[] w = new double[kept];
        int[] first = new int[kept];
        int[] second = new int[kept];
        double[] dFrac = derivatives ? new double[3 * kept] : null;
        double[] dLat = derivatives ? new double[9 * kept] : null;
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = s.species(i).z();
        }
        for (int q = 0; q < kept; q++) {
            int k = order[q];
            int i = ci[k];
            int j = nj[k];
            double dd = dist[k];
            d[q] = dd;
            w[q] = norm * z[i] * z[j];
            first[q] = i;
            second[q] = j;
            if (!derivatives) {
                continue;
            }
            double vx = vec[3 * k];
            double vy = vec[3 * k + 1];
            double vz = vec[3 * k + 2];
            for (int a = 0; a < 3; a++) {
                dFrac[3 * q + a] = (m[a][0] * vx + m[a][1] * vy + m[a][2] * vz) / dd;
                double df = frac[3 * j + a] + img[3 * k + a] - frac[3 * i + a];
                dLat[9 * q + 3 * a] = df * vx / dd;
                dLat[9 * q + 3 * a + 1] = df * vy / dd;
                dLat[9 * q + 3 * a + 2] = df * vz / dd;
            }
        }
        return new PairTable(s, kept, cutoff, d, null, w, null, first, second, dFrac, dLat);
    }

    /** @return whether this table has the distance derivatives */
    boolean hasDerivatives() {
        return dDdFrac != null;
    }

    /**
     * @return this table's pairs with the peak widths of {@code p} and the per-site U {@code u}
     * @throws SimulationException for zero displacement on both sites of a pair, or a pair that delta1/delta2
     *                             sharpen to zero width
     */
    PairTable withWidths(PdfParameters p, double[] u) throws SimulationException {
        Structure s = structure;
        double[] sig = new double[size];
        double[] dvar = new double[size];
        for (int q = 0; q < size; q++) {
            int i = first[q];
            int j = second[q];
            double dd = distance[q];
            double s0 = u[i] + u[j];
            if (!(s0 > 0)) {
                throw new SimulationException(Reason.INVALID_REQUEST, String.format(Locale.ROOT,
                        "U of %s and %s are both 0, so their pair peak would have zero width; give U > 0",
                        s.species(i).symbol(), s.species(j).symbol()));
            }
            double var = s0 * p.widthRatio(dd);
            if (!(var > 0)) {
                throw new SimulationException(Reason.INVALID_STRUCTURE, String.format(Locale.ROOT,
                        "delta1 = %g angstrom, delta2 = %g angstrom^2 sharpen the pair %s%d-%s%d at %.4f angstrom "
                                + "to zero width (1 - delta1/r - delta2/r^2 + (qbroad r)^2 = %.4g must be > 0)",
                        p.delta1(), p.delta2(), s.species(i).symbol(), i, s.species(j).symbol(), j, dd,
                        p.widthRatio(dd)));
            }
            sig[q] = Math.sqrt(var);
            dvar[q] = s0 * p.widthRatioSlope(dd);
        }
        return new PairTable(s, size, cutoff, distance, sig, weight, dvar, first, second, dDdFrac, dDdLattice);
    }

    /** Orders the pair indices {@code keep[0..n)} by their distance in {@code dist}. */
    @FunctionalInterface
    interface PairOrder {
        int[] sort(int[] keep, int n, double[] dist);
    }

    /**
     * Stable sort of the pair indices {@code keep[0..n)} by distance: a least-significant-digit radix sort on the bit
     * patterns of the distances (for non-negative doubles their order as unsigned integers is their numeric order),
     * one byte per pass, skipping bytes that all keys share. Linear in the number of pairs whatever the distances:
     * perfect supercells put thousands of pairs at exactly the same distance, which made a comparison sort inside
     * fixed-width distance buckets quadratic. Ties keep the neighbour list's order, so the table is deterministic.
     */
    static int[] sortByDistance(int[] keep, int n, double[] dist) {
        long[] key = new long[n];
        int[] idx = new int[n];
        for (int q = 0; q < n; q++) {
            idx[q] = keep[q];
            key[q] = Double.doubleToRawLongBits(dist[keep[q]]);
        }
        long[] key2 = new long[n];
        int[] idx2 = new int[n];
        int[] count = new int[257];
        for (int shift = 0; shift < 64; shift += 8) {
            Arrays.fill(count, 0);
            for (int q = 0; q < n; q++) {
                count[(int) (key[q] >>> shift & 0xff) + 1]++;
            }
            boolean trivial = false;
            for (int b = 1; b <= 256; b++) {
                if (count[b] == n) {
                    trivial = true;
                    break;
                }
            }
            if (trivial) {
                continue;
            }
            for (int b = 0; b < 256; b++) {
                count[b + 1] += count[b];
            }
            for (int q = 0; q < n; q++) {
                int t = count[(int) (key[q] >>> shift & 0xff)]++;
                key2[t] = key[q];
                idx2[t] = idx[q];
            }
            long[] tk = key;
            key = key2;
            key2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        return idx;
    }

    private static boolean lexPositive(int[] img, int o) {
        return img[o] != 0 ? img[o] > 0 : img[o + 1] != 0 ? img[o + 1] > 0 : img[o + 2] > 0;
    }

    /** @return index of the first pair with distance >= {@code r} */
    int firstAtLeast(double r) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (distance[mid] < r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Upper bound of sigma for pairs of length between {@code r} and {@code rmax}, including those beyond this
     * table's cutoff: the width ratio is at most 1 + max(0, -delta1)/r + max(0, -delta2)/r^2 + (qbroad rmax)^2.
     */
    static double sigmaBound(double maxU, PdfParameters p, double r, double rmax) {
        double ratio = 1 + Math.max(0, -p.delta1()) / r + Math.max(0, -p.delta2()) / (r * r)
                + p.qbroad() * p.qbroad() * rmax * rmax;
        return Math.sqrt(2 * maxU * ratio);
    }

    /** @return the inverse of the lattice matrix, row-major */
    static double[] inverseFlat(Lattice l) {
        double[][] inv = l.inverse();
        return new double[] { inv[0][0], inv[0][1], inv[0][2], inv[1][0], inv[1][1], inv[1][2], inv[2][0], inv[2][1],
                inv[2][2] };
    }
}
