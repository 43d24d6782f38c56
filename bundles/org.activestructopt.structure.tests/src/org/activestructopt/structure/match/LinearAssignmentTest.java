package org.activestructopt.structure.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The Hungarian solver against exhaustive search over all assignments of small matrices. */
class LinearAssignmentTest {

    @Test
    void optimalOnRandomSquareAndRectangularMatrices() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rng.nextInt(6);
            int m = n + rng.nextInt(3);
            double[][] cost = new double[n][m];
            for (double[] row : cost) {
                for (int j = 0; j < m; j++) {
                    // a few forbidden pairs and many ties, as in symmetric structures
                    row[j] = rng.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : rng.nextInt(5) * 0.25;
                }
            }
            double best = bruteForce(cost, 0, new boolean[m]);
            int[] a = LinearAssignment.solve(cost);
            if (best == Double.POSITIVE_INFINITY) {
                assertNull(a, () -> "infeasible " + Arrays.deepToString(cost));
                continue;
            }
            assertNotNull(a, () -> "feasible " + Arrays.deepToString(cost));
            assertEquals(n, Arrays.stream(a).distinct().count(), "distinct columns");
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += cost[i][a[i]];
            }
            assertEquals(best, total, 1e-12, () -> Arrays.deepToString(cost));
        }
    }

    private static double bruteForce(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (!used[j] && cost[row][j] < Double.POSITIVE_INFINITY) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + bruteForce(cost, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void infeasibleWhenTwoRowsNeedTheSameOnlyColumn() {
        double inf = Double.POSITIVE_INFINITY;
        assertNull(LinearAssignment.solve(new double[][] { { 1, inf }, { 2, inf } }));
    }

    @Test
    void moreRowsThanColumnsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LinearAssignment.solve(new double[][] { { 1 }, { 2 } }));
    }
}
