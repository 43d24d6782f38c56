package org.activestructopt.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The examples a {@link Surrogate} is fitted on: a training set and a held-out calibration set on which the
 * uncertainty is scaled (ActiveStructOpt holds out 20 structures). Immutable.
 * <p>
 * The order of the training examples matters to implementations that split them into folds: append new examples at
 * the end ({@link #withTraining(SurrogateExample)}) so that earlier examples keep their fold from round to round.
 *
 * @param training    the training examples, at least one
 * @param calibration the calibration examples; empty for an uncalibrated surrogate
 */
public record SurrogateData(List<SurrogateExample> training, List<SurrogateExample> calibration) {

    /** Copies the lists and rejects empty training sets and null elements. */
    public SurrogateData {
        training = copy(training, "training");
        calibration = copy(calibration, "calibration");
        if (training.isEmpty()) {
            throw new IllegalArgumentException("a surrogate needs at least one training example");
        }
    }

    private static List<SurrogateExample> copy(List<SurrogateExample> list, String what) {
        Objects.requireNonNull(list, what + " examples");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException(what + " example " + i + " is null");
            }
        }
        return List.copyOf(list);
    }

    /** @return data with these training examples and no calibration set */
    public static SurrogateData of(List<SurrogateExample> training) {
        return new SurrogateData(training, List.of());
    }

    /** @return data with these training and calibration examples */
    public static SurrogateData of(List<SurrogateExample> training, List<SurrogateExample> calibration) {
        return new SurrogateData(training, calibration);
    }

    /** @return a copy with {@code example} appended to the training examples */
    public SurrogateData withTraining(SurrogateExample example) {
        Objects.requireNonNull(example, "training example");
        List<SurrogateExample> t = new ArrayList<>(training);
        t.add(example);
        return new SurrogateData(t, calibration);
    }

    /** @return a copy with {@code examples} appended to the training examples, in order */
    public SurrogateData withTraining(List<SurrogateExample> examples) {
        List<SurrogateExample> t = new ArrayList<>(training);
        t.addAll(copy(examples, "training"));
        return new SurrogateData(t, calibration);
    }

    /** @return a copy with {@code example} appended to the calibration examples */
    public SurrogateData withCalibration(SurrogateExample example) {
        Objects.requireNonNull(example, "calibration example");
        List<SurrogateExample> c = new ArrayList<>(calibration);
        c.add(example);
        return new SurrogateData(training, c);
    }

    @Override
    public String toString() {
        return "SurrogateData[" + training.size() + " training, " + calibration.size() + " calibration examples]";
    }
}
