package org.activestructopt.refinement.model;

import java.util.List;
import java.util.Objects;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/**
 * How the optimiser searches the surrogate in one phase: the acquisition function (name and its lambda) and the
 * number of starts and gradient steps per start. The acquisitions default to ActiveStructOpt's (exploration: MAE minus
 * 0.1 x uncertainty; exploitation: MAE), the search sizes are scaled to a CPU: 16 starts x 50 steps exploring and
 * 32 x 50 exploiting, where the method's GPU-sized 128 x 100 and 1024 x 1000 would take about 15 s and 20 min per
 * round on 2 cores (all starts run as one batch, so the cost grows with starts x steps).
 */
public final class SearchProfile extends ModelObject {

    static final EClass EXPLORE = ModelFeatures.eClass("ExploreProfile");
    static final EClass EXPLOIT = ModelFeatures.eClass("ExploitProfile");

    /** The features of one of the two classes, which declare the same names with different defaults. */
    private record Features(EAttribute acquisition, EAttribute lambda, EAttribute starts, EAttribute steps) {
        static Features of(EClass c) {
            return new Features(ModelFeatures.attribute(c, "acquisition", String.class),
                    ModelFeatures.attribute(c, "lambda", double.class), ModelFeatures.attribute(c, "starts", int.class),
                    ModelFeatures.attribute(c, "steps", int.class));
        }
    }

    private static final Features EXPLORE_FEATURES = Features.of(EXPLORE);
    private static final Features EXPLOIT_FEATURES = Features.of(EXPLOIT);

    private final Features f;

    SearchProfile(EObject o) {
        super(o, o.eClass() == EXPLOIT ? EXPLOIT : EXPLORE);
        this.f = o.eClass() == EXPLOIT ? EXPLOIT_FEATURES : EXPLORE_FEATURES;
    }

    /** @return the phase this profile is for, {@link Phase#EXPLORE} or {@link Phase#EXPLOIT} */
    public Phase phase() {
        return f == EXPLOIT_FEATURES ? Phase.EXPLOIT : Phase.EXPLORE;
    }

    /** @return the acquisition function's name, e.g. {@code mae-uncertainty} or {@code mae} */
    public String acquisition() {
        return string(f.acquisition());
    }

    public SearchProfile setAcquisition(String name) {
        set(f.acquisition(), Objects.requireNonNull(name, "acquisition"));
        return this;
    }

    /** @return the weight of the uncertainty in the acquisition function */
    public double lambda() {
        return real(f.lambda());
    }

    public SearchProfile setLambda(double lambda) {
        set(f.lambda(), lambda);
        return this;
    }

    /** @return the number of optimiser starts per proposal */
    public int starts() {
        return integer(f.starts());
    }

    public SearchProfile setStarts(int starts) {
        set(f.starts(), starts);
        return this;
    }

    /** @return gradient steps per start */
    public int steps() {
        return integer(f.steps());
    }

    public SearchProfile setSteps(int steps) {
        set(f.steps(), steps);
        return this;
    }

    void validate(List<JobProblem> problems) {
        if (acquisition() == null || acquisition().isBlank()) {
            problems.add(JobProblem.at(this, "acquisition", "missing"));
        }
        if (!(lambda() >= 0) || !Double.isFinite(lambda())) {
            problems.add(JobProblem.at(this, "lambda", "must be finite and >= 0, got " + lambda()));
        }
        if (starts() < 1) {
            problems.add(JobProblem.at(this, "starts", "must be at least 1, got " + starts()));
        }
        if (steps() < 0) {
            problems.add(JobProblem.at(this, "steps", "must be >= 0, got " + steps()));
        }
    }
}
