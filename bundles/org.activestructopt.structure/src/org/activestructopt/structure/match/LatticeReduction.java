package org.activestructopt.structure.match;

/**
 * Lattice basis reductions: LLL (for short, nearly orthogonal bases in which 27 periodic images find the shortest
 * vector) and Niggli (the unique reduced cell, so that two descriptions of one lattice give the same cell
 * parameters). Bases are 3x3 arrays whose rows are the lattice vectors.
 */
final class LatticeReduction {

    /** Lovász parameter of the LLL reduction (the customary 3/4, also pymatgen's). */
    private static final double LLL_DELTA = 0.75;

    /** Relative tolerance of the Niggli conditions, scaled by V^(1/3) as in Grosse-Kunstleve et al. */
    static final double NIGGLI_TOL = 1e-5;

    private static final int NIGGLI_MAX_STEPS = 100;

    private LatticeReduction() {
    }

    /** An LLL-reduced basis and the integer matrix T with {@code reduced = T · original}. */
    record Lll(double[][] basis, double[][] transform) {
    }

    /** Lenstra–Lenstra–Lovász reduction with size reduction by rounding and the Lovász condition at 3/4. */
    static Lll lll(double[][] original) {
        double[][] b = Mat3.copy(original);
        double[][] t = Mat3.identity();
        double[][] mu = new double[3][3];
        double[] norm2 = new double[3];
        gramSchmidt(b, mu, norm2);
        int k = 1;
        while (k < 3) {
            for (int j = k - 1; j >= 0; j--) {
                double q = Math.rint(mu[k][j]);
                if (q != 0) {
                    for (int c = 0; c < 3; c++) {
                        b[k][c] -= q * b[j][c];
                        t[k][c] -= q * t[j][c];
                    }
                    for (int l = 0; l < j; l++) {
                        mu[k][l] -= q * mu[j][l];
                    }
                    mu[k][j] -= q;
                }
            }
            if (norm2[k] >= (LLL_DELTA - mu[k][k - 1] * mu[k][k - 1]) * norm2[k - 1]) {
                k++;
            } else {
                swapRows(b, k, k - 1);
                swapRows(t, k, k - 1);
                gramSchmidt(b, mu, norm2);
                k = Math.max(k - 1, 1);
            }
        }
        return new Lll(b, t);
    }

    private static void gramSchmidt(double[][] b, double[][] mu, double[] norm2) {
        double[][] star = new double[3][];
        for (int i = 0; i < 3; i++) {
            star[i] = b[i].clone();
            for (int j = 0; j < i; j++) {
                mu[i][j] = Mat3.dot(b[i], star[j]) / norm2[j];
                for (int c = 0; c < 3; c++) {
                    star[i][c] -= mu[i][j] * star[j][c];
                }
            }
            norm2[i] = Mat3.dot(star[i], star[i]);
        }
    }

    private static void swapRows(double[][] m, int i, int j) {
        double[] tmp = m[i];
        m[i] = m[j];
        m[j] = tmp;
    }

    /**
     * Niggli reduction by the numerically stable algorithm of R. W. Grosse-Kunstleve, N. K. Sauter and P. D. Adams,
     * Acta Cryst. A60 (2004) 1–6, steps A1–A8 on the metric tensor, starting from the LLL-reduced basis (which makes
     * skewed cells converge in a few steps). The integer transformation is tracked, so the result is a basis of the
     * same lattice; it is made right-handed by inverting all three vectors if necessary.
     *
     * @param basis rows a, b, c
     * @param tol relative tolerance (the absolute one is {@code tol · V^(1/3)} in units of length squared)
     * @return the Niggli-reduced basis (rows)
     */
    static double[][] niggli(double[][] basis, double tol) {
        return niggli(basis, tol, false);
    }

