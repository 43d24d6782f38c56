package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

import org.activestructopt.api.SimulationException;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Pair tables of large perfect supercells, where thousands of pairs share each distance: the order of the pairs is a
 * stable sort by distance (checked against the JDK's stable object sort), and G(r) of a supercell is that of its unit
 * cell, whatever its size.
 */
class LargeCellTest {

    private static final Grid GRID = Grid.uniform(1, 10, 0.01);

    private final PdfSimulator simulator = new PdfSimulator();

    /** Rock-salt NiO, a = 4.177 angstrom. */
    static Structure nio() {
        return Structure.builder(Lattice.cubic(4.177)).add("Ni", 0, 0, 0).add("Ni", 0.5, 0.5, 0)
                .add("Ni", 0.5, 0, 0.5).add("Ni", 0, 0.5, 0.5).add("O", 0.5, 0, 0).add("O", 0, 0.5, 0)
                .add("O", 0, 0, 0.5).add("O", 0.5, 0.5, 0.5).build();
    }

    private static int[] stableReference(int[] keep, int n, double[] dist) {
        Integer[] boxed = new Integer[n];
        for (int q = 0; q < n; q++) {
            boxed[q] = keep[q];
        }
        // Arrays.sort on objects is a stable merge sort (TimSort)
        Arrays.sort(boxed, Comparator.comparingDouble(k -> dist[k]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void pairOrderIsAStableSortByDistance() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 40; trial++) {
            int total = 1 + random.nextInt(20_000);
            double[] dist = new double[total];
            // a few distinct values (ties everywhere), values 1 ulp apart, or a continuum
            int mode = trial % 3;
            for (int k = 0; k < total; k++) {
                dist[k] = switch (mode) {
                    case 0 -> 1 + random.nextInt(7) * 0.731;
                    case 1 -> random.nextBoolean() ? 2.0 : Math.nextUp(2.0);
                    default -> 1e-4 + 12 * random.nextDouble();
                };
            }
            int[] keep = new int[total];
            int n = 0;
            for (int k = 0; k < total; k++) {
                if (random.nextInt(3) > 0) {
                    keep[n++] = k;
                }
            }
            int[] expected = stableReference(keep, n, dist);
            int[] actual = PairTable.sortByDistance(keep, n, dist);
            assertArrayEquals(expected, Arrays.copyOf(actual, n), "trial " + trial + " (mode " + mode + ")");
        }
    }

    private static void assertSameG(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        double diff = 0;
        for (int k = 0; k < expected.length; k++) {
            diff = Math.max(diff, Math.abs(expected[k] - actual[k]));
        }
        assertTrue(diff <= tolerance, what + ": max |dG| = " + diff);
    }

    @Test
    void supercellOfAPerfectCrystalHasTheUnitCellsG() throws SimulationException {
        double[] cell = simulator.simulate(nio(), GRID, simulator.descriptor().settings().defaults(), null).yArray();
        double[] big = simulator.simulate(nio().supercell(5, 5, 5), GRID, simulator.descriptor().settings().defaults(),
                null).yArray();
        // the supercell sums 125 times as many pair terms per grid point, rounded in another order
        assertSameG(cell, big, 1e-11 * Arrays.stream(cell).map(Math::abs).max().orElseThrow(), "5x5x5 (1000 atoms)");
    }

    /** The size the issue found unfinished after 120 s; no time limit here, only that it completes correctly. */
    @Test
    void tenThousandAtoms() throws SimulationException {
        Structure s = nio().supercell(10, 25, 5);
        assertEquals(10_000, s.size());
        double[] cell = simulator.simulate(nio(), GRID, simulator.descriptor().settings().defaults(), null).yArray();
        double[] big = simulator.simulate(s, GRID, simulator.descriptor().settings().defaults(), null).yArray();
        assertSameG(cell, big, 1e-10 * Arrays.stream(cell).map(Math::abs).max().orElseThrow(), "10,000 atoms");
    }
}
