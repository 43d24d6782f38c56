package org.activestructopt.simulation.feff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.activestructopt.simulation.feff.internal.CubicSpline;

/**
 * chi(k) as the sum of FEFF's scattering paths ({@link FeffDat}, from {@code feffNNNN.dat}) with the path parameters a
 * fit refines: S0^2, an E0 shift and sigma^2 per path. A change of any of them costs a sum over the paths' tables, no
 * FEFF run. For each path, with degeneracy N, half path length R, FEFF's amplitude |F| red, phase 2&delta;<sub>c</sub>
 * + &phi;, mean free path &lambda; and Re p at the shifted wavenumber q = sqrt(k<sup>2</sup> - 2 m &Delta;E0 /
 * &hbar;<sup>2</sup>), and p = Re p + i/&lambda;:
 * <pre>
 * chi(k) = Im[ N S02 |F| red / (q R^2) exp(-2 R / lambda - 2 p^2 sigma^2 + i (2 q R + phase + t)) ]
 * </pre>
 * Two conventions differ in t and in how FEFF's tables (60 nodes, 1 1/angstrom apart above k = 10) are interpolated:
 * <ul>
 * <li>{@link Convention#FEFFIT} is Larch's {@code feffpath}/{@code ff2chi} (and feffit's): t = -4 p sigma^2 / R, the
 * spherical-wave correction of the Debye-Waller factor, and not-a-knot cubic splines of |F| red, the phase, Re p and
 * &lambda;. Agrees with Larch to rounding.</li>
 * <li>{@link Convention#FEFF} is FEFF's own ff2chi (chi.dat): t = 0, and the path's damped amplitude and phase are
 * interpolated linearly between FEFF's nodes. Agrees with FEFF's chi.dat to the 5 digits of the path files.</li>
 * </ul>
 * With sigma^2 = 0 the two differ only by interpolation; at sigma^2 = 0.009 (Cu at 300 K) the t term shifts the
 * phase by about 0.05 rad, several % of chi. Below the edge (q^2 &lt;= 0) chi is 0. Immutable and thread-safe.
 */
public final class PathSum {

    /** hbar^2 / (2 m_e) in eV angstrom^2 (CODATA, as Larch's KTOE): E = KTOE k^2. */
    public static final double KTOE = 3.8099819442818976;

    /** How the paths are summed; see the class comment. */
    public enum Convention {
        /** Larch's feffpath / feffit. */
        FEFFIT("feffit"),
        /** FEFF's own chi.dat. */
        FEFF("feff");

        private final String word;

        Convention(String word) {
            this.word = word;
        }

        /** @return the name used in settings */
        public String word() {
            return word;
        }

        /** @return the convention called {@code word} */
        public static Convention of(String word) {
            for (Convention c : values()) {
                if (c.word.equals(word)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown path-sum convention '" + word + "' (feffit or feff)");
        }
    }

    /** One path's tables, and their splines for the feffit convention. */
    private record Table(FeffDat path, double[] k, double[] amp, double[] phase, double[] lambda, double[] realP,
            CubicSpline ampS, CubicSpline phaseS, CubicSpline lambdaS, CubicSpline realPS) {
    }

    private final List<Table> tables;
    private final double kmax;

    private PathSum(List<Table> tables, double kmax) {
        this.tables = tables;
        this.kmax = kmax;
    }

    /**
     * @param paths the paths to sum (all of them: FEFF's own selection is the caller's)
     * @throws IllegalArgumentException if there is no path or a path's table has fewer than 4 k points
     */
    public static PathSum of(List<FeffDat> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no FEFF path to sum");
        }
        List<Table> tables = new ArrayList<>();
        double kmax = Double.POSITIVE_INFINITY;
        for (FeffDat p : paths) {
            double[] k = p.k();
            double[] amp = p.amplitude();
            double[] phase = p.phase();
            double[] lambda = p.lambda();
            double[] realP = p.realP();
            tables.add(new Table(p, k, amp, phase, lambda, realP, CubicSpline.of(k, amp), CubicSpline.of(k, phase),
                    CubicSpline.of(k, lambda), CubicSpline.of(k, realP)));
            kmax = Math.min(kmax, k[k.length - 1]);
        }
        return new PathSum(List.copyOf(tables), kmax);
    }

    /** @return the paths, in the order of the sigma^2 array of {@link #chi} */
    public List<FeffDat> paths() {
        return tables.stream().map(Table::path).toList();
    }

