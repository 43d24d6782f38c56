package org.activestructopt.refinement;

/**
 * A sampler could not draw a structure that satisfies the hard constraints within its number of attempts. The message
 * says what was tried, the closest miss and what to change (radius, constraint factor, pair overrides).
 */
public class SamplingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what was tried and why it failed, phrased for the user */
    public SamplingException(String message) {
        super(message);
    }
}
