package org.activestructopt.surrogate.gnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.api.StructureGradient;
import org.activestructopt.api.Surrogate;
import org.activestructopt.api.SurrogateData;
import org.activestructopt.api.SurrogateEvaluation;
import org.activestructopt.api.SurrogateExample;
import org.activestructopt.api.SurrogateObjective;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.surrogate.gnn.GnnSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gradient of an objective of the ensemble's prediction w.r.t. fractional coordinates and lattice equals central
 * finite differences of the same objective, in float64, on a triclinic cell, through the periodic images.
 */
class GnnGradientTest {

    private static final double H = 1e-5;
    private static Surrogate surrogate;
    private static double[] target;

    @BeforeAll
    static void fit() {
        Structure base = Crystals.triclinic();
        List<SurrogateExample> data = Crystals.perturbed(base, 14, 11, 0.05, 0.3);
        target = data.get(0).spectrum().yArray();
        surrogate = new GnnSurrogateFactory().create(SpectrumKind.PDF, Crystals.GRID,
                GnnSettings.SCHEMA.parse(Map.of("precision", "float64", "ensemble_size", "3", "features", "8",
                        "radial_basis", "12", "interactions", "2", "epochs", "4", "cutoff", "5")));
        surrogate.fit(SurrogateData.of(data.subList(0, 9), data.subList(9, 14)), null);
    }

    @AfterAll
    static void close() {
        surrogate.close();
    }

    /** Mean squared error to the target minus a multiple of the mean uncertainty: smooth in mean and sigma. */
    private static final SurrogateObjective OBJECTIVE = (mean, sigma, dMean, dSigma) -> {
        double v = 0;
        int n = mean.length;
        for (int i = 0; i < n; i++) {
            double e = mean[i] - target[i];
            v += e * e / n - 0.3 * sigma[i] / n;
            dMean[i] = 2 * e / n;
            dSigma[i] = -0.3 / n;
        }
        return v;
    };

    private static double value(Structure s) {
        return surrogate.evaluate(List.of(s), OBJECTIVE).get(0).value();
    }

    @Test
    void gradientMatchesCentralDifferencesOnATriclinicCell() {
        Structure candidate = Crystals.triclinic().perturbed(new SplittableRandom(5), 0.1, 0.2);
        Structure other = Crystals.triclinic().perturbed(new SplittableRandom(6), 0.1, 0.2);
        List<SurrogateEvaluation> batch = surrogate.evaluate(List.of(candidate, other), OBJECTIVE);
        StructureGradient g = batch.get(0).gradient();
        assertEquals(value(candidate), batch.get(0).value(), 1e-12, "a candidate's value does not depend on its batch");

        double largest = 0;
        for (int i = 0; i < candidate.size(); i++) {
            for (int a = 0; a < 3; a++) {
                double[] plus = candidate.frac(i);
                double[] minus = candidate.frac(i);
                plus[a] += H;
                minus[a] -= H;
                double fd = (value(candidate.withFrac(i, plus)) - value(candidate.withFrac(i, minus))) / (2 * H);
                assertEquals(fd, g.frac(i)[a], 1e-7 + 1e-6 * Math.abs(fd), "d/d frac[" + i + "][" + a + "]");
                largest = Math.max(largest, Math.abs(fd));
            }
        }
        double[][] dl = g.lattice();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double fd = (value(withLattice(candidate, r, c, H)) - value(withLattice(candidate, r, c, -H))) / (2 * H);
                assertEquals(fd, dl[r][c], 1e-7 + 1e-6 * Math.abs(fd), "d/d lattice[" + r + "][" + c + "]");
                largest = Math.max(largest, Math.abs(fd));
            }
        }
        assertTrue(largest > 1e-3, "the test exercises non-trivial gradients (largest " + largest + ")");
    }

    private static Structure withLattice(Structure s, int r, int c, double h) {
        double[][] m = s.lattice().matrix();
        m[r][c] += h;
        return s.withLattice(Lattice.of(m));
    }

    @Test
    void evaluationReturnsThePredictionAndTheObjectiveValue() {
        Structure candidate = Crystals.triclinic().perturbed(new SplittableRandom(8), 0.1, 0.2);
        SurrogateEvaluation e = surrogate.evaluate(List.of(candidate), OBJECTIVE).get(0);
        var p = surrogate.predict(List.of(candidate)).get(0);
        assertArrayEquals(p.mean(), e.prediction().mean(), 1e-12);
        assertArrayEquals(p.sigma(), e.prediction().sigma(), 1e-12);
        double expected = OBJECTIVE.evaluate(p.mean(), p.sigma(), new double[p.size()], new double[p.size()]);
        assertEquals(expected, e.value(), 1e-12);
    }
}
