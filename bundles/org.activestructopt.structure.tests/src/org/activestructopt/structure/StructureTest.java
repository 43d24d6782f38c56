package org.activestructopt.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StructureTest {

    private static final Map<String, Structure> REF = Fixtures.structures();

    private static Structure nacl() {
        return Structure.builder(Lattice.cubic(5.64))
                .add("Na", 0, 0, 0).add("Na", 0, 0.5, 0.5).add("Na", 0.5, 0, 0.5).add("Na", 0.5, 0.5, 0)
                .add("Cl", 0.5, 0.5, 0.5).add("Cl", 0.5, 0, 0).add("Cl", 0, 0.5, 0).add("Cl", 0, 0, 0.5)
                .build();
    }

    @Test
    void builderFactoriesAndAccessorsAgree() {
        Structure s = nacl();
        assertEquals(8, s.size());
        assertEquals(Element.Cl, s.species(4));
        assertArrayEquals(new double[] { 0.5, 0, 0.5 }, s.frac(2));
        assertArrayEquals(new double[] { 2.82, 0, 2.82 }, s.cart(2), 1e-12);
        assertEquals(s, Structure.of(s.lattice(), s.species(), s.fracCoords()));
        Structure fromCart = Structure.fromCartesian(s.lattice(), s.species(), s.cartCoords());
        assertTrue(fromCart.approxEquals(s, 1e-12));
        assertEquals(REF.get("NaCl"), s);
        Structure viaCart = Structure.builder(s.lattice()).addCartesian(Element.Na, new double[] { 2.82, 0, 2.82 })
                .build();
        assertArrayEquals(new double[] { 0.5, 0, 0.5 }, viaCart.frac(0), 1e-15);
    }

    @Test
    void badInputNamesTheSite() {
        Lattice l = Lattice.cubic(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Structure.of(l, List.of(Element.Fe, Element.O), new double[][] { { 0, 0, 0 }, { 0, Double.NaN,
                        0 } }));
        assertTrue(e.getMessage().contains("site 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Structure.of(l, List.of(Element.Fe), new double[][] { { 0, 0, 0 }, { 0, 0, 0 } }));
        assertTrue(e.getMessage().contains("1 sites"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Structure.builder(l).add("Fe", 0, 0, 0)
                .add("Q", 0, 0, 0));
        assertTrue(e.getMessage().contains("'Q'"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> nacl().frac(8));
        assertThrows(IllegalArgumentException.class, () -> nacl().permuted(new int[] { 0, 0, 1, 2, 3, 4, 5, 6 }));
    }

    @Test
    void copiesAreIndependentAndChangeOnlyWhatTheySay() {
        Structure s = nacl();
        double[][] f = s.fracCoords();
        f[0][0] = 0.9;
        assertEquals(0, s.frac(0)[0]);
        Structure moved = s.withFrac(0, new double[] { 0.1, 0.2, 0.3 });
        assertArrayEquals(new double[] { 0.1, 0.2, 0.3 }, moved.frac(0));
        assertArrayEquals(s.frac(1), moved.frac(1));
        assertEquals(0, s.frac(0)[0]);
        Structure k = s.withSpecies(0, Element.K);
        assertEquals(Element.K, k.species(0));
        assertEquals(Element.Na, s.species(0));
        assertEquals(1, k.composition().amount(Element.K));
        assertEquals(3, k.composition().amount(Element.Na));
        Structure strained = s.withLattice(Lattice.cubic(6));
        assertArrayEquals(s.frac(3), strained.frac(3));
        assertEquals(216, strained.volume(), 1e-12);
        Structure fewer = s.withoutSite(0);
        assertEquals(7, fewer.size());
        assertArrayEquals(s.frac(1), fewer.frac(0));
        assertEquals(s.withAddedSite(Element.Na, new double[] { 0, 0, 0 }).size(), 9);
        Structure p = s.permuted(new int[] { 7, 6, 5, 4, 3, 2, 1, 0 });
        assertEquals(Element.Cl, p.species(0));
        assertArrayEquals(s.frac(7), p.frac(0));
        Structure flat = s.withFracCoordsFlat(s.fracCoordsFlat());
        assertEquals(s, flat);
        Structure sorted = Structure.builder(Lattice.cubic(4)).add("O", 0, 0, 0).add("Li", 0.5, 0, 0)
                .add("O", 0.5, 0.5, 0).add("Ni", 0, 0, 0.5).build().sorted();
        assertEquals(List.of(Element.Li, Element.Ni, Element.O, Element.O), sorted.species());
        assertArrayEquals(new double[] { 0, 0, 0 }, sorted.frac(2));
    }

    @Test
    void volumeDensityAndFormulaAgreeWithPymatgen() {
        for (String[] r : Fixtures.rows("structures.tsv")) {
            Structure s = REF.get(r[0]);
            assertEquals(Double.parseDouble(r[4]), s.volume(), 1e-9, r[0]);
            // pymatgen 2022 uses older atomic weights (Li 6.941 vs 6.94, Zn 65.409 vs 65.38): agree to 5e-4 relative
            assertEquals(Double.parseDouble(r[5]), s.density(), 5e-4 * s.density(), r[0]);
            assertEquals(r[6], s.reducedFormula(), r[0]);
        }
        // Cu: 4 x 63.546 u / 3.615^3 A^3 = 8.93 g/cm3 (CRC handbook: 8.96 at room temperature)
        assertEquals(8.93, REF.get("Cu_fcc").density(), 0.01);
        assertEquals("Cu4", REF.get("Cu_fcc").composition().formula());
    }

    @Test
    void minimumImageDistancesAgreeWithAse() {
        for (String[] r : Fixtures.rows("distances.tsv")) {
            Structure s = REF.get(r[0]);
            int i = Integer.parseInt(r[1]);
            int j = Integer.parseInt(r[2]);
            assertEquals(Double.parseDouble(r[3]), s.distance(i, j), 1e-9, () -> Arrays.toString(r));
            assertEquals(s.distance(i, j), s.distance(i, j, s.minimumImage(i, j)), 1e-12);
        }
    }

    @Test
    void distanceIsMinimalOverABruteForceImageSearch() {
        Structure s = REF.get("triclinic_skewed");
        for (int i = 0; i < s.size(); i++) {
            for (int j = 0; j < s.size(); j++) {
                double best = Double.MAX_VALUE;
                for (int a = -6; a <= 6; a++) {
                    for (int b = -6; b <= 6; b++) {
                        for (int c = -6; c <= 6; c++) {
                            best = Math.min(best, s.distance(i, j, new int[] { a, b, c }));
                        }
                    }
                }
                assertEquals(best, s.distance(i, j), 1e-12);
            }
        }
    }

    @Test
    void supercellsMatchPymatgenSiteSets() {
        for (String[] r : Fixtures.rows("supercells.tsv")) {
            int[][] sm = new int[3][3];
            double[] sv = Fixtures.numbers(r[1]);
            for (int k = 0; k < 9; k++) {
                sm[k / 3][k % 3] = (int) sv[k];
            }
            Structure base = REF.get(r[0]);
            Structure sc = base.supercell(sm);
            double[][] expLattice = Fixtures.matrix(r[2], 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expLattice[i], sc.lattice().matrix()[i], 1e-9, r[0]);
            }
            List<Element> expSpecies = Fixtures.species(r[3]);
            double[][] expCart = Fixtures.matrix(r[4], 3);
            assertEquals(expSpecies.size(), sc.size(), r[0]);
            // same multiset of (species, position modulo the supercell): match each expected site once
            boolean[] used = new boolean[sc.size()];
            for (int e = 0; e < expCart.length; e++) {
                double[] fe = sc.lattice().toFractional(expCart[e]);
                int hit = -1;
                for (int k = 0; k < sc.size() && hit < 0; k++) {
                    if (!used[k] && sc.species(k) == expSpecies.get(e) && sameModuloOne(fe, sc.frac(k), 1e-9)) {
                        hit = k;
                    }
                }
                assertTrue(hit >= 0, r[0] + ": no site for pymatgen site " + e);
                used[hit] = true;
            }
            int det = (int) Math.round(sc.volume() / base.volume());
            assertEquals(base.composition().reducedFormula(), sc.reducedFormula());
            for (Element el : base.composition().elements()) {
                assertEquals(det * base.composition().amount(el), sc.composition().amount(el));
            }
            for (int k = 0; k < sc.size(); k++) {
                for (double x : sc.frac(k)) {
                    assertTrue(x >= 0 && x < 1, "supercell coordinates are wrapped");
                }
                // site-major ordering: copies of site i are consecutive
                assertEquals(base.species(k / det), sc.species(k));
            }
        }
    }

    @Test
    void supercellKeepsNeighbourDistances() {
        Structure s = REF.get("triclinic_mild");
        Structure sc = s.supercell(2, 1, 3);
        assertEquals(6 * s.volume(), sc.volume(), 1e-9);
        assertEquals(6 * s.size(), sc.size());
        NeighborList a = NeighborList.of(s, 6.0);
        NeighborList b = NeighborList.of(sc, 6.0);
        assertEquals(6 * a.size(), b.size());
        for (int i = 0; i < s.size(); i++) {
            double[] da = sortedDistancesOf(a, i);
            for (int c = 0; c < 6; c++) {
                assertArrayEquals(da, sortedDistancesOf(b, 6 * i + c), 1e-9);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> s.supercell(new int[][] { { 1, 0, 0 }, { 1, 0, 0 },
                { 0, 0, 1 } }));
    }

    private static double[] sortedDistancesOf(NeighborList nl, int center) {
        List<Double> d = new ArrayList<>();
        for (int k = 0; k < nl.size(); k++) {
            if (nl.centers()[k] == center) {
                d.add(nl.distances()[k]);
            }
        }
        return d.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Test
    void wrappedMapsIntoTheUnitCellWithoutMovingAtoms() {
        Structure s = REF.get("triclinic_skewed");
        Structure w = s.wrapped();
        for (int i = 0; i < s.size(); i++) {
            for (double x : w.frac(i)) {
                assertTrue(x >= 0 && x < 1);
            }
            assertEquals(0, s.distance(i, i), 0);
        }
        assertTrue(w.approxEquals(s, 1e-12));
        Structure tiny = Structure.builder(Lattice.cubic(3)).add("Fe", -1e-17, 1.0, -0.0).build().wrapped();
        assertArrayEquals(new double[] { 0, 0, 0 }, tiny.frac(0));
    }

    @Test
    void perturbedMovesEachSiteWithinTheRequestedRange() {
        Structure s = REF.get("triclinic_skewed").supercell(3, 3, 2);
        SplittableRandom rng = new SplittableRandom(7);
        Structure p = s.perturbed(rng, 0.1, 0.5);
        double min = Double.MAX_VALUE;
        double max = 0;
        double[] mean = new double[3];
        for (int i = 0; i < s.size(); i++) {
            double[] a = s.cart(i);
            double[] b = p.cart(i);
            double d = Math.sqrt(sq(b[0] - a[0]) + sq(b[1] - a[1]) + sq(b[2] - a[2]));
            for (int k = 0; k < 3; k++) {
                mean[k] += (b[k] - a[k]) / d / s.size();
            }
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min >= 0.1 - 1e-12 && max <= 0.5 + 1e-12, min + " " + max);
        assertTrue(min < 0.15 && max > 0.45, "lengths spread over the range: " + min + " " + max);
        for (double m : mean) {
            assertTrue(Math.abs(m) < 0.2, "directions are not biased: " + Arrays.toString(mean));
        }
        assertEquals(s.lattice(), p.lattice());
        assertEquals(s, s.perturbed(rng, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> s.perturbed(rng, 0.5, 0.1));
    }

    @Test
    void approximateEqualityIgnoresLatticeTranslations() {
        Structure s = REF.get("triclinic_mild");
        double[][] f = s.fracCoords();
        f[2][0] += 1;
        f[3][1] -= 2;
        f[4][2] += 1 + 1e-7;
        Structure t = s.withFracCoords(f);
        assertNotEquals(s, t);
        assertTrue(s.approxEquals(t, 1e-6));
        assertFalse(s.approxEquals(t, 1e-8));
        assertFalse(s.approxEquals(s.withSpecies(0, Element.Cd), 1e-6));
        assertFalse(s.approxEquals(s.withLattice(Lattice.cubic(6)), 1e-6));
        assertFalse(s.approxEquals(s.withoutSite(4), 1e-6));
        assertEquals(s, Structure.of(s.lattice(), s.species(), s.fracCoords()));
        assertEquals(s.hashCode(), Structure.of(s.lattice(), s.species(), s.fracCoords()).hashCode());
        assertTrue(s.toString().startsWith("Structure Zn2SeS2 (5 sites"), s.toString());
        assertEquals(Structure.builder(Lattice.cubic(3)).add("Fe", 0, 0, 0).build(),
                Structure.builder(Lattice.of(new double[][] { { 3, -0.0, 0 }, { 0, 3, 0 }, { 0, 0, 3 } }))
                        .add("Fe", -0.0, 0, 0).build());
    }

    private static boolean sameModuloOne(double[] a, double[] b, double tol) {
        for (int k = 0; k < 3; k++) {
            double d = a[k] - b[k];
            if (Math.abs(d - Math.rint(d)) > tol) {
                return false;
            }
        }
        return true;
    }

    private static double sq(double x) {
        return x * x;
    }
}
