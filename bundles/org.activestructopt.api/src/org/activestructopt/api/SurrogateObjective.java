package org.activestructopt.api;

/**
 * A scalar function of a surrogate's prediction, e.g. an acquisition function such as the mean absolute error to the
 * target spectrum minus a multiple of the mean uncertainty. {@link Surrogate#evaluate} calls it once per candidate with
 * the predicted mean and calibrated standard deviation, and back-propagates the partial derivatives it returns through
 * the model to the fractional coordinates and the lattice. Lower values are better by convention.
 * <p>
 * Implementations must be pure functions of their arguments (they may be called in any order, from any thread, more
 * than once for the same prediction).
 *
 * <pre>{@code
 * SurrogateObjective mse = (mean, sigma, dMean, dSigma) -> {
 *     double sum = 0;
 *     for (int i = 0; i < mean.length; i++) {
 *         double e = mean[i] - target[i];
 *         sum += e * e;
 *         dMean[i] = 2 * e / mean.length;
 *     }
 *     return sum / mean.length;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface SurrogateObjective {

    /**
     * @param mean   the predicted spectrum on the surrogate's grid; do not modify
     * @param sigma  its calibrated standard deviation at every point; do not modify
     * @param dMean  output, zero on entry: the partial derivative of the value with respect to each {@code mean[i]}
     * @param dSigma output, zero on entry: the partial derivative of the value with respect to each {@code sigma[i]}
     * @return the value of the objective for this prediction
     */
    double evaluate(double[] mean, double[] sigma, double[] dMean, double[] dSigma);
}
