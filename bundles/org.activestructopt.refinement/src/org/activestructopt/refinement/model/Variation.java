package org.activestructopt.refinement.model;

/** What a refinement may change. */
public enum Variation implements ModelEnum {
    /** Fractional coordinates only; the lattice of the start is kept. */
    COORDINATES("coordinates"),
    /** Fractional coordinates and the lattice. */
    COORDINATES_AND_LATTICE("coordinatesAndLattice");

    private final String literal;

    Variation(String literal) {
        this.literal = literal;
    }

    @Override
    public String literal() {
        return literal;
    }

    @Override
    public String toString() {
        return literal;
    }
}
