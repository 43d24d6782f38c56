package org.activestructopt.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ordered list of {@link Setting}s a component declares, e.g. {@link SimulatorDescriptor#settings()}. It turns
 * string maps from command lines and job files into validated {@link Settings}, rejecting unknown names.
 * <p>
 * Immutable; compares by value.
 */
public final class SettingsSchema {

    private final String owner;
    private final Map<String, Setting<?>> byName;

    private SettingsSchema(String owner, List<Setting<?>> settings) {
        this.owner = Objects.requireNonNull(owner, "owner");
        Map<String, Setting<?>> map = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            Objects.requireNonNull(s, () -> "null setting in schema of '" + owner + "'");
            if (map.putIfAbsent(s.name(), s) != null) {
                throw new IllegalArgumentException("setting '" + s.name() + "' declared twice by '" + owner + "'");
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /**
     * @param owner    name of the declaring component, used in error messages (e.g. the simulator name)
     * @param settings the settings in display order; names must be distinct
     */
    public static SettingsSchema of(String owner, List<Setting<?>> settings) {
        return new SettingsSchema(owner, settings);
    }

    /** @see #of(String, List) */
    public static SettingsSchema of(String owner, Setting<?>... settings) {
        return new SettingsSchema(owner, List.of(settings));
    }

    /** @return name of the declaring component */
    public String owner() {
        return owner;
    }

    /** @return the settings in declaration order */
    public List<Setting<?>> settings() {
        return List.copyOf(byName.values());
    }

    /** @return the setting called {@code name}, if declared */
    public Optional<Setting<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * @return the setting called {@code name}
     * @throws IllegalArgumentException naming {@code name}, the owner, the closest declared name and all declared names
     */
    public Setting<?> get(String name) {
        Setting<?> s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException(unknownMessage(name));
        }
        return s;
    }

    /** @return whether {@code setting} (equal in every field, not just by name) belongs to this schema */
    public boolean contains(Setting<?> setting) {
        return setting != null && setting.equals(byName.get(setting.name()));
    }

    /** @return settings with every value at its default */
    public Settings defaults() {
        return new Settings(this, Map.of());
    }

    /**
     * Parses string values, e.g. from a command line or job file; settings not mentioned keep their default.
     *
     * @throws IllegalArgumentException for an unknown name (naming it) or an invalid value (naming setting and value)
     */
    public Settings parse(Map<String, String> values) {
        return defaults().withAll(values);
    }

    String unknownMessage(String name) {
        StringBuilder sb = new StringBuilder("unknown setting '").append(name).append("' for ").append(owner);
        closest(name).ifPresent(c -> sb.append(" (did you mean '").append(c).append("'?)"));
        sb.append("; known settings: ");
        sb.append(byName.isEmpty() ? "none" : String.join(", ", collapsedNames()));
        return sb.toString();
    }

    /**
     * The names, with a family of many settings that differ only after their last '_' (the PDF simulator's
     * {@code uiso_<element>}: one per element) shown once as {@code prefix_*}, so that a message stays one short line.
     */
    private List<String> collapsedNames() {
        Map<String, Long> families = new java.util.HashMap<>();
        for (String n : byName.keySet()) {
            int u = n.lastIndexOf('_');
            if (u > 0) {
                families.merge(n.substring(0, u), 1L, Long::sum);
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : byName.keySet()) {
            int u = n.lastIndexOf('_');
            String family = u > 0 ? n.substring(0, u) : null;
            if (family != null && families.get(family) >= FAMILY) {
                if (!out.contains(family + "_*")) {
                    out.add(family + "_*");
                }
            } else {
                out.add(n);
            }
        }
        return out;
    }

    /** Members from which a family of settings is listed as one name. */
    private static final int FAMILY = 8;

    /** Suggests a declared name within a small edit distance, to catch typos such as {@code qmx} for {@code qmax}. */
    private Optional<String> closest(String name) {
        return Typos.closest(name, byName.keySet());
    }

    /** @return a help text with one line per setting: name, type, default, units, range and description */
    public String describe() {
        List<String> lines = new ArrayList<>();
        for (Setting<?> s : byName.values()) {
            StringBuilder sb = new StringBuilder(s.name()).append(" (").append(s.type().name().toLowerCase());
            s.defaultValue().ifPresentOrElse(d -> sb.append(", default ").append(d), () -> sb.append(", optional"));
            if (!s.units().isEmpty()) {
                sb.append(", ").append(s.units());
            }
            if (s.minimum() > Double.NEGATIVE_INFINITY && s.minimum() != Integer.MIN_VALUE) {
                sb.append(", >= ").append(s.type() == SettingType.INTEGER ? (long) s.minimum() : s.minimum());
            }
            if (s.maximum() < Double.POSITIVE_INFINITY && s.maximum() != Integer.MAX_VALUE) {
                sb.append(", <= ").append(s.type() == SettingType.INTEGER ? (long) s.maximum() : s.maximum());
            }
            if (!s.choices().isEmpty()) {
                sb.append(", one of ").append(String.join("|", s.choices()));
            }
            lines.add(sb.append("): ").append(s.description()).toString());
        }
        return lines.stream().collect(Collectors.joining(System.lineSeparator()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingsSchema s && owner.equals(s.owner) && settings().equals(s.settings());
    }

    @Override
    public int hashCode() {
        return Objects.hash(owner, settings());
    }

    @Override
    public String toString() {
        return "SettingsSchema[" + owner + ": " + String.join(", ", byName.keySet()) + "]";
    }
}
