package org.activestructopt.refinement.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/**
 * One nuisance parameter of an objective as the job gives it: its name (one of the simulator's nuisance parameters,
 * checked when the job is set up), and optionally a start value, bounds and whether it is refined.
 *
 * <pre>{@code
 * <nuisance name="qdamp" value="0.04" lower="0" upper="0.2" refine="true"/>
 * }</pre>
 *
 * A name that is the prefix of other parameters' names followed by '_' (e.g. {@code uiso} for {@code uiso_Si} and
 * {@code uiso_O}) also sets the refine flag of those it prefixes, unless they have their own entry.
 */
public final class NuisanceEntry extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Nuisance");
    private static final EAttribute NAME = ModelFeatures.attribute(CLASS, "name", String.class);
    private static final EAttribute VALUE = ModelFeatures.attribute(CLASS, "value", Double.class);
    private static final EAttribute LOWER = ModelFeatures.attribute(CLASS, "lower", Double.class);
    private static final EAttribute UPPER = ModelFeatures.attribute(CLASS, "upper", Double.class);
    private static final EAttribute REFINE = ModelFeatures.attribute(CLASS, "refine", Boolean.class);

    NuisanceEntry(EObject o) {
        super(o, CLASS);
    }

    static EObject create(String name) {
        EObject o = ModelObject.create(CLASS);
        o.eSet(NAME, Objects.requireNonNull(name, "name"));
        return o;
    }

    /** @return the parameter's name, e.g. {@code qdamp}; null if the job leaves it out (a validation problem) */
    public String name() {
        return string(NAME);
    }

    /** @return the start (or fixed) value, if given */
    public OptionalDouble value() {
        return optional(VALUE);
    }

    /** @return the lower bound, if given (else the simulator's) */
    public OptionalDouble lower() {
        return optional(LOWER);
    }

    /** @return the upper bound, if given (else the simulator's) */
    public OptionalDouble upper() {
        return optional(UPPER);
    }

    /** @return whether the parameter is refined, if the job says */
    public Optional<Boolean> refine() {
        return Optional.ofNullable((Boolean) raw(REFINE));
    }

    public NuisanceEntry setValue(double value) {
        set(VALUE, value);
        return this;
    }

    public NuisanceEntry setBounds(double lower, double upper) {
        set(LOWER, lower);
        set(UPPER, upper);
        return this;
    }

    public NuisanceEntry setRefine(boolean refine) {
        set(REFINE, refine);
        return this;
    }

    private OptionalDouble optional(EAttribute a) {
        Double d = (Double) raw(a);
        return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    void validate(List<JobProblem> problems) {
        String n = name();
        if (n == null || n.isBlank()) {
            problems.add(JobProblem.at(this, "name", "missing (a nuisance parameter of the simulator, e.g. scale)"));
            return;
        }
        for (EAttribute a : List.of(VALUE, LOWER, UPPER)) {
            OptionalDouble v = optional(a);
            if (v.isPresent() && Double.isNaN(v.getAsDouble())) {
                problems.add(JobProblem.at(this, a.getName(), "nuisance parameter '" + n + "': " + a.getName()
                        + " is NaN"));
            }
        }
        if (lower().isPresent() && upper().isPresent() && !(lower().getAsDouble() <= upper().getAsDouble())) {
            problems.add(JobProblem.at(this, "lower", "nuisance parameter '" + n + "': lower " + lower().getAsDouble()
                    + " is above upper " + upper().getAsDouble()));
        }
    }
}
