package org.activestructopt.refinement.model;

import java.util.List;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/**
 * How many simulator calls a job may make and how the active loop spends them: {@link #initial()} calls on the
 * start and sampler draws (the training set), {@link #calibration()} sampler draws held out to calibrate the
 * uncertainty, then exploration until only {@link #exploit()} calls are left, which exploit. Defaults: 200 = 10 + 20
 * + 130 + 40. Baselines use {@link #simulations()} only.
 */
public final class Budget extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Budget");
    private static final EAttribute SIMULATIONS = ModelFeatures.attribute(CLASS, "simulations", int.class);
    private static final EAttribute INITIAL = ModelFeatures.attribute(CLASS, "initial", int.class);
    private static final EAttribute CALIBRATION = ModelFeatures.attribute(CLASS, "calibration", int.class);
    private static final EAttribute EXPLOIT = ModelFeatures.attribute(CLASS, "exploit", int.class);

    Budget(EObject o) {
        super(o, CLASS);
    }

    /** @return the total number of simulator calls (each candidate costs one, whatever the number of objectives) */
    public int simulations() {
        return integer(SIMULATIONS);
    }

    public Budget setSimulations(int n) {
        set(SIMULATIONS, n);
        return this;
    }

    /** @return calls of the initial phase: the start structure plus {@code initial - 1} sampler draws */
    public int initial() {
        return integer(INITIAL);
    }

    public Budget setInitial(int n) {
        set(INITIAL, n);
        return this;
    }

    /** @return calls of the calibration phase (sampler draws) */
    public int calibration() {
        return integer(CALIBRATION);
    }

    public Budget setCalibration(int n) {
        set(CALIBRATION, n);
        return this;
    }

    /** @return the last calls, which exploit */
    public int exploit() {
        return integer(EXPLOIT);
    }

    public Budget setExploit(int n) {
        set(EXPLOIT, n);
        return this;
    }

    /** @return the calls left for exploration: simulations - initial - calibration - exploit */
    public int explore() {
        return simulations() - initial() - calibration() - exploit();
    }

    /**
     * @param index 0-based number of a simulator call
     * @return the phase of the active loop that call belongs to
     * @throws IllegalArgumentException unless 0 &lt;= index &lt; simulations
     */
    public Phase phaseOf(int index) {
        if (index < 0 || index >= simulations()) {
            throw new IllegalArgumentException("simulation " + index + " is outside the budget of " + simulations());
        }
        if (index < initial()) {
            return Phase.INITIAL;
        }
        if (index < initial() + calibration()) {
            return Phase.CALIBRATION;
        }
        return simulations() - index <= exploit() ? Phase.EXPLOIT : Phase.EXPLORE;
    }

    void validate(List<JobProblem> problems) {
        if (simulations() < 1) {
            problems.add(JobProblem.at(this, "simulations", "must be at least 1, got " + simulations()));
        }
        if (initial() < 1) {
            problems.add(JobProblem.at(this, "initial", "must be at least 1 (the start structure), got " + initial()));
        }
        for (EAttribute a : List.of(CALIBRATION, EXPLOIT)) {
            if (integer(a) < 0) {
                problems.add(JobProblem.at(this, a.getName(), "must be >= 0, got " + integer(a)));
            }
        }
        if (explore() < 0) {
            problems.add(JobProblem.at(this, "simulations", "initial + calibration + exploit = "
                    + (initial() + calibration() + exploit()) + " exceeds the budget of " + simulations()));
        }
    }
}
