package org.activestructopt.structure.symmetry;

import java.util.Locale;

/** The seven crystal systems, with the space-group numbers each one covers. */
public enum CrystalSystem {
    TRICLINIC(1, 2),
    MONOCLINIC(3, 15),
    ORTHORHOMBIC(16, 74),
    TETRAGONAL(75, 142),
    TRIGONAL(143, 167),
    HEXAGONAL(168, 194),
    CUBIC(195, 230);

    private final int first;
    private final int last;

    CrystalSystem(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /** Lowest space-group number of this system. */
    public int firstNumber() {
        return first;
    }

    /** Highest space-group number of this system. */
    public int lastNumber() {
        return last;
    }

    /**
     * The crystal system of a space-group type.
     *
     * @throws IllegalArgumentException unless 1 <= number <= 230
     */
    public static CrystalSystem ofSpaceGroup(int number) {
        for (CrystalSystem s : values()) {
            if (number >= s.first && number <= s.last) {
                return s;
            }
        }
        throw new IllegalArgumentException("space-group number " + number + " is not in 1..230");
    }

    /** Lower-case name, e.g. "trigonal". */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
