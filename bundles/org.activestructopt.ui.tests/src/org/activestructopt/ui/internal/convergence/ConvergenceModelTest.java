package org.activestructopt.ui.internal.convergence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.activestructopt.refinement.model.Phase;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.ui.internal.run.CandidateRecord;
import org.junit.jupiter.api.Test;

class ConvergenceModelTest {

    private static final Structure ANY = Structure.builder(Lattice.cubic(4)).add("Cu", 0, 0, 0).build();

    private static CandidateRecord ok(int index, Phase phase, double... losses) {
        double total = 0;
        for (double l : losses) {
            total += l;
        }
        return new CandidateRecord(index, phase, total, losses, 0.01, Optional.empty(), Optional.empty(), ANY,
                List.of());
    }

    private static CandidateRecord failed(int index, Phase phase) {
        return new CandidateRecord(index, phase, Double.NaN, new double[0], 0.01, Optional.of("INVALID_STRUCTURE"),
                Optional.of("atoms too close"), ANY, List.of());
    }

    @Test
    void bestSoFarStartsAtTheFirstSuccessAndNeverRises() {
        List<CandidateRecord> r = List.of(failed(0, Phase.INITIAL), ok(1, Phase.INITIAL, 5), ok(2, Phase.INITIAL, 7),
                failed(3, Phase.CALIBRATION), ok(4, Phase.CALIBRATION, 2), ok(5, Phase.EXPLORE, 3));
        ConvergenceModel m = ConvergenceModel.of(r, 1);
        assertArrayEquals(new double[] {2, 3, 5, 6}, m.losses().x());
        assertArrayEquals(new double[] {5, 7, 2, 3}, m.losses().y());
        assertArrayEquals(new double[] {2, 3, 4, 5, 6}, m.bestSoFar().x(), "NaN before the first success dropped");
        assertArrayEquals(new double[] {5, 5, 5, 2, 2}, m.bestSoFar().y());
        assertEquals(List.of(new ConvergenceModel.PhaseSpan(Phase.INITIAL, 1, 3),
                new ConvergenceModel.PhaseSpan(Phase.CALIBRATION, 4, 5),
                new ConvergenceModel.PhaseSpan(Phase.EXPLORE, 6, 6)), m.phases());
    }

    @Test
    void perObjectiveBestIsTheMinimumOfThatObjectiveAlone() {
        List<CandidateRecord> r = List.of(ok(0, Phase.BASELINE, 1, 9), ok(1, Phase.BASELINE, 4, 2),
                ok(2, Phase.BASELINE, 3, 5));
        ConvergenceModel m = ConvergenceModel.of(r, 2);
        assertArrayEquals(new double[] {1, 1, 1}, m.bestSoFar(0).y());
        assertArrayEquals(new double[] {9, 2, 2}, m.bestSoFar(1).y());
        assertArrayEquals(new double[] {10, 6, 6}, m.bestSoFar().y());
    }

    /** The front is checked against the definition, point by point, on random clouds with ties. */
    @Test
    void paretoFrontIsExactlyTheNonDominatedPoints() {
        Random rng = new Random(42);
        for (int trial = 0; trial < 50; trial++) {
            List<CandidateRecord> r = new ArrayList<>();
            int n = 1 + rng.nextInt(60);
            for (int i = 0; i < n; i++) {
                if (rng.nextInt(10) == 0) {
                    r.add(failed(i, Phase.EXPLORE));
                } else {
                    // coarse values so that ties and duplicates occur
                    r.add(ok(i, Phase.EXPLORE, rng.nextInt(12) + 1, rng.nextInt(12) + 1, rng.nextInt(5)));
                }
            }
            ConvergenceModel m = ConvergenceModel.of(r, 3);
            for (int[] pair : new int[][] {{0, 1}, {1, 2}, {2, 0}}) {
                ConvergenceModel.Points all = m.objectivePairs(pair[0], pair[1]);
                Set<List<Double>> expected = new HashSet<>();
                for (int i = 0; i < all.size(); i++) {
                    boolean dominated = false;
                    for (int j = 0; j < all.size(); j++) {
                        boolean le = all.x()[j] <= all.x()[i] && all.y()[j] <= all.y()[i];
                        boolean lt = all.x()[j] < all.x()[i] || all.y()[j] < all.y()[i];
                        dominated |= le && lt;
                    }
                    if (!dominated) {
                        expected.add(List.of(all.x()[i], all.y()[i]));
                    }
                }
                ConvergenceModel.Points front = m.paretoFront(pair[0], pair[1]);
                Set<List<Double>> got = new HashSet<>();
                for (int i = 0; i < front.size(); i++) {
                    got.add(List.of(front.x()[i], front.y()[i]));
                    if (i > 0) {
                        assertTrue(front.x()[i] > front.x()[i - 1] && front.y()[i] < front.y()[i - 1],
                                "front sorted by x with falling y");
                    }
                }
                assertEquals(expected, got, "trial " + trial);
                assertEquals(expected.size(), front.size(), "each front point once");
            }
        }
    }
}
