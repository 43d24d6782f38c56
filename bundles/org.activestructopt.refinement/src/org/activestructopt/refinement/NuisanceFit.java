package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.refinement.internal.Linear;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The inner fit of one objective's refined nuisance parameters for one structure, as PDFgui and feffit refine them:
 * weighted least squares sum_k w_k (y_k - t_k)^2 (w = 1/sigma^2 where the target has uncertainties, else 1) by a
 * bounded Levenberg-Marquardt over the parameters that are not proportional, with the (first) proportional one
 * (scale, S0^2) solved in closed form at every step (variable projection: the LM then sees the misfit at the best
 * scale, and its finite-difference Jacobian includes the scale's response). All spectra come from one
 * {@link NuisanceSimulator#prepare prepared} simulation, so the fit repeats no neighbour search or FEFF run.
 * <p>
 * Standard uncertainties are the square roots of the diagonal of (J^T W J)^-1 chi^2 / (N - P), the covariance scaled
 * by the reduced chi^2 as PDFgui and lmfit report it, with J the Jacobian of every refined parameter at the optimum.
 */
public final class NuisanceFit {

    private static final int MAX_ITERATIONS = 60;
    private static final double TOLERANCE = 1e-10;

    /**
     * @param parameters    the term's nuisance parameters with their fitted (or fixed) values
     * @param uncertainties standard uncertainty per parameter, NaN for a fixed one or when the covariance is singular
     * @param spectrum      the simulated spectrum at the fitted values
     * @param settings      the settings with the fitted values
     * @param spectra       how many spectra the fit computed from the prepared simulation
     */
    public record Result(List<Nuisance> parameters, double[] uncertainties, Spectrum spectrum, Settings settings,
            int spectra) {
        public Result {
            parameters = List.copyOf(parameters);
            uncertainties = uncertainties.clone();
        }

        @Override
        public double[] uncertainties() {
            return uncertainties.clone();
        }

        /** @return the number of refined parameters */
        public int refinedCount() {
            return (int) parameters.stream().filter(Nuisance::refine).count();
        }
    }

    private final ObjectiveTerm term;
    private final PreparedSimulation prepared;
    private final double[] target;
    private final double[] sqrtW;
    private final List<Nuisance> free = new ArrayList<>();
    private final Nuisance scale;
    private int count;

    private NuisanceFit(ObjectiveTerm term, PreparedSimulation prepared) {
        this.term = term;
        this.prepared = prepared;
        this.target = term.target().yArray();
        this.sqrtW = sqrtWeights(term.target());
        Nuisance s = null;
        for (Nuisance n : term.refined()) {
            if (s == null && n.parameter().proportional()) {
                s = n;
            } else {
                free.add(n);
            }
        }
        this.scale = s;
    }

    /**
     * Fits the term's refined nuisance parameters to its target for {@code structure}.
     *
     * @throws IllegalArgumentException if the term's simulator is not a {@link NuisanceSimulator}
     * @throws SimulationException      as the simulator's {@code prepare} and {@code spectrum} do
     */
    public static Result fit(ObjectiveTerm term, Structure structure, IProgressMonitor monitor)
            throws SimulationException {
        Objects.requireNonNull(term, "term");
        if (!(term.simulator() instanceof NuisanceSimulator ns)) {
            throw new IllegalArgumentException("objective " + term.name() + ": simulator " + term.simulator().name()
                    + " has no nuisance parameters to fit");
        }
        PreparedSimulation p = ns.prepare(structure, term.grid(), term.settings(), monitor);
        return new NuisanceFit(term, p).run();
    }

    /** @return 1/sigma (or 1) per target point, as the term's MSE weighs them */
    static double[] sqrtWeights(Spectrum target) {
        double[] w = new double[target.size()];
        var sigma = target.uncertainties();
        for (int k = 0; k < w.length; k++) {
            w[k] = sigma.isPresent() ? 1 / sigma.get()[k] : 1;
        }
        return w;
    }

    /** The state at one point: free values, the closed-form scale and the weighted residuals. */
    private record Point(double[] x, double scale, double[] y, double[] residual, double cost) {
    }

    private Point evaluate(double[] x) throws SimulationException {
        double[] values = x;
        List<Nuisance> params = free;
        if (scale != null) {
            params = new ArrayList<>(free);
            params.add(scale);
            values = Arrays.copyOf(x, x.length + 1);
            values[x.length] = 1;
        }
        double[] y = prepared.spectrum(term.settingsAt(params, values)).yArray();
        count++;
        double c = 1;
        if (scale != null) {
            double num = 0;
            double den = 0;
            for (int k = 0; k < y.length; k++) {
                double w = sqrtW[k] * sqrtW[k];
                num += w * y[k] * target[k];
                den += w * y[k] * y[k];
            }
            c = den > 0 ? num / den : scale.value();
            c = Math.min(scale.upper(), Math.max(scale.lower(), c));
        }
        double[] r = new double[y.length];
        double cost = 0;
        for (int k = 0; k < y.length; k++) {
            r[k] = sqrtW[k] * (c * y[k] - target[k]);
            cost += r[k] * r[k];
        }
        return new Point(x.clone(), c, y, r, cost);
    }

    private double step(int j, double x) {
        Nuisance n = free.get(j);
        double h = Math.max(1e-7, 1e-5 * Math.abs(x));
        return x + h > n.upper() ? -h : h;
    }

    /** Forward-difference Jacobian of the residuals w.r.t. the free values (the closed-form scale re-solved). */
    private double[][] jacobian(Point p) throws SimulationException {
        int m = p.residual().length;
        double[][] jac = new double[free.size()][];
        for (int j = 0; j < free.size(); j++) {
            double[] x = p.x().clone();
            double h = step(j, x[j]);
            x[j] += h;
            Point q;
            try {
                q = evaluate(x);
            } catch (SimulationException e) {
                if (e.reason() == SimulationException.Reason.CANCELLED || x[j] - 2 * h < free.get(j).lower()) {
                    throw e;
                }
                h = -h;
                x[j] += 2 * h;
                q = evaluate(x);
            }
            double[] col = new double[m];
            for (int k = 0; k < m; k++) {
                col[k] = (q.residual()[k] - p.residual()[k]) / h;
            }
            jac[j] = col;
        }
        return jac;
    }

    private Result run() throws SimulationException {
        int n = free.size();
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = free.get(j).value();
        }
        Point best = evaluate(x);
        double lambda = 1e-3;
        for (int it = 0; it < MAX_ITERATIONS && n > 0; it++) {
            double[][] jac = jacobian(best);
            double[] jtj = new double[n * n];
            double[] jtr = new double[n];
            for (int a = 0; a < n; a++) {
                for (int k = 0; k < best.residual().length; k++) {
                    jtr[a] += jac[a][k] * best.residual()[k];
                }
                for (int b = 0; b <= a; b++) {
                    double s = 0;
                    for (int k = 0; k < best.residual().length; k++) {
                        s += jac[a][k] * jac[b][k];
                    }
                    jtj[a * n + b] = s;
                    jtj[b * n + a] = s;
                }
            }
            boolean improved = false;
            while (lambda < 1e10) {
                double[] a = jtj.clone();
                double[] rhs = new double[n];
                for (int j = 0; j < n; j++) {
                    a[j * n + j] += lambda * Math.max(jtj[j * n + j], 1e-30);
                    rhs[j] = -jtr[j];
                }
                double[] delta = Linear.solveSpd(a, rhs, n);
                if (delta == null) {
                    lambda *= 10;
                    continue;
                }
                double[] trial = new double[n];
                boolean moved = false;
                for (int j = 0; j < n; j++) {
                    Nuisance p = free.get(j);
                    trial[j] = Math.min(p.upper(), Math.max(p.lower(), x[j] + delta[j]));
                    moved |= trial[j] != x[j];
                }
                if (!moved) {
                    break;
                }
                Point t;
                try {
                    t = evaluate(trial);
                } catch (SimulationException e) {
                    if (e.reason() == SimulationException.Reason.CANCELLED) {
                        throw e;
                    }
                    // e.g. delta2 sharpening a short pair to zero width: not a step to take
                    lambda *= 10;
                    continue;
                }
                if (t.cost() < best.cost()) {
                    double decrease = (best.cost() - t.cost()) / Math.max(best.cost(), Double.MIN_NORMAL);
                    best = t;
                    x = trial;
                    lambda = Math.max(lambda / 10, 1e-12);
                    improved = decrease > TOLERANCE;
                    break;
                }
                lambda *= 10;
            }
            if (!improved) {
                break;
            }
        }
        return result(best);
    }

    private Result result(Point best) throws SimulationException {
        List<Nuisance> fitted = new ArrayList<>();
        for (Nuisance p : term.nuisance()) {
            int j = free.indexOf(p);
            if (j >= 0) {
                fitted.add(p.withValue(best.x()[j]));
            } else if (p == scale) {
                fitted.add(p.withValue(best.scale()));
            } else {
                fitted.add(p);
            }
        }
        // covariance over every refined parameter, the scale as a column of its own: d(c y)/dc = y
        List<Nuisance> refined = new ArrayList<>(free);
        int m = best.residual().length;
        List<double[]> columns = new ArrayList<>();
        if (n() > 0) {
            // columns at a fixed scale: the closed-form re-solution belongs to the fit, not to the model's sensitivity
            for (int j = 0; j < free.size(); j++) {
                double[] x = best.x().clone();
                double h = step(j, x[j]);
                x[j] += h;
                double[] yh = spectrumAt(x);
                double[] col = new double[m];
                for (int k = 0; k < m; k++) {
                    col[k] = sqrtW[k] * best.scale() * (yh[k] - best.y()[k]) / h;
                }
                columns.add(col);
            }
        }
        if (scale != null) {
            refined.add(scale);
            double[] col = new double[m];
            for (int k = 0; k < m; k++) {
                col[k] = sqrtW[k] * best.y()[k];
            }
            columns.add(col);
        }
        double[] esd = new double[term.nuisance().size()];
        Arrays.fill(esd, Double.NaN);
        double[] sd = standardUncertainties(columns, best.cost(), m);
        for (int j = 0; j < refined.size(); j++) {
            esd[term.nuisance().indexOf(refined.get(j))] = sd[j];
        }
        double[] values = fitted.stream().mapToDouble(Nuisance::value).toArray();
        Settings settings = term.settingsAt(fitted, values);
        double[] y = best.y().clone();
        for (int k = 0; k < y.length; k++) {
            y[k] *= best.scale();
        }
        Spectrum s = Spectrum.of(term.target().kind(), term.target().xArray(), y);
        return new Result(fitted, esd, s, settings, count);
    }

    private int n() {
        return free.size();
    }

    private double[] spectrumAt(double[] x) throws SimulationException {
        List<Nuisance> params = free;
        double[] values = x;
        if (scale != null) {
            params = new ArrayList<>(free);
            params.add(scale);
            values = Arrays.copyOf(x, x.length + 1);
            values[x.length] = 1;
        }
        count++;
        return prepared.spectrum(term.settingsAt(params, values)).yArray();
    }

    /** @return sqrt(diag((J^T J)^-1) chi^2 / (m - p)); NaN where singular or without degrees of freedom */
    static double[] standardUncertainties(List<double[]> columns, double chi2, int m) {
        int p = columns.size();
        double[] out = new double[p];
        Arrays.fill(out, Double.NaN);
        if (p == 0 || m <= p) {
            return out;
        }
        double[] jtj = new double[p * p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += columns.get(a)[k] * columns.get(b)[k];
                }
                jtj[a * p + b] = s;
                jtj[b * p + a] = s;
            }
        }
        double reduced = chi2 / (m - p);
        for (int a = 0; a < p; a++) {
            double[] e = new double[p];
            e[a] = 1;
            double[] col = Linear.solveSpd(jtj, e, p);
            if (col != null && col[a] >= 0) {
                out[a] = Math.sqrt(col[a] * reduced);
            }
        }
        return out;
    }
}
