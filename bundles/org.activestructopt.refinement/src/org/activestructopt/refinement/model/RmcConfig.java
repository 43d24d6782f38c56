package org.activestructopt.refinement.model;

import java.util.List;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/**
 * The reverse Monte Carlo baseline: each step moves one atom by up to {@link #maxStep()} Angstrom and is accepted
 * by the Metropolis rule at {@link #temperature()} on the loss (defaults 0.1 Angstrom and 0.0025, ActiveStructOpt's
 * RMC baseline).
 */
public final class RmcConfig extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("RmcConfig");
    private static final EAttribute MAX_STEP = ModelFeatures.attribute(CLASS, "maxStep", double.class);
    private static final EAttribute TEMPERATURE = ModelFeatures.attribute(CLASS, "temperature", double.class);

    RmcConfig(EObject o) {
        super(o, CLASS);
    }

    /** @return the largest displacement of the moved atom, Angstrom */
    public double maxStep() {
        return real(MAX_STEP);
    }

    public RmcConfig setMaxStep(double step) {
        set(MAX_STEP, step);
        return this;
    }

    /** @return the Metropolis temperature, in units of the loss */
    public double temperature() {
        return real(TEMPERATURE);
    }

    public RmcConfig setTemperature(double t) {
        set(TEMPERATURE, t);
        return this;
    }

    void validate(List<JobProblem> problems) {
        if (!(maxStep() > 0) || !Double.isFinite(maxStep())) {
            problems.add(JobProblem.at(this, "maxStep", "must be positive and finite, got " + maxStep()));
        }
        if (!(temperature() >= 0) || !Double.isFinite(temperature())) {
            problems.add(JobProblem.at(this, "temperature", "must be finite and >= 0, got " + temperature()));
        }
    }
}