    /**
     * @param pymatgenStepOrder if true, reproduce pymatgen's implementation (up to at least 2025), which after step
     *            A1 still tests A2 and picks the A3/A4 signs with the metric values from before A1. It then sometimes
     *            stops at a cell that is not Niggli-reduced (lengths out of order, angles mixing acute and obtuse);
     *            the matcher reproduces this, because the cell choice feeds into pymatgen's verdicts.
     */
    private static double[][] niggli(double[][] basis, double tol, boolean pymatgenStepOrder) {
        double[][] start = lll(basis).basis();
        double eps = tol * Math.cbrt(Math.abs(Mat3.det(start)));
        double[][] g = Mat3.multiply(start, Mat3.transpose(start));
        double[][] t = Mat3.identity(); // current basis = t · start
        for (int step = 0; step < NIGGLI_MAX_STEPS; step++) {
            double a = g[0][0], b = g[1][1], c = g[2][2];
            double xi = 2 * g[1][2], eta = 2 * g[0][2], zeta = 2 * g[0][1];
            // A1: order a <= b
            if (a > b + eps || (Math.abs(a - b) < eps && Math.abs(xi) > Math.abs(eta) + eps)) {
                double[][] m = { { 0, -1, 0 }, { -1, 0, 0 }, { 0, 0, -1 } };
                g = transform(g, m);
                t = Mat3.multiply(Mat3.transpose(m), t);
                if (!pymatgenStepOrder) {
                    a = g[0][0];
                    b = g[1][1];
                    c = g[2][2];
                    xi = 2 * g[1][2];
                    eta = 2 * g[0][2];
                    zeta = 2 * g[0][1];
                }
            }
            // A2: order b <= c, then start again
            if (b > c + eps || (Math.abs(b - c) < eps && Math.abs(eta) > Math.abs(zeta) + eps)) {
                double[][] m = { { -1, 0, 0 }, { 0, 0, -1 }, { 0, -1, 0 } };
                g = transform(g, m);
                t = Mat3.multiply(Mat3.transpose(m), t);
                continue;
            }
            // A3/A4: make the three angles all acute or all non-acute
            int l = signOrZero(xi, eps), mm = signOrZero(eta, eps), n = signOrZero(zeta, eps);
            int[] flip;
            if (l * mm * n == 1) {
                flip = new int[] { l == -1 ? -1 : 1, mm == -1 ? -1 : 1, n == -1 ? -1 : 1 };
            } else {
                flip = new int[] { l == 1 ? -1 : 1, mm == 1 ? -1 : 1, n == 1 ? -1 : 1 };
                if (flip[0] * flip[1] * flip[2] == -1) {
                    if (n == 0) {
                        flip[2] = -1;
                    } else if (mm == 0) {
                        flip[1] = -1;
                    } else if (l == 0) {
                        flip[0] = -1;
                    }
                }
            }
            double[][] d = { { flip[0], 0, 0 }, { 0, flip[1], 0 }, { 0, 0, flip[2] } };
            g = transform(g, d);
            t = Mat3.multiply(d, t);
            a = g[0][0];
            b = g[1][1];
            xi = 2 * g[1][2];
            eta = 2 * g[0][2];
            zeta = 2 * g[0][1];
            double[][] m = null;
            if (Math.abs(xi) > b + eps || (Math.abs(xi - b) < eps && 2 * eta < zeta - eps)
                    || (Math.abs(xi + b) < eps && zeta < -eps)) { // A5
                m = new double[][] { { 1, 0, 0 }, { 0, 1, -Math.signum(xi) }, { 0, 0, 1 } };
            } else if (Math.abs(eta) > a + eps || (Math.abs(a - eta) < eps && 2 * xi < zeta - eps)
                    || (Math.abs(a + eta) < eps && zeta < -eps)) { // A6
                m = new double[][] { { 1, 0, -Math.signum(eta) }, { 0, 1, 0 }, { 0, 0, 1 } };
            } else if (Math.abs(zeta) > a + eps || (Math.abs(a - zeta) < eps && 2 * xi < eta - eps)
                    || (Math.abs(a + zeta) < eps && eta < -eps)) { // A7
                m = new double[][] { { 1, -Math.signum(zeta), 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
            } else {
                double sum = xi + eta + zeta + a + b;
                if (sum < -eps || (Math.abs(sum) < eps && eps < zeta + 2 * (a + eta))) { // A8
                    m = new double[][] { { 1, 0, 1 }, { 0, 1, 1 }, { 0, 0, 1 } };
                }
            }
            if (m == null) {
                break;
            }
            g = transform(g, m);
            t = Mat3.multiply(Mat3.transpose(m), t);
        }
        double[][] reduced = Mat3.multiply(t, start);
        return Mat3.det(reduced) < 0 ? Mat3.scaled(reduced, -1) : reduced;
    }

    /**
     * The reduced cell exactly as pymatgen's {@code get_niggli_reduced_lattice} returns it, which the matcher needs to
     * reproduce pymatgen's verdicts: the reduction runs in pymatgen's step order (see
     * {@link #niggli(double[][], double, boolean)}), and among the bases with the resulting cell parameters the first
     * one of the input lattice in pymatgen's lattice-point order is taken (lengths within a relative
     * {@code tol·V^(1/3)}, angles within 1 degree), inverted if left-handed. Lattices with equal lengths (cubic,
     * tetragonal, hexagonal ...) have several such bases related by lattice symmetries, and the primitive-cell search
     * with its per-axis tolerances can accept in one and reject in another.
     *
     * @param basis rows a, b, c
     * @return a (nearly always Niggli-) reduced, right-handed basis of the same lattice
     */
    static double[][] niggliAsPymatgen(double[][] basis) {
        double[][] reduced = niggli(basis, NIGGLI_TOL, true);
        double eps = NIGGLI_TOL * Math.cbrt(Math.abs(Mat3.det(basis)));
        double[][] found = LatticeMapper.firstMapping(basis, Mat3.parameters(reduced), eps, 1.0);
        if (found == null) {
            return reduced; // cannot happen for a valid reduction: the reduced basis itself qualifies
        }
        return Mat3.det(found) < 0 ? Mat3.scaled(found, -1) : found;
    }

    /** @return Mᵀ G M, the metric tensor after the basis change whose new vectors are the columns of M */
    private static double[][] transform(double[][] g, double[][] m) {
        return Mat3.multiply(Mat3.transpose(m), Mat3.multiply(g, m));
    }

    private static int signOrZero(double x, double eps) {
        return Math.abs(x) < eps ? 0 : (x > 0 ? 1 : -1);
    }
}