    /** @return the largest wavenumber every path table reaches, 1/angstrom */
    public double kmax() {
        return kmax;
    }

    /**
     * @param k          wavenumbers, 1/angstrom (any order)
     * @param convention how to sum
     * @param s02        S0^2
     * @param deltaE0    E0 shift, eV (positive: the edge of the model moves up, chi(k) moves to higher k)
     * @param sigma2     sigma^2 of each path in {@link #paths()} order, angstrom^2
     * @return chi at each k
     * @throws IllegalArgumentException if sigma2 has the wrong length, or a shifted wavenumber lies beyond
     *                                  {@link #kmax()} (the message gives k, the shift and the table's end)
     */
    public double[] chi(double[] k, Convention convention, double s02, double deltaE0, double[] sigma2) {
        Objects.requireNonNull(convention, "convention");
        if (sigma2.length != tables.size()) {
            throw new IllegalArgumentException(sigma2.length + " sigma^2 values for " + tables.size() + " paths");
        }
        double[] q = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            double e = k[i] * k[i] - deltaE0 / KTOE;
            q[i] = e > 0 ? Math.sqrt(e) : Double.NaN;
            if (q[i] > kmax + 1e-9) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "k = %.4g 1/A with an E0 shift of %.4g eV needs FEFF's paths at k = %.4g, beyond their end at"
                                + " %.4g", k[i], deltaE0, q[i], kmax));
            }
        }
        double[] out = new double[k.length];
        for (int j = 0; j < tables.size(); j++) {
            Table t = tables.get(j);
            if (convention == Convention.FEFFIT) {
                addFeffit(t, q, s02, sigma2[j], out);
            } else {
                addFeff(t, q, s02, sigma2[j], out);
            }
        }
        return out;
    }

    private static void addFeffit(Table t, double[] q, double s02, double s2, double[] out) {
        double r = t.path().reff();
        double pre = t.path().degeneracy() * s02 / (r * r);
        double c = -4 * s2 / r;
        for (int i = 0; i < q.length; i++) {
            if (Double.isNaN(q[i])) {
                continue;
            }
            double amp = t.ampS().value(q[i]);
            double phase = t.phaseS().value(q[i]);
            double lam = t.lambdaS().value(q[i]);
            double rep = t.realPS().value(q[i]);
            double pi = 1 / lam;
            // exponent of Larch's _calc_chi with p = rep + i pi, p^2 = rep^2 - pi^2 + 2 i rep pi
            double re = -2 * r * pi - 2 * s2 * (rep * rep - pi * pi) - c * pi;
            double im = 2 * q[i] * r + phase - 4 * s2 * rep * pi + c * rep;
            out[i] += pre * amp / q[i] * Math.exp(re) * Math.sin(im);
        }
    }

    private static void addFeff(Table t, double[] q, double s02, double s2, double[] out) {
        double r = t.path().reff();
        double pre = t.path().degeneracy() * s02 / (r * r);
        int n = t.k().length;
        double[] mag = new double[n];
        double[] phase = new double[n];
        for (int j = 0; j < n; j++) {
            double kj = t.k()[j];
            double rep = t.realP()[j];
            double pi = 1 / t.lambda()[j];
            // FEFF's dw = exp(-2 sigma^2 p^2) split into modulus and phase, applied at its own nodes
            double logMod = -2 * r * pi - 2 * s2 * (rep * rep - pi * pi);
            mag[j] = kj > 0 ? pre * t.amp()[j] / kj * Math.exp(logMod) : 0;
            phase[j] = t.phase()[j] - 4 * s2 * rep * pi;
            if (j > 0) {
                phase[j] += 2 * Math.PI * Math.rint((phase[j - 1] - phase[j]) / (2 * Math.PI));
            }
        }
        double[] x = t.k();
        for (int i = 0; i < q.length; i++) {
            if (Double.isNaN(q[i])) {
                continue;
            }
            int lo = 0;
            int hi = n - 2;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (x[mid] <= q[i]) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            double f = (q[i] - x[lo]) / (x[lo + 1] - x[lo]);
            double m = mag[lo] + f * (mag[lo + 1] - mag[lo]);
            double ph = phase[lo] + f * (phase[lo + 1] - phase[lo]);
            out[i] += m * Math.sin(2 * q[i] * r + ph);
        }
    }
}
