package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.refinement.internal.Linear;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.LeastSquaresConfig;
import org.activestructopt.refinement.model.Metric;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Least-squares refinement with analytic Jacobians, like PdfFit2's: Levenberg-Marquardt over the fractional
 * coordinates (and the nine lattice-matrix entries when the lattice varies) minimising the run's loss
 * sum<sub>terms</sub> (weight / scale) &middot; MSE (see {@link ObjectiveFunction}; no scale with one objective),
 * which is the sum of squares of the residuals sqrt((weight / scale) &middot; w<sub>k</sub> / &Sigma;w)
 * (y<sub>k</sub> - t<sub>k</sub>), w<sub>k</sub> = 1/&sigma;<sub>k</sub>&sup2; (1 without uncertainties).
 * <p>
 * Each step solves (J<sup>T</sup>J + &lambda; D) &delta; = -J<sup>T</sup>r with D the diagonal of J<sup>T</sup>J
 * (Marquardt's scaling, which makes fractional and lattice parameters comparable; the null directions of a global
 * translation or rotation are handled by the damping). A step that breaks the hard constraint is damped further
 * without simulating; a simulated step that does not lower the loss is rejected and damped (&lambda; &times; 10),
 * an accepted one relaxes the damping (&lambda; / 10). When a descent converges (an accepted step lowers the loss by
 * less than {@code tolerance} relative) or stalls (&lambda; above 10<sup>12</sup>), or a simulation fails, the
 * search restarts from the best structure so far with every atom moved by {@code restartRadius} in a random
 * direction. Every simulation (with Jacobian) counts against the budget. All objectives must use the MSE metric.
 * <p>
 * Refined nuisance parameters (scale, qdamp, Uiso, ...) are refined jointly with the structure, as PDFgui does: at a
 * start or restart an inner {@link NuisanceFit} sets them to their best values for that structure, then their
 * columns (central differences on a prepared simulation) join the structure's in every step, their values are kept
 * within their bounds, and the final structure is the joint optimum.
 */
public final class LeastSquares implements Baseline {

    private static final double MAX_DAMPING = 1e12;
    private static final double MIN_DAMPING = 1e-15;
    private static final int RESTART_DRAWS = 1000;

    private final double damping;
    private final double tolerance;
    private final double restartRadius;

    /**
     * @param damping       initial Marquardt parameter (positive)
     * @param tolerance     relative loss decrease that counts as converged, in [0, 1)
     * @param restartRadius displacement of every atom at a restart, Angstrom (&ge; 0)
     */
    public LeastSquares(double damping, double tolerance, double restartRadius) {
        if (!(damping > 0) || !(tolerance >= 0 && tolerance < 1) || !(restartRadius >= 0)) {
            throw new IllegalArgumentException("least squares needs damping > 0, 0 <= tolerance < 1 and "
                    + "restartRadius >= 0, got " + damping + ", " + tolerance + ", " + restartRadius);
        }
        this.damping = damping;
        this.tolerance = tolerance;
        this.restartRadius = restartRadius;
    }

    /** @return the baseline configured by a job's {@code <leastSquares>} section */
    public static LeastSquares of(LeastSquaresConfig config) {
        return new LeastSquares(config.damping(), config.tolerance(), config.restartRadius());
    }

    @Override
    public String name() {
        return "leastSquares";
    }

