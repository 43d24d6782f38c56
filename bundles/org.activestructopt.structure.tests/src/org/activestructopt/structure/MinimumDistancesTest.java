package org.activestructopt.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MinimumDistancesTest {

    private static final MinimumDistances DEFAULTS = MinimumDistances.defaults();

    @Test
    void referenceIsTheCovalentSumLoweredByTheShippedObservations() throws IOException {
        Path table = Path.of("..", "org.activestructopt.structure", "resources", "reference-distances.csv");
        List<String> rows = Files.readAllLines(table).stream().filter(l -> !l.startsWith("#")).skip(1).toList();
        assertTrue(rows.size() > 100, "the table has observations");
        for (String row : rows) {
            String[] f = row.split(",");
            Element a = Element.of(f[0]);
            Element b = Element.of(f[1]);
            double ref = Double.parseDouble(f[2]);
            assertEquals(a.covalentRadius() + b.covalentRadius(), Double.parseDouble(f[3]), 1e-9, row);
            assertTrue(ref < Double.parseDouble(f[3]), row);
            assertEquals(ref, MinimumDistances.reference(a, b), 1e-12, row);
            assertEquals(ref, MinimumDistances.reference(b, a), 1e-12, row);
            assertEquals(0.85 * ref, DEFAULTS.get(b, a), 1e-12, row);
        }
        // Na-Cl is observed at 2.82 A in rock salt, longer than 1.66 + 1.02: the covalent sum stays
        assertEquals(2.68, MinimumDistances.reference(Element.Na, Element.Cl), 1e-12);
        // a pair no shipped structure contains
        assertEquals(Element.Es.covalentRadius() + Element.Lr.covalentRadius(),
                MinimumDistances.reference(Element.Es, Element.Lr), 1e-12);
        assertEquals(0.85, DEFAULTS.factor());
        assertEquals(0.5 * MinimumDistances.reference(Element.Fe, Element.O),
                MinimumDistances.scaled(0.5).get(Element.O, Element.Fe), 1e-12);
    }

    /** The Delta-test elemental crystals (not used to build the table) are real solids: nothing may be rejected. */
    @Test
    void realElementalCrystalsSatisfyTheDefaults() {
        List<String[]> rows = Fixtures.rows("dcdft_elements.tsv");
        assertEquals(71, rows.size());
        List<String> rejected = new ArrayList<>();
        for (String[] r : rows) {
            Structure s = Structure.of(Lattice.of(Fixtures.matrix(r[1], 3)), Fixtures.species(r[2]),
                    Fixtures.matrix(r[3], 3));
            if (!DEFAULTS.isSatisfied(s)) {
                rejected.add(r[0] + " " + DEFAULTS.violations(s).get(0));
            }
        }
        assertEquals(List.of(), rejected);
    }

    @Test
    void knownCompoundsSatisfyTheDefaults() {
        for (Map.Entry<String, Structure> e : Fixtures.structures().entrySet()) {
            if (e.getKey().startsWith("triclinic")) {
                continue; // random positions
            }
            assertTrue(DEFAULTS.isSatisfied(e.getValue()), e.getKey() + " " + DEFAULTS.violations(e.getValue()));
        }
    }

    /** Violations agree with pymatgen's neighbour list and an independent Python implementation of the rule. */
    @Test
    void violationsMatchTheIndependentPythonCheck() {
        Map<String, Structure> structures = new LinkedHashMap<>();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String[] r : Fixtures.rows("violations.tsv")) {
            if (r[0].equals("S")) {
                structures.put(r[1], Structure.of(Lattice.of(Fixtures.matrix(r[2], 3)), Fixtures.species(r[3]),
                        Fixtures.matrix(r[4], 3)));
                expected.put(r[1], new ArrayList<>());
            } else {
                expected.get(r[1]).add(r[2] + " " + r[3] + " " + r[4] + String.format(" %.9f %.9f",
                        Double.parseDouble(r[5]), Double.parseDouble(r[6])));
            }
        }
        assertEquals(3, structures.size());
        for (String name : structures.keySet()) {
            Structure s = structures.get(name);
            List<String> actual = new ArrayList<>();
            for (ConstraintViolation v : DEFAULTS.violations(s)) {
                int[] n = v.image();
                actual.add(v.i() + " " + v.j() + " " + n[0] + " " + n[1] + " " + n[2]
                        + String.format(" %.9f %.9f", v.distance(), v.allowed()));
                assertEquals(v.distance(), s.distance(v.i(), v.j(), n), 1e-12);
            }
            List<String> exp = new ArrayList<>(expected.get(name));
            exp.sort(null);
            actual.sort(null);
            assertEquals(exp, actual, name);
            assertEquals(exp.isEmpty(), DEFAULTS.isSatisfied(s));
            assertFalse(exp.isEmpty(), "each squeezed fixture has violations: " + name);
        }
    }

    @Test
    void overridesApplyToBothOrdersAndOnlyToThatPair() {
        MinimumDistances m = DEFAULTS.withOverride(Element.O, Element.Fe, 1.5);
        assertEquals(1.5, m.get(Element.Fe, Element.O));
        assertEquals(1.5, m.get(Element.O, Element.Fe));
        assertEquals(DEFAULTS.get(Element.O, Element.O), m.get(Element.O, Element.O));
        assertEquals(0.85 * MinimumDistances.reference(Element.Fe, Element.O), DEFAULTS.get(Element.Fe, Element.O),
                1e-15);
        assertTrue(m.toString().contains("overrides"), m.toString());
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withOverride(Element.O, Element.O, -1));
        assertThrows(IllegalArgumentException.class, () -> MinimumDistances.scaled(-0.1));
        Structure dimer = Structure.builder(Lattice.cubic(10)).add("O", 0, 0, 0).add("O", 0.1, 0, 0).build();
        assertTrue(DEFAULTS.withOverride(Element.O, Element.O, 0.9).isSatisfied(dimer));
        assertFalse(DEFAULTS.withOverride(Element.O, Element.O, 1.1).isSatisfied(dimer));
        ConstraintViolation v = DEFAULTS.withOverride(Element.O, Element.O, 1.1).violations(dimer).get(0);
        assertEquals(0, v.i());
        assertEquals(1, v.j());
        assertArrayEquals(new int[] { 0, 0, 0 }, v.image());
        assertEquals(1.0, v.distance(), 1e-12);
        assertEquals(1.1, v.allowed());
        assertTrue(v.toString().contains("1.000 A < 1.100 A"), v.toString());
    }

    @Test
    void acceptingAStartStructureLowersOnlyItsShortPairs() {
        Structure start = Structure.builder(Lattice.cubic(8)).add("Cs", 0, 0, 0).add("Cs", 0.4, 0, 0)
                .add("Cl", 0, 0.5, 0).build();
        assertFalse(DEFAULTS.isSatisfied(start)); // Cs-Cs at 3.2 A
        MinimumDistances relaxed = DEFAULTS.accepting(start);
        assertTrue(relaxed.isSatisfied(start));
        assertEquals(0.85 * 3.2, relaxed.get(Element.Cs, Element.Cs), 1e-12);
        assertEquals(DEFAULTS.get(Element.Cs, Element.Cl), relaxed.get(Element.Cl, Element.Cs));
        assertFalse(relaxed.isSatisfied(start.withFrac(1, new double[] { 0.3, 0, 0 })));
    }

    @Test
    void selfImagesInSmallCellsCount() {
        Structure tiny = Structure.builder(Lattice.cubic(1.5)).add("Fe", 0, 0, 0).build();
        List<ConstraintViolation> v = DEFAULTS.violations(tiny);
        assertEquals(3, v.size(), v.toString()); // +a, +b, +c; the -n copies are not repeated
        for (ConstraintViolation c : v) {
            assertEquals(1.5, c.distance(), 1e-12);
        }
    }
}
