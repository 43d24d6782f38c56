package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;

/** Checks shared by the sampler tests, computed directly from pair distances (not through the sampler's code path). */
final class SamplerChecks {

    private SamplerChecks() {
    }

    /**
     * Every pair of sites, including a site and its own periodic images, is at least the allowed distance apart.
     * Images are enumerated explicitly up to 2 cells in each direction, which covers the cells of these tests
     * (widths above half the largest limit).
     */
    static void assertKeepsDistances(Structure s, MinimumDistances limits) {
        double[] w = s.lattice().perpendicularWidths();
        double max = limits.maxFor(s.species());
        int[] range = new int[3];
        for (int k = 0; k < 3; k++) {
            range[k] = (int) Math.ceil(max / w[k]) + 1;
        }
        for (int i = 0; i < s.size(); i++) {
            for (int j = i; j < s.size(); j++) {
                double allowed = limits.get(s.species(i), s.species(j));
                for (int a = -range[0]; a <= range[0]; a++) {
                    for (int b = -range[1]; b <= range[1]; b++) {
                        for (int c = -range[2]; c <= range[2]; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) {
                                continue;
                            }
                            double d = s.distance(i, j, new int[] { a, b, c });
                            assertTrue(d >= allowed, "sites " + i + "-" + j + " image " + a + "," + b + "," + c
                                    + ": " + d + " < " + allowed + " in " + s);
                        }
                    }
                }
            }
        }
    }

    /** Same species in the same order and fractional coordinates in [0, 1). */
    static void assertSameSitesAsStart(Structure sample, Structure start) {
        assertEquals(start.species(), sample.species());
        for (double f : sample.fracCoordsFlat()) {
            assertTrue(f >= 0 && f < 1, "fractional coordinate " + f + " not wrapped");
        }
    }
}
