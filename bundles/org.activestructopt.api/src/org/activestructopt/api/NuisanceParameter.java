package org.activestructopt.api;

import java.util.Objects;

/**
 * A real setting of a simulator that is not structure but that measured data need refined with it (PDF scale, Qdamp,
 * Uiso; EXAFS S0^2, Delta E0, sigma^2; XANES energy shift): the setting, the bounds a fit keeps it within, and
 * whether the spectrum is proportional to it (then a fit solves for it in closed form instead of iterating).
 *
 * @param setting      a real setting of the simulator's schema; its name names the parameter in job files
 * @param lower        lowest value a fit may give it (may be {@code -Infinity})
 * @param upper        highest value a fit may give it (may be {@code +Infinity})
 * @param proportional whether the spectrum is exactly proportional to this value (an overall scale or S0^2)
 */
public record NuisanceParameter(Setting<Double> setting, double lower, double upper, boolean proportional) {

    public NuisanceParameter {
        Objects.requireNonNull(setting, "setting");
        if (setting.type() != SettingType.REAL) {
            throw new IllegalArgumentException("nuisance parameter '" + setting.name() + "' must be a real setting");
        }
        if (Double.isNaN(lower) || Double.isNaN(upper) || !(lower <= upper)) {
            throw new IllegalArgumentException("nuisance parameter '" + setting.name() + "': bounds [" + lower + ", "
                    + upper + "] are not an interval");
        }
    }

    /** A parameter bounded by its setting's range. */
    public static NuisanceParameter of(Setting<Double> setting) {
        return new NuisanceParameter(setting, setting.minimum(), setting.maximum(), false);
    }

    /** @return the name of the setting */
    public String name() {
        return setting.name();
    }

    /** @return a copy with other bounds */
    public NuisanceParameter withBounds(double lower, double upper) {
        return new NuisanceParameter(setting, lower, upper, proportional);
    }

    /** @return a copy that says the spectrum is proportional to the value */
    public NuisanceParameter asProportional() {
        return new NuisanceParameter(setting, lower, upper, true);
    }
}
