package org.activestructopt.spectra.xas;

import java.util.Objects;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.internal.Polynomial;
import org.activestructopt.spectra.internal.Texts;

/**
 * Pre-edge subtraction and post-edge normalisation with the conventions and defaults of Larch 0.9.58's
 * {@code pre_edge}: a line fitted to {@code mu E^nvict} over {@code [e0+pre1, e0+pre2]}, a polynomial of degree
 * {@code nnorm} fitted to {@code mu - pre_edge} over {@code [e0+norm1, e0+norm2]}, the edge step as the difference of
 * the two curves at E0, and the flattened spectrum (the normalised one minus a quadratic fitted to its post-edge part,
 * above E0 only).
 * <p>
 * A value of {@code NaN} (or {@code nnorm = -1}) lets Larch's rule choose:
 * <ul>
 * <li>e0: {@link Xas#findE0(double[], double[])}; a given e0 is moved to the nearest data point, as Larch does</li>
 * <li>pre1: the second energy point relative to E0, rounded to 5 eV (to 2 eV when E0 is within the first 21 points),
 * pre2: pre1/3 rounded to 5 eV</li>
 * <li>norm2: the last energy relative to E0, rounded to 5 eV; norm1: min(150, norm2/3 rounded to 5 eV)</li>
 * <li>nnorm: 2 if norm2 - norm1 &ge; 350 eV, 1 if &ge; 50 eV, else 0</li>
 * <li>step: from the fits</li>
 * </ul>
 * Larch quirks kept on purpose, so results agree point for point: each fit range runs from the last point at or below
 * its start up to, but excluding, the point nearest its end; a range of fewer than 2 points is widened to 2.
 *
 * @param e0    edge energy, eV, or NaN to find it
 * @param step  edge step, or NaN to take it from the fits
 * @param pre1  start of the pre-edge range relative to E0, eV (negative), or NaN
 * @param pre2  end of the pre-edge range relative to E0, eV, or NaN
 * @param norm1 start of the post-edge range relative to E0, eV, or NaN
 * @param norm2 end of the post-edge range relative to E0, eV, or NaN
 * @param nnorm degree of the post-edge polynomial, 0-5, or -1 to choose
 * @param nvict energy exponent of the pre-edge fit (Victoreen), usually 0
 */
