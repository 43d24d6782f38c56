package org.activestructopt.api;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Descriptor of one named, typed setting of a component (for example the isotropic displacement {@code uiso} of the
 * PDF simulator): name, type, default, units, allowed range and a one-line description.
 * <p>
 * Components declare their settings as constants and read values type-safely with {@link Settings#get(Setting)};
 * command lines, job files and the workbench see the same descriptors through {@link SettingsSchema} and exchange
 * values as strings ({@link #parse(String)} / {@link #format(Object)}), so they can list, validate and edit the settings
 * of a component they know nothing about.
 * <p>
 * Instances are immutable and compare by value.
 *
 * <pre>{@code
 * static final Setting<Double> UISO = Setting.real("uiso", 0.005, "angstrom^2",
 *         "isotropic displacement parameter U of every element").withRange(0, 1);
 * }</pre>
 *
 * @param <T> the Java type of the value: {@link Double}, {@link Integer}, {@link Boolean} or {@link String}
 */
public final class Setting<T> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

    private final String name;
    private final SettingType type;
    private final Class<T> valueType;
    private final T defaultValue; // null: the setting is optional and unset unless given
    private final String units;
    private final String description;
    private final double minimum;
    private final double maximum;
    private final List<String> choices;

    private Setting(String name, SettingType type, Class<T> valueType, T defaultValue, String units, String description,
            double minimum, double maximum, List<String> choices) {
        Objects.requireNonNull(name, "setting name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting name '" + name
                    + "' must start with a letter and contain only letters, digits, '_' and '.'");
        }
        this.name = name;
        this.type = type;
        this.valueType = valueType;
        this.units = Objects.requireNonNull(units, () -> "units of setting '" + name + "'");
        this.description = Objects.requireNonNull(description, () -> "description of setting '" + name + "'");
        this.minimum = minimum;
        this.maximum = maximum;
        this.choices = List.copyOf(choices);
        if (minimum > maximum) {
            throw new IllegalArgumentException("setting '" + name + "': minimum " + minimum + " > maximum " + maximum);
        }
        this.defaultValue = defaultValue == null ? null : check(defaultValue);
    }

    /**
     * A real-valued setting with a default.
     *
     * @param name         identifier used on command lines and in job files
     * @param defaultValue value used when the setting is not given (finite)
     * @param units        units of the value, e.g. {@code "angstrom^2"}; empty for dimensionless numbers
     * @param description  one line for help texts and tool tips
     * @return the descriptor, unbounded until {@link #withRange(double, double)}
     */
    public static Setting<Double> real(String name, double defaultValue, String units, String description) {
        return new Setting<>(name, SettingType.REAL, Double.class, defaultValue, units, description,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
    }

    /**
     * A real-valued setting without default: unset unless given; read it with {@link Settings#find(Setting)}.
     *
     * @see #real(String, double, String, String)
     */
    public static Setting<Double> optionalReal(String name, String units, String description) {
        return new Setting<>(name, SettingType.REAL, Double.class, null, units, description,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
    }

    /** An integer setting with a default. @see #real(String, double, String, String) */
    public static Setting<Integer> integer(String name, int defaultValue, String units, String description) {
        return new Setting<>(name, SettingType.INTEGER, Integer.class, defaultValue, units, description,
                Integer.MIN_VALUE, Integer.MAX_VALUE, List.of());
    }

    /** A boolean setting with a default; accepted strings are {@code true} and {@code false}. */
    public static Setting<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Setting<>(name, SettingType.BOOLEAN, Boolean.class, defaultValue, "", description,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
    }

    /** A free-text setting with a default (may be empty); the description should state the syntax. */
    public static Setting<String> text(String name, String defaultValue, String description) {
        return new Setting<>(name, SettingType.TEXT, String.class, Objects.requireNonNull(defaultValue), "",
                description, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, List.of());
    }

    /**
     * A setting whose value is one of a fixed list of words, matched case-sensitively.
     *
     * @param defaultValue one of {@code choices}
     */
    public static Setting<String> choice(String name, String defaultValue, List<String> choices, String description) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("choice setting '" + name + "' needs at least one choice");
        }
        return new Setting<>(name, SettingType.CHOICE, String.class, Objects.requireNonNull(defaultValue), "",
                description, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, choices);
    }

    /**
     * A copy restricted to {@code [minimum, maximum]} (inclusive; use infinities for a one-sided bound).
     *
     * @throws IllegalStateException    if this is not a {@link SettingType#REAL} or {@link SettingType#INTEGER} setting
     * @throws IllegalArgumentException if the default lies outside the range
     */
    public Setting<T> withRange(double minimum, double maximum) {
        if (type != SettingType.REAL && type != SettingType.INTEGER) {
            throw new IllegalStateException("setting '" + name + "' is " + type + ", only numbers have a range");
        }
        return new Setting<>(name, type, valueType, defaultValue, units, description, minimum, maximum, choices);
    }

    /** @return the identifier used on command lines and in job files */
    public String name() {
        return name;
    }

    /** @return the value type */
    public SettingType type() {
        return type;
    }

    /** @return the Java class of values */
    public Class<T> valueType() {
        return valueType;
    }

    /** @return the default value, empty for optional settings that are unset unless given */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return units of numeric values, empty for dimensionless numbers and non-numeric settings */
    public String units() {
        return units;
    }

    /** @return one-line description for help texts */
    public String description() {
        return description;
    }

    /** @return inclusive lower bound of numeric values ({@code -Infinity} or {@link Integer#MIN_VALUE} if none) */
    public double minimum() {
        return minimum;
    }

    /** @return inclusive upper bound of numeric values ({@code +Infinity} or {@link Integer#MAX_VALUE} if none) */
    public double maximum() {
        return maximum;
    }

    /** @return the allowed words of a {@link SettingType#CHOICE} setting, empty otherwise */
    public List<String> choices() {
        return choices;
    }

    /**
     * Parses and validates the string form of a value, as given on a command line or in a job file.
     *
     * @throws IllegalArgumentException naming this setting and the offending text if it is not a valid value
     */
    public T parse(String text) {
        Objects.requireNonNull(text, () -> "value of setting '" + name + "'");
        String s = text.strip();
        Object value = switch (type) {
            case REAL -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("setting '" + name + "': '" + text + "' is not a number", e);
                }
            }
            case INTEGER -> {
                try {
                    yield Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("setting '" + name + "': '" + text + "' is not an integer", e);
                }
            }
            case BOOLEAN -> switch (s.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(
                        "setting '" + name + "': '" + text + "' is not 'true' or 'false'");
            };
            case TEXT -> text;
            case CHOICE -> s;
        };
        return check(value);
    }

    /**
     * Checks that {@code value} is an allowed value of this setting.
     *
     * @return the value, typed
     * @throws IllegalArgumentException naming this setting if the value has the wrong type or is out of range
     */
    public T check(Object value) {
        if (!valueType.isInstance(value)) {
            throw new IllegalArgumentException("setting '" + name + "' takes a " + valueType.getSimpleName()
                    + ", not " + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException("setting '" + name + "' must be finite, got " + d);
        }
        if (value instanceof Number n && (n.doubleValue() < minimum || n.doubleValue() > maximum)) {
            throw new IllegalArgumentException("setting '" + name + "' = " + value + " is outside the allowed range "
                    + rangeText());
        }
        if (type == SettingType.CHOICE && !choices.contains(value)) {
            throw new IllegalArgumentException("setting '" + name + "' = '" + value + "' is not one of " + choices);
        }
        return valueType.cast(value);
    }

    /** @return the canonical string form of {@code value}; {@link #parse(String)} reads it back unchanged */
    public String format(T value) {
        return String.valueOf(check(value));
    }

    private String rangeText() {
        String lo = type == SettingType.INTEGER ? String.valueOf((long) minimum) : String.valueOf(minimum);
        String hi = type == SettingType.INTEGER ? String.valueOf((long) maximum) : String.valueOf(maximum);
        return "[" + lo + ", " + hi + "]" + (units.isEmpty() ? "" : " " + units);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Setting<?> s && name.equals(s.name) && type == s.type
                && Objects.equals(defaultValue, s.defaultValue) && units.equals(s.units)
                && description.equals(s.description) && Double.compare(minimum, s.minimum) == 0
                && Double.compare(maximum, s.maximum) == 0 && choices.equals(s.choices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, defaultValue, units, description, minimum, maximum, choices);
    }

    /** @return e.g. {@code uiso (REAL, default 0.005 angstrom^2)} */
    @Override
    public String toString() {
        return name + " (" + type + (defaultValue == null ? ", optional" : ", default " + defaultValue)
                + (units.isEmpty() ? "" : " " + units) + ")";
    }
}
