package org.activestructopt.api;

import java.util.Arrays;
import java.util.Objects;

import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;

/**
 * A surrogate's prediction of one spectrum: the mean and its calibrated standard deviation at every point of the
 * surrogate's grid. Immutable; arrays are copied in and out.
 */
public final class SurrogatePrediction {

    private final SpectrumKind kind;
    private final Grid grid;
    private final double[] mean;
    private final double[] sigma;

    private SurrogatePrediction(SpectrumKind kind, Grid grid, double[] mean, double[] sigma) {
        this.kind = kind;
        this.grid = grid;
        this.mean = mean;
        this.sigma = sigma;
    }

    /**
     * @param kind  the kind of spectrum
     * @param grid  the x values
     * @param mean  predicted values, one per grid point, finite
     * @param sigma standard deviations, one per grid point, finite and non-negative
     * @throws IllegalArgumentException naming the first bad index or the length mismatch
     */
    public static SurrogatePrediction of(SpectrumKind kind, Grid grid, double[] mean, double[] sigma) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(grid, "grid");
        double[] m = Objects.requireNonNull(mean, "mean").clone();
        double[] s = Objects.requireNonNull(sigma, "sigma").clone();
        if (m.length != grid.size() || s.length != grid.size()) {
            throw new IllegalArgumentException("prediction has " + m.length + " means and " + s.length
                    + " standard deviations for a grid of " + grid.size() + " points");
        }
        for (int i = 0; i < m.length; i++) {
            if (!Double.isFinite(m[i])) {
                throw new IllegalArgumentException("predicted mean[" + i + "] is " + m[i]);
            }
            if (!(s[i] >= 0) || !Double.isFinite(s[i])) {
                throw new IllegalArgumentException("predicted sigma[" + i + "] is " + s[i]);
            }
        }
        return new SurrogatePrediction(kind, grid, m, s);
    }

    /** @return the kind of spectrum predicted */
    public SpectrumKind kind() {
        return kind;
    }

    /** @return the x values */
    public Grid grid() {
        return grid;
    }

    /** @return the number of grid points */
    public int size() {
        return mean.length;
    }

    /** @return the predicted values (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    /** @return the calibrated standard deviation at every point (a copy) */
    public double[] sigma() {
        return sigma.clone();
    }

    /**
     * @return the mean as a spectrum; it carries the standard deviations as uncertainties where all are positive (a
     *         {@link Spectrum} requires positive uncertainties), else none
     */
    public Spectrum toSpectrum() {
        Spectrum s = Spectrum.of(kind, grid.values(), mean);
        return Arrays.stream(sigma).allMatch(v -> v > 0) ? s.withUncertainties(sigma) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurrogatePrediction p && kind == p.kind && grid.equals(p.grid)
                && Arrays.equals(mean, p.mean) && Arrays.equals(sigma, p.sigma);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, grid, Arrays.hashCode(mean), Arrays.hashCode(sigma));
    }

    @Override
    public String toString() {
        return "SurrogatePrediction[" + kind + ", " + mean.length + " points, mean sigma "
                + (float) Arrays.stream(sigma).average().orElse(Double.NaN) + "]";
    }
}
