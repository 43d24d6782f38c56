package org.activestructopt.refinement;

import java.util.random.RandomGenerator;

import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Draws candidate structures for a refinement: the initial and calibration sets of the active loop, the random
 * starts of its optimiser, and random search. Every draw satisfies the sampler's hard constraints (minimum
 * distances); a draw that cannot is an error, not an endless loop.
 * <p>
 * Samplers are deterministic: the same generator state gives the same structure. They keep no state between draws,
 * so callers can give every draw its own generator (see {@link Seeds}) and a resumed run draws what the first run
 * would have drawn. Candidates keep the start structure's species in the same order, so site i of every candidate
 * is the same element as site i of the start.
 * <p>
 * The interface lives in the refinement bundle for now; it moves to the api bundle if third-party samplers appear.
 */
public interface Sampler {

    /** @return the structure whose composition and site order every draw keeps */
    Structure start();

    /**
     * Draws one candidate.
     *
     * @param rng     source of randomness; the result depends only on its state
     * @param monitor progress and cancellation, may be null
     * @return a structure satisfying the hard constraints
     * @throws SamplingException if no draw satisfied the constraints within the sampler's number of attempts
     * @throws org.eclipse.core.runtime.OperationCanceledException if the monitor was cancelled
     */
    Structure sample(RandomGenerator rng, IProgressMonitor monitor) throws SamplingException;
}
