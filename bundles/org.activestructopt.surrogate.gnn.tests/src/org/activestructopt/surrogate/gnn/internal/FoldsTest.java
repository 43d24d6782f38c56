package org.activestructopt.surrogate.gnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FoldsTest {

    @Test
    void foldsAreBalancedAndKeptWhenExamplesAreAppended() {
        int[] small = Folds.assign(23, 5, 3);
        int[] large = Folds.assign(200, 5, 3);
        assertArrayEquals(small, Arrays.copyOf(large, 23), "earlier examples keep their fold");
        for (int[] folds : new int[][] {small, large}) {
            int[] count = new int[5];
            for (int f : folds) {
                count[f]++;
            }
            int min = Arrays.stream(count).min().orElseThrow();
            int max = Arrays.stream(count).max().orElseThrow();
            assertTrue(max - min <= 1, "fold sizes " + Arrays.toString(count));
        }
        assertArrayEquals(large, Folds.assign(200, 5, 3), "same seed, same folds");
        assertNotEquals(Arrays.toString(large), Arrays.toString(Folds.assign(200, 5, 4)), "seed matters");
        assertEquals(5, Arrays.stream(Folds.assign(5, 5, 0)).distinct().count(), "k examples: one per fold");
    }
}
