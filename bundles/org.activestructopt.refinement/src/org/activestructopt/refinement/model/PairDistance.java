package org.activestructopt.refinement.model;

import java.util.List;
import java.util.Objects;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.structure.Element;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/** A job-specific minimum distance for one element pair (either order), in Angstrom; 0 disables the pair's limit. */
public final class PairDistance extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("PairDistance");
    private static final EAttribute A = ModelFeatures.attribute(CLASS, "a", String.class);
    private static final EAttribute B = ModelFeatures.attribute(CLASS, "b", String.class);
    private static final EAttribute DISTANCE = ModelFeatures.attribute(CLASS, "distance", Double.class);

    PairDistance(EObject o) {
        super(o, CLASS);
    }

    static EObject create(Element a, Element b, double distance) {
        EObject o = ModelObject.create(CLASS);
        o.eSet(A, Objects.requireNonNull(a, "a").symbol());
        o.eSet(B, Objects.requireNonNull(b, "b").symbol());
        o.eSet(DISTANCE, distance);
        return o;
    }

    /** @throws IllegalArgumentException if the symbol is not an element (validation reports this on loading) */
    public Element a() {
        return Element.of(String.valueOf(string(A)));
    }

    /** @throws IllegalArgumentException if the symbol is not an element (validation reports this on loading) */
    public Element b() {
        return Element.of(String.valueOf(string(B)));
    }

    /** @return the smallest allowed distance in Angstrom (NaN if the job file leaves it out) */
    public double distance() {
        Double d = (Double) raw(DISTANCE);
        return d == null ? Double.NaN : d;
    }

    public PairDistance setDistance(double distance) {
        set(DISTANCE, distance);
        return this;
    }

    /** Leaves the distance out (it is then a problem of {@link Job#validate()}). */
    public PairDistance clearDistance() {
        unset(DISTANCE);
        return this;
    }

    /**
     * The symbol of one end as the job holds it, which may not be an element yet (an editor shows what was typed).
     *
     * @param end 0 for a, 1 for b
     * @return the symbol, or null if missing
     */
    public String symbol(int end) {
        return string(end(end));
    }

    /**
     * Sets one end's symbol without checking it, so that an editor can hold a half-typed pair; {@link Job#validate()}
     * names a symbol that is not an element.
     *
     * @param end    0 for a, 1 for b
     * @param symbol the symbol, or null for missing
     */
    public PairDistance setSymbol(int end, String symbol) {
        if (symbol == null) {
            unset(end(end));
        } else {
            set(end(end), symbol);
        }
        return this;
    }

    private static EAttribute end(int end) {
        if (end != 0 && end != 1) {
            throw new IllegalArgumentException("a pair has ends 0 and 1, not " + end);
        }
        return end == 0 ? A : B;
    }

    boolean isPair(Element x, Element y) {
        return (a() == x && b() == y) || (a() == y && b() == x);
    }

    boolean isValid() {
        try {
            a();
            b();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    void validate(List<JobProblem> problems) {
        for (EAttribute f : List.of(A, B)) {
            try {
                Element.of(String.valueOf(string(f)));
            } catch (IllegalArgumentException e) {
                problems.add(JobProblem.at(this, f.getName(), string(f) == null ? "missing element symbol"
                        : e.getMessage()));
            }
        }
        if (raw(DISTANCE) == null) {
            problems.add(JobProblem.at(this, "distance", "missing (Angstrom; 0 disables the limit of this pair)"));
        } else if (!(distance() >= 0) || !Double.isFinite(distance())) {
            problems.add(JobProblem.at(this, "distance", "must be finite and >= 0, got " + distance()));
        }
    }
}
