package org.activestructopt.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link Surrogate#fit(SurrogateData, IProgressMonitor) fit} achieved.
 *
 * @param trainingSize    the number of training examples
 * @param warmStart       whether training continued from the previous fit's state rather than from scratch
 * @param elapsed         wall time of the fit, calibration included
 * @param validationError the mean absolute error of the prediction on examples held out from training (for a k-fold
 *                        ensemble: each member on its own validation fold, averaged), in the units of the spectrum;
 *                        NaN when the surrogate has no validation split
 * @param calibration     the uncertainty calibration on the calibration set
 * @param metrics         further numbers for logs and reports, by name in a stable order (e.g. epochs trained per
 *                        member); implementation-specific
 */
public record SurrogateFit(int trainingSize, boolean warmStart, Duration elapsed, double validationError,
        SurrogateCalibration calibration, Map<String, Double> metrics) {

    /** Validates and copies. */
    public SurrogateFit {
        if (trainingSize < 1) {
            throw new IllegalArgumentException("training size must be positive, got " + trainingSize);
        }
        Objects.requireNonNull(elapsed, "elapsed time");
        Objects.requireNonNull(calibration, "calibration");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "SurrogateFit[%d examples%s, %.2f s, validation MAE %.4g, %s]",
                trainingSize, warmStart ? " (warm start)" : "", elapsed.toNanos() / 1e9, validationError, calibration);
    }
}
