package org.activestructopt.structure.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WyckoffPositionTest {

    static Stream<SpaceGroup> allSettings() {
        return SpaceGroup.allSettings().stream();
    }

    @ParameterizedTest
    @MethodSource("allSettings")
    void orbitOfARandomPointHasExactlyMultiplicityPointsAndIsAGroupOrbit(SpaceGroup g) {
        SplittableRandom rng = new SplittableRandom(1000 + g.number());
        for (WyckoffPosition w : g.wyckoffPositions()) {
            double[] xyz = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double[][] listed = w.orbit(xyz);
            assertEquals(w.multiplicity(), listed.length, g + " " + w);
            for (int i = 0; i < listed.length; i++) {
                for (int j = 0; j < i; j++) {
                    assertFalse(SpaceGroup.sameModuloLattice(listed[i], listed[j], 1e-9),
                            g + " " + w + ": points " + j + " and " + i + " coincide");
                }
            }
            // The listed points must be exactly the images of the representative under the operations.
            double[][] images = g.orbit(w.representativePoint(xyz), 1e-9);
            assertEquals(w.multiplicity(), images.length, g + " " + w + ": orbit of the representative");
            for (double[] p : images) {
                boolean found = false;
                for (double[] q : listed) {
                    found |= SpaceGroup.sameModuloLattice(p, q, 1e-9);
                }
                assertTrue(found, g + " " + w + ": image " + java.util.Arrays.toString(p) + " is not listed");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("allSettings")
    void siteSymmetryOrderTimesMultiplicityIsTheGroupOrder(SpaceGroup g) {
        char expectedLetter = 'a';
        List<WyckoffPosition> positions = g.wyckoffPositions();
        for (int k = positions.size() - 1; k >= 0; k--) {
            WyckoffPosition w = positions.get(k);
            // letters run a, b, ..., z, alpha from the highest site symmetry to the general position
            assertEquals(expectedLetter, w.letter(), g + " " + w);
            expectedLetter = expectedLetter == 'z' ? '\u03b1' : (char) (expectedLetter + 1);
            Integer siteOrder = SpaceGroupTest.POINT_GROUP_ORDER.get(w.siteSymmetry().replace(".", ""));
            assertTrue(siteOrder != null, g + " " + w + ": unknown site symmetry");
            assertEquals(g.order(), siteOrder * w.multiplicity(), g + " " + w);
            assertEquals(w.multiplicity() < g.order(), w.isSpecial());
        }
    }

    @ParameterizedTest
    @MethodSource("allSettings")
    void representativeIsFixedByExactlyOrderOverMultiplicityOperations(SpaceGroup g) {
        SplittableRandom rng = new SplittableRandom(7 * g.number());
        for (WyckoffPosition w : g.wyckoffPositions()) {
            double[] p = w.representativePoint(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
            int stabilizer = 0;
            for (SymmetryOperation op : g.operations()) {
                if (SpaceGroup.sameModuloLattice(op.apply(p), p, 1e-9)) {
                    stabilizer++;
                }
            }
            assertEquals(g.order() / w.multiplicity(), stabilizer, g + " " + w);
        }
    }

    @Test
    void freeParameters() {
        SpaceGroup pnma = SpaceGroup.of(62);
        assertArrayEquals(new boolean[] {true, false, true}, pnma.wyckoff('c').freeParameters());
        assertEquals(2, pnma.wyckoff('c').degreesOfFreedom());
        assertEquals(0, pnma.wyckoff('a').degreesOfFreedom());
        assertTrue(pnma.wyckoff('a').isSpecial());
        WyckoffPosition h = SpaceGroup.of(166).wyckoff('h'); // x,-x,z
        assertArrayEquals(new boolean[] {true, false, true}, h.freeParameters());
        WyckoffPosition c = SpaceGroup.of(166).wyckoff('c'); // 0,0,z
        assertArrayEquals(new boolean[] {false, false, true}, c.freeParameters());
        double[][] orbit = c.orbit(new double[] {0.7, 0.9, 0.258});
        assertEquals(6, orbit.length);
        assertArrayEquals(new double[] {0, 0, 0.258}, orbit[0], 1e-12);
    }
}
