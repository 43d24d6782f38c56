package org.activestructopt.spectra.xas;

import org.activestructopt.spectra.internal.Texts;

/**
 * The result of {@link Autobk#run(XasNormalization)}: chi(k) on Larch's uniform k grid ({@code k = i kstep} up to
 * kmax), the background mu0(E) on the energy grid, chi(E), the spline, the noise estimate and the parameters used
 * (kmax and nknots resolved). The names follow Larch's output group ({@code k, chi, bkg, chie, autobk_details}).
 * Immutable; array accessors return copies.
 */
public final class AutobkResult {

    private final XasNormalization normalization;
    private final Autobk parameters;
    private final double[] k;
    private final double[] chi;
    private final double[] bkg;
    private final double[] chie;
    private final double[] knotK;
    private final double[] knots;
    private final double[] coefficients;
    private final int irbkg;
    private final double residualSumOfSquares;
    private final int evaluations;
    private final NoiseEstimate noise;

    AutobkResult(XasNormalization normalization, Autobk parameters, double[] k, double[] chi, double[] bkg,
            double[] chie, double[] knotK, double[] knots, double[] coefficients, int irbkg,
            double residualSumOfSquares, int evaluations, NoiseEstimate noise) {
        this.normalization = normalization;
        this.parameters = parameters;
        this.k = k;
        this.chi = chi;
        this.bkg = bkg;
        this.chie = chie;
        this.knotK = knotK;
        this.knots = knots;
        this.coefficients = coefficients;
        this.irbkg = irbkg;
        this.residualSumOfSquares = residualSumOfSquares;
        this.evaluations = evaluations;
        this.noise = noise;
    }

    /** @return the pre-edge normalisation this background was removed from (E0, edge step, norm, flat) */
    public XasNormalization normalization() {
        return normalization;
    }

    /** @return the edge energy used, eV */
    public double e0() {
        return normalization.e0();
    }

    /** @return the edge step chi was divided by */
    public double edgeStep() {
        return normalization.edgeStep();
    }

    /** @return the parameters used, with kmax and nknots as resolved from the data and rbkg */
    public Autobk parameters() {
        return parameters;
    }

    /** @return the k grid {@code i * kstep} from 0 to kmax, 1/angstrom */
    public double[] k() {
        return k.clone();
    }

    /** @return chi(k), unweighted, on {@link #k()} */
    public double[] chi() {
        return chi.clone();
    }

    /** @return the background mu0(E) on the energy grid (equal to mu below E0 and beyond kmax, as in Larch) */
    public double[] bkg() {
        return bkg.clone();
    }

    /** @return {@code (mu - bkg) / edge_step} on the energy grid (Larch's {@code chie}) */
    public double[] chie() {
        return chie.clone();
    }

    /** @return k of the spline knots (data points nearest a uniform grid from kmin to kmax), 1/angstrom */
    public double[] knotK() {
        return knotK.clone();
    }

    /** @return the full cubic B-spline knot vector (ends repeated four times) */
    public double[] knotVector() {
        return knots.clone();
    }

    /** @return the fitted B-spline coefficients (mu units) */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** @return the number of chi(R) points below rbkg that the fit minimised */
    public int irbkg() {
        return irbkg;
    }

    /** @return the sum of squared residuals at the minimum (Larch's {@code chisqr} of the background fit) */
    public double residualSumOfSquares() {
        return residualSumOfSquares;
    }

    /** @return residual evaluations the fit took */
    public int evaluations() {
        return evaluations;
    }

    /** @return the noise estimate from high R (Larch's {@code estimate_noise} defaults) */
    public NoiseEstimate noise() {
        return noise;
    }

    /** @return the estimated noise in chi(k) */
    public double epsilonK() {
        return noise.epsilonK();
    }

    @Override
    public String toString() {
        return "AutobkResult[e0=" + Texts.number(e0()) + " eV, edge_step=" + Texts.compact(edgeStep()) + ", rbkg="
                + Texts.number(parameters.rbkg()) + ", kweight=" + Texts.number(parameters.kweight()) + ", k "
                + Texts.number(parameters.kmin()) + "-" + Texts.compact(parameters.kmax()) + ", " + parameters.nknots()
                + " knots, epsilon_k=" + Texts.compact(epsilonK()) + "]";
    }
}