public record PreEdge(double e0, double step, double pre1, double pre2, double norm1, double norm2, int nnorm,
        double nvict) {

    /** Everything chosen by Larch's rules, nvict = 0. */
    public static final PreEdge DEFAULTS = new PreEdge(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, -1, 0);

    /** Larch's largest post-edge polynomial degree ({@code MAX_NNORM}). */
    public static final int MAX_NNORM = 5;

    /** @throws IllegalArgumentException if a value is infinite, nnorm is outside -1..5 or step is not positive */
    public PreEdge {
        check("e0", e0);
        check("step", step);
        check("pre1", pre1);
        check("pre2", pre2);
        check("norm1", norm1);
        check("norm2", norm2);
        if (!Double.isFinite(nvict)) {
            throw new IllegalArgumentException("nvict must be finite, got " + nvict);
        }
        if (nnorm < -1 || nnorm > MAX_NNORM) {
            throw new IllegalArgumentException("nnorm must be 0-" + MAX_NNORM + " (or -1 to choose), got " + nnorm);
        }
        if (!Double.isNaN(step) && !(step > 0)) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
    }

    private static void check(String name, double v) {
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite (or NaN to let Larch's rule choose), got " + v);
        }
    }

    /** @return a copy with a given edge energy, eV */
    public PreEdge withE0(double e0) {
        return new PreEdge(e0, step, pre1, pre2, norm1, norm2, nnorm, nvict);
    }

    /** @return a copy with a given edge step */
    public PreEdge withStep(double step) {
        return new PreEdge(e0, step, pre1, pre2, norm1, norm2, nnorm, nvict);
    }

    /** @return a copy with a given pre-edge range relative to E0, eV */
    public PreEdge withPreEdgeRange(double pre1, double pre2) {
        return new PreEdge(e0, step, pre1, pre2, norm1, norm2, nnorm, nvict);
    }

    /** @return a copy with a given post-edge range relative to E0, eV */
    public PreEdge withNormRange(double norm1, double norm2) {
        return new PreEdge(e0, step, pre1, pre2, norm1, norm2, nnorm, nvict);
    }

    /** @return a copy with a given post-edge polynomial degree */
    public PreEdge withNnorm(int nnorm) {
        return new PreEdge(e0, step, pre1, pre2, norm1, norm2, nnorm, nvict);
    }

    /** @return a copy with a given Victoreen exponent */
    public PreEdge withNvict(double nvict) {
        return new PreEdge(e0, step, pre1, pre2, norm1, norm2, nnorm, nvict);
    }

    /**
     * Normalises a spectrum of mu(E) (x = energy in eV, whatever its kind).
     *
     * @see #normalize(double[], double[])
     */
    public XasNormalization normalize(Spectrum mu) {
        Objects.requireNonNull(mu, "mu");
        if (mu.kind() != SpectrumKind.XANES && mu.kind() != SpectrumKind.OTHER) {
            throw new IllegalArgumentException("pre-edge normalisation needs mu(E), got a " + mu.kind()
                    + " spectrum '" + mu.name() + "'");
        }
        return normalize(mu.xArray(), mu.yArray());
    }

    /**
     * Normalises mu(E).
     *
     * @param energy photon energies, eV, strictly increasing
     * @param mu     absorption at those energies
     * @throws IllegalArgumentException in one line naming the parameter at fault: arrays unusable (see
     *                                  {@link Xas#check(double[], double[])}), e0 outside the data, a fit range with
     *                                  too few points, no edge found
     */
    public XasNormalization normalize(double[] energy, double[] mu) {
        Xas.check(energy, mu);
        double[] en = energy.clone();
        double[] m = mu.clone();
        int n = en.length;
        double emin = en[0];
        double emax = en[n - 1];
        int ie0;
        if (Double.isNaN(e0)) {
            ie0 = Xas.e0Index(en, m);
        } else {
            // Larch silently replaces an e0 outside [energy[1], energy[-2]] by its own; a user who gave one should
            // hear that it does not fit the data instead.
            if (e0 < en[1] || e0 > en[n - 2]) {
                throw new IllegalArgumentException("e0 = " + Texts.number(e0) + " eV is outside the data (energy "
                        + Texts.number(emin) + "-" + Texts.number(emax) + " eV, excluding the end points)");
            }
            ie0 = Xas.indexNearest(en, e0);
        }
        double e = en[ie0];

        double p1 = pre1;
        if (Double.isNaN(p1)) {
            p1 = ie0 > 20 ? 5.0 * Xas.pyRound((en[1] - e) / 5.0) : 2.0 * Xas.pyRound((en[1] - e) / 2.0);
        }
        p1 = Math.max(p1, emin - e);
        double p2 = Double.isNaN(pre2) ? 5.0 * Xas.pyRound(p1 / 15.0) : pre2;
        if (p1 > p2) {
            double t = p1;
            p1 = p2;
            p2 = t;
        }
        double n2 = Double.isNaN(norm2) ? 5.0 * Xas.pyRound((emax - e) / 5.0) : norm2;
        if (n2 < 0) {
            n2 = emax - e - n2;
        }
        n2 = Math.min(n2, emax - e);
        double n1 = Double.isNaN(norm1) ? Math.min(150, 5.0 * Xas.pyRound(n2 / 15.0)) : norm1;
        if (n1 > n2) {
            double t = n1;
            n1 = n2;
            n2 = t;
        }
        int deg = nnorm;
        if (deg < 0) {
            deg = 2;
            if (n2 - n1 < 350) {
                deg = 1;
            }
            if (n2 - n1 < 50) {
                deg = 0;
            }
        }

        int[] pr = range(en, e + p1, e + p2);
        double[] weighted = new double[n];
        for (int i = 0; i < n; i++) {
            weighted[i] = m[i] * Math.pow(en[i], nvict);
        }
        Polynomial line = fit(en, weighted, pr, 1, "pre-edge", p1, p2);
        double[] pre = new double[n];
        for (int i = 0; i < n; i++) {
            pre[i] = line.value(en[i]) * Math.pow(en[i], -nvict);
        }

        int[] nr = range(en, e + n1, e + n2);
        double[] presub = new double[n];
        for (int i = 0; i < n; i++) {
            presub[i] = m[i] - pre[i];
        }
        Polynomial post = fit(en, presub, nr, deg, "post-edge", n1, n2);
        double[] postEdge = new double[n];
        for (int i = 0; i < n; i++) {
            postEdge[i] = pre[i] + post.value(en[i]);
        }
        double edgeStep = Math.abs(Double.isNaN(step) ? postEdge[ie0] - pre[ie0] : step);
        if (!(edgeStep > 0)) {
            throw new IllegalArgumentException("edge step at e0 = " + Texts.number(e)
                    + " eV is 0: the pre-edge line and post-edge curve meet there; check pre1, pre2, norm1, norm2");
        }
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            norm[i] = (m[i] - pre[i]) / edgeStep;
        }

        // Larch fits c0 + c1 E + c2 E^2 with lmfit, varying c1 and c2 only as far as nnorm does; that is the
        // linear least-squares quadratic of degree min(nnorm, 2).
        double[] flat = norm.clone();
        if (nr[1] - nr[0] > 4) {
            Polynomial q = Polynomial.fit(en, norm, nr[0], nr[1], Math.min(deg, 2));
            double at0 = q.value(e);
            for (int i = ie0; i < n; i++) {
                flat[i] = norm[i] - (q.value(en[i]) - at0);
            }
        }
        double[] preCoefs = line.powerCoefficients();
        PreEdge used = new PreEdge(e, Double.isNaN(step) ? Double.NaN : step, p1, p2, n1, n2, deg, nvict);
        return new XasNormalization(en, m, ie0, edgeStep, preCoefs[1], preCoefs[0], post.powerCoefficients(), pre,
                postEdge, norm, flat, used, Double.isNaN(e0));
    }

    /** Larch's fit range: index_of(start) to index_nearest(end), exclusive, widened to 2 points if narrower. */
    private static int[] range(double[] en, double start, double end) {
        int p1 = Xas.indexOf(en, start);
        int p2 = Xas.indexNearest(en, end);
        if (p2 - p1 < 2) {
            p2 = Math.min(en.length, p1 + 2);
        }
        return new int[] { p1, p2 };
    }

    private static Polynomial fit(double[] x, double[] y, int[] r, int degree, String what, double lo, double hi) {
        if (r[1] - r[0] < degree + 1) {
            String names = what.equals("pre-edge") ? "pre1, pre2" : "norm1, norm2";
            throw new IllegalArgumentException(what + " range [" + Texts.number(lo) + ", " + Texts.number(hi)
                    + "] eV relative to E0 holds " + Math.max(0, r[1] - r[0]) + " point(s); a degree-" + degree
                    + " fit needs " + (degree + 1) + " (" + names + ")");
        }
        return Polynomial.fit(x, y, r[0], r[1], degree);
    }
}
