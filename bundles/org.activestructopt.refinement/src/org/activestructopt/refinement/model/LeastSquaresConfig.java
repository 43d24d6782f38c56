package org.activestructopt.refinement.model;

import java.util.List;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/**
 * The least-squares baseline (Levenberg-Marquardt with the simulators' analytic Jacobians, like PdfFit2): the
 * initial damping, the relative loss decrease below which a descent has converged, and the displacement applied to
 * the best structure before each restart.
 */
public final class LeastSquaresConfig extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("LeastSquaresConfig");
    private static final EAttribute DAMPING = ModelFeatures.attribute(CLASS, "damping", double.class);
    private static final EAttribute TOLERANCE = ModelFeatures.attribute(CLASS, "tolerance", double.class);
    private static final EAttribute RESTART_RADIUS = ModelFeatures.attribute(CLASS, "restartRadius", double.class);

    LeastSquaresConfig(EObject o) {
        super(o, CLASS);
    }

    /** @return the initial Marquardt damping, relative to the diagonal of J<sup>T</sup>J */
    public double damping() {
        return real(DAMPING);
    }

    public LeastSquaresConfig setDamping(double damping) {
        set(DAMPING, damping);
        return this;
    }

    /** @return the relative decrease of the loss below which an accepted step counts as converged */
    public double tolerance() {
        return real(TOLERANCE);
    }

    public LeastSquaresConfig setTolerance(double tolerance) {
        set(TOLERANCE, tolerance);
        return this;
    }

    /** @return the distance (Angstrom) every atom is moved, in a random direction, before a restart */
    public double restartRadius() {
        return real(RESTART_RADIUS);
    }

    public LeastSquaresConfig setRestartRadius(double radius) {
        set(RESTART_RADIUS, radius);
        return this;
    }

    void validate(List<JobProblem> problems) {
        if (!(damping() > 0) || !Double.isFinite(damping())) {
            problems.add(JobProblem.at(this, "damping", "must be positive and finite, got " + damping()));
        }
        if (!(tolerance() >= 0) || !(tolerance() < 1)) {
            problems.add(JobProblem.at(this, "tolerance", "must lie in [0, 1), got " + tolerance()));
        }
        if (!(restartRadius() >= 0) || !Double.isFinite(restartRadius())) {
            problems.add(JobProblem.at(this, "restartRadius", "must be finite and >= 0, got " + restartRadius()));
        }
    }
}
