package org.activestructopt.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CompositionTest {

    /** data/formulas.tsv holds pymatgen's reduced_formula and formula for each input. */
    @Test
    void formulasMatchPymatgen() {
        List<String[]> rows = Fixtures.rows("formulas.tsv");
        assertTrue(rows.size() >= 15);
        for (String[] r : rows) {
            Composition c = Composition.parse(r[0]);
            assertEquals(r[1], c.reducedFormula(), r[0]);
            assertEquals(r[2], c.formula(), r[0]);
        }
    }

    @Test
    void parserHandlesBracketsRepeatsAndFractions() {
        Composition c = Composition.parse("Ca(NO3)2");
        assertEquals(1, c.amount(Element.Ca));
        assertEquals(2, c.amount(Element.N));
        assertEquals(6, c.amount(Element.O));
        assertEquals(0, c.amount(Element.Fe));
        assertEquals(Composition.parse("Ca N2 O6"), c);
        assertEquals(Composition.parse("K3[Fe(CN)6]"), Composition.parse("K3FeC6N6"));
        assertEquals(0.5, Composition.parse("Li0.5CoO2").amount(Element.Li));
        assertEquals(2, Composition.parse("HOH").amount(Element.H));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Composition.parse("Fe2Qq3"));
        assertTrue(e.getMessage().contains("Qq") && e.getMessage().contains("position 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Composition.parse("Ca(NO3"));
        assertThrows(IllegalArgumentException.class, () -> Composition.parse("CaNO3)"));
        assertThrows(IllegalArgumentException.class, () -> Composition.parse("fe2o3"));
    }

    @Test
    void weightAndCounts() {
        Composition c = Composition.of(Map.of(Element.Fe, 2, Element.O, 3));
        assertEquals(5, c.totalAtoms());
        assertEquals(2 * 55.845 + 3 * 15.999, c.weight(), 1e-9);
        assertEquals(0.4, c.fractions().get(Element.Fe), 1e-15);
        assertEquals(List.of(Element.O, Element.Fe), List.copyOf(c.elements()));
        assertEquals("Fe2 O3", c.toString());
        assertThrows(IllegalArgumentException.class, () -> Composition.of(Map.of(Element.Fe, -1)));
    }

    /** pymatgen's order for elements without electronegativity is undefined; ours puts them last. */
    @Test
    void nobleGasesGoLast() {
        assertEquals("XeAr2", Composition.parse("Ar2Xe").reducedFormula());
        assertEquals("He", Composition.parse("He4").reducedFormula());
    }
}
