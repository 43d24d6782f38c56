package org.activestructopt.structure;

import java.util.Locale;
import java.util.Objects;

/**
 * The soft distance constraint of ActiveStructOpt: a steep repulsion between sites closer than their allowed minimum
 * distance r<sub>min</sub> ({@link MinimumDistances}), added to the acquisition objective so that gradient-based
 * search is pushed away from unphysical structures. With r the distance of a neighbour pair (i, j, image),
 *
 * <pre>
 *   P = (1 / (scale * norm)) * sum over ordered pairs with r &lt; r_min of ((r_min / r)^12 - 1)
 * </pre>
 *
 * Each unordered pair appears twice in the sum, as (i, j, n) and (j, i, -n). Two normalisations are offered:
 * <ul>
 * <li>{@linkplain #of(MinimumDistances) per site} (default): norm = number of sites. The value does not depend on any
 * graph cutoff, only pairs within r<sub>min</sub> have to be found, and P is continuous in the coordinates.</li>
 * <li>{@linkplain #normalisedPerEdge(double) per edge}, ActiveStructOpt's {@code lj_repulsion}: norm = number of
 * ordered pairs within the surrogate's graph cutoff (8 Angstrom in its configurations), which equals its
 * "mean over graph edges of ((r_min/r)^12 if r &lt; r_min else 1), minus 1" (ignoring any cap on neighbours per
 * atom of the graph). The count is piecewise constant, so P jumps when a pair crosses the graph cutoff; the gradient
 * below treats the count as constant.</li>
 * </ul>
 * The per-site value is larger than the per-edge one by the mean number of neighbours within the graph cutoff
 * (about 100-200 at 8 Angstrom in dense solids), so a weight tuned for ActiveStructOpt's {@code constraint_scale}
 * carries over only with per-edge normalisation. The default scale is ActiveStructOpt's 40. Each term is continuous at r = r<sub>min</sub> (it is 0 there) but its
 * slope jumps from -12/r<sub>min</sub> to 0, as in the original.
 * <p>
 * Gradients are analytic: with respect to the fractional coordinates (N x 3) and to the lattice matrix (3 x 3, rows
 * a, b, c) at fixed fractional coordinates, which are the two parameter blocks of a {@link Structure}; the Cartesian
 * gradient at fixed lattice is provided as well. Immutable and thread safe.
 */
public final class RepulsionPenalty {

    /** ActiveStructOpt's default divisor of the penalty. */
    public static final double DEFAULT_SCALE = 40;

    /** Distances below this (Angstrom) are two sites on top of each other, where the penalty overflows. */
    private static final double COINCIDENT = 1e-6;

    private final MinimumDistances limits;
    private final double scale;
    private final double graphCutoff; // NaN: per-site normalisation

    private RepulsionPenalty(MinimumDistances limits, double scale, double graphCutoff) {
        this.limits = limits;
        this.scale = scale;
        this.graphCutoff = graphCutoff;
    }

    /** @return the per-site normalised penalty with scale {@value #DEFAULT_SCALE} */
    public static RepulsionPenalty of(MinimumDistances limits) {
        return new RepulsionPenalty(Objects.requireNonNull(limits, "limits"), DEFAULT_SCALE, Double.NaN);
    }

    /**
     * @param newScale divisor of the penalty, positive
     * @return a copy with another scale
     */
    public RepulsionPenalty withScale(double newScale) {
        if (!(newScale > 0) || !Double.isFinite(newScale)) {
            throw new IllegalArgumentException("Penalty scale must be positive and finite, got " + newScale);
        }
        return new RepulsionPenalty(limits, newScale, graphCutoff);
    }

