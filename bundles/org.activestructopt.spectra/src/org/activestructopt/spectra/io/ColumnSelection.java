package org.activestructopt.spectra.io;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which columns of a text file hold x, y and (optionally) the uncertainties of y: each by name ("energy",
 * "mutrans"; case-insensitive, units in brackets ignored) or by 1-based number ("1", "3").
 *
 * @param x     the x column
 * @param y     the values column
 * @param sigma the uncertainties column, if any
 */
public record ColumnSelection(String x, String y, Optional<String> sigma) {

    public ColumnSelection {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(sigma, "sigma");
        if (x.isBlank() || y.isBlank()) {
            throw new IllegalArgumentException("a column selection needs an x and a y column, got '" + x + "', '" + y
                    + "'");
        }
    }

    /** @return x and y, no uncertainties */
    public static ColumnSelection of(String x, String y) {
        return new ColumnSelection(x, y, Optional.empty());
    }

    /**
     * @param text "x,y" or "x,y,sigma", e.g. "energy,mu" or "1,3"
     * @throws IllegalArgumentException for another number of parts
     */
    public static ColumnSelection parse(String text) {
        List<String> parts = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        if (parts.size() < 2 || parts.size() > 3) {
            throw new IllegalArgumentException("columns '" + text + "': expected x,y or x,y,sigma (names or numbers)");
        }
        return new ColumnSelection(parts.get(0), parts.get(1),
                parts.size() == 3 ? Optional.of(parts.get(2)) : Optional.empty());
    }

    @Override
    public String toString() {
        return x + "," + y + sigma.map(s -> "," + s).orElse("");
    }
}
