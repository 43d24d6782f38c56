package org.activestructopt.refinement.model;

/** What a refinement may change. */
public enum Variation implements ModelEnum {
    /** Fractional coordinates only; the lattice of the start is kept. */
    COORDINATES("coordinates"),
    /** Fractional coordinates and the lattice. */
    COORDINATES_AND_LATTICE("coordinatesAndLattice"),
    /**
     * The lattice only, fractional coordinates fixed: for a crystal whose sites symmetry fixes (fcc Ni, Si). Least
     * squares refines the nine lattice-matrix entries, the perturbation sampler draws strained starts and the active
     * loop's optimiser moves the lattice alone.
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
