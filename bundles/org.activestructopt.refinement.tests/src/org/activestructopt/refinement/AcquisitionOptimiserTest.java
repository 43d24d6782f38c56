package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.Surrogate;
import org.activestructopt.api.SurrogateData;
import org.activestructopt.api.SurrogateExample;
import org.activestructopt.api.SurrogateFactory;
import org.activestructopt.api.SurrogatePrediction;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.model.Metric;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.RepulsionPenalty;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The multi-start optimiser on the real GNN surrogate, fitted on PDFs of perturbed rutile cells. */
class AcquisitionOptimiserTest {

    private static SimulatorRegistry simulators;
    private static SurrogateRegistry surrogates;
    private static Surrogate gnn;
    private static ObjectiveTerm term;
    private static PerturbationSampler sampler;

    @BeforeAll
    static void fit() throws Exception {
        simulators = Simulators.registry();
        Simulator pdf = Simulators.await(simulators, "pdf");
        surrogates = ActiveFixtures.surrogates();
        var settings = pdf.descriptor().settings().defaults();
        Spectrum target = pdf.simulate(ActiveFixtures.truth(), ActiveFixtures.GRID, settings, null);
        term = new ObjectiveTerm("pdf", pdf, settings, target, 1, Metric.MSE);
        sampler = PerturbationSampler.of(ActiveFixtures.start(), MinimumDistances.defaults()).withRadius(0.05, 0.25);
        SplittableRandom rng = new SplittableRandom(17);
        List<SurrogateExample> data = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Structure s = sampler.sample(rng, null);
            data.add(new SurrogateExample(s, pdf.simulate(s, target.grid(), settings, null)));
        }
        SurrogateFactory f = surrogates.get("gnn");
        Map<String, String> small = new HashMap<>(ActiveFixtures.SMALL_GNN);
        small.put(SurrogateFactory.ENSEMBLE_SIZE_SETTING, "3");
        gnn = f.create(SpectrumKind.PDF, target.grid(), f.descriptor().settings().parse(small));
        gnn.fit(SurrogateData.of(data.subList(0, 12), data.subList(12, 16)), null);
    }

    @AfterAll
    static void tearDown() {
        gnn.close();
        surrogates.close();
        simulators.close();
    }

    private static List<Structure> starts(int n, long seed) throws SamplingException {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Structure> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sampler.sample(rng, null));
        }
        return out;
    }

    @Test
    void gradientStepsLowerTheAcquisitionOfEveryStartAndTheBestIsWhatTheSurrogatePredicts() throws Exception {
        for (double kappa : new double[] {0, 0.1}) {
            Acquisition a = Acquisition.of(List.of(term), new double[] {0.05}, kappa,
                    RepulsionPenalty.of(MinimumDistances.defaults()));
            AcquisitionOptimiser opt = AcquisitionOptimiser.of(List.of(gnn), a).withSteps(30)
                    .withLearningRates(0.005, 0);
            AcquisitionOptimiser.Result r = opt.optimise(starts(8, 4), s -> true, null);
            String summary = String.format(Locale.ROOT, "kappa %.2g: start values %s, final %s, %s", kappa,
                    Arrays.toString(r.initialValues()), Arrays.toString(r.finalValues()), r);
            assertEquals(30, r.steps(), summary);
            int lowered = 0;
            for (int j = 0; j < 8; j++) {
                lowered += r.finalValues()[j] < r.initialValues()[j] ? 1 : 0;
            }
            assertTrue(lowered >= 7, lowered + " of 8 trajectories went down: " + summary);
            double bestStart = Arrays.stream(r.initialValues()).min().orElseThrow();
            AcquisitionOptimiser.Point best = r.best().orElseThrow();
            assertTrue(best.value() < 0.8 * bestStart, summary);
            assertTrue(best.step() > 0, summary);
            assertEquals(8, r.ranked().size(), "every trajectory has an admissible point");
            // the reported value is the acquisition of the surrogate's prediction at that point
            SurrogatePrediction p = gnn.predict(List.of(best.structure())).get(0);
            double[] dm = new double[p.size()];
            double[] ds = new double[p.size()];
            double recomputed = a.term(0).evaluate(p.mean(), p.sigma(), dm, ds)
                    + a.penalty().value(best.structure());
            assertEquals(recomputed, best.value(), 1e-4 * Math.abs(best.value()) + 1e-9, summary);
            assertTrue(MinimumDistances.defaults().isSatisfied(best.structure()), "admissible points keep the limits");
        }
    }

    @Test
    void theLatticeMovesOnlyWhenItHasALearningRate() throws Exception {
        Acquisition a = Acquisition.of(List.of(term), new double[] {0.05}, 0,
                RepulsionPenalty.of(MinimumDistances.defaults()));
        List<Structure> starts = starts(4, 11);
        AcquisitionOptimiser fixed = AcquisitionOptimiser.of(List.of(gnn), a).withSteps(15).withLearningRates(0.005, 0);
        for (AcquisitionOptimiser.Point p : fixed.optimise(starts, s -> true, null).ranked()) {
            assertEquals(starts.get(p.start()).lattice(), p.structure().lattice());
        }
        AcquisitionOptimiser.Result varying = AcquisitionOptimiser.of(List.of(gnn), a).withSteps(15)
                .withLearningRates(0.005, 0.005).optimise(starts, s -> true, null);
        AcquisitionOptimiser.Point best = varying.best().orElseThrow();
        double[][] m0 = starts.get(best.start()).lattice().matrix();
        double[][] m1 = best.structure().lattice().matrix();
        double moved = 0;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                moved = Math.max(moved, Math.abs(m1[r][c] - m0[r][c]));
            }
        }
        assertTrue(moved > 0.005 && moved < 15 * 0.005 * 1.01, "an Adam step moves an entry by at most about the rate: "
                + moved + " A after " + best.step() + " steps");
        assertTrue(best.value() < varying.initialValues()[best.start()], varying.toString());
    }

    @Test
    void inadmissiblePointsAreNeverProposed() throws Exception {
        Acquisition a = Acquisition.of(List.of(term), new double[] {0.05}, 0,
                RepulsionPenalty.of(MinimumDistances.defaults()));
        List<Structure> starts = starts(4, 9);
        AcquisitionOptimiser opt = AcquisitionOptimiser.of(List.of(gnn), a).withSteps(10).withLearningRates(0.005, 0);
        AcquisitionOptimiser.Result none = opt.optimise(starts, s -> false, null);
        assertTrue(none.ranked().isEmpty(), none.toString());
        AcquisitionOptimiser.Result notTheStarts = opt.optimise(starts, s -> !starts.contains(s), null);
        assertTrue(notTheStarts.ranked().stream().allMatch(p -> p.step() > 0), notTheStarts.toString());
    }
}
