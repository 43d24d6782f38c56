package org.activestructopt.refinement.model;

import java.util.List;
import java.util.OptionalDouble;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/**
 * The reverse Monte Carlo baseline as ActiveStructOpt runs it: each step moves every atom (or one, with
 * {@code allAtoms="false"}) by a distance drawn uniformly in [{@link #minStep()}, {@link #maxStep()}] (by default
 * exactly maxStep = 0.1 Angstrom) in a random direction, and is accepted with min(1, exp(-Delta / T)) on the
 * loss. T is {@link #temperature()} if given, else 2 {@link #sigma()}<sup>2</sup> (the original's sigma = 0.0025,
 * T = 1.25e-5). See {@link org.activestructopt.refinement.ReverseMonteCarlo}.
 */
public final class RmcConfig extends ModelObject {

    /** The original's sigma (RMCList, rmc_config). */
    public static final double DEFAULT_SIGMA = 0.0025;

    static final EClass CLASS = ModelFeatures.eClass("RmcConfig");
    private static final EAttribute MAX_STEP = ModelFeatures.attribute(CLASS, "maxStep", double.class);
    private static final EAttribute MIN_STEP = ModelFeatures.attribute(CLASS, "minStep", Double.class);
    private static final EAttribute ALL_ATOMS = ModelFeatures.attribute(CLASS, "allAtoms", boolean.class);
    private static final EAttribute SIGMA = ModelFeatures.attribute(CLASS, "sigma", Double.class);
    private static final EAttribute TEMPERATURE = ModelFeatures.attribute(CLASS, "temperature", Double.class);

    RmcConfig(EObject o) {
        super(o, CLASS);
    }

    /** @return the longest displacement of a moved atom, Angstrom */
    public double maxStep() {
        return real(MAX_STEP);
    }

    public RmcConfig setMaxStep(double step) {
        set(MAX_STEP, step);
        return this;
    }

    /** @return the shortest displacement of a moved atom, Angstrom: the given one, else {@link #maxStep()} */
    public double minStep() {
        Double s = (Double) raw(MIN_STEP);
        return s == null ? maxStep() : s;
    }

    public RmcConfig setMinStep(double step) {
        set(MIN_STEP, step);
        return this;
    }

    /** @return whether every atom moves each step (the original) rather than one */
    public boolean allAtoms() {
        return bool(ALL_ATOMS);
    }

    public RmcConfig setAllAtoms(boolean all) {
        set(ALL_ATOMS, all);
        return this;
    }

    /** @return the original's sigma: the given one, else {@value #DEFAULT_SIGMA} */
    public double sigma() {
        Double s = (Double) raw(SIGMA);
        return s == null ? DEFAULT_SIGMA : s;
    }

    /** Sets sigma (and forgets a temperature given directly, which it would contradict). */
    public RmcConfig setSigma(double sigma) {
        set(SIGMA, sigma);
        unset(TEMPERATURE);
        return this;
    }

    /** @return the temperature if given directly (it replaces sigma) */
    public OptionalDouble givenTemperature() {
        Double t = (Double) raw(TEMPERATURE);
        return t == null ? OptionalDouble.empty() : OptionalDouble.of(t);
    }

    /** @return the Metropolis temperature in units of the loss: the given one, else 2 sigma<sup>2</sup> */
    public double temperature() {
        OptionalDouble t = givenTemperature();
        return t.isPresent() ? t.getAsDouble() : 2 * sigma() * sigma();
    }

    /** Sets the temperature directly (and forgets a sigma given, which it would contradict). */
    public RmcConfig setTemperature(double t) {
        set(TEMPERATURE, t);
        unset(SIGMA);
        return this;
    }

    void validate(List<JobProblem> problems) {
        if (!(maxStep() > 0) || !Double.isFinite(maxStep())) {
            problems.add(JobProblem.at(this, "maxStep", "must be positive and finite, got " + maxStep()));
        }
        if (!(minStep() >= 0) || !(minStep() <= maxStep())) {
            problems.add(JobProblem.at(this, "minStep", "must be between 0 and maxStep (" + maxStep() + "), got "
                    + minStep()));
        }
        if (raw(SIGMA) != null && raw(TEMPERATURE) != null) {
            problems.add(JobProblem.at(this, "temperature", "give sigma or temperature, not both (temperature = 2 "
                    + "sigma^2)"));
        }
        if (raw(SIGMA) != null && (!(sigma() > 0) || !Double.isFinite(sigma()))) {
            problems.add(JobProblem.at(this, "sigma", "must be positive and finite, got " + sigma()));
        }
        if (!(temperature() >= 0) || !Double.isFinite(temperature())) {
            problems.add(JobProblem.at(this, "temperature", "must be finite and >= 0, got " + temperature()));
        }
    }
}
