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
 * The sampler that draws the initial and calibration candidates and random starts: its name ({@code perturbation}
 * by default, or {@code spacegroup}) and settings, validated against the sampler's settings schema when the job is
 * set up.
 */
public final class SamplerConfig extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("SamplerConfig");
    private static final EAttribute NAME = ModelFeatures.attribute(CLASS, "name", String.class);
    private static final EReference SETTINGS = ModelFeatures.reference(CLASS, "settings", SettingKeys.CLASS, true,
            true);

    SamplerConfig(EObject o) {
        super(o, CLASS);
    }

    /** @return the sampler name */
    public String name() {
        return string(NAME);
    }

    public SamplerConfig setName(String name) {
        set(NAME, Objects.requireNonNull(name, "sampler name"));
        return this;
    }

    /** @return the settings as given in the job (key to value, in file order) */
    public Map<String, String> settings() {
        return settingsOf(SETTINGS);
    }

    public SamplerConfig setSetting(String key, String value) {
        putSetting(SETTINGS, key, value);
        return this;
    }

    public boolean removeSetting(String key) {
        return removeSetting(SETTINGS, key);
    }

    public SamplerConfig setSettings(Map<String, String> settings) {
        replaceSettings(SETTINGS, settings);
        return this;
    }

    void validate(List<JobProblem> problems) {
        if (name() == null || name().isBlank()) {
            problems.add(JobProblem.at(this, "name", "missing"));
        }
        Objective.validateKeys(this, children(SETTINGS), problems);
    }
}
