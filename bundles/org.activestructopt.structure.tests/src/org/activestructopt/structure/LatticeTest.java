package org.activestructopt.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatticeTest {

    @Test
    void parametersGiveTheSameCellAsPymatgenVesta() {
        for (String[] r : Fixtures.rows("lattices.tsv")) {
            double[] p = Fixtures.numbers(r[0]);
            Lattice l = Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
            double[][] expected = Fixtures.matrix(r[1], 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], l.matrix()[i], 1e-12, r[0]);
            }
            assertEquals(Double.parseDouble(r[2]), l.volume(), 1e-10, r[0]);
            double[][] rec = Fixtures.matrix(r[3], 3);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(rec[i], l.reciprocalMatrix()[i], 1e-12, r[0]);
            }
            assertArrayEquals(Fixtures.numbers(r[4]), l.perpendicularWidths(), 1e-12, r[0]);
            assertEquals(p[0], l.a(), 1e-12);
            assertEquals(p[1], l.b(), 1e-12);
            assertEquals(p[2], l.c(), 1e-12);
            assertEquals(p[3], l.alpha(), 1e-9);
            assertEquals(p[4], l.beta(), 1e-9);
            assertEquals(p[5], l.gamma(), 1e-9);
        }
    }

    @Test
    void namedCells() {
        Lattice hex = Lattice.hexagonal(2.95, 4.68);
        assertEquals(120, hex.gamma(), 1e-12);
        assertEquals(Math.sqrt(3) / 2 * 2.95 * 2.95 * 4.68, hex.volume(), 1e-12);
        assertArrayEquals(new double[] { 0, 0, 4.68 }, hex.vector(2), 1e-15);
        assertEquals(Lattice.of(new double[][] { { 3, 0, 0 }, { 0, 3, 0 }, { 0, 0, 3 } }), Lattice.cubic(3));
        assertEquals(5 * 6 * 7, Lattice.orthorhombic(5, 6, 7).volume(), 1e-12);
        assertEquals(4 * 4 * 9, Lattice.tetragonal(4, 9).volume(), 1e-12);
    }

    @Test
    void fractionalAndCartesianRoundTrip() {
        Lattice l = Lattice.fromParameters(4.0, 5.0, 9.0, 30, 40, 45);
        double[] f = { 0.3, -1.2, 2.7 };
        double[] c = l.toCartesian(f);
        double[][] m = l.matrix();
        for (int k = 0; k < 3; k++) {
            assertEquals(f[0] * m[0][k] + f[1] * m[1][k] + f[2] * m[2][k], c[k], 1e-12);
        }
        assertArrayEquals(f, l.toFractional(c), 1e-12);
        double[][] inv = l.inverse();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += m[i][k] * inv[k][j];
                }
                assertEquals(i == j ? 1 : 0, s, 1e-12);
            }
        }
    }

    @Test
    void leftHandedCellsAreAcceptedWithPositiveVolume() {
        Lattice l = Lattice.of(new double[][] { { 0, 3, 0 }, { 3, 0, 0 }, { 0, 0, 3 } });
        assertEquals(27, l.volume(), 1e-12);
        assertEquals(-27, l.determinant(), 1e-12);
    }

    @Test
    void badInputIsRejectedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.of(new double[][] { { 1, 0, 0 }, { 2, 0, 0 }, { 0, 0, 1 } }));
        assertTrue(e.getMessage().contains("Singular"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.of(new double[][] { { 1, 0, 0 }, { 0, 1 }, { 0, 0, 1 } }));
        assertTrue(e.getMessage().contains("vector b"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Lattice.of(new double[][] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, Double.NaN, 1 } }));
        assertTrue(e.getMessage().contains("vector c"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(3, 3, 3, 10, 20, 100));
        assertThrows(IllegalArgumentException.class, () -> Lattice.fromParameters(-3, 3, 3, 90, 90, 90));
        assertThrows(IllegalArgumentException.class, () -> Lattice.cubic(0));
    }

    @Test
    void arraysAreDefensiveCopies() {
        double[][] rows = { { 3, 0, 0 }, { 0, 3, 0 }, { 0, 0, 3 } };
        Lattice l = Lattice.of(rows);
        rows[0][0] = 100;
        l.matrix()[1][1] = 100;
        l.inverse()[2][2] = 100;
        assertEquals(27, l.volume(), 1e-12);
        assertEquals(1.0 / 3, l.inverse()[2][2], 1e-15);
    }

    @Test
    void approximateAndExactEquality() {
        Lattice l = Lattice.fromParameters(5.1, 6.2, 7.3, 80, 95, 110);
        double[][] m = l.matrix();
        m[2][1] += 1e-6;
        Lattice l2 = Lattice.of(m);
        assertTrue(l.approxEquals(l2, 1e-5));
        assertFalse(l.approxEquals(l2, 1e-7));
        assertNotEquals(l, l2);
        assertEquals(l, Lattice.of(l.matrix()));
        assertEquals(l.hashCode(), Lattice.of(l.matrix()).hashCode());
        assertTrue(l.toString().contains("alpha=80.000"), l.toString());
    }
}
