package org.activestructopt.refinement;

import org.activestructopt.api.SimulationException;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A refinement on the real simulators without a surrogate, for comparison with the active loop: reverse Monte Carlo,
 * random search or least squares. Every simulation is recorded, failed ones included, and counts against the budget
 * unless the job's budget says failures are free ({@link org.activestructopt.refinement.model.Budget#countFailures()});
 * proposals rejected by the hard constraint are not simulated and cost nothing.
 */
public interface Baseline {

    /** @return a short name for reports, e.g. {@code "rmc"} */
    String name();

    /**
     * Runs until {@code recorder} has used {@code budget} simulations ({@link RunRecorder#used()}). A recorder that
     * already holds simulations (a resumed run) is continued from its best candidate.
     *
     * @param monitor progress (one unit per simulation) and cancellation; may be null
     * @throws SimulationException for a simulator failure that is not specific to a structure (the run cannot go on)
     * @throws SamplingException   if no candidate satisfying the hard constraint can be found
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    void run(RefinementProblem problem, RunRecorder recorder, int budget, IProgressMonitor monitor)
            throws SimulationException, SamplingException;
}
