package org.activestructopt.spectra.xas;

import java.util.Objects;

import org.activestructopt.spectra.internal.Texts;

/**
 * Constants and small helpers shared by the XAS processing steps, with Larch's definitions (larch.xafs.xafsutils,
 * larch.math, Larch 0.9.58).
 */
public final class Xas {

    /**
     * hbar^2 / (2 m_e e) in eV angstrom^2, so that {@code E - E0 = KTOE k^2}: Larch's {@code KTOE}, from the CODATA
     * 2018 constants of scipy 1.10.
     */
    public static final double KTOE = 3.8099821161548597;

    /** 1 / {@link #KTOE}: {@code k^2 = ETOK (E - E0)}. */
    public static final double ETOK = 1 / KTOE;

    /** The fewest points a mu(E) scan may have; below that no edge and no pre-/post-edge ranges can be told apart. */
    public static final int MIN_POINTS = 10;

    private Xas() {
    }

    /** @return the photo-electron wavenumber, 1/angstrom, of an energy above the edge (eV) */
    public static double etok(double energyAboveEdge) {
        return Math.sqrt(energyAboveEdge * ETOK);
    }

    /** @return the energy above the edge, eV, of a wavenumber k (1/angstrom) */
    public static double ktoe(double k) {
        return k * k * KTOE;
    }

    /**
     * The edge energy E0 as Larch 0.9.58's {@code find_e0} finds it: the energy of the largest derivative
     * {@code dmu/dE} (numpy.gradient of mu over numpy.gradient of E) among points whose derivative and both
     * neighbours' exceed a tenth of the largest derivative, ignoring the first and last {@code max(3, n/20)} points,
     * where scans often start and end with glitches. (Later Larch versions smooth the derivative first; 0.9.58 does
     * not, and neither does this.)
     *
     * @throws IllegalArgumentException if the arrays are unusable (see {@link #check(double[], double[])}) or no
     *                                  point qualifies (no rising edge inside the data)
     */
    public static double findE0(double[] energy, double[] mu) {
        check(energy, mu);
        return energy[e0Index(energy, mu)];
    }

    static int e0Index(double[] energy, double[] mu) {
        int n = energy.length;
        double[] dmu = derivative(energy, mu);
        int nmin = Math.max(3, (int) (n * 0.05));
        double max = Double.NEGATIVE_INFINITY;
        for (int i = nmin; i < n - nmin; i++) {
            max = Math.max(max, dmu[i]);
        }
        boolean[] high = new boolean[n];
        for (int i = 0; i < n; i++) {
            high[i] = dmu[i] > max * 0.1;
        }
        int best = -1;
        double bestValue = 0;
        for (int i = 0; i < n; i++) {
            if (!high[i] || i < nmin || i > n - nmin) {
                continue;
            }
            if (dmu[i] > bestValue && i + 1 < n && high[i + 1] && high[i - 1]) {
                best = i;
                bestValue = dmu[i];
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no absorption edge found in mu(E) over energy "
                    + Texts.number(energy[0]) + "-" + Texts.number(energy[n - 1])
                    + " eV: mu does not rise anywhere inside the data; give e0");
        }
        return best;
    }

    /** numpy.gradient(mu) / numpy.gradient(energy); non-finite values become -1, as in Larch. */
    static double[] derivative(double[] energy, double[] mu) {
        int n = energy.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - 1);
            int hi = Math.min(n - 1, i + 1);
            double v = (mu[hi] - mu[lo]) / (energy[hi] - energy[lo]);
            d[i] = Double.isFinite(v) ? v : -1;
        }
        return d;
    }

    /**
     * Checks a mu(E) scan: same lengths, at least {@link #MIN_POINTS} points, finite values, energy strictly
     * increasing.
     *
     * @throws IllegalArgumentException naming the first fault in one line
     */
    public static void check(double[] energy, double[] mu) {
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(mu, "mu");
        if (energy.length != mu.length) {
            throw new IllegalArgumentException("energy has " + energy.length + " points but mu has " + mu.length
                    + "; they must have the same length");
        }
        if (energy.length < MIN_POINTS) {
            throw new IllegalArgumentException(
                    "mu(E) has " + energy.length + " points; XAS processing needs at least " + MIN_POINTS);
        }
        for (int i = 0; i < energy.length; i++) {
            if (!Double.isFinite(energy[i])) {
                throw new IllegalArgumentException("energy[" + i + "] is " + energy[i] + "; energies must be finite");
            }
            if (!Double.isFinite(mu[i])) {
                throw new IllegalArgumentException("mu[" + i + "] is " + mu[i] + " (at energy "
                        + Texts.number(energy[i]) + " eV); mu must be finite");
            }
            if (i > 0 && !(energy[i] > energy[i - 1])) {
                throw new IllegalArgumentException("energy[" + i + "] = " + Texts.number(energy[i])
                        + " eV is not above energy[" + (i - 1) + "] = " + Texts.number(energy[i - 1])
                        + " eV; energy must be strictly increasing");
            }
        }
    }

    /** Larch's {@code index_of}: the last index with {@code array[i] <= value}, 0 if value is below them all. */
    static int indexOf(double[] array, double value) {
        int last = 0;
        for (int i = 0; i < array.length; i++) {
            if (array[i] <= value) {
                last = i;
            }
        }
        return last;
    }

    /** Larch's {@code index_nearest}: the first index of the smallest {@code |array[i] - value|}. */
    static int indexNearest(double[] array, double value) {
        int best = 0;
        double d = Math.abs(array[0] - value);
        for (int i = 1; i < array.length; i++) {
            double di = Math.abs(array[i] - value);
            if (di < d) {
                d = di;
                best = i;
            }
        }
        return best;
    }

    /** Python's {@code round}, which rounds halves to even, as Larch's range defaults rely on. */
    static double pyRound(double v) {
        return Math.rint(v);
    }
}
