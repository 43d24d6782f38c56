package org.activestructopt.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GridTest {

    @Test
    void uniformIncludesStopDespiteRounding() {
        Grid g = Grid.uniform(0, 1, 0.1);
        assertEquals(11, g.size());
        assertEquals(1.0, g.stop(), 1e-15);
        assertTrue(g.isUniform());
        assertEquals(0.1, g.step());
        // 0.3*i is not accumulated: the 8th point is exactly 7*0.1 computed once
        assertEquals(7 * 0.1, g.values()[7]);
    }

    @Test
    void uniformStopsWithinHalfAStep() {
        assertArrayEquals(new double[] { 0, 0.3, 0.6, 0.9 }, Grid.uniform(0, 1, 0.3).values(), 1e-15);
        assertEquals(5, Grid.uniform(0, 1.1, 0.25).size()); // 1.0 is the last point: 1.25 is more than half a step past
        assertEquals(1, Grid.uniform(2, 2, 0.5).size());
    }

    @Test
    void explicitGridDetectsUniformity() {
        Grid g = Grid.of(new double[] { 1, 2, 3, 4 });
        assertTrue(g.isUniform());
        assertEquals(1, g.step(), 1e-15);
        Grid h = Grid.of(new double[] { 1, 2, 4 });
        assertFalse(h.isUniform());
        assertTrue(Double.isNaN(h.step()));
    }

    @Test
    void valuesAreCopies() {
        double[] x = { 1, 2, 3 };
        Grid g = Grid.of(x);
        x[0] = 99;
        g.values()[1] = 99;
        assertArrayEquals(new double[] { 1, 2, 3 }, g.values());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Grid.uniform(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Grid.uniform(1, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Grid.uniform(0, Double.NaN, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Grid.uniform(0, 1e12, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> Grid.of(new double[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Grid.of(new double[] { 1, 3, 2 }));
        assertTrue(e.getMessage().contains("grid[1] = 3.0 and grid[2] = 2.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Grid.of(new double[] { 1, Double.POSITIVE_INFINITY }));
    }
}