    @Override
    public void run(RefinementProblem problem, RunRecorder recorder, int budget, IProgressMonitor monitor)
            throws SimulationException, SamplingException {
        ObjectiveFunction f = problem.objective();
        if (!f.isDifferentiable()) {
            throw new IllegalArgumentException("least squares needs analytic Jacobians; " + f + " has a simulator "
                    + "that is not a DifferentiableSimulator");
        }
        for (ObjectiveTerm t : f.terms()) {
            if (t.metric() != Metric.MSE) {
                throw new IllegalArgumentException("least squares minimises squared errors; objective " + t.name()
                        + " uses " + t.metric());
            }
        }
        boolean lattice = problem.variation() != Variation.COORDINATES;
        boolean joint = f.terms().stream().anyMatch(ObjectiveTerm::hasRefined);
        SubMonitor sub = SubMonitor.convert(monitor, "Least squares", Math.max(0, budget - recorder.used()));
        Evaluation current = null;
        double lambda = damping;
        while (recorder.used() < budget) {
            if (current == null) {
                Structure s = recorder.count() == 0 ? problem.start() : restartFrom(problem, recorder);
                // with nuisance parameters this includes their inner fit: the joint descent starts at their optimum
                Evaluation e = recorder.evaluate(f, s, true, sub.split(1));
                recorder.record(Phase.BASELINE, e);
                current = e.isFailed() ? null : e;
                lambda = damping;
                continue;
            }
            ObjectiveFunction loss = recorder.objective(f);
            Trial trial = step(current, problem, loss, lattice, lambda);
            while (trial == null && lambda < MAX_DAMPING) {
                lambda *= 10;
                trial = step(current, problem, loss, lattice, lambda);
            }
            if (trial == null) {
                current = null; // stalled: restart
                continue;
            }
            // the joint step proposes structure and nuisance values together; the trial's loss is then taken at its
            // own best nuisance values (an inner fit started from the proposed ones), so accepted points are always
            // on the profiled loss and a step that only suits the old nuisance values cannot lead the descent astray
            Evaluation e = joint ? startingAt(loss, trial.nuisance()).evaluateWithJacobian(trial.structure(),
                    sub.split(1)) : loss.evaluateWithJacobian(trial.structure(), sub.split(1));
            recorder.record(Phase.BASELINE, e);
            if (!e.isFailed() && e.loss() < current.loss()) {
                double decrease = (current.loss() - e.loss()) / current.loss();
                current = e;
                lambda = Math.max(lambda / 10, MIN_DAMPING);
                if (decrease < tolerance) {
                    current = null; // converged: restart from the best
                }
            } else {
                lambda *= 10;
                if (lambda > MAX_DAMPING) {
                    current = null;
                }
            }
        }
    }

    /** @return the objective with every term's refined nuisance parameters starting at {@code values} */
    private static ObjectiveFunction startingAt(ObjectiveFunction f, List<double[]> values) {
        List<ObjectiveTerm> terms = new ArrayList<>();
        for (int t = 0; t < f.terms().size(); t++) {
            ObjectiveTerm term = f.terms().get(t);
            List<Nuisance> refined = term.refined();
            List<Nuisance> next = new ArrayList<>();
            for (Nuisance n : term.nuisance()) {
                int j = refined.indexOf(n);
                next.add(j >= 0 ? n.withValue(values.get(t)[j]) : n);
            }
            terms.add(term.withNuisance(next));
        }
        return f.withTerms(terms);
    }

    /** A trial point: the structure and, per term, the values of its refined nuisance parameters. */
    private record Trial(Structure structure, List<double[]> nuisance) {
    }

