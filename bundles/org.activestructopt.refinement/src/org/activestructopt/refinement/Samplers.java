package org.activestructopt.refinement;

import java.util.List;
import java.util.Objects;

import org.activestructopt.api.SettingsSchema;
import org.activestructopt.refinement.model.SamplerConfig;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;

/** Creates the sampler a job names: {@value PerturbationSampler#NAME} or {@value SpaceGroupSampler#NAME}. */
public final class Samplers {

    private Samplers() {
    }

    /** @return the names a job may give in {@code <sampler name="...">} */
    public static List<String> names() {
        return List.of(PerturbationSampler.NAME, SpaceGroupSampler.NAME);
    }

    /**
     * @return the settings schema of the sampler called {@code name}
     * @throws IllegalArgumentException naming the sampler and the known names
     */
    public static SettingsSchema schema(String name) {
        return switch (Objects.requireNonNull(name, "sampler name")) {
        case PerturbationSampler.NAME -> PerturbationSampler.SCHEMA;
        case SpaceGroupSampler.NAME -> SpaceGroupSampler.SCHEMA;
        default -> throw new IllegalArgumentException("unknown sampler '" + name + "'; known: " + String.join(", ",
                names()));
        };
    }

    /**
     * Creates the sampler a job configures.
     *
     * @param limits    the job's hard constraint
     * @param variation whether the lattice varies
     * @throws IllegalArgumentException for an unknown sampler name, an unknown setting (naming it, with a suggestion)
     *                                  or an invalid value
     */
    public static Sampler create(SamplerConfig config, Structure start, MinimumDistances limits, Variation variation) {
        var settings = schema(config.name()).parse(config.settings());
        return switch (config.name()) {
        case PerturbationSampler.NAME -> PerturbationSampler.of(start, limits, settings, variation);
        case SpaceGroupSampler.NAME -> SpaceGroupSampler.of(start, limits, settings, variation,
                SpaceGroupPrevalence.defaults());
        default -> throw new IllegalStateException(config.name());
        };
    }
}
