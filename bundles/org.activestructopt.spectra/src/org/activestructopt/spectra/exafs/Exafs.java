package org.activestructopt.spectra.exafs;

import java.util.Objects;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.internal.Texts;

/** EXAFS helpers on chi(k) spectra beyond the Fourier transform ({@link Xftf}). */
public final class Exafs {

    private Exafs() {
    }

    /**
     * k^kweight * chi(k), with the value name and units updated ("k^2 chi(k)", "angstrom^-2"). The x axis is taken
     * as k in 1/angstrom whatever the spectrum's kind. Uncertainties are scaled by the same factor; where that makes
     * one zero (a point at k = 0 with kweight &gt; 0) no weighting is meaningful and the result carries none.
     *
     * @throws IllegalArgumentException if kweight is negative or not finite (k = 0 would give infinities)
     */
    public static Spectrum kWeight(Spectrum chi, double kweight) {
        Objects.requireNonNull(chi, "chi");
        if (!(kweight >= 0) || !Double.isFinite(kweight)) {
            throw new IllegalArgumentException("kweight must be finite and at least 0, got " + kweight);
        }
        double[] k = chi.xArray();
        double[] y = chi.yArray();
        for (int i = 0; i < y.length; i++) {
            y[i] *= Math.pow(k[i], kweight);
        }
        String w = Texts.number(kweight);
        Spectrum weighted = Spectrum.of(chi.kind(), k, y).withName(chi.name()).withAxis(chi.xName(), chi.xUnits())
                .withValues(kweight == 0 ? chi.yName() : "k^" + w + " " + chi.yName(),
                        kweight == 0 ? chi.yUnits() : "angstrom^-" + w);
        return chi.uncertainties().map(s -> {
            for (int i = 0; i < s.length; i++) {
                s[i] *= Math.pow(k[i], kweight);
            }
            return s;
        }).filter(Exafs::allPositive).map(weighted::withUncertainties).orElse(weighted);
    }

    private static boolean allPositive(double[] s) {
        for (double v : s) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The window {@code w} over the spectrum's x axis, as a spectrum of the same grid (e.g. to plot along chi(k)).
     *
     * @throws IllegalArgumentException if the spectrum's x axis is not uniform
     */
    public static Spectrum window(Spectrum on, FtWindow w, double xmin, double xmax, double dx, double dx2) {
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(w, "w");
        if (!on.grid().isUniform()) {
            throw new IllegalArgumentException("window: the x axis of '" + on.name() + "' is not uniform");
        }
        double[] values = w.values(on.xArray(), xmin, xmax, dx, dx2);
        return Spectrum.of(on.kind(), on.xArray(), values).withAxis(on.xName(), on.xUnits())
                .withValues("window", "").withName(w.larchName() + " window");
    }
}
