package org.activestructopt.spectra.exafs;

import java.util.Objects;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.internal.Interpolation;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The forward XAFS Fourier transform chi(k) to chi(R) with the conventions of Larch's {@code xftf} (Larch 0.9.58):
 * chi(k) is interpolated onto the grid {@code k = i * kstep} (numpy.interp, so values beyond the data repeat its end
 * values), weighted by {@code k^kweight}, multiplied by the window, zero-padded to {@code nfft} points and
 * transformed, and the result is scaled by {@code kstep / sqrt(pi)}. R is sampled every {@code pi / (kstep * nfft)}
 * up to {@code rmaxOut}.
 * <p>
 * An immutable set of parameters; {@link #DEFAULTS} are the usual starting point: k 3-12 1/angstrom, k-weight 2,
 * Hanning window with dk = 1, rmax_out 10 angstrom, kstep 0.05, nfft 2048. (Larch's own function defaults to a
 * Kaiser window over k 0-20 with k-weight 0; pass those explicitly to reproduce a bare {@code xftf(k, chi)} call.)
 *
 * <pre>{@code
 * ChiR ft = Xftf.DEFAULTS.withKRange(3, 14).withKWeight(3).transform(chiK);
 * Spectrum mag = ft.magnitudeSpectrum();
 * }</pre>
 *
 * @param kmin    start of the window, 1/angstrom
 * @param kmax    end of the window, 1/angstrom
 * @param kweight exponent of the k-weighting, at least 0
 * @param dk      taper parameter of the window below kmin (see {@link FtWindow})
 * @param dk2     taper parameter above kmax
 * @param window  window shape
 * @param rmaxOut largest R returned, angstrom
 * @param kstep   spacing of the uniform k grid, 1/angstrom
 * @param nfft    FFT length, a power of 2
 */
public record Xftf(double kmin, double kmax, double kweight, double dk, double dk2, FtWindow window, double rmaxOut,
        double kstep, int nfft) {

    /** k 3-12, k-weight 2, Hanning dk = dk2 = 1, rmax_out 10, kstep 0.05, nfft 2048. */
    public static final Xftf DEFAULTS = new Xftf(3, 12, 2, 1, 1, FtWindow.HANNING, 10, 0.05, 2048);

    private static final double SQRT_PI = Math.sqrt(Math.PI);

    /**
     * @throws IllegalArgumentException if a parameter is not finite, {@code kmin >= kmax}, {@code kweight < 0},
     *                                  {@code kstep <= 0}, {@code rmaxOut <= 0} or {@code nfft} is not a power of 2
     *                                  of at least 4
     */
    public Xftf {
        Objects.requireNonNull(window, "window");
        for (double v : new double[] { kmin, kmax, kweight, dk, dk2, rmaxOut, kstep }) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Fourier-transform parameters must be finite: " + text(kmin, kmax,
                        kweight, dk, dk2, window, rmaxOut, kstep, nfft));
            }
        }
        if (!(kmin < kmax)) {
            throw new IllegalArgumentException("kmin " + kmin + " must be below kmax " + kmax);
        }
        if (kweight < 0) {
            throw new IllegalArgumentException("kweight must be at least 0, got " + kweight);
        }
        if (!(kstep > 0) || !(rmaxOut > 0)) {
            throw new IllegalArgumentException("kstep and rmaxOut must be positive, got " + kstep + " and " + rmaxOut);
        }
        if (nfft < 4 || Integer.bitCount(nfft) != 1) {
            throw new IllegalArgumentException("nfft must be a power of 2 (at least 4), got " + nfft);
        }
    }

    /** @return a copy with another window range (1/angstrom) */
    public Xftf withKRange(double kmin, double kmax) {
        return new Xftf(kmin, kmax, kweight, dk, dk2, window, rmaxOut, kstep, nfft);
    }

    /** @return a copy with another k-weight */
    public Xftf withKWeight(double kweight) {
        return new Xftf(kmin, kmax, kweight, dk, dk2, window, rmaxOut, kstep, nfft);
    }

    /** @return a copy with the same taper {@code dk} on both sides */
    public Xftf withDk(double dk) {
        return new Xftf(kmin, kmax, kweight, dk, dk, window, rmaxOut, kstep, nfft);
    }

    /** @return a copy with tapers {@code dk} below kmin and {@code dk2} above kmax */
    public Xftf withDk(double dk, double dk2) {
        return new Xftf(kmin, kmax, kweight, dk, dk2, window, rmaxOut, kstep, nfft);
    }

    /** @return a copy with another window shape */
    public Xftf withWindow(FtWindow window) {
        return new Xftf(kmin, kmax, kweight, dk, dk2, window, rmaxOut, kstep, nfft);
    }

    /** @return a copy returning R up to {@code rmaxOut} angstrom */
    public Xftf withRmaxOut(double rmaxOut) {
        return new Xftf(kmin, kmax, kweight, dk, dk2, window, rmaxOut, kstep, nfft);
    }

    /** @return a copy with another k grid spacing and FFT length */
    public Xftf withSampling(double kstep, int nfft) {
        return new Xftf(kmin, kmax, kweight, dk, dk2, window, rmaxOut, kstep, nfft);
    }

    /** @return the R spacing of the output, {@code pi / (kstep * nfft)} */
    public double rstep() {
        return Math.PI / (kstep * nfft);
    }

    /**
     * Transforms chi(k) (any {@link org.activestructopt.spectra.SpectrumKind}; x is taken as k in 1/angstrom).
     *
     * @throws IllegalArgumentException if the uniform k grid up to the last data point needs more than nfft points
     */
    public ChiR transform(Spectrum chi) {
        Objects.requireNonNull(chi, "chi");
        return transform(chi.xArray(), chi.yArray());
    }

    /**
     * Transforms chi(k) given as arrays.
     *
     * @param k   strictly increasing k values, 1/angstrom
     * @param chi chi at those k
     * @throws IllegalArgumentException if the arrays are unusable, or the uniform k grid up to the last data point
     *                                  needs more than nfft points
     */
    public ChiR transform(double[] k, double[] chi) {
        // Validates lengths, finiteness and ordering with the same messages as any spectrum.
        Spectrum.of(org.activestructopt.spectra.SpectrumKind.EXAFS, k, chi);
        double kLast = k[k.length - 1];
        int npts = (int) (1.01 + kLast / kstep);
        if (npts > nfft) {
            throw new IllegalArgumentException("chi(k) reaches k = " + kLast + ", which needs " + npts
                    + " points at kstep " + kstep + "; more than nfft = " + nfft);
        }
        if (npts < 1) {
            throw new IllegalArgumentException("chi(k) ends at k = " + kLast + ", below the first grid point k = 0");
        }
        int ngrid = (int) (1.01 + Math.max(kLast, kmax + dk2) / kstep);
        double[] kGrid = new double[ngrid];
        for (int i = 0; i < ngrid; i++) {
            kGrid[i] = kstep * i;
        }
        double[] chiGrid = Interpolation.linearClamped(k, chi, kGrid);
        double[] win = window.values(kGrid, kmin, kmax, dk, dk2);

        double[][] data = new double[2][nfft];
        double[] weighted = new double[npts];
        double[] kOut = new double[npts];
        double[] winOut = new double[npts];
        for (int i = 0; i < npts; i++) {
            kOut[i] = kGrid[i];
            winOut[i] = win[i];
            weighted[i] = chiGrid[i] * Math.pow(kGrid[i], kweight);
            data[0][i] = weighted[i] * win[i];
        }
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);

        double rstep = rstep();
        int nr = (int) Math.min(nfft / 2.0, 1.01 + rmaxOut / rstep);
        double scale = kstep / SQRT_PI;
        double[] r = new double[nr];
        double[] re = new double[nr];
        double[] im = new double[nr];
        for (int i = 0; i < nr; i++) {
            r[i] = rstep * i;
            re[i] = scale * data[0][i];
            im[i] = scale * data[1][i];
        }
        return new ChiR(this, r, re, im, kOut, weighted, winOut);
    }

    private static String text(double kmin, double kmax, double kweight, double dk, double dk2, FtWindow window,
            double rmaxOut, double kstep, int nfft) {
        return "kmin=" + kmin + ", kmax=" + kmax + ", kweight=" + kweight + ", dk=" + dk + ", dk2=" + dk2
                + ", window=" + window.larchName() + ", rmax_out=" + rmaxOut + ", kstep=" + kstep + ", nfft=" + nfft;
    }

    @Override
    public String toString() {
        return "Xftf[" + text(kmin, kmax, kweight, dk, dk2, window, rmaxOut, kstep, nfft) + "]";
    }
}
