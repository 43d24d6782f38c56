package org.activestructopt.refinement;

import java.util.Locale;
import java.util.Objects;

import org.activestructopt.api.NuisanceParameter;

/**
 * A nuisance parameter of one objective as a run uses it: the simulator's parameter, the start (or fixed) value, the
 * bounds a fit keeps it in and whether each candidate's inner fit refines it.
 *
 * @param parameter the simulator's parameter
 * @param value     start value if refined, else the fixed value
 * @param lower     lowest value a fit may give it
 * @param upper     highest value a fit may give it
 * @param refine    whether it is refined
 */
public record Nuisance(NuisanceParameter parameter, double value, double lower, double upper, boolean refine) {

    public Nuisance {
        Objects.requireNonNull(parameter, "parameter");
        if (!(lower <= upper)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "nuisance parameter '%s': bounds [%s, %s] are not an interval", parameter.name(), lower, upper));
        }
        if (!(value >= lower && value <= upper)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "nuisance parameter '%s': value %s is outside its bounds [%s, %s]", parameter.name(), value,
                    lower, upper));
        }
    }

    /** A parameter with the simulator's bounds. */
    public static Nuisance of(NuisanceParameter parameter, double value, boolean refine) {
        return new Nuisance(parameter, value, parameter.lower(), parameter.upper(), refine);
    }

    /** @return the parameter's name */
    public String name() {
        return parameter.name();
    }

    /** @return a copy with another value, clamped to the bounds */
    public Nuisance withValue(double v) {
        return new Nuisance(parameter, Math.min(upper, Math.max(lower, v)), lower, upper, refine);
    }

    /** @return a copy refined or fixed */
    public Nuisance withRefine(boolean r) {
        return new Nuisance(parameter, value, lower, upper, r);
    }
}
