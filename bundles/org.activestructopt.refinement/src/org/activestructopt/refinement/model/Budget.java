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
 * <p>
 * A failed simulation counts against the budget unless {@link #countFailures()} is false; then failures are free up
 * to as many as {@link #simulations()} (see {@link #used(int, int)}), so a run stops even if every simulation fails.
 */
public final class Budget extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Budget");
    private static final EAttribute SIMULATIONS = ModelFeatures.attribute(CLASS, "simulations", int.class);
    private static final EAttribute INITIAL = ModelFeatures.attribute(CLASS, "initial", int.class);
    private static final EAttribute CALIBRATION = ModelFeatures.attribute(CLASS, "calibration", int.class);
    private static final EAttribute EXPLOIT = ModelFeatures.attribute(CLASS, "exploit", int.class);
    private static final EAttribute COUNT_FAILURES = ModelFeatures.attribute(CLASS, "countFailures", boolean.class);

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

    /** @return whether a failed simulation counts against the budget (default true) */
    public boolean countFailures() {
        return bool(COUNT_FAILURES);
    }

    public Budget setCountFailures(boolean count) {
        set(COUNT_FAILURES, count);
        return this;
    }

    /**
     * The part of the budget a run has spent.
     *
     * @param simulated all recorded simulations, failed ones included
     * @param failed    the failed ones among them
     * @return {@code simulated} if failures count; otherwise the successes plus the failures beyond the free
     *         allowance of {@link #simulations()} failures
     */
    public int used(int simulated, int failed) {
        if (failed < 0 || failed > simulated) {
            throw new IllegalArgumentException(failed + " failures among " + simulated + " simulations");
        }
        return countFailures() ? simulated : simulated - failed + Math.max(0, failed - simulations());
    }

    /** @return the calls left for exploration: simulations - initial - calibration - exploit */
    public int explore() {
        return simulations() - initial() - calibration() - exploit();
    }

    /**
     * @param index 0-based number of a simulator call that counts against the budget (see {@link #used(int, int)})
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
