package org.activestructopt.api;

import java.util.Objects;
import java.util.regex.Pattern;

import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.SpectrumKind;

/**
 * What a {@link Simulator} produces and accepts, for command lines, job editors and the refinement engine.
 *
 * @param name        the name under which the simulator is registered ({@link Simulator#NAME_PROPERTY}), e.g.
 *                    {@code "pdf"}: lower-case letters, digits, '-', '_' and '.'
 * @param description one line for help texts, e.g. {@code "X-ray pair distribution function G(r), DiffPy conventions"}
 * @param kind        the kind of spectrum produced
 * @param defaultGrid the grid used when a caller has no target spectrum to match
 * @param cost        how expensive one simulation is
 * @param settings    the settings the simulator accepts
 */
public record SimulatorDescriptor(String name, String description, SpectrumKind kind, Grid defaultGrid,
        CostClass cost, SettingsSchema settings) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /** Validates the components. */
    public SimulatorDescriptor {
        Objects.requireNonNull(name, "simulator name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("simulator name '" + name
                    + "' must be lower case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Objects.requireNonNull(description, () -> "description of simulator " + name);
        Objects.requireNonNull(kind, () -> "spectrum kind of simulator " + name);
        Objects.requireNonNull(defaultGrid, () -> "default grid of simulator " + name);
        Objects.requireNonNull(cost, () -> "cost class of simulator " + name);
        Objects.requireNonNull(settings, () -> "settings schema of simulator " + name);
    }
}