    /**
     * @param cutoff graph cutoff in Angstrom whose ordered pair count normalises the penalty (ActiveStructOpt: 8)
     * @return a copy normalised per graph edge, as ActiveStructOpt's {@code lj_repulsion}
     */
    public RepulsionPenalty normalisedPerEdge(double cutoff) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("Graph cutoff must be positive and finite, got " + cutoff);
        }
        return new RepulsionPenalty(limits, scale, cutoff);
    }

    /** @return a copy normalised per site (the default) */
    public RepulsionPenalty normalisedPerSite() {
        return new RepulsionPenalty(limits, scale, Double.NaN);
    }

    /** @return the minimum distances used */
    public MinimumDistances limits() {
        return limits;
    }

    /** @return the divisor of the penalty */
    public double scale() {
        return scale;
    }

    /** @return the graph cutoff of per-edge normalisation, or NaN for per-site normalisation */
    public double graphCutoff() {
        return graphCutoff;
    }

    /** @return the penalty P of {@code s} (0 when no pair is closer than allowed) */
    public double value(Structure s) {
        return compute(s, false).value;
    }

    /** @return the penalty and its gradients */
    public Evaluation evaluate(Structure s) {
        return compute(s, true);
    }

    private Evaluation compute(Structure s, boolean withGradient) {
        int n = s.size();
        double[] gCart = withGradient ? new double[3 * n] : null;
        double[] gLat = withGradient ? new double[9] : null;
        double rcMin = limits.maxFor(s.species());
        boolean perEdge = !Double.isNaN(graphCutoff);
        if (n == 0 || (rcMin == 0 && !perEdge)) {
            return new Evaluation(0, s, gCart, gLat);
        }
        NeighborList nl = NeighborList.of(s, perEdge ? Math.max(graphCutoff, rcMin) : rcMin);
        int[] z = MinimumDistances.zIndices(s);
        double[] f = s.rawFrac();
        double sum = 0;
        int edges = 0;
        // accumulate the raw sum and its gradient, normalise at the end
        for (int k = 0; k < nl.size(); k++) {
            double r = nl.distance(k);
            if (perEdge && r <= graphCutoff) {
                edges++;
            }
            int i = nl.center(k);
            int j = nl.neighbor(k);
            double rmin = limits.limit(z[i], z[j]);
            if (!(r < rmin)) {
                continue;
            }
            if (r < COINCIDENT) {
                throw new IllegalArgumentException("Sites " + i + " and " + j + " coincide (distance " + r
                        + " A): the repulsion is infinite");
            }
            double q = rmin / r;
            double q2 = q * q;
            double q4 = q2 * q2;
            double q12 = q4 * q4 * q4;
            sum += q12 - 1;
            if (withGradient) {
                // dP/dr = -12 q^12 / r; dr/dv = v / r
                double c = -12 * q12 / (r * r);
                double vx = nl.vector(k, 0);
                double vy = nl.vector(k, 1);
                double vz = nl.vector(k, 2);
                gCart[3 * j] += c * vx;
                gCart[3 * j + 1] += c * vy;
                gCart[3 * j + 2] += c * vz;
                gCart[3 * i] -= c * vx;
                gCart[3 * i + 1] -= c * vy;
                gCart[3 * i + 2] -= c * vz;
                // v = df · M with df = f_j + image - f_i, so dr/dM[a][b] = df_a v_b / r
                for (int a = 0; a < 3; a++) {
                    double df = f[3 * j + a] + nl.image(k, a) - f[3 * i + a];
                    gLat[3 * a] += c * df * vx;
                    gLat[3 * a + 1] += c * df * vy;
                    gLat[3 * a + 2] += c * df * vz;
                }
            }
        }
        double norm = scale * (perEdge ? edges : n);
        if (sum == 0 || norm == 0) {
            return new Evaluation(0, s, withGradient ? new double[3 * n] : null, withGradient ? new double[9] : null);
        }
        if (withGradient) {
            for (int k = 0; k < gCart.length; k++) {
                gCart[k] /= norm;
            }
            for (int k = 0; k < 9; k++) {
                gLat[k] /= norm;
            }
        }
        return new Evaluation(sum / norm, s, gCart, gLat);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RepulsionPenalty(%s, scale %.3g, %s)", limits, scale,
                Double.isNaN(graphCutoff) ? "per site" : String.format(Locale.ROOT, "per edge within %.3f A",
                        graphCutoff));
    }

    /** The penalty of one structure and its gradients. Immutable; array accessors return copies. */
    public static final class Evaluation {
        private final double value;
        private final Structure structure;
        private final double[] gCart; // 3N, null if value only
        private final double[] gLat; // 9

        Evaluation(double value, Structure structure, double[] gCart, double[] gLat) {
            this.value = value;
            this.structure = structure;
            this.gCart = gCart;
            this.gLat = gLat;
        }

        /** @return the penalty P */
        public double value() {
            return value;
        }

        /** @return dP/d(Cartesian position) at fixed lattice, N x 3, per Angstrom */
        public double[][] cartesianGradient() {
            double[][] g = new double[gCart.length / 3][];
            for (int i = 0; i < g.length; i++) {
                g[i] = new double[] { gCart[3 * i], gCart[3 * i + 1], gCart[3 * i + 2] };
            }
            return g;
        }

        /**
         * @return dP/d(fractional coordinate) at fixed lattice, N x 3: since r = f · M, dP/df<sub>i</sub> = M ·
         *         dP/dr<sub>i</sub>
         */
        public double[][] fracGradient() {
            double[] m = structure.lattice().rawMatrix();
            double[][] g = new double[gCart.length / 3][3];
            for (int i = 0; i < g.length; i++) {
                for (int a = 0; a < 3; a++) {
                    g[i][a] = m[3 * a] * gCart[3 * i] + m[3 * a + 1] * gCart[3 * i + 1]
                            + m[3 * a + 2] * gCart[3 * i + 2];
                }
            }
            return g;
        }

        /** @return dP/dM[a][b] for the lattice matrix M (rows a, b, c) at fixed fractional coordinates, 3 x 3 */
        public double[][] latticeGradient() {
            return new double[][] { { gLat[0], gLat[1], gLat[2] }, { gLat[3], gLat[4], gLat[5] },
                    { gLat[6], gLat[7], gLat[8] } };
        }
    }
}
