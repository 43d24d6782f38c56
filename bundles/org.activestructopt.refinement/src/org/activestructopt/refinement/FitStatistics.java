package org.activestructopt.refinement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;

/**
 * The fit statistics users of PDFgui and Larch know, beside the search's loss (which stays the objective's metric):
 * <ul>
 * <li>PDF, DiffPy's Rw: sqrt(sum w (G_obs - G_calc)^2 / sum w G_obs^2), w = 1/sigma^2 where the data have
 * uncertainties, else 1; and chi^2 = sum w (G_obs - G_calc)^2 with reduced chi^2 = chi^2 / (N - P) when they do.
 * <li>EXAFS, Larch's feffit (larch/xafs/feffit.py): the residual in the fit space r_k = (data - model) / epsilon,
 * N_idp = 2 dk dR / pi + 1, chi^2 = sum r_k^2 N_idp / N, reduced chi^2 = chi^2 / (N_idp - P), and the R-factor
 * sum r_k^2 / sum (data / epsilon)^2 (for a constant epsilon: sum (data - model)^2 / sum data^2).
 * </ul>
 * N is the number of points, P the number of refined parameters.
 */
public final class FitStatistics {

    public static final String RW = "Rw";
    public static final String R_FACTOR = "R_factor";
    public static final String CHI2 = "chi2";
    public static final String REDUCED_CHI2 = "reduced_chi2";
    public static final String N_IDP = "n_idp";

    private FitStatistics() {
    }

    /** @return DiffPy's Rw of {@code calc} against {@code obs} (weights from obs's uncertainties, else 1) */
    public static double rw(Spectrum calc, Spectrum obs) {
        double[] y = calc.yArray();
        double[] t = obs.yArray();
        double[] sw = NuisanceFit.sqrtWeights(obs);
        check(y, t);
        double num = 0;
        double den = 0;
        for (int k = 0; k < y.length; k++) {
            double w = sw[k] * sw[k];
            num += w * (t[k] - y[k]) * (t[k] - y[k]);
            den += w * t[k] * t[k];
        }
        return Math.sqrt(num / den);
    }

    /** @return Larch's number of independent points 2 dk dR / pi + 1 */
    public static double independentPoints(double dk, double dr) {
        return 2 * dk * dr / Math.PI + 1;
    }

    /**
     * @param epsilon uncertainty of each data point (Larch's epsilon_k or epsilon_r), or null for 1
     * @return Larch's R-factor sum ((data - model)/eps)^2 / sum (data/eps)^2
     */
    public static double rFactor(double[] data, double[] model, double[] epsilon) {
        check(data, model);
        double num = 0;
        double den = 0;
        for (int k = 0; k < data.length; k++) {
            double e = epsilon == null ? 1 : epsilon[k];
            num += sq((data[k] - model[k]) / e);
            den += sq(data[k] / e);
        }
        return num / den;
    }

    /** @return Larch's chi^2: sum ((data - model)/eps)^2 scaled by N_idp / N */
    public static double chiSquare(double[] data, double[] model, double[] epsilon, double nIdp) {
        check(data, model);
        double s = 0;
        for (int k = 0; k < data.length; k++) {
            s += sq((data[k] - model[k]) / epsilon[k]);
        }
        return s * nIdp / data.length;
    }

    /** @return Larch's reduced chi^2, chi^2 / (N_idp - P) (NaN without degrees of freedom) */
    public static double reducedChiSquare(double chi2, double nIdp, int refined) {
        return nIdp > refined ? chi2 / (nIdp - refined) : Double.NaN;
    }

    /**
     * Larch's statistics of an EXAFS fit over a k range dk and an R range dR.
     *
     * @param epsilon uncertainty per point in the fit space
     * @return R_factor, n_idp, chi2 and reduced_chi2
     */
    public static Map<String, Double> exafs(double[] data, double[] model, double[] epsilon, double dk, double dr,
            int refined) {
        Map<String, Double> out = new LinkedHashMap<>();
        double nIdp = independentPoints(dk, dr);
        double chi2 = chiSquare(data, model, epsilon, nIdp);
        out.put(R_FACTOR, rFactor(data, model, epsilon));
        out.put(N_IDP, nIdp);
        out.put(CHI2, chi2);
        out.put(REDUCED_CHI2, reducedChiSquare(chi2, nIdp, refined));
        return out;
    }

    /**
     * The statistics of one objective at one candidate, by the kind of its spectra. EXAFS fitted in k space has no
     * R range, so no N_idp: it gets the R-factor only (the EXAFS simulator's fits in R space use
     * {@link #exafs}). chi^2 of a PDF needs uncertainties of the target.
     *
     * @param refined the number of parameters refined for this candidate (nuisance parameters, and the structure's
     *                when a joint fit refined them)
     */
    public static Map<String, Double> of(Spectrum calc, Spectrum obs, int refined) {
        Objects.requireNonNull(calc, "calc");
        Objects.requireNonNull(obs, "obs");
        Map<String, Double> out = new LinkedHashMap<>();
        double[] y = calc.yArray();
        double[] t = obs.yArray();
        double[] eps = obs.uncertainties().orElse(null);
        if (obs.kind() == SpectrumKind.EXAFS) {
            out.put(R_FACTOR, rFactor(t, y, eps));
            return out;
        }
        out.put(RW, rw(calc, obs));
        if (eps != null) {
            double chi2 = 0;
            for (int k = 0; k < t.length; k++) {
                chi2 += sq((t[k] - y[k]) / eps[k]);
            }
            out.put(CHI2, chi2);
            out.put(REDUCED_CHI2, t.length > refined ? chi2 / (t.length - refined) : Double.NaN);
        }
        return out;
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("statistics need spectra on one grid, got " + a.length + " and "
                    + b.length + " points");
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
