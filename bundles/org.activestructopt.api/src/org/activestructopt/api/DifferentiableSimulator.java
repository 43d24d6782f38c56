package org.activestructopt.api;

import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A {@link Simulator} that also provides the analytic derivatives of its spectrum w.r.t. the fractional coordinates
 * and the lattice, for least-squares and gradient-based refinements. Register it as a {@link Simulator} service as
 * usual; callers test {@code simulator instanceof DifferentiableSimulator}.
 */
public interface DifferentiableSimulator extends Simulator {

    /**
     * Simulates the spectrum and its Jacobian. The spectrum equals that of
     * {@link #simulate(org.activestructopt.structure.Structure, Grid, Settings, IProgressMonitor)} with the same
     * arguments.
     *
     * @throws SimulationException as for {@code simulate}
     */
    SpectrumJacobian simulateWithJacobian(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException;
}
