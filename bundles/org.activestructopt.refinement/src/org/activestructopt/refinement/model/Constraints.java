package org.activestructopt.refinement.model;

import java.util.List;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * The hard constraint: minimum distances between atoms, {@link #factor()} times the reference distance of each
 * element pair ({@link MinimumDistances}), with per-pair overrides.
 *
 * <pre>{@code
 * <constraints factor="0.85" acceptStart="false">
 *   <pairs a="Li" b="O" distance="1.6"/>
 * </constraints>
 * }</pre>
 */
public final class Constraints extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Constraints");
    private static final EAttribute FACTOR = ModelFeatures.attribute(CLASS, "factor", double.class);
    private static final EAttribute ACCEPT_START = ModelFeatures.attribute(CLASS, "acceptStart", boolean.class);
    private static final EReference PAIRS = ModelFeatures.reference(CLASS, "pairs", PairDistance.CLASS, true, true);

    Constraints(EObject o) {
        super(o, CLASS);
    }

    /** @return the multiple of the reference distances that is allowed (default 0.85, as ActiveStructOpt) */
    public double factor() {
        return real(FACTOR);
    }

    public Constraints setFactor(double factor) {
        set(FACTOR, factor);
        return this;
    }

    /**
     * @return whether limits are lowered to {@link #factor()} times the closest distance of each pair in the start
     *         structure (see {@link MinimumDistances#accepting(Structure)})
     */
    public boolean acceptStart() {
        return bool(ACCEPT_START);
    }

    public Constraints setAcceptStart(boolean accept) {
        set(ACCEPT_START, accept);
        return this;
    }

    /** @return the per-pair overrides */
    public List<PairDistance> pairs() {
        return children(PAIRS).stream().map(PairDistance::new).toList();
    }

    /** Adds or replaces the override of the pair (a, b) in either order. */
    public PairDistance setPair(Element a, Element b, double distance) {
        for (PairDistance p : pairs()) {
            if (p.isPair(a, b)) {
                return p.setDistance(distance);
            }
        }
        PairDistance p = new PairDistance(PairDistance.create(a, b, distance));
        children(PAIRS).add(p.eObject());
        return p;
    }

    /** @return whether an override of (a, b) was present */
    public boolean removePair(Element a, Element b) {
        return children(PAIRS).removeIf(o -> new PairDistance(o).isPair(a, b));
    }

    /** @return a new override with nothing set yet, last in {@link #pairs()}, for an editor to fill in */
    public PairDistance addEmptyPair() {
        EObject o = ModelObject.create(PairDistance.CLASS);
        children(PAIRS).add(o);
        return new PairDistance(o);
    }

    /** Removes that override, whatever its symbols (which may not be elements yet). */
    public boolean removePair(PairDistance pair) {
        return children(PAIRS).remove(pair.eObject());
    }

    /**
     * The minimum distances these settings describe for a job starting from {@code start}: the table scaled by
     * {@link #factor()}, relaxed to the start if {@link #acceptStart()}, then the overrides (which win).
     *
     * @throws IllegalArgumentException if a setting is invalid (validation reports these on loading)
     */
    public MinimumDistances toMinimumDistances(Structure start) {
        MinimumDistances d = MinimumDistances.scaled(factor());
        if (acceptStart()) {
            d = d.accepting(start);
        }
        for (PairDistance p : pairs()) {
            d = d.withOverride(p.a(), p.b(), p.distance());
        }
        return d;
    }

    void validate(List<JobProblem> problems) {
        if (!(factor() >= 0 && factor() <= 2)) {
            problems.add(JobProblem.at(this, "factor", "must lie in [0, 2], got " + factor()));
        }
        List<PairDistance> pairs = pairs();
        for (int i = 0; i < pairs.size(); i++) {
            PairDistance p = pairs.get(i);
            p.validate(problems);
            for (int j = 0; j < i; j++) {
                if (p.isValid() && pairs.get(j).isValid() && pairs.get(j).isPair(p.a(), p.b())) {
                    problems.add(JobProblem.at(p, null, "pair " + p.a() + "-" + p.b() + " is given twice"));
                }
            }
        }
    }
}
