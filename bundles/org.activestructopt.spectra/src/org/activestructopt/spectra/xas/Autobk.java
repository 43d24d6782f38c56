package org.activestructopt.spectra.xas;

import java.util.Objects;

import org.activestructopt.spectra.exafs.FtWindow;
import org.activestructopt.spectra.internal.CubicBSpline;
import org.activestructopt.spectra.internal.NotAKnotSpline;
import org.activestructopt.spectra.internal.Texts;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * The AUTOBK background removal of Larch 0.9.58's {@code autobk} (Newville, Livins, Yacoby, Rehr and Stern, Phys. Rev.
 * B 47 (1993) 14126): the background mu0(E) is a cubic B-spline in k whose coefficients are chosen so that chi(R)
 * below rbkg, which no scattering path can produce, is as small as possible.
 * <p>
 * As in Larch: k is counted from E0 ({@code k = sqrt(ETOK (E - E0))}); {@code 1 + 2 rbkg (kmax - kmin) / pi} knots
 * (at least 5, at most 128) sit at the data points nearest a uniform grid from kmin to kmax, with the not-a-knot knot
 * vector of {@code scipy.interpolate.splrep}; the starting coefficients interpolate mu smoothed over 11 points at the
 * knots; chi(k) = mu - mu0 is interpolated (not-a-knot cubic spline, scipy's {@code UnivariateSpline(s=0)}) onto
 * {@code k = i kstep} up to kmax; the residual is the real and imaginary parts of the FFT of
 * {@code chi k^kweight window} below rbkg, plus the first and last {@code nclamp} points of chi(k), weighted by
 * clamp_lo and clamp_hi times {@code 1 + 100 mean(residual^2)}. chi(k) is divided by the edge step.
 * <p>
 * The residual is affine in the coefficients apart from that clamp scale, so the Jacobian is exact here and the fit
 * is Commons Math's Levenberg-Marquardt (Larch uses MINPACK with finite differences; both reach the same minimum).
 * <p>
 * A value of {@code NaN} for kmax means the end of the data; {@code nknots = 0} lets rbkg choose.
 *
 * @param rbkg    distance below which chi(R) is minimised, angstrom (at least 2 pi/(kstep nfft))
 * @param nknots  number of spline knots, or 0 for {@code 1 + 2 rbkg (kmax - kmin) / pi}
 * @param kmin    start of the k range, 1/angstrom
 * @param kmax    end of the k range, 1/angstrom, or NaN for the end of the data
 * @param kweight k-weight of the transform in the residual
 * @param dk      window taper, 1/angstrom
 * @param window  window shape
 * @param kstep   k grid spacing of chi(k), 1/angstrom
 * @param nfft    FFT length, a power of 2
 * @param nclamp  number of points at each end of chi(k) held to 0 by the clamps
 * @param clampLo weight of the low-k clamp
 * @param clampHi weight of the high-k clamp
 */
public record Autobk(double rbkg, int nknots, double kmin, double kmax, double kweight, double dk, FtWindow window,
        double kstep, int nfft, int nclamp, double clampLo, double clampHi) {

    /**
     * Larch's defaults: rbkg 1, knots from rbkg, k from 0 to the end of the data, kweight 1, Hanning window with
     * dk 0.1, kstep 0.05, nfft 2048, 3 clamp points with weights 0 (low k) and 1 (high k).
     */
    public static final Autobk DEFAULTS = new Autobk(1, 0, 0, Double.NaN, 1, 0.1, FtWindow.HANNING, 0.05, 2048, 3, 0,
            1);

    private static final int MIN_KNOTS = 5;
    private static final int MAX_KNOTS = 128;

    /** @throws IllegalArgumentException naming the first parameter out of range */
    public Autobk {
        Objects.requireNonNull(window, "window");
        positive("rbkg", rbkg);
        positive("kstep", kstep);
        finite("kmin", kmin);
        finite("kweight", kweight);
        finite("dk", dk);
        finite("clamp_lo", clampLo);
        finite("clamp_hi", clampHi);
        if (kmin < 0) {
            throw new IllegalArgumentException("kmin must be at least 0, got " + kmin);
        }
        if (Double.isInfinite(kmax) || (!Double.isNaN(kmax) && !(kmax > kmin))) {
            throw new IllegalArgumentException("kmax must be above kmin = " + kmin + " (or NaN for the end of the data), got "
                    + kmax);
        }
        if (kweight < 0) {
            throw new IllegalArgumentException("kweight must be at least 0, got " + kweight);
        }
        if (nknots != 0 && (nknots < MIN_KNOTS || nknots > MAX_KNOTS)) {
            throw new IllegalArgumentException(
                    "nknots must be " + MIN_KNOTS + "-" + MAX_KNOTS + " (or 0 to set it from rbkg), got " + nknots);
        }
        if (nfft < 4 || Integer.bitCount(nfft) != 1) {
            throw new IllegalArgumentException("nfft must be a power of 2 (at least 4), got " + nfft);
        }
        if (nclamp < 0) {
            throw new IllegalArgumentException("nclamp must be at least 0, got " + nclamp);
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }

    /** @return a copy with another rbkg, angstrom */
    public Autobk withRbkg(double rbkg) {
        return new Autobk(rbkg, nknots, kmin, kmax, kweight, dk, window, kstep, nfft, nclamp, clampLo, clampHi);
    }

    /** @return a copy with a fixed number of knots (0: from rbkg) */
    public Autobk withNknots(int nknots) {
        return new Autobk(rbkg, nknots, kmin, kmax, kweight, dk, window, kstep, nfft, nclamp, clampLo, clampHi);
    }

    /** @return a copy with another k range (kmax NaN: end of the data) */
    public Autobk withKRange(double kmin, double kmax) {
        return new Autobk(rbkg, nknots, kmin, kmax, kweight, dk, window, kstep, nfft, nclamp, clampLo, clampHi);
    }

    /** @return a copy with another k-weight */
    public Autobk withKweight(double kweight) {
        return new Autobk(rbkg, nknots, kmin, kmax, kweight, dk, window, kstep, nfft, nclamp, clampLo, clampHi);
    }

    /** @return a copy with another window and taper */
    public Autobk withWindow(FtWindow window, double dk) {
        return new Autobk(rbkg, nknots, kmin, kmax, kweight, dk, window, kstep, nfft, nclamp, clampLo, clampHi);
    }

    /** @return a copy with other clamps */
    public Autobk withClamps(int nclamp, double clampLo, double clampHi) {
        return new Autobk(rbkg, nknots, kmin, kmax, kweight, dk, window, kstep, nfft, nclamp, clampLo, clampHi);
    }

    /**
     * Normalises mu(E) with {@link PreEdge#DEFAULTS} and removes the background.
     *
     * @see #run(XasNormalization)
     */
    public AutobkResult run(double[] energy, double[] mu) {
        return run(PreEdge.DEFAULTS.normalize(energy, mu));
    }

    /**
     * Removes the background from the mu(E) of a normalisation, using its E0 and edge step.
     *
     * @throws IllegalArgumentException in one line naming the parameter at fault: kmax beyond the data, kmin not
     *                                  below the end of the data, too few data points above E0 for the knots, the k
     *                                  grid longer than nfft
     */
    public AutobkResult run(XasNormalization normalization) {
        Objects.requireNonNull(normalization, "normalization");
        double[] en = normalization.energyUnsafe();
        double[] mu = normalization.muUnsafe();
        int n = en.length;
        double e0 = normalization.e0();
        double edgeStep = normalization.edgeStep();
        int ie0 = Xas.indexOf(en, e0);
        double rgrid = Math.PI / (kstep * nfft);
        double rb = Math.max(rbkg, 2 * rgrid);

        int nraw = n - ie0;
        double[] kraw = new double[nraw];
        for (int i = 0; i < nraw; i++) {
            double d = en[ie0 + i] - e0;
            kraw[i] = Math.signum(d) * Math.sqrt(Xas.ETOK * Math.abs(d));
        }
        double kdata = kraw[nraw - 1];
        double kmx;
        if (Double.isNaN(kmax)) {
            kmx = kdata;
        } else {
            // Larch silently cuts kmax to the data; a kmax the data do not reach is a mistake worth one line.
            if (kmax > kdata * (1 + 1e-9)) {
                throw new IllegalArgumentException("kmax = " + Texts.number(kmax) + " 1/angstrom is beyond the data,"
                        + " which end at k = " + Texts.compact(kdata) + " 1/angstrom (E = "
                        + Texts.number(en[n - 1]) + " eV, E0 = " + Texts.number(e0) + " eV)");
            }
            kmx = Math.min(kdata, kmax);
        }
        if (!(kmx > kmin)) {
            throw new IllegalArgumentException("kmin = " + Texts.number(kmin)
                    + " 1/angstrom is not below the end of the data at k = " + Texts.compact(kmx) + " 1/angstrom");
        }
        int nk = (int) (1.01 + kmx / kstep);
        if (nk > nfft) {
            throw new IllegalArgumentException("kmax = " + Texts.compact(kmx) + " needs " + nk
                    + " points at kstep " + kstep + ", more than nfft = " + nfft);
        }
        if (nk < Math.max(4, 2 * nclamp)) {
            throw new IllegalArgumentException("kmax = " + Texts.compact(kmx) + " gives only " + nk
                    + " chi(k) points at kstep " + kstep + (nclamp > 0 ? " for nclamp = " + nclamp : ""));
        }
        double[] kout = new double[nk];
        for (int i = 0; i < nk; i++) {
            kout[i] = kstep * i;
        }
        int iemax = Math.min(n, 2 + Xas.indexOf(en, e0 + kmx * kmx / Xas.ETOK)) - 1;
        double[] win = window.values(kout, kmin, kmx, dk, dk);
        double[] ftwin = new double[nk];
        for (int i = 0; i < nk; i++) {
            ftwin[i] = Math.pow(kout[i], kweight) * win[i];
        }

        int nFromRbkg = 1 + (int) (2 * rb * (kmx - kmin) / Math.PI);
        // Larch sets the chi(R) range from the rbkg knot count even when nknots overrides it.
        int irbkg = Math.min(nfft / 2, (int) (1 + (nFromRbkg - 1) * Math.PI / (2 * rgrid * (kmx - kmin))));
        int nspl = Math.max(MIN_KNOTS, Math.min(MAX_KNOTS, nknots > 0 ? nknots : nFromRbkg));

        double[] splK = new double[nspl];
        double[] splY = new double[nspl];
        for (int i = 0; i < nspl; i++) {
            double q = kmin + i * (kmx - kmin) / (nspl - 1);
            int ik = Xas.indexNearest(kraw, q);
            int i1 = Math.min(nraw - 1, ik + 5);
            int i2 = Math.max(0, ik - 5);
            splK[i] = kraw[ik];
            splY[i] = (2 * mu[ik + ie0] + mu[i1 + ie0] + mu[i2 + ie0]) / 4.0;
            if (i > 0 && !(splK[i] > splK[i - 1])) {
                throw new IllegalArgumentException("rbkg = " + Texts.number(rbkg) + " asks for " + nspl
                        + " spline knots over k " + Texts.number(kmin) + "-" + Texts.compact(kmx)
                        + ", but the data have no point between the knots near k = " + Texts.compact(q)
                        + " 1/angstrom; lower rbkg or nknots, or raise kmin");
            }
        }
        CubicBSpline spline = CubicBSpline.notAKnot(splK);
        double[] start = spline.interpolate(splK, splY);

        int m = iemax - ie0 + 1;
        if (m < 4) {
            throw new IllegalArgumentException("only " + m + " data points between E0 and kmax; autobk needs 4");
        }
        double[] ks = new double[m];
        double[] mus = new double[m];
        System.arraycopy(kraw, 0, ks, 0, m);
        System.arraycopy(mu, ie0, mus, 0, m);
        double[][] design = spline.design(ks);

        // chi(c) = chi0 - G c on kout; the transform below rbkg of chi ftwin is o(c) = o0 - H c.
        double[] chi0 = NotAKnotSpline.through(ks, mus).at(kout);
        double[][] g = new double[nspl][];
        double[] column = new double[m];
        for (int j = 0; j < nspl; j++) {
            for (int i = 0; i < m; i++) {
                column[i] = design[i][j];
            }
            g[j] = NotAKnotSpline.through(ks, column.clone()).at(kout);
        }
        // Only irbkg frequencies are needed, so a direct DFT replaces the FFT (numpy's sign convention,
        // Larch's kstep / sqrt(pi) scale).
        double scale = kstep / Math.sqrt(Math.PI);
        double[][] cos = new double[irbkg][nk];
        double[][] sin = new double[irbkg][nk];
        for (int f = 0; f < irbkg; f++) {
            for (int i = 0; i < nk; i++) {
                double a = 2 * Math.PI * (((long) f * i) % nfft) / nfft;
                cos[f][i] = scale * Math.cos(a) * ftwin[i];
                sin[f][i] = -scale * Math.sin(a) * ftwin[i];
            }
        }
        int nout = 2 * irbkg;
        double[] o0 = dft(chi0, cos, sin);
        double[][] h = new double[nspl][];
        for (int j = 0; j < nspl; j++) {
            h[j] = dft(g[j], cos, sin);
        }
        int nres = nout + (nclamp > 0 ? 2 * nclamp : 0);
        double lo = Math.abs(clampLo);
        double hi = Math.abs(clampHi);
        int ncl = nclamp;

        MultivariateJacobianFunction model = point -> {
            double[] c = point.toArray();
            double[] out = affine(o0, h, c);
            double[] r = new double[nres];
            double[][] jac = new double[nres][nspl];
            System.arraycopy(out, 0, r, 0, nout);
            for (int i = 0; i < nout; i++) {
                for (int j = 0; j < nspl; j++) {
                    jac[i][j] = -h[j][i];
                }
            }
            if (ncl > 0) {
                double mean = 0;
                for (double v : out) {
                    mean += v * v;
                }
                mean /= nout;
                double s = 1 + 100 * mean;
                double[] ds = new double[nspl];
                for (int j = 0; j < nspl; j++) {
                    double d = 0;
                    for (int i = 0; i < nout; i++) {
                        d -= out[i] * h[j][i];
                    }
                    ds[j] = 200 * d / nout;
                }
                for (int q = 0; q < 2 * ncl; q++) {
                    int ik = q < ncl ? q : nk - 2 * ncl + q;
                    double w = q < ncl ? lo : hi;
                    double chiK = chi0[ik];
                    for (int j = 0; j < nspl; j++) {
                        chiK -= g[j][ik] * c[j];
                    }
                    r[nout + q] = w * s * chiK;
                    for (int j = 0; j < nspl; j++) {
                        jac[nout + q][j] = w * (s * -g[j][ik] + chiK * ds[j]);
                    }
                }
            }
            return new Pair<RealVector, org.apache.commons.math3.linear.RealMatrix>(new ArrayRealVector(r, false),
                    new Array2DRowRealMatrix(jac, false));
        };
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
                .optimize(new LeastSquaresBuilder().model(model).target(new double[nres]).start(start)
                        .maxEvaluations(100_000).maxIterations(10_000).build());
        double[] coefs = optimum.getPoint().toArray();

        double[] bkgSlice = spline.evaluate(coefs, ks);
        double[] chi = new double[nk];
        for (int i = 0; i < nk; i++) {
            double v = chi0[i];
            for (int j = 0; j < nspl; j++) {
                v -= g[j][i] * coefs[j];
            }
            chi[i] = v / edgeStep;
        }
        double[] bkg = mu.clone();
        System.arraycopy(bkgSlice, 0, bkg, ie0, m);
        double[] chie = new double[n];
        for (int i = 0; i < n; i++) {
            chie[i] = (mu[i] - bkg[i]) / edgeStep;
        }
        double rss = optimum.getRMS() * optimum.getRMS() * nres;
        Autobk used = new Autobk(rbkg, nspl, kmin, kmx, kweight, dk, window, kstep, nfft, nclamp, clampLo, clampHi);
        NoiseEstimate noise = NoiseEstimate.estimate(kout, chi);
        return new AutobkResult(normalization, used, kout, chi, bkg, chie, splK, spline.knots(), coefs, irbkg, rss,
                optimum.getEvaluations(), noise);
    }

    private static double[] dft(double[] x, double[][] cos, double[][] sin) {
        int nf = cos.length;
        double[] out = new double[2 * nf];
        for (int f = 0; f < nf; f++) {
            double re = 0;
            double im = 0;
            double[] cf = cos[f];
            double[] sf = sin[f];
            for (int i = 0; i < x.length; i++) {
                re += cf[i] * x[i];
                im += sf[i] * x[i];
            }
            out[2 * f] = re;
            out[2 * f + 1] = im;
        }
        return out;
    }

    private static double[] affine(double[] o0, double[][] h, double[] c) {
        double[] out = o0.clone();
        for (int j = 0; j < c.length; j++) {
            double cj = c[j];
            double[] hj = h[j];
            for (int i = 0; i < out.length; i++) {
                out[i] -= hj[i] * cj;
            }
        }
        return out;
    }
}
