package org.activestructopt.api;

/**
 * The value type of a {@link Setting}, for user interfaces and job-file validators that render or check settings
 * without knowing the component that declares them.
 */
public enum SettingType {
    /** A finite floating-point number ({@link Double}), optionally bounded, with units. */
    REAL(Double.class),
    /** A whole number ({@link Integer}), optionally bounded. */
    INTEGER(Integer.class),
    /** {@code true} or {@code false} ({@link Boolean}). */
    BOOLEAN(Boolean.class),
    /** Free text ({@link String}); the declaring component documents the syntax. */
    TEXT(String.class),
    /** One of a fixed list of words ({@link String}), see {@link Setting#choices()}. */
    CHOICE(String.class);

    private final Class<?> valueType;

    SettingType(Class<?> valueType) {
        this.valueType = valueType;
    }

    /** @return the Java type of values of this kind */
    public Class<?> valueType() {
        return valueType;
    }
}
