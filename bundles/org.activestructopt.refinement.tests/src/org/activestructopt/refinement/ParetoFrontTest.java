package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.api.Test;

/** The Pareto front of a two-objective run: candidates that no other beats in both objectives at once. */
class ParetoFrontTest {

    private static void add(Results r, double a, double b) {
        Spectrum s = Spectrum.of(SpectrumKind.PDF, new double[] {1, 2}, new double[] {0, 0});
        r.add(Phase.EXPLORE, TestStructures.srtio3(), List.of(s, s), new double[] {a, b}, a + b, 0);
    }

    @Test
    void nonDominatedSuccessfulCandidatesInSimulationOrder() {
        Results r = Job.create().results();
        add(r, 4, 1); // 0: front (best in b)
        add(r, 3, 3); // 1: dominated by 3
        r.addFailure(Phase.EXPLORE, TestStructures.srtio3(), "INVALID_STRUCTURE", "sites coincide", 0); // 2
        add(r, 2, 2); // 3: front
        add(r, 1, 5); // 4: front (best in a)
        add(r, 2, 2); // 5: equal to 3, not dominated by it: front
        add(r, 1, 6); // 6: dominated by 4
        assertEquals(List.of(0, 3, 4, 5), Metrics.paretoFront(r).stream().map(Candidate::index).toList());
        assertEquals(3, r.best().orElseThrow().index(), "lowest total 4 first reached by candidate 3");
    }

    @Test
    void oneObjectiveGivesTheBest() {
        Results r = Job.create().results();
        Spectrum s = Spectrum.of(SpectrumKind.PDF, new double[] {1, 2}, new double[] {0, 0});
        for (double loss : new double[] {3, 1, 2}) {
            r.add(Phase.INITIAL, TestStructures.srtio3(), List.of(s), new double[] {loss}, loss, 0);
        }
        assertEquals(List.of(1), Metrics.paretoFront(r).stream().map(Candidate::index).toList());
    }
}