    /** @return per term the values of its refined nuisance parameters in {@code e} */
    private static List<double[]> refinedValues(Evaluation e, List<ObjectiveTerm> terms) {
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            out.add(e.fits().isEmpty() ? new double[0]
                    : e.fits().get(t).parameters().stream().filter(Nuisance::refine).mapToDouble(Nuisance::value)
                            .toArray());
        }
        return out;
    }

    /** The best structure so far with every atom moved by the restart radius, within the hard constraint. */
    private Structure restartFrom(RefinementProblem problem, RunRecorder recorder) throws SamplingException {
        Candidate best = recorder.results().best().orElse(recorder.results().candidate(0));
        Structure base = best.structure();
        SplittableRandom rng = Seeds.generator(problem.seed(), "least-squares-restart", recorder.count());
        if (problem.variation() == Variation.LATTICE) {
            return base; // nothing to perturb: a restart only resets the damping
        }
        for (int k = 0; k < RESTART_DRAWS; k++) {
            Structure s = base.perturbed(rng, restartRadius, restartRadius).wrapped();
            if (problem.limits().isSatisfied(s)) {
                return s;
            }
        }
        throw new SamplingException("least squares: no restart " + restartRadius + " A from the best structure kept "
                + "the minimum distances in " + RESTART_DRAWS + " draws; lower restartRadius");
    }

    /**
     * Solves for the damped step and applies it.
     *
     * @return the trial point, or null if the system is singular at this damping or the step breaks the lattice or
     *         the hard constraint
     */
    private static Trial step(Evaluation current, RefinementProblem problem, ObjectiveFunction loss, boolean lattice,
            double lambda) {
        Structure s = current.structure();
        List<ObjectiveTerm> terms = loss.terms();
        List<double[]> values = refinedValues(current, terms);
        boolean coordinates = problem.variation() != Variation.LATTICE;
        int nf = 3 * s.size();
        int ns = nf + (lattice ? 9 : 0);
        int[] offset = new int[terms.size()];
        int n = ns;
        for (int t = 0; t < terms.size(); t++) {
            offset[t] = n;
            n += values.get(t).length;
        }
        double[] ata = new double[n * n];
        double[] atr = new double[n];
        double[] row = new double[n];
        for (int t = 0; t < terms.size(); t++) {
            ObjectiveTerm term = terms.get(t);
            SpectrumJacobian jac = current.jacobians().get(t);
            Spectrum target = term.target();
            double[] y = current.spectra().get(t).yArray();
            double[] ty = target.yArray();
            double[] w = weights(target);
            double wsum = 0;
            for (double v : w) {
                wsum += v;
            }
            double[][] df = jac.fracMatrix();
            double[][] dl = lattice ? jac.latticeMatrix() : null;
            List<double[]> dn = current.fits().isEmpty() ? List.of() : current.fits().get(t).nuisanceColumns();
            for (int k = 0; k < y.length; k++) {
                java.util.Arrays.fill(row, 0);
                double c = Math.sqrt(loss.factor(t) * w[k] / wsum);
                double r = c * (y[k] - ty[k]);
                for (int p = 0; p < nf && coordinates; p++) {
                    row[p] = c * df[k][p];
                }
                if (lattice) {
                    for (int p = 0; p < 9; p++) {
                        row[nf + p] = c * dl[k][p];
                    }
                }
                for (int j = 0; j < values.get(t).length && j < dn.size(); j++) {
                    row[offset[t] + j] = c * dn.get(j)[k];
                }
                for (int p = 0; p < n; p++) {
                    if (row[p] == 0) {
                        continue;
                    }
                    atr[p] += row[p] * r;
                    for (int q = 0; q <= p; q++) {
                        ata[p * n + q] += row[p] * row[q];
                    }
                }
            }
        }
        double maxDiag = 0;
        for (int p = 0; p < n; p++) {
            maxDiag = Math.max(maxDiag, ata[p * n + p]);
        }
        if (!(maxDiag > 0)) {
            return null;
        }
        double[] a = ata.clone();
        double[] b = new double[n];
        for (int p = 0; p < n; p++) {
            a[p * n + p] += lambda * Math.max(ata[p * n + p], 1e-12 * maxDiag);
            b[p] = -atr[p];
        }
        double[] delta = Linear.solveSpd(a, b, n);
        if (delta == null) {
            return null;
        }
        double[] frac = s.fracCoordsFlat();
        for (int p = 0; p < nf; p++) {
            frac[p] += delta[p];
        }
        Structure trial = s.withFracCoordsFlat(frac);
        if (lattice) {
            double[][] m = s.lattice().matrix();
            for (int p = 0; p < 9; p++) {
                m[p / 3][p % 3] += delta[nf + p];
            }
            try {
                trial = trial.withLattice(Lattice.of(m));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        List<double[]> next = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            List<Nuisance> refined = terms.get(t).refined();
            double[] v = values.get(t).clone();
            for (int j = 0; j < v.length; j++) {
                Nuisance p = refined.get(j);
                v[j] = Math.min(p.upper(), Math.max(p.lower(), v[j] + delta[offset[t] + j]));
            }
            next.add(v);
        }
        return problem.limits().isSatisfied(trial) ? new Trial(trial, next) : null;
    }

    private static double[] weights(Spectrum target) {
        int m = target.size();
        double[] w = new double[m];
        var sigma = target.uncertainties();
        for (int k = 0; k < m; k++) {
            w[k] = sigma.isPresent() ? 1 / (sigma.get()[k] * sigma.get()[k]) : 1;
        }
        return w;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LeastSquares(damping %.3g, tolerance %.3g, restart %.3g A)", damping,
                tolerance, restartRadius);
    }
}
