package org.activestructopt.structure.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetryOperationTest {

    @Test
    void parseGivesRotationAndTranslation() {
        SymmetryOperation op = SymmetryOperation.parse("-x+y,-x,z+1/2");
        assertArrayEquals(new int[][] {{-1, 1, 0}, {-1, 0, 0}, {0, 0, 1}}, op.rotation());
        assertArrayEquals(new double[] {0, 0, 0.5}, op.translation(), 0);
        assertEquals(1, op.determinant());
        assertEquals(-1, SymmetryOperation.parse("-x,-y,-z").determinant());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "x,y,z; x,y,z",
        "X, Y+1/2, -Z+1/2; x,y+1/2,-z+1/2",
        "1/2+x,y,z; x+1/2,y,z",
        "+x,+y,+z; x,y,z",
        "x+0.5,y-0.25,z+0.3333; x+1/2,y-1/4,z+1/3",
        "-y+x,-y,-z+2/3; x-y,-y,-z+2/3",
        "x+1/8,y+3/8,z+1/12; x+1/8,y+3/8,z+1/12",
        "x + 1/2 , y , z; x+1/2,y,z",
        "2*x-y,x,z; 2x-y,x,z"})
    void parseAcceptsCifVariantsAndFormatsInItaStyle(String input, String expected) {
        assertEquals(expected, SymmetryOperation.parse(input).toXyz());
        assertEquals(SymmetryOperation.parse(input), SymmetryOperation.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x,y", "x,y,z,x", "x,y,", "xy,y,z", "x,y,z+0.123", "x,y,z+1/0", "x,y,z+1/7", "x,x,z",
        "x,y,q", "x++y,y,z", "x y,y,z", "0.5x,y,z"})
    void malformedOperationsAreRejectedNamingTheText(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SymmetryOperation.parse(bad));
        assertTrue(e.getMessage().contains(bad), e.getMessage());
    }

    @Test
    void composeAppliesTheArgumentFirst() {
        SymmetryOperation a = SymmetryOperation.parse("-y,x-y,z+1/3");
        SymmetryOperation b = SymmetryOperation.parse("x+1/2,-y,-z+1/4");
        double[] p = {0.13, 0.27, 0.71};
        assertArrayEquals(a.apply(b.apply(p)), a.compose(b).apply(p), 1e-12);
        assertFalse(a.compose(b).equalsModuloLattice(b.compose(a)));
    }

    @Test
    void inverseUndoesTheOperation() {
        SymmetryOperation a = SymmetryOperation.parse("-x+y,-x,z+2/3");
        double[] p = {0.13, 0.27, 0.71};
        assertArrayEquals(p, a.inverse().apply(a.apply(p)), 1e-12);
        assertTrue(a.compose(a.inverse()).isIdentityModuloLattice());
        assertEquals(SymmetryOperation.identity(), a.compose(a.inverse()));
    }

    @Test
    void applyToAPoint() {
        double[] q = SymmetryOperation.parse("-x+1/2,y+1/2,-z").apply(new double[] {0.1, 0.2, 0.3});
        assertArrayEquals(new double[] {0.4, 0.7, -0.3}, q, 1e-12);
    }

    @Test
    void equalityModuloLatticeTranslations() {
        SymmetryOperation a = SymmetryOperation.parse("-x,-y,z-1/2");
        SymmetryOperation b = SymmetryOperation.parse("-x+1,-y,z+1/2");
        assertNotEquals(a, b);
        assertTrue(a.equalsModuloLattice(b));
        assertEquals(a.normalized(), b.normalized());
        assertEquals("-x,-y,z+1/2", a.normalized().toXyz());
        assertFalse(a.equalsModuloLattice(SymmetryOperation.parse("-x,-y,z")));
    }

    @Test
    void ofRejectsNonCrystallographicInput() {
        assertThrows(IllegalArgumentException.class,
                () -> SymmetryOperation.of(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 2}}, new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> SymmetryOperation.of(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[] {0.1, 0, 0}));
        assertEquals("x+1/3,y,z",
                SymmetryOperation.of(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[] {1.0 / 3, 0, 0})
                        .toXyz());
    }
}
