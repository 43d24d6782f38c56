package org.activestructopt.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NeighborListTest {

    /** Brute force: every (i, j, n) over a box of images large enough for the cutoff, key -> distance. */
    static Map<String, Double> bruteForce(Structure s, double cutoff) {
        double[] w = s.lattice().perpendicularWidths();
        int[] r = new int[3];
        for (int k = 0; k < 3; k++) {
            r[k] = (int) Math.ceil(cutoff / w[k]) + 2; // +2: coordinates may lie outside [0, 1)
        }
        Map<String, Double> map = new HashMap<>();
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < s.size(); j++) {
                for (int a = -r[0]; a <= r[0]; a++) {
                    for (int b = -r[1]; b <= r[1]; b++) {
                        for (int c = -r[2]; c <= r[2]; c++) {
                            if (i == j && a == 0 && b == 0 && c == 0) {
                                continue;
                            }
                            double d = s.distance(i, j, new int[] { a, b, c });
                            if (d <= cutoff) {
                                map.put(key(i, j, a, b, c), d);
                            }
                        }
                    }
                }
            }
        }
        return map;
    }

    private static String key(int i, int j, int a, int b, int c) {
        return i + "," + j + "," + a + "," + b + "," + c;
    }

    /** Random cell with angles in [lo, hi] degrees (rejecting impossible combinations) and sites in [-0.5, 1.5). */
    static Structure randomStructure(SplittableRandom rng, int nSites, double angleLo, double angleHi) {
        Lattice lattice = null;
        while (lattice == null) {
            try {
                lattice = Lattice.fromParameters(3 + 5 * rng.nextDouble(), 3 + 5 * rng.nextDouble(),
                        3 + 5 * rng.nextDouble(), rng.nextDouble(angleLo, angleHi), rng.nextDouble(angleLo, angleHi),
                        rng.nextDouble(angleLo, angleHi));
            } catch (IllegalArgumentException e) {
                // angles do not form a cell: draw again
            }
        }
        Structure.Builder b = Structure.builder(lattice);
        Element[] pool = { Element.Li, Element.O, Element.Fe, Element.Si };
        for (int i = 0; i < nSites; i++) {
            b.add(pool[i % pool.length], rng.nextDouble(-0.5, 1.5), rng.nextDouble(-0.5, 1.5),
                    rng.nextDouble(-0.5, 1.5));
        }
        return b.build();
    }

    static void assertMatchesBruteForce(Structure s, double cutoff) {
        NeighborList nl = NeighborList.of(s, cutoff);
        Map<String, Double> expected = bruteForce(s, cutoff);
        Map<String, Double> actual = new HashMap<>();
        double[][] v = nl.vectors();
        int[][] img = nl.images();
        for (int k = 0; k < nl.size(); k++) {
            int i = nl.center(k);
            int j = nl.neighbor(k);
            String key = key(i, j, img[k][0], img[k][1], img[k][2]);
            assertTrue(actual.put(key, nl.distance(k)) == null, "duplicate pair " + key);
            double[] ri = s.cart(i);
            double[] rj = s.lattice().toCartesian(new double[] { s.frac(j)[0] + img[k][0], s.frac(j)[1] + img[k][1],
                    s.frac(j)[2] + img[k][2] });
            for (int d = 0; d < 3; d++) {
                assertEquals(rj[d] - ri[d], v[k][d], 1e-9, "vector of " + key);
            }
            assertEquals(Math.sqrt(v[k][0] * v[k][0] + v[k][1] * v[k][1] + v[k][2] * v[k][2]), nl.distance(k), 1e-12);
        }
        // pairs within 1e-9 of the cutoff may legitimately fall on either side through rounding
        expected.forEach((key, d) -> assertTrue(actual.containsKey(key) || d > cutoff - 1e-9,
                () -> "missing pair " + key + " at " + d + " in " + s));
        actual.forEach((key, d) -> {
            Double e = expected.get(key);
            assertTrue(e != null || d > cutoff - 1e-9, () -> "extra pair " + key + " at " + d);
            if (e != null) {
                assertEquals(e, d, 1e-9, key);
            }
        });
        // grouped by centre, with consistent start offsets
        int[] centers = nl.centers();
        for (int i = 0; i < s.size(); i++) {
            for (int k = nl.centerStart(i); k < nl.centerStart(i + 1); k++) {
                assertEquals(i, centers[k]);
            }
        }
        assertEquals(nl.size(), nl.centerStart(s.size()));
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5, 6 })
    void randomTriclinicCellsMatchBruteForce(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Structure s = randomStructure(rng, 5 + rng.nextInt(20), 60, 120);
        for (double cutoff : new double[] { 1.5, 4.0, 7.5 }) {
            assertMatchesBruteForce(s, cutoff);
        }
    }

    /** Cells with angles far from 90 degrees, where nearest-image shortcuts fail. */
    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 2, 3 })
    void verySkewedCellsMatchBruteForce(int which) {
        double[][] params = { { 4, 5, 9, 30, 40, 45 }, { 3, 3.5, 3, 20, 25, 30 }, { 6, 4, 5, 150, 100, 60 },
                { 5, 5, 5, 160, 90, 80 } };
        double[] p = params[which];
        Lattice lattice = Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
        double[] w = lattice.perpendicularWidths();
        assertTrue(Math.min(w[0], Math.min(w[1], w[2])) < 0.65 * Math.min(p[0], Math.min(p[1], p[2])),
                "the cell is really skewed");
        Structure s = randomStructure(new SplittableRandom(which), 3 + which, 60, 120).withLattice(lattice);
        assertMatchesBruteForce(s, 3.0);
        assertMatchesBruteForce(s, 6.0);
    }

    @ParameterizedTest
    @ValueSource(longs = { 21, 22, 23 })
    void cutoffsLargerThanTwiceTheCellMatchBruteForce(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Structure s = randomStructure(rng, 2 + rng.nextInt(3), 50, 130);
        double maxWidth = Math.max(s.lattice().perpendicularWidths()[0], Math.max(
                s.lattice().perpendicularWidths()[1], s.lattice().perpendicularWidths()[2]));
        assertMatchesBruteForce(s, 2.2 * maxWidth);
    }

    @Test
    void oneAtomCellsSeeTheirOwnImages() {
        // simple cubic a = 2.5: 6 neighbours at 2.5, 12 at 2.5 sqrt 2, 8 at 2.5 sqrt 3
        Structure sc = Structure.builder(Lattice.cubic(2.5)).add("Po", 0.3, 0.3, 0.3).build();
        NeighborList nl = NeighborList.of(sc, 4.4);
        assertEquals(26, nl.size());
        double[] d = nl.distances();
        java.util.Arrays.sort(d);
        assertEquals(2.5, d[0], 1e-12);
        assertEquals(2.5 * Math.sqrt(2), d[6], 1e-12);
        assertEquals(2.5 * Math.sqrt(3), d[25], 1e-12);
        assertMatchesBruteForce(sc, 11.0);
        Structure tri = Structure.builder(Lattice.fromParameters(2, 3, 2.5, 70, 100, 50)).add("Cu", -3.2, 7.1, 0.4)
                .build();
        assertMatchesBruteForce(tri, 9.0);
    }

    /** Cu fcc a = 3.615: first shells of 12, 6 and 24 neighbours at a/sqrt2, a, a sqrt(3/2). */
    @Test
    void fccShellsAreCountedCorrectly() {
        Structure cu = Fixtures.structures().get("Cu_fcc");
        NeighborList nl = NeighborList.of(cu, 4.0);
        assertEquals(4 * 18, nl.size());
        int shell1 = 0;
        for (double d : nl.distances()) {
            if (Math.abs(d - 3.615 / Math.sqrt(2)) < 1e-9) {
                shell1++;
            }
        }
        assertEquals(48, shell1);
        assertEquals(4 * (12 + 6 + 24), NeighborList.of(cu, 3.615 * Math.sqrt(1.5) + 1e-9).size());
    }

    @Test
    void listIsSymmetricAndSelfPairsOnlyThroughImages() {
        Structure s = randomStructure(new SplittableRandom(99), 12, 60, 120);
        NeighborList nl = NeighborList.of(s, 5.0);
        Map<String, Double> all = new HashMap<>();
        for (int k = 0; k < nl.size(); k++) {
            all.put(key(nl.center(k), nl.neighbor(k), nl.image(k, 0), nl.image(k, 1), nl.image(k, 2)),
                    nl.distance(k));
        }
        for (int k = 0; k < nl.size(); k++) {
            String reverse = key(nl.neighbor(k), nl.center(k), -nl.image(k, 0), -nl.image(k, 1), -nl.image(k, 2));
            assertEquals(nl.distance(k), all.get(reverse), 1e-12, reverse);
            if (nl.center(k) == nl.neighbor(k)) {
                assertTrue(nl.image(k, 0) != 0 || nl.image(k, 1) != 0 || nl.image(k, 2) != 0);
            }
        }
    }

    @Test
    void coincidentSitesAreListedAtDistanceZero() {
        Structure s = Structure.builder(Lattice.cubic(10)).add("O", 0.2, 0.2, 0.2).add("O", 1.2, 0.2, 0.2).build();
        NeighborList nl = NeighborList.of(s, 1.0);
        assertEquals(2, nl.size());
        assertEquals(0, nl.distance(0), 1e-12);
        assertArrayEquals(new int[] { -1, 0, 0 }, nl.images()[0]);
    }

    @Test
    void manyAtomsInAVacuumCellDoNotNeedManyBins() {
        Structure s = Structure.builder(Lattice.cubic(5000)).add("H", 0, 0, 0).add("H", 0.0001, 0, 0).build();
        NeighborList nl = NeighborList.of(s, 0.6);
        assertEquals(2, nl.size());
        assertEquals(0.5, nl.distance(0), 1e-9);
    }

    @Test
    void badCutoffIsRejected() {
        Structure s = Fixtures.structures().get("NaCl");
        assertThrows(IllegalArgumentException.class, () -> NeighborList.of(s, 0));
        assertThrows(IllegalArgumentException.class, () -> NeighborList.of(s, Double.NaN));
        assertThrows(IndexOutOfBoundsException.class, () -> NeighborList.of(s, 3).distance(-1));
        List<Integer> none = new ArrayList<>();
        assertEquals(none.size(), NeighborList.of(s, 2.0).size());
    }
}
