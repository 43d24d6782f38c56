package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reverse Monte Carlo against ActiveStructOpt's rule (rmc_list.py, perturbation.py, pymatgen's Structure.perturb):
 * acceptance exp(-Delta / (2 sigma^2)) measured through the baseline's own acceptance, and the move's statistics.
 */
class ReverseMonteCarloTest {

    private static final int DRAWS = 20_000;

    private static SimulatorRegistry registry;
    private static RefinementProblem problem;

    @BeforeAll
    static void setUp() throws Exception {
        registry = Simulators.registry();
        Simulator pdf = Simulators.await(registry, "pdf");
        Structure truth = TestStructures.rutile().supercell(1, 1, 2);
        problem = RefinementProblem.of(truth, ObjectiveFunction.of(ObjectiveTerm.of(pdf, pdf.simulate(truth))),
                MinimumDistances.defaults()).withSeed(11);
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    @Test
    void acceptanceOfAFixedDeltaIsExpOfMinusDeltaOverTwoSigmaSquared() {
        Job job = Job.create();
        job.rmc().setSigma(0.0025);
        ReverseMonteCarlo rmc = ReverseMonteCarlo.of(job.rmc());
        double twoSigma2 = 2 * 0.0025 * 0.0025;
        assertEquals(twoSigma2, rmc.temperature(), 1e-18);
        for (double x : new double[] { 0.25, 1, 2, 4 }) {
            double delta = x * twoSigma2;
            int accepted = 0;
            for (int k = 0; k < DRAWS; k++) {
                // the streams of the run's steps
                if (rmc.accepts(delta, Seeds.generator(7, "rmc", k))) {
                    accepted++;
                }
            }
            double p = Math.exp(-x);
            double measured = accepted / (double) DRAWS;
            double sd = Math.sqrt(p * (1 - p) / DRAWS);
            // four binomial standard deviations: a false failure about once in 16,000 runs
            assertEquals(p, measured, 4 * sd, "Delta = " + x + " x 2 sigma^2");
        }
        SplittableRandom rng = new SplittableRandom(1);
        for (int k = 0; k < 100; k++) {
            assertTrue(rmc.accepts(-1e-3 * rng.nextDouble(), rng), "a lower loss is always accepted");
            assertTrue(rmc.accepts(0, rng));
        }
        ReverseMonteCarlo cold = new ReverseMonteCarlo(true, 0.1, 0.1, 0);
        for (int k = 0; k < 100; k++) {
            assertFalse(cold.accepts(1e-12, rng), "T = 0 accepts downhill moves only");
        }
    }

    @Test
    void temperatureReplacesSigmaAndBothAreAProblem() {
        Job job = Job.create();
        job.rmc().setTemperature(0.003);
        assertEquals(0.003, ReverseMonteCarlo.of(job.rmc()).temperature());
        Job both = Job.create();
        both.rmc().setTemperature(0.003);
        both.rmc().setSigma(0.01); // setSigma forgets the temperature
        assertEquals(2e-4, both.rmc().temperature(), 1e-15);
        Job file = Job.create();
        file.rmc().setSigma(0.01);
        file.rmc().setTemperature(0.003);
        assertEquals(0.003, file.rmc().temperature());
    }

    @Test
    void bothSigmaAndTemperatureInAJobFileIsAValidationProblem() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <aso:Job xmlns:aso="http://www.activestructopt.org/refinement/1.0" method="rmc">
                  <start file="start.cif"/>
                  <objectives simulator="pdf"><target file="t.dat"/></objectives>
                  <rmc sigma="0.0025" temperature="0.01"/>
                </aso:Job>
                """;
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rmc");
        java.nio.file.Path f = dir.resolve("job.xmi");
        java.nio.file.Files.writeString(f, xml);
        JobFormatException e = org.junit.jupiter.api.Assertions.assertThrows(JobFormatException.class,
                () -> Job.load(f));
        assertTrue(e.getMessage().contains("rmc/temperature: give sigma or temperature, not both"), e.getMessage());
    }

    @Test
    void everyAtomMovesByTheStepInAUniformDirectionAndTheLatticeStays() throws SamplingException {
        ReverseMonteCarlo rmc = ReverseMonteCarlo.original();
        Structure s = problem.start();
        int n = s.size();
        double[][] before = s.cartCoords();
        int moves = 1000;
        double[] mean = new double[3];
        double[] second = new double[3];
        int[] bins = new int[10];
        int count = 0;
        for (int k = 0; k < moves; k++) {
            Structure t = rmc.propose(s, problem, Seeds.generator(5, "rmc", k));
            assertTrue(t.lattice().equals(s.lattice()), "the lattice is not changed");
            for (int i = 0; i < n; i++) {
                double[] d = minimumImage(s, before[i], t.cart(i));
                double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                assertEquals(0.1, len, 1e-9, "atom " + i + " of move " + k + " moved by exactly 0.1 A");
                for (int a = 0; a < 3; a++) {
                    mean[a] += d[a] / len;
                    second[a] += d[a] * d[a] / (len * len);
                }
                bins[Math.min(9, (int) ((d[2] / len + 1) / 2 * 10))]++; // cos(theta) is uniform on the sphere
                count++;
            }
        }
        for (int a = 0; a < 3; a++) {
            // a unit vector uniform on the sphere: mean 0 (sd 1/sqrt(3N)), E[u^2] = 1/3 (sd sqrt(4/45/N))
            assertEquals(0, mean[a] / count, 4 / Math.sqrt(3.0 * count), "axis " + a);
            assertEquals(1.0 / 3, second[a] / count, 4 * Math.sqrt(4.0 / 45 / count), "axis " + a);
        }
        double chi2 = 0;
        for (int b : bins) {
            chi2 += Math.pow(b - count / 10.0, 2) / (count / 10.0);
        }
        assertTrue(chi2 < 27.9, "cos(theta) uniform: chi^2 with 9 degrees of freedom " + chi2 + " (p = 0.001 at 27.9)");
    }

    @Test
    void oneAtomModeMovesOneUniformlyChosenAtom() throws SamplingException {
        ReverseMonteCarlo rmc = new ReverseMonteCarlo(false, 0.05, 0.15, 1e-5);
        Structure s = problem.start();
        int[] chosen = new int[s.size()];
        double lengths = 0;
        int moves = 2400;
        for (int k = 0; k < moves; k++) {
            Structure t = rmc.propose(s, problem, Seeds.generator(6, "rmc", k));
            int moved = -1;
            for (int i = 0; i < s.size(); i++) {
                double[] d = minimumImage(s, s.cart(i), t.cart(i));
                double len = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                if (len > 1e-9) {
                    assertEquals(-1, moved, "one atom per move");
                    moved = i;
                    assertTrue(len >= 0.05 - 1e-9 && len <= 0.15 + 1e-9, "length " + len);
                    lengths += len;
                }
            }
            chosen[moved]++;
        }
        assertEquals(0.1, lengths / moves, 4 * 0.1 / Math.sqrt(12) / Math.sqrt(moves), "d ~ U(0.05, 0.15)");
        double expected = moves / (double) s.size();
        double chi2 = 0;
        for (int c : chosen) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 31.3, "atom chosen uniformly: chi^2 with 11 degrees of freedom " + chi2
                + " (p = 0.001 at 31.3)");
    }

    private static double[] minimumImage(Structure s, double[] a, double[] b) {
        double[] fa = s.lattice().toFractional(a);
        double[] fb = s.lattice().toFractional(b);
        double[] df = new double[3];
        for (int k = 0; k < 3; k++) {
            df[k] = fb[k] - fa[k];
            df[k] -= Math.rint(df[k]);
        }
        return s.lattice().toCartesian(df);
    }
}
