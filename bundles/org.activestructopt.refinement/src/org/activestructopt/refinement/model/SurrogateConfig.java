package org.activestructopt.refinement.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * The surrogate model of the active loop: a registered surrogate (name, default {@code gnn}) with its settings, the
 * ensemble size k (default 5) whose spread is the uncertainty, and whether that spread is calibrated on the
 * calibration set.
 */
public final class SurrogateConfig extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("SurrogateConfig");
    private static final EAttribute NAME = ModelFeatures.attribute(CLASS, "name", String.class);
    private static final EAttribute ENSEMBLE_SIZE = ModelFeatures.attribute(CLASS, "ensembleSize", int.class);
    private static final EAttribute CALIBRATE = ModelFeatures.attribute(CLASS, "calibrate", boolean.class);
    private static final EReference SETTINGS = ModelFeatures.reference(CLASS, "settings", SettingKeys.CLASS, true,
            true);

    SurrogateConfig(EObject o) {
        super(o, CLASS);
    }

    public String name() {
        return string(NAME);
    }

    public SurrogateConfig setName(String name) {
        set(NAME, Objects.requireNonNull(name, "surrogate name"));
        return this;
    }

    /** @return k, the number of models in the ensemble */
    public int ensembleSize() {
        return integer(ENSEMBLE_SIZE);
    }

    public SurrogateConfig setEnsembleSize(int k) {
        set(ENSEMBLE_SIZE, k);
        return this;
    }

    /** @return whether the ensemble spread is scaled to be calibrated on the calibration set */
    public boolean calibrate() {
        return bool(CALIBRATE);
    }

    public SurrogateConfig setCalibrate(boolean calibrate) {
        set(CALIBRATE, calibrate);
        return this;
    }

    /** @return the surrogate's own settings as given in the job */
    public Map<String, String> settings() {
        return settingsOf(SETTINGS);
    }

    public SurrogateConfig setSetting(String key, String value) {
        putSetting(SETTINGS, key, value);
        return this;
    }

    public boolean removeSetting(String key) {
        return removeSetting(SETTINGS, key);
    }

    public SurrogateConfig setSettings(Map<String, String> settings) {
        replaceSettings(SETTINGS, settings);
        return this;
    }

    void validate(List<JobProblem> problems) {
        if (name() == null || name().isBlank()) {
            problems.add(JobProblem.at(this, "name", "missing"));
        }
        if (ensembleSize() < 1) {
            problems.add(JobProblem.at(this, "ensembleSize", "must be at least 1, got " + ensembleSize()));
        }
        if (calibrate() && ensembleSize() < 2) {
            problems.add(JobProblem.at(this, "calibrate", "calibrating the uncertainty needs an ensemble of at least"
                    + " 2 models, ensembleSize is " + ensembleSize()));
        }
        Objective.validateKeys(this, children(SETTINGS), problems);
    }
}
