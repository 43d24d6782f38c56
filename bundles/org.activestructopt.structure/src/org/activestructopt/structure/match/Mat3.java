package org.activestructopt.structure.match;

/**
 * The few 3x3 and 3-vector operations the matcher needs on raw row-major {@code double[3][3]} arrays. Vectors are
 * row vectors, so a fractional position f maps to Cartesian {@code f · M} when M holds the lattice vectors as rows.
 */
final class Mat3 {

    private Mat3() {
    }

    static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    static double[][] inverse(double[][] m) {
        double id = 1.0 / det(m);
        return new double[][] {
                { (m[1][1] * m[2][2] - m[1][2] * m[2][1]) * id, (m[0][2] * m[2][1] - m[0][1] * m[2][2]) * id,
                        (m[0][1] * m[1][2] - m[0][2] * m[1][1]) * id },
                { (m[1][2] * m[2][0] - m[1][0] * m[2][2]) * id, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) * id,
                        (m[0][2] * m[1][0] - m[0][0] * m[1][2]) * id },
                { (m[1][0] * m[2][1] - m[1][1] * m[2][0]) * id, (m[0][1] * m[2][0] - m[0][0] * m[2][1]) * id,
                        (m[0][0] * m[1][1] - m[0][1] * m[1][0]) * id } };
    }

    /** @return a · b */
    static double[][] multiply(double[][] a, double[][] b) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
            }
        }
        return r;
    }

    /** @return the row vector v · m */
    static double[] times(double[] v, double[][] m) {
        return new double[] {
                v[0] * m[0][0] + v[1] * m[1][0] + v[2] * m[2][0],
                v[0] * m[0][1] + v[1] * m[1][1] + v[2] * m[2][1],
                v[0] * m[0][2] + v[1] * m[1][2] + v[2] * m[2][2] };
    }

    /** @return every row of {@code rows} multiplied by m */
    static double[][] timesEach(double[][] rows, double[][] m) {
        double[][] r = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            r[i] = times(rows[i], m);
        }
        return r;
    }

    static double[][] transpose(double[][] m) {
        return new double[][] { { m[0][0], m[1][0], m[2][0] }, { m[0][1], m[1][1], m[2][1] },
                { m[0][2], m[1][2], m[2][2] } };
    }

    static double[][] identity() {
        return new double[][] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    }

    static double[][] copy(double[][] m) {
        return new double[][] { m[0].clone(), m[1].clone(), m[2].clone() };
    }

    static double[][] scaled(double[][] m, double s) {
        double[][] r = copy(m);
        for (double[] row : r) {
            for (int k = 0; k < 3; k++) {
                row[k] *= s;
            }
        }
        return r;
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** @return the lengths of the three rows */
    static double[] rowLengths(double[][] m) {
        return new double[] { norm(m[0]), norm(m[1]), norm(m[2]) };
    }

    /** @return the lengths of the rows of (M⁻¹)ᵀ, the reciprocal vectors without 2π (1 / face-to-face widths) */
    static double[] reciprocalLengths(double[][] m) {
        double[][] inv = inverse(m);
        double[] r = new double[3];
        for (int i = 0; i < 3; i++) {
            r[i] = Math.sqrt(inv[0][i] * inv[0][i] + inv[1][i] * inv[1][i] + inv[2][i] * inv[2][i]);
        }
        return r;
    }

    /** @return the angle between two vectors in degrees, robust to rounding just outside [-1, 1] */
    static double angleDeg(double[] a, double[] b, double lenA, double lenB) {
        double c = dot(a, b) / (lenA * lenB);
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    /** @return {a, b, c, alpha, beta, gamma} (Angstrom, degrees) of the lattice whose vectors are the rows of m */
    static double[] parameters(double[][] m) {
        double[] len = rowLengths(m);
        return new double[] { len[0], len[1], len[2], angleDeg(m[1], m[2], len[1], len[2]),
                angleDeg(m[0], m[2], len[0], len[2]), angleDeg(m[0], m[1], len[0], len[1]) };
    }

    /**
     * @return lattice vectors (rows) with the given parameters; the orientation is arbitrary because only the metric
     *         is used
     */
    static double[][] fromParameters(double[] p) {
        double ca = Math.cos(Math.toRadians(p[3]));
        double cb = Math.cos(Math.toRadians(p[4]));
        double cg = Math.cos(Math.toRadians(p[5]));
        double sg = Math.sin(Math.toRadians(p[5]));
        double cy = (ca - cb * cg) / sg;
        double cz = Math.sqrt(Math.max(0, 1 - cb * cb - cy * cy));
        return new double[][] { { p[0], 0, 0 }, { p[1] * cg, p[1] * sg, 0 }, { p[2] * cb, p[2] * cy, p[2] * cz } };
    }

    /** @return x reduced into [0, 1) */
    static double wrap(double x) {
        double w = x - Math.floor(x);
        return w < 1.0 ? w : 0.0; // x just below an integer can round up to 1.0
    }

    /** @return the distance of x from the nearest integer, in [0, 0.5] */
    static double periodicGap(double x) {
        return Math.abs(x - Math.rint(x));
    }
}
