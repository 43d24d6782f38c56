package org.activestructopt.api;

import java.util.Objects;

import org.activestructopt.spectra.Spectrum;

/**
 * A simulated spectrum y(x_k), k = 0..M-1, of an N-site structure together with its derivatives: dy_k / df_{i,a}
 * w.r.t. fractional coordinate a of site i, and dy_k / dL_{b,c} w.r.t. entry (b, c) of the lattice matrix (rows are the
 * lattice vectors in angstrom, differentiated with fractional coordinates held fixed).
 * <p>
 * Least-squares refinements use the full matrices ({@link #fracMatrix()}, {@link #latticeMatrix()}); gradient methods
 * need only {@link #pullBack(double[])}. Immutable.
 */
public final class SpectrumJacobian {

    private final Spectrum spectrum;
    private final int atoms;
    private final double[] dFrac; // [k][3i+a], row-major
    private final double[] dLattice; // [k][3b+c], row-major

    private SpectrumJacobian(Spectrum spectrum, int atoms, double[] dFrac, double[] dLattice) {
        this.spectrum = spectrum;
        this.atoms = atoms;
        this.dFrac = dFrac;
        this.dLattice = dLattice;
    }

    /**
     * @param spectrum the simulated spectrum, M points
     * @param atoms    N, the number of sites of the structure
     * @param dFrac    M x 3N derivatives, row-major: entry {@code [k * 3N + 3i + a]} is dy_k / df_{i,a}
     * @param dLattice M x 9 derivatives, row-major: entry {@code [k * 9 + 3b + c]} is dy_k / dL_{b,c}
     * @throws IllegalArgumentException if an array length does not match M and N
     */
    public static SpectrumJacobian of(Spectrum spectrum, int atoms, double[] dFrac, double[] dLattice) {
        Objects.requireNonNull(spectrum, "spectrum");
        int m = spectrum.size();
        if (atoms < 1) {
            throw new IllegalArgumentException("a Jacobian needs at least one site, got " + atoms);
        }
        if (dFrac.length != (long) m * 3 * atoms) {
            throw new IllegalArgumentException("fractional-coordinate Jacobian has " + dFrac.length
                    + " entries, expected " + m + " points x " + (3 * atoms) + " coordinates");
        }
        if (dLattice.length != m * 9) {
            throw new IllegalArgumentException("lattice Jacobian has " + dLattice.length + " entries, expected " + m
                    + " points x 9 lattice entries");
        }
        return new SpectrumJacobian(spectrum, atoms, dFrac.clone(), dLattice.clone());
    }

    /** @return the simulated spectrum */
    public Spectrum spectrum() {
        return spectrum;
    }

    /** @return M, the number of spectrum points */
    public int points() {
        return spectrum.size();
    }

    /** @return N, the number of sites */
    public int atoms() {
        return atoms;
    }

    /** @return dy_k / df_{i,a} */
    public double dFrac(int k, int i, int a) {
        checkIndex(k, i, a, atoms);
        return dFrac[(k * atoms + i) * 3 + a];
    }

    /** @return dy_k / dL_{b,c} */
    public double dLattice(int k, int b, int c) {
        checkIndex(k, b, c, 3);
        return dLattice[k * 9 + 3 * b + c];
    }

    private void checkIndex(int k, int i, int a, int n) {
        Objects.checkIndex(k, points());
        Objects.checkIndex(i, n);
        Objects.checkIndex(a, 3);
    }

    /** @return M x 3N matrix, column {@code 3i + a} is d y / df_{i,a} (a copy) */
    public double[][] fracMatrix() {
        return rows(dFrac, 3 * atoms);
    }

    /** @return M x 9 matrix, column {@code 3b + c} is d y / dL_{b,c} (a copy) */
    public double[][] latticeMatrix() {
        return rows(dLattice, 9);
    }

    private double[][] rows(double[] flat, int width) {
        double[][] out = new double[points()][width];
        for (int k = 0; k < out.length; k++) {
            System.arraycopy(flat, k * width, out[k], 0, width);
        }
        return out;
    }

    /**
     * The chain rule for a scalar loss of the spectrum: given w_k = dLoss/dy_k, returns dLoss/df and dLoss/dL,
     * i.e. sum_k w_k dy_k/d(parameter).
     *
     * @param dLossDy M weights, one per spectrum point
     * @throws IllegalArgumentException if the length is not M
     */
    public StructureGradient pullBack(double[] dLossDy) {
        int m = points();
        if (dLossDy.length != m) {
            throw new IllegalArgumentException("pullBack needs " + m + " weights (one per point), got "
                    + dLossDy.length);
        }
        double[][] gf = new double[atoms][3];
        double[][] gl = new double[3][3];
        for (int k = 0; k < m; k++) {
            double w = dLossDy[k];
            if (w == 0) {
                continue;
            }
            int base = k * 3 * atoms;
            for (int i = 0; i < atoms; i++) {
                for (int a = 0; a < 3; a++) {
                    gf[i][a] += w * dFrac[base + 3 * i + a];
                }
            }
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 3; c++) {
                    gl[b][c] += w * dLattice[k * 9 + 3 * b + c];
                }
            }
        }
        return StructureGradient.of(gf, gl);
    }

    @Override
    public String toString() {
        return "SpectrumJacobian[" + points() + " points x (" + (3 * atoms) + " fractional + 9 lattice)]";
    }
}
