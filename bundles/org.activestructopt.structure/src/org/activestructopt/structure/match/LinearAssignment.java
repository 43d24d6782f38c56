package org.activestructopt.structure.match;

import java.util.Arrays;

/**
 * Minimum-cost assignment of n rows to distinct columns of an n x m cost matrix (n <= m): the Hungarian method in its
 * O(n² m) form with row and column potentials and one shortest augmenting path (Dijkstra on reduced costs) per row.
 * Forbidden pairs are marked with {@link Double#POSITIVE_INFINITY}; if they cannot be avoided, there is no feasible
 * assignment.
 */
final class LinearAssignment {

    private LinearAssignment() {
    }

    /**
     * @param cost n x m matrix, n <= m, finite entries or +infinity for forbidden pairs
     * @return for each row the column assigned to it, or null if every assignment uses a forbidden pair
     * @throws IllegalArgumentException if there are more rows than columns
     */
    static int[] solve(double[][] cost) {
        int n = cost.length;
        int m = n == 0 ? 0 : cost[0].length;
        if (n > m) {
            throw new IllegalArgumentException("Assignment needs at least as many columns as rows: " + n + " x " + m);
        }
        // 1-based arrays; column 0 is the virtual start of each augmenting path
        double[] rowPot = new double[n + 1];
        double[] colPot = new double[m + 1];
        int[] rowOfCol = new int[m + 1];
        int[] previous = new int[m + 1];
        double[] slack = new double[m + 1];
        boolean[] visited = new boolean[m + 1];
        for (int row = 1; row <= n; row++) {
            rowOfCol[0] = row;
            int col = 0;
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            Arrays.fill(visited, false);
            do {
                visited[col] = true;
                int r = rowOfCol[col];
                double delta = Double.POSITIVE_INFINITY;
                int next = -1;
                for (int j = 1; j <= m; j++) {
                    if (visited[j]) {
                        continue;
                    }
                    double reduced = cost[r - 1][j - 1] - rowPot[r] - colPot[j];
                    if (reduced < slack[j]) {
                        slack[j] = reduced;
                        previous[j] = col;
                    }
                    if (slack[j] < delta) {
                        delta = slack[j];
                        next = j;
                    }
                }
                if (next < 0) {
                    return null; // every remaining column is forbidden for the rows reached so far
                }
                for (int j = 0; j <= m; j++) {
                    if (visited[j]) {
                        rowPot[rowOfCol[j]] += delta;
                        colPot[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                col = next;
            } while (rowOfCol[col] != 0);
            do { // flip the augmenting path
                int prev = previous[col];
                rowOfCol[col] = rowOfCol[prev];
                col = prev;
            } while (col != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= m; j++) {
            if (rowOfCol[j] != 0) {
                assignment[rowOfCol[j] - 1] = j - 1;
            }
        }
        return assignment;
    }
}
