package org.activestructopt.refinement.model;

import java.util.List;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/**
 * The Gaussian-process Bayesian-optimisation baseline: the number of simulations (the start and sampler draws) before
 * the first fit, the half-width in Angstrom of the box around the start in which expected improvement is maximised,
 * and, when the lattice varies, how far the cell lengths (relative) and angles (degrees) may move. Defaults 30,
 * 0.5 Angstrom, 0.05 and 2 degrees. See {@link org.activestructopt.refinement.GaussianProcessBo}.
 */
public final class GpboConfig extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("GpboConfig");
    private static final EAttribute INITIAL = ModelFeatures.attribute(CLASS, "initial", int.class);
    private static final EAttribute BOX = ModelFeatures.attribute(CLASS, "box", double.class);
    private static final EAttribute LATTICE_LENGTH = ModelFeatures.attribute(CLASS, "latticeLength", double.class);
    private static final EAttribute LATTICE_ANGLE = ModelFeatures.attribute(CLASS, "latticeAngle", double.class);

    GpboConfig(EObject o) {
        super(o, CLASS);
    }

    /** @return the simulations before the first GP fit (the start and sampler draws) */
    public int initial() {
        return integer(INITIAL);
    }

    public GpboConfig setInitial(int n) {
        set(INITIAL, n);
        return this;
    }

    /** @return the half-width of the search box along each lattice axis, Angstrom */
    public double box() {
        return real(BOX);
    }

    public GpboConfig setBox(double box) {
        set(BOX, box);
        return this;
    }

    /** @return the relative half-width of the box of each cell length (when the lattice varies) */
    public double latticeLength() {
        return real(LATTICE_LENGTH);
    }

    public GpboConfig setLatticeLength(double relative) {
        set(LATTICE_LENGTH, relative);
        return this;
    }

    /** @return the half-width of the box of each cell angle, degrees (when the lattice varies) */
    public double latticeAngle() {
        return real(LATTICE_ANGLE);
    }

    public GpboConfig setLatticeAngle(double degrees) {
        set(LATTICE_ANGLE, degrees);
        return this;
    }

    void validate(List<JobProblem> problems) {
        if (initial() < 2) {
            problems.add(JobProblem.at(this, "initial", "must be at least 2 (a GP needs points to fit), got "
                    + initial()));
        }
        if (!(box() > 0) || !Double.isFinite(box())) {
            problems.add(JobProblem.at(this, "box", "must be positive and finite, got " + box()));
        }
        if (!(latticeLength() > 0 && latticeLength() < 1)) {
            problems.add(JobProblem.at(this, "latticeLength", "must be in (0, 1), got " + latticeLength()));
        }
        if (!(latticeAngle() > 0 && latticeAngle() < 60)) {
            problems.add(JobProblem.at(this, "latticeAngle", "must be in (0, 60) degrees, got " + latticeAngle()));
        }
    }
}
