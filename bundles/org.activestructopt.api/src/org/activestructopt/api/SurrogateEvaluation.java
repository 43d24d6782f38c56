package org.activestructopt.api;

import java.util.Objects;

/**
 * The value of a {@link SurrogateObjective} for one structure, the prediction it was computed from, and its gradient
 * with respect to the structure's fractional coordinates and lattice matrix.
 *
 * @param value      the objective value
 * @param prediction the surrogate's prediction for the structure
 * @param gradient   the derivative of {@code value}
 */
public record SurrogateEvaluation(double value, SurrogatePrediction prediction, StructureGradient gradient) {

    /** Rejects nulls. */
    public SurrogateEvaluation {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(gradient, "gradient");
    }
}
