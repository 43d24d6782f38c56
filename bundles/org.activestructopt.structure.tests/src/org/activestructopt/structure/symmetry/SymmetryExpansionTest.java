package org.activestructopt.structure.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;

class SymmetryExpansionTest {

    /** Number of sites (any periodic image) of {@code element} at distance d +- 1e-3 A from site i. */
    static int neighbours(Structure s, int i, Element element, double d) {
        double[][] m = s.lattice().matrix();
        double[] ci = s.cart(i);
        int n = 0;
        for (int j = 0; j < s.size(); j++) {
            if (s.species(j) != element) {
                continue;
            }
            double[] cj = s.cart(j);
            for (int a = -2; a <= 2; a++) {
                for (int b = -2; b <= 2; b++) {
                    for (int c = -2; c <= 2; c++) {
                        double r2 = 0;
                        for (int k = 0; k < 3; k++) {
                            double x = cj[k] + a * m[0][k] + b * m[1][k] + c * m[2][k] - ci[k];
                            r2 += x * x;
                        }
                        n += Math.abs(Math.sqrt(r2) - d) < 1e-3 ? 1 : 0;
                    }
                }
            }
        }
        return n;
    }

    @Test
    void liNiO2FromItsThreeWyckoffSites() {
        // Ni 3a, Li 3b, O 6c (z = 0.258): Ni-O 1.977 A x6, Ni-Ni 2.880 A x6, Ni-Li 2.891 A x6 (FEFF cluster built
        // with pymatgen, /work/shared/notes/reference-peers.md)
        Lattice lattice = Lattice.hexagonal(2.88, 14.19);
        Element ni = Element.of("Ni");
        Element li = Element.of("Li");
        Element o = Element.of("O");
        Structure s = SpaceGroup.bySymbol("R-3m").expand(lattice, List.of(ni, li, o),
                new double[][] {{0, 0, 0}, {0, 0, 0.5}, {0, 0, 0.258}});
        assertEquals(12, s.size());
        assertEquals("LiNiO2", s.reducedFormula());
        for (int i = 0; i < 3; i++) {
            assertEquals(ni, s.species(i));
            assertEquals(6, neighbours(s, i, o, 1.9767), "Ni-O");
            assertEquals(6, neighbours(s, i, ni, 2.880), "Ni-Ni");
            assertEquals(6, neighbours(s, i, li, 2.8911), "Ni-Li");
        }
    }

    @Test
    void siteSlightlyOffAMirrorIsMergedOntoIt() {
        // Pnma 4c is x,1/4,z; y = 0.2502 is 0.0012 A off the mirror in a 6 A cell
        Lattice lattice = Lattice.orthorhombic(5.5, 6.0, 7.5);
        SymmetryExpansion e = SymmetryExpansion.expand(lattice, SpaceGroup.of(62).operations(),
                List.of(Element.of("Mn")), new double[][] {{0.1, 0.2502, 0.3}}, SymmetryExpansion.DEFAULT_TOLERANCE);
        assertEquals(4, e.structure().size());
        assertEquals(4, e.multiplicity(0));
        assertArrayEquals(new double[] {0.1, 0.25, 0.3}, e.structure().frac(0), 1e-12);
        assertArrayEquals(new int[] {0, 0, 0, 0}, e.sourceSites());
    }

    @Test
    void siteNearTheCellEdgeMergesAcrossThePeriodicBoundary() {
        Lattice lattice = Lattice.cubic(4.0);
        Structure s = SymmetryExpansion.expand(lattice, List.of(SymmetryOperation.identity(),
                SymmetryOperation.parse("-x,-y,-z")), List.of(Element.of("Cu")), new double[][] {{0.9999, 0, 0}},
                0.01).structure();
        assertEquals(1, s.size());
        assertEquals(0.0, s.frac(0)[0], 1e-12);
    }

    @Test
    void rockSaltHasEightAtomsAndNaClBondsOfHalfTheCell() {
        Structure s = SpaceGroup.of(225).expand(Lattice.cubic(5.64), List.of(Element.of("Na"), Element.of("Cl")),
                new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}});
        assertEquals(8, s.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(6, neighbours(s, i, Element.of("Cl"), 2.82));
            assertEquals(12, neighbours(s, i, Element.of("Na"), 2.82 * Math.sqrt(2)));
        }
    }

    @Test
    void equivalentSitesInTheAsymmetricUnitAreReportedWithBothIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpaceGroup.of(225).expand(Lattice.cubic(5.64), List.of(Element.of("Na"), Element.of("Cl")),
                        new double[][] {{0, 0, 0}, {0.5, 0.5, 0}}));
        assertTrue(e.getMessage().contains("sites 0 and 1"), e.getMessage());
        assertTrue(e.getMessage().contains("mixed occupancy"), e.getMessage());
    }
}
