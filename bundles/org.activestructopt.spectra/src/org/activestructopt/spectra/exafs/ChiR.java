package org.activestructopt.spectra.exafs;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.internal.Texts;

/**
 * The result of an {@link Xftf} transform: complex chi(R) on a uniform R grid starting at 0, plus the k-space
 * arrays that went into it (the names follow Larch's output group: r, chir_re, chir_im, chir_mag, kwin). Immutable;
 * accessors return copies.
 */
public final class ChiR {

    private final Xftf parameters;
    private final double[] r;
    private final double[] re;
    private final double[] im;
    private final double[] k;
    private final double[] weightedChi;
    private final double[] kWindow;

    ChiR(Xftf parameters, double[] r, double[] re, double[] im, double[] k, double[] weightedChi, double[] kWindow) {
        this.parameters = parameters;
        this.r = r;
        this.re = re;
        this.im = im;
        this.k = k;
        this.weightedChi = weightedChi;
        this.kWindow = kWindow;
    }

    /** @return the transform parameters that produced this result */
    public Xftf parameters() {
        return parameters;
    }

    /** @return R values, angstrom ({@code i * pi / (kstep * nfft)}; Larch's {@code r}) */
    public double[] r() {
        return r.clone();
    }

    /** @return real part of chi(R) (Larch's {@code chir_re}) */
    public double[] real() {
        return re.clone();
    }

    /** @return imaginary part of chi(R) (Larch's {@code chir_im}) */
    public double[] imaginary() {
        return im.clone();
    }

    /** @return |chi(R)| (Larch's {@code chir_mag}) */
    public double[] magnitude() {
        double[] m = new double[r.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.sqrt(re[i] * re[i] + im[i] * im[i]);
        }
        return m;
    }

    /** @return the uniform k grid {@code i * kstep} up to the last data point, 1/angstrom */
    public double[] k() {
        return k.clone();
    }

    /** @return chi(k) interpolated onto {@link #k()} and multiplied by k^kweight, before the window */
    public double[] weightedChi() {
        return weightedChi.clone();
    }

    /** @return the window on {@link #k()} (Larch's {@code kwin}) */
    public double[] kWindow() {
        return kWindow.clone();
    }

    /** @return |chi(R)| as a spectrum of kind {@link SpectrumKind#OTHER}, x = R in angstrom */
    public Spectrum magnitudeSpectrum() {
        return part(magnitude(), "|chi(R)|");
    }

    /** @return Re chi(R) as a spectrum of kind {@link SpectrumKind#OTHER} */
    public Spectrum realSpectrum() {
        return part(real(), "Re chi(R)");
    }

    /** @return Im chi(R) as a spectrum of kind {@link SpectrumKind#OTHER} */
    public Spectrum imaginarySpectrum() {
        return part(imaginary(), "Im chi(R)");
    }

    private Spectrum part(double[] values, String name) {
        return Spectrum.of(SpectrumKind.OTHER, r, values).withAxis("R", "angstrom")
                .withValues(name, unitsOfChiR(parameters.kweight())).withName(name);
    }

    /**
     * chi is dimensionless and each k carries 1/angstrom, and the transform over dk adds one more: chi(R) is in
     * angstrom^-(kweight+1).
     */
    static String unitsOfChiR(double kweight) {
        return "angstrom^-" + Texts.number(kweight + 1);
    }
}
