package org.activestructopt.structure.symmetry;

import java.util.Arrays;

/**
 * A crystallographic symmetry operation (W, w) acting on fractional coordinates: x' = W x + w, with an integer
 * rotation part W (determinant +1 or -1) and a translation w stored exactly in multiples of 1/24.
 *
 * <p>Written and parsed in the notation of the International Tables and of CIF
 * ({@code _space_group_symop_operation_xyz}): {@code "x,y+1/2,-z+1/2"}, {@code "-y,x-y,z"}. {@link #equals} is exact
 * (the translation is not reduced); use {@link #equalsModuloLattice} or {@link #normalized()} to identify
 * operations that differ by a lattice translation. Immutable.
 */
public final class SymmetryOperation {

    private static final SymmetryOperation IDENTITY = new SymmetryOperation(
            new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new int[3]);

    private final int[] rotation;
    private final int[] translation;

    private SymmetryOperation(int[] rotation, int[] translation) {
        int det = Xyz.determinant(rotation);
        if (det != 1 && det != -1) {
            throw new IllegalArgumentException("'" + Xyz.format(rotation, translation)
                    + "' is not a symmetry operation: the determinant of its rotation part is " + det
                    + ", not +1 or -1");
        }
        this.rotation = rotation;
        this.translation = translation;
    }

    /** The identity x,y,z. */
    public static SymmetryOperation identity() {
        return IDENTITY;
    }

    /**
     * Parses "x,y+1/2,-z+1/2" and the variants found in CIF files: spaces, upper-case X,Y,Z, constants before the
     * variable ("1/2+x") and decimal translations that lie within 0.002 of a multiple of 1/24 ("x+0.3333").
     *
     * @throws IllegalArgumentException naming the text when it is not a triplet with integer coefficients, its
     *                                  translation is not crystallographic or its rotation part is not invertible
     *                                  over the integers
     */
    public static SymmetryOperation parse(String xyz) {
        Xyz.Parsed p = Xyz.parse(xyz);
        return new SymmetryOperation(p.matrix(), p.translation());
    }

    /**
     * @param rotation    3x3 integer matrix acting on fractional column vectors (rows of the matrix are rows)
     * @param translation fractional translation; each component must lie within 0.002 of a multiple of 1/24
     */
    public static SymmetryOperation of(int[][] rotation, double[] translation) {
        if (rotation == null || rotation.length != 3 || translation == null || translation.length != 3) {
            throw new IllegalArgumentException("a symmetry operation needs a 3x3 rotation and a 3-vector translation");
        }
        int[] m = new int[9];
        for (int i = 0; i < 3; i++) {
            if (rotation[i] == null || rotation[i].length != 3) {
                throw new IllegalArgumentException("rotation row " + i + " must have 3 entries");
            }
            System.arraycopy(rotation[i], 0, m, 3 * i, 3);
        }
        int[] t = new int[3];
        for (int i = 0; i < 3; i++) {
            t[i] = Xyz.numerator(translation[i]);
        }
        return new SymmetryOperation(m, t);
    }

    /** Package-private factory for already validated exact data. */
    static SymmetryOperation ofExact(int[] rotation, int[] translation24) {
        return new SymmetryOperation(rotation.clone(), translation24.clone());
    }

    /** Rotation part W as a new 3x3 array. */
    public int[][] rotation() {
        return Xyz.toRows(rotation);
    }

    /** Translation part w in fractional units (exact multiples of 1/24), as a new array. */
    public double[] translation() {
        return new double[] {(double) translation[0] / Xyz.DEN, (double) translation[1] / Xyz.DEN,
                (double) translation[2] / Xyz.DEN};
    }

    /** det W: +1 for proper rotations and screw axes, -1 for inversion, mirrors, glides and rotoinversions. */
    public int determinant() {
        return Xyz.determinant(rotation);
    }

    /** W x + w for a fractional point x (not wrapped into the unit cell). */
    public double[] apply(double[] frac) {
        if (frac == null || frac.length != 3) {
            throw new IllegalArgumentException("a fractional point needs 3 coordinates");
        }
        return Xyz.apply(rotation, translation, frac);
    }

    /**
     * The product this * other: the operation that applies {@code other} first and then this one, so that
     * {@code a.compose(b).apply(x)} equals {@code a.apply(b.apply(x))}. The translation is not reduced.
     */
    public SymmetryOperation compose(SymmetryOperation other) {
        Xyz.Parsed p = Xyz.compose(rotation, translation, other.rotation, other.translation);
        return new SymmetryOperation(p.matrix(), p.translation());
    }

    /** The inverse (W^-1, -W^-1 w); exact, since det W = +-1. */
    public SymmetryOperation inverse() {
        int[] m = rotation;
        int det = Xyz.determinant(m);
        int[] inv = {
            (m[4] * m[8] - m[5] * m[7]) * det, (m[2] * m[7] - m[1] * m[8]) * det, (m[1] * m[5] - m[2] * m[4]) * det,
            (m[5] * m[6] - m[3] * m[8]) * det, (m[0] * m[8] - m[2] * m[6]) * det, (m[2] * m[3] - m[0] * m[5]) * det,
            (m[3] * m[7] - m[4] * m[6]) * det, (m[1] * m[6] - m[0] * m[7]) * det, (m[0] * m[4] - m[1] * m[3]) * det};
        int[] t = new int[3];
        for (int i = 0; i < 3; i++) {
            t[i] = -(inv[3 * i] * translation[0] + inv[3 * i + 1] * translation[1] + inv[3 * i + 2] * translation[2]);
        }
        return new SymmetryOperation(inv, t);
    }

    /** The same operation with its translation reduced into [0, 1). */
    public SymmetryOperation normalized() {
        int[] t = Xyz.mod(translation);
        return Arrays.equals(t, translation) ? this : new SymmetryOperation(rotation, t);
    }

    /** True for x,y,z plus any lattice translation. */
    public boolean isIdentityModuloLattice() {
        return equalsModuloLattice(IDENTITY);
    }

    /** Same rotation part and translations differing by an integer vector. */
    public boolean equalsModuloLattice(SymmetryOperation other) {
        return Arrays.equals(rotation, other.rotation) && Arrays.equals(Xyz.mod(translation), Xyz.mod(other.translation));
    }

    /** Translation numerators over 24, for exact arithmetic inside this package. */
    int[] translation24() {
        return translation.clone();
    }

    int[] rotationFlat() {
        return rotation.clone();
    }

    /** The xyz notation, e.g. "-x+1/2,y,-z"; {@link #parse} reads it back to an equal operation. */
    public String toXyz() {
        return Xyz.format(rotation, translation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymmetryOperation s && Arrays.equals(rotation, s.rotation)
                && Arrays.equals(translation, s.translation);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rotation) + Arrays.hashCode(translation);
    }

    @Override
    public String toString() {
        return toXyz();
    }
}
