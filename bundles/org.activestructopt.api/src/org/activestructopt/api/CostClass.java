package org.activestructopt.api;

/**
 * How expensive one call of a {@link Simulator} is; the refinement engine uses it to decide whether the simulator may
 * be called inside an inner optimisation loop or only within a small budget of "real" evaluations.
 */
public enum CostClass {
    /**
     * In-process and fast (milliseconds to about a second per structure): may be called thousands of times, e.g. by
     * reverse Monte Carlo or a direct least-squares refinement.
     */
    CHEAP,
    /**
     * Slow (seconds to hours, often an external program such as FEFF): each call counts against the job's budget of
     * simulator calls and is worth replacing by a surrogate model.
     */
    EXPENSIVE
}
