package org.activestructopt.spectra.xas;

import java.util.Objects;

import org.activestructopt.spectra.exafs.ChiR;
import org.activestructopt.spectra.exafs.FtWindow;
import org.activestructopt.spectra.exafs.Xftf;

/**
 * The noise in chi(k) estimated from the high-R part of chi(R), as Larch 0.9.58's {@code estimate_noise} does:
 * epsilon_R is the rms of the real and imaginary parts of chi(R) over {@code [rmin, rmax]}, divided by the mean of the
 * k window, and Parseval's theorem turns it into epsilon_k =
 * {@code epsilon_R sqrt(2 pi (2w+1) / (kstep (kmax^(2w+1) - kmin^(2w+1))))} for k-weight w. The estimate assumes white
 * noise and no signal above rmin.
 *
 * @param epsilonK  estimated noise in chi(k) (unweighted)
 * @param epsilonR  estimated noise in chi(R), angstrom^-(w+1)
 * @param rmin      start of the high-R range used, angstrom
 * @param rmax      end of the high-R range used, angstrom
 * @param transform the transform that produced chi(R)
 */
public record NoiseEstimate(double epsilonK, double epsilonR, double rmin, double rmax, Xftf transform) {

    /** Larch's default high-R range start, angstrom. */
    public static final double DEFAULT_RMIN = 15;
    /** Larch's default high-R range end, angstrom. */
    public static final double DEFAULT_RMAX = 30;

    /**
     * Larch's defaults: R 15-30 angstrom, a Kaiser window (dk = 4) over k 0-20, k-weight 1, kstep 0.05, nfft 2048.
     *
     * @param k   uniform or not, increasing, 1/angstrom
     * @param chi chi(k), unweighted
     */
    public static NoiseEstimate estimate(double[] k, double[] chi) {
        return estimate(k, chi, DEFAULT_RMIN, DEFAULT_RMAX, defaultTransform(DEFAULT_RMAX));
    }

    /** The transform Larch's {@code estimate_noise} uses by default for a high-R range ending at rmax. */
    public static Xftf defaultTransform(double rmax) {
        return new Xftf(0, 20, 1, 4, 4, FtWindow.KAISER, Math.min(10 * Math.PI, rmax + 2), 0.05, 2048);
    }

    /**
     * @throws IllegalArgumentException if {@code rmin >= rmax}, or the range holds no chi(R) point
     */
    public static NoiseEstimate estimate(double[] k, double[] chi, double rmin, double rmax, Xftf transform) {
        Objects.requireNonNull(transform, "transform");
        if (!(rmin >= 0) || !(rmin < rmax)) {
            throw new IllegalArgumentException("noise estimate: rmin " + rmin + " must be at least 0 and below rmax "
                    + rmax);
        }
        ChiR ft = transform.transform(k, chi);
        double rstep = transform.rstep();
        double[] re = ft.real();
        double[] im = ft.imaginary();
        int irmin = (int) (0.01 + rmin / rstep);
        int irmax = (int) Math.min(transform.nfft() / 2.0, 1.01 + rmax / rstep);
        irmax = Math.min(irmax, re.length);
        if (irmax <= irmin) {
            throw new IllegalArgumentException("noise estimate: no chi(R) point in R " + rmin + "-" + rmax
                    + " angstrom (the transform stops at rmax_out = " + transform.rmaxOut() + ")");
        }
        double sum = 0;
        for (int i = irmin; i < irmax; i++) {
            sum += re[i] * re[i] + im[i] * im[i];
        }
        double[] kwin = ft.kWindow();
        double winSum = 0;
        for (double w : kwin) {
            winSum += w;
        }
        double kwinAve = winSum * transform.kstep() / (transform.kmax() - transform.kmin());
        double epsR = Math.sqrt(sum / (2.0 * (irmax - irmin))) / kwinAve;
        double w = 2 * transform.kweight() + 1;
        double scale = Math.sqrt(2 * Math.PI * w
                / (transform.kstep() * (Math.pow(transform.kmax(), w) - Math.pow(transform.kmin(), w))));
        return new NoiseEstimate(scale * epsR, epsR, rmin, rmax, transform);
    }
}
