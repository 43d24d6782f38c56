package org.activestructopt.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Validated values of the settings of one {@link SettingsSchema}: every setting has its default unless given
 * explicitly. Immutable; {@code with...} methods return modified copies.
 *
 * <pre>{@code
 * Settings s = simulator.descriptor().settings().parse(Map.of("qmax", "25", "uiso", "0.004"));
 * double qmax = s.get(QMAX);                 // typed access inside the component
 * Map<String, String> forJobFile = s.explicitValues();
 * }</pre>
 */
public final class Settings {

    private final SettingsSchema schema;
    private final Map<String, Object> explicit; // name -> validated value, in schema order

    Settings(SettingsSchema schema, Map<String, Object> explicit) {
        this.schema = schema;
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Setting<?> s : schema.settings()) {
            if (explicit.containsKey(s.name())) {
                ordered.put(s.name(), explicit.get(s.name()));
            }
        }
        this.explicit = Collections.unmodifiableMap(ordered);
    }

    /** @return the schema these values were validated against */
    public SettingsSchema schema() {
        return schema;
    }

    /**
     * @return the value of {@code setting}: the explicit value or else the default
     * @throws IllegalArgumentException if the setting is not part of this schema
     * @throws NoSuchElementException   if the setting is optional and was not given (use {@link #find(Setting)})
     */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new NoSuchElementException(
                "optional setting '" + setting.name() + "' of " + schema.owner() + " was not given"));
    }

    /**
     * @return the explicit value or else the default; empty only for an optional setting that was not given
     * @throws IllegalArgumentException if the setting is not part of this schema
     */
    public <T> Optional<T> find(Setting<T> setting) {
        requireMember(setting);
        Object v = explicit.get(setting.name());
        return v != null ? Optional.of(setting.valueType().cast(v)) : setting.defaultValue();
    }

    /** @return whether {@code setting} was given explicitly (rather than taking its default) */
    public boolean isExplicit(Setting<?> setting) {
        requireMember(setting);
        return explicit.containsKey(setting.name());
    }

    /**
     * @return a copy with {@code setting} set to {@code value}
     * @throws IllegalArgumentException if the setting is not part of this schema or the value is invalid
     */
    public <T> Settings with(Setting<T> setting, T value) {
        requireMember(setting);
        Map<String, Object> copy = new LinkedHashMap<>(explicit);
        copy.put(setting.name(), setting.check(value));
        return new Settings(schema, copy);
    }

    /**
     * @return a copy with the setting called {@code name} parsed from {@code value}
     * @throws IllegalArgumentException naming the setting if it is unknown or the value is invalid
     */
    public Settings with(String name, String value) {
        return withAll(Collections.singletonMap(name, value));
    }

    /**
     * @return a copy with each named setting parsed from its string value
     * @throws IllegalArgumentException naming the first unknown setting or invalid value
     */
    public Settings withAll(Map<String, String> values) {
        Map<String, Object> copy = new LinkedHashMap<>(explicit);
        for (Map.Entry<String, String> e : values.entrySet()) {
            Setting<?> s = schema.get(e.getKey());
            copy.put(s.name(), s.parse(e.getValue()));
        }
        return new Settings(schema, copy);
    }

    /** @return a copy with {@code setting} back at its default */
    public Settings without(Setting<?> setting) {
        requireMember(setting);
        Map<String, Object> copy = new LinkedHashMap<>(explicit);
        copy.remove(setting.name());
        return new Settings(schema, copy);
    }

    /** @return the explicitly given values as strings, in schema order (what a job file needs to store) */
    public Map<String, String> explicitValues() {
        Map<String, String> out = new LinkedHashMap<>();
        explicit.forEach((name, v) -> out.put(name, String.valueOf(v)));
        return Collections.unmodifiableMap(out);
    }

    /** @return every value that is set (explicit or default) as strings, in schema order (for reports) */
    public Map<String, String> effectiveValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : schema.settings()) {
            Object v = explicit.containsKey(s.name()) ? explicit.get(s.name()) : s.defaultValue().orElse(null);
            if (v != null) {
                out.put(s.name(), String.valueOf(v));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private void requireMember(Setting<?> setting) {
        Objects.requireNonNull(setting, "setting");
        if (!schema.contains(setting)) {
            throw new IllegalArgumentException("setting " + setting + " is not one of the settings of "
                    + schema.owner() + " " + schema.settings().stream().map(Setting::name).toList());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && schema.equals(s.schema) && explicit.equals(s.explicit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, explicit);
    }

    /** @return e.g. {@code pdf{qmax=25.0, uiso=0.004}} (explicit values only) */
    @Override
    public String toString() {
        return schema.owner() + explicitValues();
    }
}
