package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.activestructopt.api.DifferentiableSimulator;
import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.refinement.model.Metric;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * The loss of a refinement on the real simulators: the sum of its {@link ObjectiveTerm}s. One evaluation simulates
 * the structure once per term and counts as one simulation against a job's budget. Immutable and thread-safe (the
 * simulators are).
 * <p>
 * <b>What the weights mean.</b> With one objective the loss is weight &times; metric (MSE or MAE), in the metric's
 * units. With several, the metrics differ in units and size (a PDF's MSE and an EXAFS's by two orders of magnitude),
 * so each is divided by its <b>scale</b> c<sub>o</sub>: L = &Sigma;<sub>o</sub> w<sub>o</sub> m<sub>o</sub> /
 * c<sub>o</sub>, c<sub>o</sub> = m<sub>o</sub> of the run's first successful simulation, which every method makes of
 * the start structure ({@link #scalesFrom}, recorded as {@code Results.scales} by {@link RunRecorder#evaluate}). Each
 * objective then counts its weight at the start: the weight is relative importance and nothing else (no suite
 * equalises terms by hand), and every method minimises, records and reports this same loss. With refined nuisance
 * parameters a candidate's metric is the one at its own best nuisance values (the inner fit minimises the term, which
 * a constant scale does not move), and so is the start's, which sets the scale.
 */
public final class ObjectiveFunction {

    private final List<ObjectiveTerm> terms;
    /** c_o per term, or null: not scaled (one objective, or before the scales are fixed). */
    private final double[] scales;

    private ObjectiveFunction(List<ObjectiveTerm> terms, double[] scales) {
        this.terms = terms;
        this.scales = scales;
    }

    /** @throws IllegalArgumentException if there are no terms */
    public static ObjectiveFunction of(List<ObjectiveTerm> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an objective function needs at least one term");
        }
        return new ObjectiveFunction(List.copyOf(terms), null);
    }

    /** @see #of(List) */
    public static ObjectiveFunction of(ObjectiveTerm... terms) {
        return of(List.of(terms));
    }

    /** @return the terms, in order */
    public List<ObjectiveTerm> terms() {
        return terms;
    }

    /** @return these scales (if any) on other terms, e.g. the same with other nuisance starting values */
    public ObjectiveFunction withTerms(List<ObjectiveTerm> other) {
        if (other.size() != terms.size()) {
            throw new IllegalArgumentException(other.size() + " terms for " + terms.size());
        }
        return new ObjectiveFunction(List.copyOf(other), scales);
    }

    /**
     * @param newScales c<sub>o</sub> per term, positive and finite
     * @return this loss with each term divided by its scale
     */
    public ObjectiveFunction withScales(double[] newScales) {
        if (newScales.length != terms.size()) {
            throw new IllegalArgumentException(newScales.length + " scales for " + terms.size() + " objectives");
        }
        for (double c : newScales) {
            if (!(c > 0) || !Double.isFinite(c)) {
                throw new IllegalArgumentException("loss scales must be positive and finite, got "
                        + java.util.Arrays.toString(newScales));
            }
        }
        return new ObjectiveFunction(terms, newScales.clone());
    }

    /** @return the scales c<sub>o</sub>, if this loss is scaled */
    public Optional<double[]> scales() {
        return scales == null ? Optional.empty() : Optional.of(scales.clone());
    }

    /** @return the factor of term o's metric in the loss: w<sub>o</sub> / c<sub>o</sub> */
    public double factor(int o) {
        return terms.get(o).weight() / (scales == null ? 1 : scales[o]);
    }

    /**
     * The scales that a successful evaluation by this function sets: each term's metric. A metric of zero (the
     * structure fits exactly) is replaced by the metric of a zero spectrum against the target, which keeps the units.
     *
     * @throws IllegalArgumentException if the evaluation failed
     */
    public double[] scalesFrom(Evaluation e) {
        if (e.isFailed()) {
            throw new IllegalArgumentException("the loss scales need a successful simulation");
        }
        double[] c = new double[terms.size()];
        double[] losses = e.losses();
        for (int o = 0; o < c.length; o++) {
            double m = losses[o] / factor(o);
            if (!(m > 0) || !Double.isFinite(m)) {
                ObjectiveTerm t = terms.get(o);
                m = java.util.Arrays.stream(t.target().yArray()).map(v -> t.metric() == Metric.MSE ? v * v
                        : Math.abs(v)).average().orElse(1);
            }
            c[o] = m > 0 && Double.isFinite(m) ? m : 1;
        }
        return c;
    }

    /**
     * @param e an evaluation by {@code by} (the same terms, other scales or none)
     * @return {@code e} with the losses of this function
     */
    public Evaluation rescaled(Evaluation e, ObjectiveFunction by) {
        if (e.isFailed()) {
            return e;
        }
        double[] losses = e.losses();
        double total = 0;
        for (int o = 0; o < losses.length; o++) {
            losses[o] *= factor(o) / by.factor(o);
            total += losses[o];
        }
        return new Evaluation(e.structure(), e.spectra(), losses, total, e.seconds(), e.failure(), e.jacobians(),
                e.fits());
    }

    /** @return whether every term's simulator provides analytic Jacobians */
    public boolean isDifferentiable() {
        return terms.stream().allMatch(t -> t.simulator() instanceof DifferentiableSimulator);
    }

    /**
     * Simulates {@code structure} for every term.
     *
     * @return the spectra and losses, or a failed evaluation for a structure-specific failure (the candidate is
     *         discarded, the run goes on)
     * @throws SimulationException for failures that are not structure-specific (setup, invalid request, bug)
     * @throws OperationCanceledException if the monitor is cancelled
     */
    public Evaluation evaluate(Structure structure, IProgressMonitor monitor) throws SimulationException {
        return run(structure, false, monitor);
    }

    /**
     * As {@link #evaluate(Structure, IProgressMonitor)}, with the Jacobian of every spectrum (at the fitted nuisance
     * values, whose derivatives come with it in {@link Evaluation.TermFit#nuisanceColumns()}).
     *
     * @throws IllegalStateException if a simulator is not a {@link DifferentiableSimulator}
     */
    public Evaluation evaluateWithJacobian(Structure structure, IProgressMonitor monitor) throws SimulationException {
        if (!isDifferentiable()) {
            throw new IllegalStateException("simulator(s) " + terms.stream()
                    .filter(t -> !(t.simulator() instanceof DifferentiableSimulator)).map(ObjectiveTerm::name).toList()
                    + " provide no Jacobian");
        }
        return run(structure, true, monitor);
    }

    /**
     * For the joint least-squares fit: simulates {@code structure} with the refined nuisance parameters of every term
     * at the given values (no inner fit), with the Jacobian w.r.t. the structure and, by central differences on a
     * prepared simulation, the derivatives w.r.t. those values ({@link Evaluation.TermFit#nuisanceColumns()}).
     *
     * @param values per term the values of its {@link ObjectiveTerm#refined()} parameters, in order
     */
    public Evaluation evaluateJointly(Structure structure, List<double[]> values, IProgressMonitor monitor)
            throws SimulationException {
        if (!isDifferentiable()) {
            throw new IllegalStateException("a joint fit needs Jacobians; " + this + " has a simulator without");
        }
        return run(structure, true, values, monitor);
    }

    private Evaluation run(Structure structure, boolean jacobian, IProgressMonitor monitor)
            throws SimulationException {
        return run(structure, jacobian, null, monitor);
    }

    private Evaluation run(Structure structure, boolean jacobian, List<double[]> given, IProgressMonitor monitor)
            throws SimulationException {
        SubMonitor sub = SubMonitor.convert(monitor, terms.size());
        long t0 = System.nanoTime();
        List<Spectrum> spectra = new ArrayList<>();
        List<SpectrumJacobian> jacobians = new ArrayList<>();
        List<Evaluation.TermFit> fits = new ArrayList<>();
        double[] losses = new double[terms.size()];
        double total = 0;
        try {
            for (int i = 0; i < terms.size(); i++) {
                ObjectiveTerm t = terms.get(i);
                SubMonitor tm = sub.split(1);
                Settings settings = t.settings();
                List<Nuisance> used = t.nuisance();
                double[] esd = nan(used.size());
                Spectrum fitted = null;
                List<double[]> columns = List.of();
                if (given != null && t.hasRefined()) {
                    settings = t.settingsAt(t.refined(), given.get(i));
                    used = withValues(t, given.get(i));
                } else if (t.hasRefined()) {
                    NuisanceFit.Result r = NuisanceFit.fit(t, structure, tm);
                    settings = r.settings();
                    used = r.parameters();
                    esd = r.uncertainties();
                    fitted = r.spectrum();
                }
                Spectrum s;
                if (jacobian) {
                    SpectrumJacobian j = ((DifferentiableSimulator) t.simulator()).simulateWithJacobian(structure,
                            t.grid(), settings, tm);
                    jacobians.add(j);
                    s = j.spectrum();
                    if (t.hasRefined()) {
                        double[] at = used.stream().filter(Nuisance::refine).mapToDouble(Nuisance::value).toArray();
                        columns = nuisanceColumns(t, structure, at, tm);
                    }
                } else {
                    s = fitted != null ? fitted : t.simulator().simulate(structure, t.grid(), settings, tm);
                }
                spectra.add(s);
                losses[i] = scales == null ? t.loss(s) : t.loss(s) / scales[i];
                total += losses[i];
                int refined = t.refined().size() + (given != null ? 3 * structure.size() : 0);
                fits.add(new Evaluation.TermFit(used, esd, FitStatistics.of(s, t.target(), refined), columns));
            }
        } catch (SimulationException e) {
            if (e.reason() == Reason.CANCELLED) {
                throw new OperationCanceledException(e.getMessage());
            }
            if (!e.reason().isStructureSpecific()) {
                throw e;
            }
            return new Evaluation(structure, List.of(), new double[0], Double.NaN, seconds(t0), Optional.of(e),
                    List.of());
        }
        if (!Double.isFinite(total)) {
            return new Evaluation(structure, List.of(), new double[0], Double.NaN, seconds(t0),
                    Optional.of(new SimulationException(Reason.NUMERICAL, "loss is " + total + " (losses "
                            + java.util.Arrays.toString(losses) + ")")), List.of());
        }
        return new Evaluation(structure, spectra, losses, total, seconds(t0), Optional.empty(), jacobians, fits);
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static List<Nuisance> withValues(ObjectiveTerm t, double[] values) {
        List<Nuisance> refined = t.refined();
        List<Nuisance> out = new ArrayList<>();
        for (Nuisance n : t.nuisance()) {
            int j = refined.indexOf(n);
            out.add(j >= 0 ? n.withValue(values[j]) : n);
        }
        return out;
    }

    /** Central differences of the spectrum w.r.t. each refined nuisance value, on one prepared simulation. */
    private static List<double[]> nuisanceColumns(ObjectiveTerm t, Structure structure, double[] values,
            IProgressMonitor monitor) throws SimulationException {
        List<Nuisance> refined = t.refined();
        PreparedSimulation p = ((NuisanceSimulator) t.simulator()).prepare(structure, t.grid(),
                t.settingsAt(refined, values), monitor);
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < refined.size(); j++) {
            Nuisance n = refined.get(j);
            double h = Math.max(1e-7, 1e-5 * Math.abs(values[j]));
            double[] plus = values.clone();
            double[] minus = values.clone();
            plus[j] = Math.min(n.upper(), values[j] + h);
            minus[j] = Math.max(n.lower(), values[j] - h);
            double[] yp = p.spectrum(t.settingsAt(refined, plus)).yArray();
            double[] ym = p.spectrum(t.settingsAt(refined, minus)).yArray();
            double[] col = new double[yp.length];
            for (int k = 0; k < col.length; k++) {
                col[k] = (yp[k] - ym[k]) / (plus[j] - minus[j]);
            }
            out.add(col);
        }
        return out;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ObjectiveFunction[");
        for (int o = 0; o < terms.size(); o++) {
            ObjectiveTerm t = terms.get(o);
            sb.append(o == 0 ? "" : ", ").append(t.weight()).append(" x ").append(t.metric()).append('(')
                    .append(t.name()).append(')');
            if (scales != null) {
                sb.append(" / ").append(scales[o]);
            }
        }
        return sb.append(']').toString();
    }
}
