package org.activestructopt.refinement.model;

/** Why a candidate was simulated. */
public enum Phase implements ModelEnum {
    /** Initial training set: the start and sampler draws. */
    INITIAL("initial"),
    /** Sampler draws held out to calibrate the surrogate's uncertainty. */
    CALIBRATION("calibration"),
    /** Proposed by the optimiser with the exploration acquisition. */
    EXPLORE("explore"),
    /** Proposed by the optimiser with the exploitation acquisition. */
    EXPLOIT("exploit"),
    /** Proposed by a baseline method (reverse Monte Carlo, random search, least squares). */
    BASELINE("baseline");

    private final String literal;

    Phase(String literal) {
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
