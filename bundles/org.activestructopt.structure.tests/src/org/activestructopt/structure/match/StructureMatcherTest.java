package org.activestructopt.structure.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;

/** API contract of StructureMatcher and MatchResult; agreement with pymatgen is in PymatgenPairsTest. */
class StructureMatcherTest {

    private static final Structure NACL = Structure.builder(Lattice.cubic(5.64))
            .add("Na", 0, 0, 0).add("Na", 0, 0.5, 0.5).add("Na", 0.5, 0, 0.5).add("Na", 0.5, 0.5, 0)
            .add("Cl", 0.5, 0.5, 0.5).add("Cl", 0.5, 0, 0).add("Cl", 0, 0.5, 0).add("Cl", 0, 0, 0.5)
            .build();

    @Test
    void defaultsArePymatgens() {
        StructureMatcher m = StructureMatcher.defaults();
        assertEquals(0.2, m.ltol());
        assertEquals(0.3, m.stol());
        assertEquals(5.0, m.angleTol());
        assertTrue(m.primitiveCell());
        assertTrue(m.scale());
    }

    @Test
    void withersChangeOneSettingAndLeaveTheOriginalAlone() {
        StructureMatcher d = StructureMatcher.defaults();
        StructureMatcher m = d.withLtol(0.1).withStol(0.2).withAngleTol(2).withPrimitiveCell(false).withScale(false);
        assertEquals(0.1, m.ltol());
        assertEquals(0.2, m.stol());
        assertEquals(2.0, m.angleTol());
        assertFalse(m.primitiveCell());
        assertFalse(m.scale());
        assertEquals(0.2, d.ltol());
        assertTrue(d.primitiveCell());
    }

    @Test
    void rejectsNonPositiveOrNonFiniteTolerances() {
        StructureMatcher d = StructureMatcher.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withLtol(0));
        assertThrows(IllegalArgumentException.class, () -> d.withStol(-0.1));
        assertThrows(IllegalArgumentException.class, () -> d.withAngleTol(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withStol(Double.POSITIVE_INFINITY));
    }

    @Test
    void aStructureMatchesItsShuffledTranslatedSupercellWithZeroRms() {
        Structure big = NACL.supercell(2, 1, 1);
        int[] order = new int[big.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i;
        }
        double[][] f = big.permuted(order).fracCoords();
        for (double[] row : f) {
            row[0] += 0.123;
            row[2] -= 0.377;
        }
        Structure other = big.permuted(order).withFracCoords(f);
        MatchResult r = StructureMatcher.defaults().match(NACL, other);
        assertTrue(r.matches());
        assertEquals(0.0, r.rms().getAsDouble(), 1e-9);
        assertEquals(0.0, r.maxDistance().getAsDouble(), 1e-9);
        assertFalse(StructureMatcher.defaults().withPrimitiveCell(false).fits(NACL, other), "different site counts");
    }

    @Test
    void rmsOfARigidlyDisplacedSiteIsItsShareOfTheFreeLength() {
        // one of 8 atoms moved by d along x; the matcher removes the mean shift d/8 from every atom
        double d = 0.1;
        Structure moved = NACL.withFrac(0, new double[] { d / 5.64, 0, 0 });
        MatchResult r = StructureMatcher.defaults().withPrimitiveCell(false).match(NACL, moved);
        double scale = Math.cbrt(NACL.volume() / NACL.size());
        double sumSquares = Math.pow(d * 7 / 8, 2) + 7 * Math.pow(d / 8, 2);
        assertTrue(r.matches());
        assertEquals(Math.sqrt(sumSquares / 8) / scale, r.rms().getAsDouble(), 1e-12);
        assertEquals(d * 7 / 8 / scale, r.maxDistance().getAsDouble(), 1e-12);
    }

    @Test
    void differentCompositionsNeverMatch() {
        Structure kcl = NACL;
        for (int i = 0; i < 4; i++) {
            kcl = kcl.withSpecies(i, Element.of("K"));
        }
        assertEquals(MatchResult.noMatch(), StructureMatcher.defaults().match(NACL, kcl));
        assertFalse(StructureMatcher.defaults().fits(NACL, kcl));
    }

    @Test
    void fitsAgreesWithMatchOnRandomPerturbations() {
        SplittableRandom rng = new SplittableRandom(5);
        StructureMatcher m = StructureMatcher.defaults();
        for (int trial = 0; trial < 20; trial++) {
            double amplitude = 0.05 + 0.5 * rng.nextDouble();
            Structure p = NACL.perturbed(rng, amplitude, amplitude);
            assertEquals(m.match(NACL, p).matches(), m.fits(NACL, p), "amplitude " + amplitude);
        }
    }

    @Test
    void emptyStructuresAreRejected() {
        Structure empty = Structure.of(Lattice.cubic(3), List.of(), new double[0][]);
        assertThrows(IllegalArgumentException.class, () -> StructureMatcher.defaults().match(empty, NACL));
    }

    @Test
    void matchResultInvariants() {
        assertThrows(IllegalArgumentException.class,
                () -> new MatchResult(true, OptionalDouble.empty(), OptionalDouble.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new MatchResult(false, OptionalDouble.of(0.1), OptionalDouble.empty()));
        assertEquals("no match", MatchResult.noMatch().toString());
        assertTrue(new MatchResult(true, OptionalDouble.of(0.01), OptionalDouble.of(0.02)).toString()
                .startsWith("match rms=0.010000"));
    }
}
