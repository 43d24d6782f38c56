package org.activestructopt.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link SurrogateFactory} creates and accepts, for command lines, job editors and the refinement engine.
 *
 * @param name        the name under which the factory is registered ({@link SurrogateFactory#NAME_PROPERTY}), e.g.
 *                    {@code "gnn"}: lower-case letters, digits, '-', '_' and '.'
 * @param description one line for help texts, e.g. {@code "SchNet-type graph network ensemble (DJL/PyTorch)"}
 * @param settings    the settings the surrogate accepts
 */
public record SurrogateDescriptor(String name, String description, SettingsSchema settings) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /** Validates the components. */
    public SurrogateDescriptor {
        Objects.requireNonNull(name, "surrogate name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("surrogate name '" + name
                    + "' must be lower case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Objects.requireNonNull(description, () -> "description of surrogate " + name);
        Objects.requireNonNull(settings, () -> "settings schema of surrogate " + name);
    }
}
