package org.activestructopt.structure;

import java.util.Arrays;
import java.util.Locale;

/**
 * A periodic lattice: three lattice vectors <b>a</b>, <b>b</b>, <b>c</b> (Angstrom), stored as the rows of a 3x3
 * matrix M. Fractional and Cartesian coordinates are row vectors related by {@code cart = frac · M}, as in pymatgen
 * and ASE.
 * <p>
 * Immutable; every array passed in or returned is a copy. Left-handed bases (negative determinant) are accepted, as
 * they occur after some supercell transformations; {@link #volume()} is always positive and {@link #determinant()}
 * keeps the sign.
 */
public final class Lattice {

    /** Smallest accepted |det M| relative to |a||b||c|: below this the cell is degenerate (flat). */
    private static final double MIN_RELATIVE_VOLUME = 1e-8;

    private final double[] m; // row-major 3x3
    private final double[] inv; // row-major inverse: frac = cart · inv
    private final double det;

    private Lattice(double[] m) {
        this.m = m;
        this.det = det(m);
        double la = Math.sqrt(m[0] * m[0] + m[1] * m[1] + m[2] * m[2]);
        double lb = Math.sqrt(m[3] * m[3] + m[4] * m[4] + m[5] * m[5]);
        double lc = Math.sqrt(m[6] * m[6] + m[7] * m[7] + m[8] * m[8]);
        if (!(Math.abs(det) > MIN_RELATIVE_VOLUME * la * lb * lc) || la == 0 || lb == 0 || lc == 0) {
            throw new IllegalArgumentException("Singular lattice (lattice vectors are linearly dependent): "
                    + format(m));
        }
        this.inv = invert(m, det);
    }

