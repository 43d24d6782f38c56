package org.activestructopt.refinement.model;

/** How one objective compares a simulated spectrum with its target. */
public enum Metric implements ModelEnum {
    /** Mean squared error (weighted by 1/sigma^2 when the target has uncertainties). */
    MSE("mse"),
    /** Mean absolute error (weighted likewise). */
    MAE("mae");

    private final String literal;

    Metric(String literal) {
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
