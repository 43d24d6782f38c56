package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.activestructopt.api.DifferentiableSimulator;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * The loss of a refinement on the real simulators: the sum of its {@link ObjectiveTerm}s. One evaluation simulates
 * the structure once per term and counts as one simulation against a job's budget. Immutable and thread-safe (the
 * simulators are).
 */
public final class ObjectiveFunction {

    private final List<ObjectiveTerm> terms;

    private ObjectiveFunction(List<ObjectiveTerm> terms) {
        this.terms = terms;
    }

    /** @throws IllegalArgumentException if there are no terms */
    public static ObjectiveFunction of(List<ObjectiveTerm> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("an objective function needs at least one term");
        }
        return new ObjectiveFunction(List.copyOf(terms));
    }

    /** @see #of(List) */
    public static ObjectiveFunction of(ObjectiveTerm... terms) {
        return of(List.of(terms));
    }

    /** @return the terms, in order */
    public List<ObjectiveTerm> terms() {
        return terms;
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
     * As {@link #evaluate(Structure, IProgressMonitor)}, with the Jacobian of every spectrum.
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

    private Evaluation run(Structure structure, boolean jacobian, IProgressMonitor monitor)
            throws SimulationException {
        SubMonitor sub = SubMonitor.convert(monitor, terms.size());
        long t0 = System.nanoTime();
        List<Spectrum> spectra = new ArrayList<>();
        List<SpectrumJacobian> jacobians = new ArrayList<>();
        double[] losses = new double[terms.size()];
        double total = 0;
        try {
            for (int i = 0; i < terms.size(); i++) {
                ObjectiveTerm t = terms.get(i);
                Spectrum s;
                if (jacobian) {
                    SpectrumJacobian j = ((DifferentiableSimulator) t.simulator()).simulateWithJacobian(structure,
                            t.grid(), t.settings(), sub.split(1));
                    jacobians.add(j);
                    s = j.spectrum();
                } else {
                    s = t.simulator().simulate(structure, t.grid(), t.settings(), sub.split(1));
                }
                spectra.add(s);
                losses[i] = t.loss(s);
                total += losses[i];
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
        return new Evaluation(structure, spectra, losses, total, seconds(t0), Optional.empty(), jacobians);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) * 1e-9;
    }

    @Override
    public String toString() {
        return "ObjectiveFunction" + terms.stream().map(t -> t.weight() + " x " + t.metric() + "(" + t.name() + ")")
                .toList();
    }
}