    private static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) + m[1] * (m[5] * m[6] - m[3] * m[8])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** Row-major inverse of a row-major 3x3 matrix by cofactors. */
    private static double[] invert(double[] m, double det) {
        double id = 1.0 / det;
        return new double[] {
                (m[4] * m[8] - m[5] * m[7]) * id, (m[2] * m[7] - m[1] * m[8]) * id, (m[1] * m[5] - m[2] * m[4]) * id,
                (m[5] * m[6] - m[3] * m[8]) * id, (m[0] * m[8] - m[2] * m[6]) * id, (m[2] * m[3] - m[0] * m[5]) * id,
                (m[3] * m[7] - m[4] * m[6]) * id, (m[1] * m[6] - m[0] * m[7]) * id, (m[0] * m[4] - m[1] * m[3]) * id };
    }

    /** Row-major inverse of a non-singular 3x3 matrix given as rows (for integer supercell matrices). */
    static double[] invert(double[][] rows) {
        double[] m = { rows[0][0], rows[0][1], rows[0][2], rows[1][0], rows[1][1], rows[1][2], rows[2][0],
                rows[2][1], rows[2][2] };
        return invert(m, det(m));
    }

    /**
     * Creates a lattice from its three vectors.
     *
     * @param rows 3x3 array whose rows are a, b, c in Angstrom
     * @throws IllegalArgumentException if the shape is not 3x3, an entry is not finite, or the vectors are linearly
     *             dependent
     */
    public static Lattice of(double[][] rows) {
        if (rows == null || rows.length != 3) {
            throw new IllegalArgumentException("Lattice matrix must have 3 rows, got "
                    + (rows == null ? "null" : rows.length));
        }
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            if (rows[i] == null || rows[i].length != 3) {
                throw new IllegalArgumentException("Lattice vector " + "abc".charAt(i) + " must have 3 components, got "
                        + (rows[i] == null ? "null" : rows[i].length));
            }
            for (int k = 0; k < 3; k++) {
                double v = rows[i][k];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Lattice vector " + "abc".charAt(i) + " component " + k
                            + " is not finite: " + v);
                }
                m[3 * i + k] = v + 0.0; // -0.0 -> 0.0, so that equals() does not tell them apart
            }
        }
        return new Lattice(m);
    }

    /**
     * Creates a lattice from cell parameters in the standard crystallographic orientation: <b>a</b> along x,
     * <b>b</b> in the xy plane, <b>c</b> completing a right-handed basis with positive z. This is the orientation of
     * ASE's {@code cellpar_to_cell}, VESTA and pymatgen's {@code Lattice.from_parameters(..., vesta=True)} (pymatgen's
     * default instead puts <b>c</b> along z; the two differ by a rotation only).
     *
     * @param a,b,c lengths in Angstrom (positive)
     * @param alphaDeg angle between b and c in degrees
     * @param betaDeg angle between a and c in degrees
     * @param gammaDeg angle between a and b in degrees
     * @throws IllegalArgumentException for non-positive lengths or angles that do not form a cell
     */
    public static Lattice fromParameters(double a, double b, double c, double alphaDeg, double betaDeg,
            double gammaDeg) {
        for (double len : new double[] { a, b, c }) {
            if (!(len > 0) || !Double.isFinite(len)) {
                throw new IllegalArgumentException("Lattice lengths must be positive and finite, got a=" + a + " b=" + b
                        + " c=" + c);
            }
        }
        for (double ang : new double[] { alphaDeg, betaDeg, gammaDeg }) {
            if (!(ang > 0 && ang < 180)) {
                throw new IllegalArgumentException("Lattice angles must lie in (0, 180) degrees, got alpha=" + alphaDeg
                        + " beta=" + betaDeg + " gamma=" + gammaDeg);
            }
        }
        double ca = cosDeg(alphaDeg);
        double cb = cosDeg(betaDeg);
        double cg = cosDeg(gammaDeg);
        double sg = sinDeg(gammaDeg);
        double cx = cb;
        double cy = (ca - cb * cg) / sg;
        double cz2 = 1 - cx * cx - cy * cy;
        if (!(cz2 > 0)) {
            throw new IllegalArgumentException("Angles alpha=" + alphaDeg + " beta=" + betaDeg + " gamma=" + gammaDeg
                    + " do not form a cell (each must be smaller than the sum of the other two, and their sum < 360)");
        }
        return new Lattice(new double[] {
                a, 0, 0,
                b * cg, b * sg, 0,
                c * cx, c * cy, c * Math.sqrt(cz2) });
    }

    /** @return a cubic lattice with edge {@code a} (Angstrom) */
    public static Lattice cubic(double a) {
        return orthorhombic(a, a, a);
    }

    /** @return a tetragonal lattice (a = b, all angles 90 degrees) */
    public static Lattice tetragonal(double a, double c) {
        return orthorhombic(a, a, c);
    }

    /** @return an orthorhombic lattice with vectors along x, y and z */
    public static Lattice orthorhombic(double a, double b, double c) {
        return fromParameters(a, b, c, 90, 90, 90);
    }

    /** @return a hexagonal lattice (a = b, gamma = 120 degrees, c along z) */
    public static Lattice hexagonal(double a, double c) {
        return fromParameters(a, a, c, 90, 90, 120);
    }

    /** @return a copy of the matrix whose rows are a, b, c (Angstrom) */
    public double[][] matrix() {
        return rows(m);
    }

    /** @return a copy of lattice vector {@code i} (0 = a, 1 = b, 2 = c) */
    public double[] vector(int i) {
        checkAxis(i);
        return new double[] { m[3 * i], m[3 * i + 1], m[3 * i + 2] };
    }

    /** @return |a| in Angstrom */
    public double a() {
        return length(0);
    }

    /** @return |b| in Angstrom */
    public double b() {
        return length(1);
    }

    /** @return |c| in Angstrom */
    public double c() {
        return length(2);
    }

    /** @return the angle between b and c in degrees */
    public double alpha() {
        return angle(1, 2);
    }

    /** @return the angle between a and c in degrees */
    public double beta() {
        return angle(0, 2);
    }

    /** @return the angle between a and b in degrees */
    public double gamma() {
        return angle(0, 1);
    }

    /** @return the cell volume in cubic Angstrom (always positive) */
    public double volume() {
        return Math.abs(det);
    }

    /** @return det M = a · (b × c), negative for a left-handed basis */
    public double determinant() {
        return det;
    }

    /** @return {@code frac · M}: Cartesian coordinates (Angstrom) of a fractional position */
    public double[] toCartesian(double[] frac) {
        check3(frac, "fractional coordinates");
        return mul(frac, m);
    }

    /** @return {@code cart · M⁻¹}: fractional coordinates of a Cartesian position (Angstrom) */
    public double[] toFractional(double[] cart) {
        check3(cart, "Cartesian coordinates");
        return mul(cart, inv);
    }

    /** @return a copy of M⁻¹, so that {@code frac = cart · M⁻¹} */
    public double[][] inverse() {
        return rows(inv);
    }

    /**
     * @return the reciprocal lattice without the factor 2&pi;: rows a*, b*, c* with a<sub>i</sub> · a*<sub>j</sub> =
     *         &delta;<sub>ij</sub>, i.e. (M⁻¹)<sup>T</sup>
     */
    public double[][] reciprocalMatrix() {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = inv[3 * j + i];
            }
        }
        return r;
    }

    /**
     * Distances between opposite faces of the cell: width<sub>i</sub> = V / |a<sub>j</sub> × a<sub>k</sub>| =
     * 1 / |a*<sub>i</sub>|. A sphere of radius r centred in the cell needs ceil(r / width<sub>i</sub>) periodic images
     * along axis i; cell lists use these widths to size bins on skewed cells.
     *
     * @return {width along a, width along b, width along c} in Angstrom
     */
    public double[] perpendicularWidths() {
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) {
            // row i of (M^-1)^T is column i of M^-1
            double x = inv[i];
            double y = inv[3 + i];
            double z = inv[6 + i];
            w[i] = 1.0 / Math.sqrt(x * x + y * y + z * z);
        }
        return w;
    }

    /**
     * Compares lattice vectors component by component (so the same cell in another orientation or another choice of
     * basis is <em>not</em> equal).
     *
     * @param tol largest allowed difference of any matrix entry, in Angstrom
     */
    public boolean approxEquals(Lattice other, double tol) {
        if (other == null) {
            return false;
        }
        for (int k = 0; k < 9; k++) {
            if (!(Math.abs(m[k] - other.m[k]) <= tol)) {
                return false;
            }
        }
        return true;
    }

    /** Exact equality of the lattice matrices. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Lattice l && Arrays.equals(m, l.m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    /** @return e.g. {@code Lattice(a=3.6150 b=3.6150 c=3.6150 alpha=90.000 beta=90.000 gamma=90.000)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Lattice(a=%.4f b=%.4f c=%.4f alpha=%.3f beta=%.3f gamma=%.3f)", a(), b(),
                c(), alpha(), beta(), gamma());
    }

    /** Package-private view of the row-major matrix for hot loops; callers must not modify it. */
    double[] rawMatrix() {
        return m;
    }

    /** Package-private view of the row-major inverse for hot loops; callers must not modify it. */
    double[] rawInverse() {
        return inv;
    }

    private double length(int i) {
        return Math.sqrt(m[3 * i] * m[3 * i] + m[3 * i + 1] * m[3 * i + 1] + m[3 * i + 2] * m[3 * i + 2]);
    }

    private double angle(int i, int j) {
        double dot = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
        double cos = Math.max(-1, Math.min(1, dot / (length(i) * length(j))));
        return Math.toDegrees(Math.acos(cos));
    }

    /** cos of an angle in degrees, exact (0) for 90 degrees so that orthogonal cells have no 6e-17 entries. */
    private static double cosDeg(double deg) {
        return deg == 90 ? 0 : Math.cos(Math.toRadians(deg));
    }

    private static double sinDeg(double deg) {
        return deg == 90 ? 1 : Math.sin(Math.toRadians(deg));
    }

    private static double[] mul(double[] v, double[] mat) {
        return new double[] {
                v[0] * mat[0] + v[1] * mat[3] + v[2] * mat[6],
                v[0] * mat[1] + v[1] * mat[4] + v[2] * mat[7],
                v[0] * mat[2] + v[1] * mat[5] + v[2] * mat[8] };
    }

    private static double[][] rows(double[] mat) {
        return new double[][] { { mat[0], mat[1], mat[2] }, { mat[3], mat[4], mat[5] }, { mat[6], mat[7], mat[8] } };
    }

    private static void check3(double[] v, String what) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException("Expected 3 " + what + ", got " + (v == null ? "null" : v.length));
        }
    }

    private static void checkAxis(int i) {
        if (i < 0 || i > 2) {
            throw new IllegalArgumentException("Lattice vector index must be 0, 1 or 2, got " + i);
        }
    }

    private static String format(double[] mat) {
        return Arrays.deepToString(rows(mat));
    }
}
