package org.activestructopt.refinement.model;

/** What a refinement may change. */
public enum Variation implements ModelEnum {
    /** Fractional coordinates only; the lattice of the start is kept. */
    COORDINATES("coordinates"),
    /** Fractional coordinates and the lattice. */
    COORDINATES_AND_LATTICE("coordinatesAndLattice"),
    /**
     * The lattice only, fractional coordinates fixed: for least squares on a crystal whose sites symmetry fixes
     * (a method for least squares: the samplers and the active loop, which test for
     * {@link #COORDINATES_AND_LATTICE}, vary only coordinates under it).
     */
    LATTICE("lattice");

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
