package org.activestructopt.structure;

import java.util.Arrays;
import java.util.Locale;

/**
 * Two sites closer than allowed: site {@code j} translated by lattice vector {@code image} (integers along a, b, c)
 * is {@code distance} Angstrom from site {@code i}, below the {@code allowed} minimum for their elements.
 *
 * @param i first site (i &lt;= j)
 * @param j second site
 * @param image lattice translation applied to j (copied in and out)
 * @param distance the distance in Angstrom
 * @param allowed the smallest allowed distance for this element pair in Angstrom
 */
public record ConstraintViolation(int i, int j, int[] image, double distance, double allowed) {

    public ConstraintViolation {
        if (image == null || image.length != 3) {
            throw new IllegalArgumentException("Image must have 3 integers");
        }
        image = image.clone();
    }

    @Override
    public int[] image() {
        return image.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstraintViolation v && i == v.i && j == v.j && Arrays.equals(image, v.image)
                && Double.compare(distance, v.distance) == 0 && Double.compare(allowed, v.allowed) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * i + j) + Arrays.hashCode(image)) + Double.hashCode(distance);
    }

    /** @return e.g. {@code sites 0-3 image [0, 0, 1]: 1.234 A < 1.683 A allowed} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "sites %d-%d image %s: %.3f A < %.3f A allowed", i, j,
                Arrays.toString(image), distance, allowed);
    }
}
