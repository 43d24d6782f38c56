package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Metric;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.RepulsionPenalty;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One meaning of objective weights: each objective is divided by a scale fixed by the start and then multiplied by
 * its weight, in the acquisition (the start's MAE) and in the recorded loss (the start's metric).
 */
class ObjectiveWeightsTest {

    private static SimulatorRegistry registry;
    private static Simulator pdf;

    @BeforeAll
    static void setUp() throws Exception {
        registry = Simulators.registry();
        pdf = Simulators.await(registry, "pdf");
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    private static ObjectiveTerm term(String name, double[] y, double weight) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + i;
        }
        return new ObjectiveTerm(name, pdf, pdf.descriptor().settings().defaults(), Spectrum.of(SpectrumKind.PDF, x,
                y), weight, Metric.MSE);
    }

    private static Spectrum on(ObjectiveTerm t, double... y) {
        return Spectrum.of(SpectrumKind.PDF, t.target().xArray(), y);
    }

    @Test
    void acquisitionOfTwoObjectivesWithWeightsOneIsTheAutoScaledSum() {
        // objectives of very different size, as a PDF and an EXAFS
        ObjectiveTerm a = term("a", new double[] { 1, 2, 3 }, 1);
        ObjectiveTerm b = term("b", new double[] { 0.01, 0.02, 0.03, 0.04 }, 1);
        // the start's simulation (the runner passes that one): MAEs by hand a 2, b 0.01
        List<List<Spectrum>> initial = List.of(List.of(on(a, 3, 4, 5), on(b, 0.02, 0.03, 0.04, 0.05)));
        double[] scales = Acquisition.autoScales(List.of(a, b), initial);
        assertArrayEquals(new double[] { 2, 0.01 }, scales, 1e-12);
        Acquisition acq = Acquisition.of(List.of(a, b), scales, 0,
                RepulsionPenalty.of(MinimumDistances.defaults()));
        double[] ma = { 1.5, 2, 2 }; // MAE 1.5 / 3 = 0.5
        double[] mb = { 0.01, 0.02, 0.05, 0.04 }; // MAE 0.02 / 4 = 0.005
        double value = acq.term(0).evaluate(ma, new double[3], new double[3], new double[3])
                + acq.term(1).evaluate(mb, new double[4], new double[4], new double[4]);
        assertEquals(0.5 / 2 + 0.005 / 0.01, value, 1e-12, "sum of MAE / auto-scale, each term about 1 or below");
        // a weight of 3 on b triples its term and nothing else
        Acquisition weighted = Acquisition.of(List.of(a, term("b", b.target().yArray(), 3)), scales, 0,
                RepulsionPenalty.of(MinimumDistances.defaults()));
        assertEquals(0.25 + 3 * 0.5, weighted.term(0).evaluate(ma, new double[3], new double[3], new double[3])
                + weighted.term(1).evaluate(mb, new double[4], new double[4], new double[4]), 1e-12);
    }

    @Test
    void recordedLossOfTwoObjectivesIsScaledByTheStartAndEqualsTheNumberOfObjectivesThere() throws Exception {
        Structure truth = TestStructures.rutile();
        Structure start = truth.perturbed(new java.util.SplittableRandom(2), 0.1, 0.1).wrapped();
        Spectrum t1 = pdf.simulate(truth);
        // the same PDF, as a second objective 100x smaller: without scaling it would count 10^-4 of the first
        double[] y2 = t1.yArray();
        for (int i = 0; i < y2.length; i++) {
            y2[i] *= 0.01;
        }
        ObjectiveTerm first = new ObjectiveTerm("pdf", pdf, pdf.descriptor().settings().defaults(), t1, 1,
                Metric.MSE);
        ObjectiveFunction f = ObjectiveFunction.of(first, new ObjectiveTerm("small", pdf,
                pdf.descriptor().settings().defaults(), Spectrum.of(SpectrumKind.PDF, t1.xArray(), y2), 1,
                Metric.MSE));
        Job job = Job.create();
        RunRecorder recorder = RunRecorder.of(job);
        Evaluation e0 = recorder.evaluate(f, start, false, null);
        assertEquals(2, e0.loss(), 1e-12, "each objective counts its weight, 1, at the start");
        Spectrum s0 = e0.spectra().get(0);
        double[] c = job.results().scales().orElseThrow();
        assertEquals(s0.mse(t1), c[0], 1e-15 * c[0]);
        recorder.record(org.activestructopt.refinement.model.Phase.BASELINE, e0);
        Evaluation e1 = recorder.evaluate(f, truth, false, null);
        // the truth fits the first objective exactly; the second (0.01 of it) misses by 0.99 of the truth's PDF
        assertEquals(0, e1.losses()[0], 1e-12);
        assertEquals(e1.spectra().get(1).mse(Spectrum.of(SpectrumKind.PDF, t1.xArray(), y2)) / c[1], e1.losses()[1],
                1e-12 * e1.losses()[1]);
        Evaluation e2 = recorder.evaluate(f, start.perturbed(new java.util.SplittableRandom(3), 0.05, 0.05)
                .wrapped(), false, null);
        double[] l = e2.losses();
        assertEquals(e2.spectra().get(0).mse(t1) / c[0], l[0], 1e-12);
        assertEquals(e2.spectra().get(1).mse(Spectrum.of(SpectrumKind.PDF, t1.xArray(), y2)) / c[1], l[1], 1e-12);
        assertArrayEquals(c, job.results().scales().orElseThrow(), "fixed once");
    }
}
