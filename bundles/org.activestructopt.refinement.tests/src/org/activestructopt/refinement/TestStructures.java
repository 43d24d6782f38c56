package org.activestructopt.refinement;

import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.symmetry.SpaceGroup;

/** Starting structures for the tests: textbook prototypes with experimental cells. */
final class TestStructures {

    private TestStructures() {
    }

    /** Rock salt NaCl, conventional cell (8 sites), a = 5.64 A. */
    static Structure nacl() {
        return Structure.builder(Lattice.cubic(5.64)).add("Na", 0, 0, 0).add("Na", 0, 0.5, 0.5)
                .add("Na", 0.5, 0, 0.5).add("Na", 0.5, 0.5, 0).add("Cl", 0.5, 0.5, 0.5).add("Cl", 0.5, 0, 0)
                .add("Cl", 0, 0.5, 0).add("Cl", 0, 0, 0.5).build();
    }

    /** Cubic perovskite SrTiO3 (5 sites), a = 3.905 A. */
    static Structure srtio3() {
        return Structure.builder(Lattice.cubic(3.905)).add("Sr", 0, 0, 0).add("Ti", 0.5, 0.5, 0.5)
                .add("O", 0.5, 0.5, 0).add("O", 0.5, 0, 0.5).add("O", 0, 0.5, 0.5).build();
    }

    /** Rutile TiO2 (6 sites), P4_2/mnm, a = 4.594, c = 2.959 A, x(O) = 0.305. */
    static Structure rutile() {
        return SpaceGroup.of(136).expand(Lattice.tetragonal(4.594, 2.959),
                java.util.List.of(org.activestructopt.structure.Element.Ti, org.activestructopt.structure.Element.O),
                new double[][] { { 0, 0, 0 }, { 0.305, 0.305, 0 } });
    }

    /** LiNiO2, R-3m on hexagonal axes (12 sites), a = 2.878, c = 14.19 A, z(O) = 0.2415. */
    static Structure linio2() {
        return SpaceGroup.of(166).expand(Lattice.hexagonal(2.878, 14.19),
                java.util.List.of(org.activestructopt.structure.Element.Li, org.activestructopt.structure.Element.Ni,
                        org.activestructopt.structure.Element.O),
                new double[][] { { 0, 0, 0.5 }, { 0, 0, 0 }, { 0, 0, 0.2415 } });
    }
}
