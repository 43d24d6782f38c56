package org.activestructopt.refinement.model;

import java.util.List;
import java.util.Objects;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * The multi-start gradient optimiser of the acquisition function: its update rule (default {@code adam}; {@code adamw}
 * is accepted and the same, see {@code AcquisitionOptimiser}), learning rates in Angstrom for the atoms (along each
 * cell axis) and the lattice-matrix entries (default 0.001 each, as ActiveStructOpt), and a {@link SearchProfile} for
 * each of the explore and exploit phases.
 */
public final class OptimiserConfig extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("OptimiserConfig");
    private static final EAttribute NAME = ModelFeatures.attribute(CLASS, "name", String.class);
    private static final EAttribute POSITION_LR = ModelFeatures.attribute(CLASS, "positionLearningRate", double.class);
    private static final EAttribute LATTICE_LR = ModelFeatures.attribute(CLASS, "latticeLearningRate", double.class);
    private static final EReference EXPLORE = ModelFeatures.reference(CLASS, "explore", SearchProfile.EXPLORE, true,
            false);
    private static final EReference EXPLOIT = ModelFeatures.reference(CLASS, "exploit", SearchProfile.EXPLOIT, true,
            false);

    OptimiserConfig(EObject o) {
        super(o, CLASS);
    }

    /** Fills in absent profiles with their defaults. */
    void complete() {
        childOrCreate(EXPLORE);
        childOrCreate(EXPLOIT);
    }

    public String name() {
        return string(NAME);
    }

    public OptimiserConfig setName(String name) {
        set(NAME, Objects.requireNonNull(name, "optimiser name"));
        return this;
    }

    public double positionLearningRate() {
        return real(POSITION_LR);
    }

    public OptimiserConfig setPositionLearningRate(double lr) {
        set(POSITION_LR, lr);
        return this;
    }

    public double latticeLearningRate() {
        return real(LATTICE_LR);
    }

    public OptimiserConfig setLatticeLearningRate(double lr) {
        set(LATTICE_LR, lr);
        return this;
    }

    /** @return the exploration profile (created with defaults if the job has none) */
    public SearchProfile explore() {
        return new SearchProfile(childOrCreate(EXPLORE));
    }

    /** @return the exploitation profile (created with defaults if the job has none) */
    public SearchProfile exploit() {
        return new SearchProfile(childOrCreate(EXPLOIT));
    }

    /** @return the profile of {@code phase}: exploit for {@link Phase#EXPLOIT}, explore otherwise */
    public SearchProfile profile(Phase phase) {
        return phase == Phase.EXPLOIT ? exploit() : explore();
    }

    void validate(List<JobProblem> problems) {
        if (name() == null || name().isBlank()) {
            problems.add(JobProblem.at(this, "name", "missing"));
        }
        for (EAttribute a : List.of(POSITION_LR, LATTICE_LR)) {
            if (!(real(a) > 0) || !Double.isFinite(real(a))) {
                problems.add(JobProblem.at(this, a.getName(), "must be positive and finite, got " + real(a)));
            }
        }
        explore().validate(problems);
        exploit().validate(problems);
    }
}
