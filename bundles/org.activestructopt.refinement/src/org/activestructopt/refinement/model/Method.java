package org.activestructopt.refinement.model;

/** The algorithm that runs a job: the surrogate-driven active loop or a baseline on the real simulators. */
public enum Method implements ModelEnum {
    /** The active-learning loop on a surrogate model. */
    ACTIVE("active"),
    /** Reverse Monte Carlo on the real simulators. */
    RMC("rmc"),
    /** Random search: every simulation is a fresh sampler draw. */
    RANDOM("random"),
    /** Levenberg-Marquardt least squares with analytic Jacobians. */
    LEAST_SQUARES("leastSquares"),
    /** Gaussian-process Bayesian optimisation (expected improvement) on the real simulators. */
    GPBO("gpbo");

    private final String literal;

    Method(String literal) {
        this.literal = literal;
    }

    @Override
    public String literal() {
        return literal;
    }

    @Override
    public String toString() {
        return literal;
    }
}
