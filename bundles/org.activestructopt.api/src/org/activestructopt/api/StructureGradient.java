package org.activestructopt.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Derivative of a scalar (for example a misfit between simulated and measured spectra) with respect to the free
 * coordinates of a structure: the fractional coordinates of every site (N x 3) and the lattice matrix (3 x 3, rows are
 * the lattice vectors a, b, c in angstrom, differentiated with fractional coordinates held fixed).
 * <p>
 * Immutable; arrays are copied in and out.
 */
public final class StructureGradient {

    private final double[][] frac;
    private final double[][] lattice;

    private StructureGradient(double[][] frac, double[][] lattice) {
        this.frac = frac;
        this.lattice = lattice;
    }

    /**
     * @param frac    N x 3 derivatives w.r.t. fractional coordinates
     * @param lattice 3 x 3 derivatives w.r.t. lattice matrix entries {@code L[row][cartesian axis]}
     * @throws IllegalArgumentException naming the row of the wrong shape
     */
    public static StructureGradient of(double[][] frac, double[][] lattice) {
        return new StructureGradient(copy(frac, "frac", -1), copy(lattice, "lattice", 3));
    }

    private static double[][] copy(double[][] a, String what, int rows) {
        Objects.requireNonNull(a, what);
        if (rows >= 0 && a.length != rows) {
            throw new IllegalArgumentException(what + " gradient has " + a.length + " rows, expected " + rows);
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || a[i].length != 3) {
                throw new IllegalArgumentException(what + " gradient row " + i + " must have 3 entries");
            }
            c[i] = a[i].clone();
        }
        return c;
    }

    /** @return number of sites */
    public int size() {
        return frac.length;
    }

    /** @return N x 3 derivatives w.r.t. fractional coordinates (a copy) */
    public double[][] frac() {
        return copy(frac, "frac", -1);
    }

    /** @return the derivatives w.r.t. the fractional coordinates of site {@code i} (a copy) */
    public double[] frac(int i) {
        return frac[i].clone();
    }

    /** @return 3 x 3 derivatives w.r.t. the lattice matrix (a copy) */
    public double[][] lattice() {
        return copy(lattice, "lattice", 3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StructureGradient g && Arrays.deepEquals(frac, g.frac)
                && Arrays.deepEquals(lattice, g.lattice);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(frac) + Arrays.deepHashCode(lattice);
    }

    @Override
    public String toString() {
        return "StructureGradient[" + frac.length + " sites, lattice " + Arrays.deepToString(lattice) + "]";
    }
}
