package org.activestructopt.refinement;

import static org.activestructopt.refinement.SamplerChecks.assertKeepsDistances;
import static org.activestructopt.refinement.SamplerChecks.assertSameSitesAsStart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;

class PerturbationSamplerTest {

    private static final MinimumDistances LIMITS = MinimumDistances.defaults();

    @Test
    void everySiteMovesByTheDrawsRadiusAndTheConstraintsHold() throws Exception {
        Structure start = TestStructures.nacl();
        PerturbationSampler sampler = PerturbationSampler.of(start, LIMITS);
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (int k = 0; k < 200; k++) {
            Structure s = sampler.sample(Seeds.generator(1, "test", k), null);
            assertSameSitesAsStart(s, start);
            assertEquals(start.lattice(), s.lattice());
            assertKeepsDistances(s, LIMITS);
            double r = -1;
            for (int i = 0; i < s.size(); i++) {
                // displacement of site i: shortest vector between its start and sampled positions
                Structure pair = Structure.of(s.lattice(), java.util.List.of(s.species(i), s.species(i)),
                        new double[][] { start.frac(i), s.frac(i) });
                double d = pair.distance(0, 1);
                if (r < 0) {
                    r = d;
                }
                assertEquals(r, d, 1e-9, "all sites of a draw move by the same radius");
            }
            assertTrue(r >= 0.1 - 1e-9 && r <= 1.0 + 1e-9, "radius " + r);
            smallest = Math.min(smallest, r);
            largest = Math.max(largest, r);
        }
        // accepted radii span the range, biased low by rejections of large moves in the dense rock salt
        assertTrue(smallest < 0.15 && largest > 0.5, smallest + " " + largest);
    }

    @Test
    void drawsAreDeterministicGivenTheGenerator() throws Exception {
        PerturbationSampler sampler = PerturbationSampler.of(TestStructures.rutile(), LIMITS)
                .withLatticeNoise(0.05, 2);
        assertEquals(sampler.sample(new SplittableRandom(42), null), sampler.sample(new SplittableRandom(42), null));
        assertFalse(sampler.sample(new SplittableRandom(42), null).equals(sampler.sample(new SplittableRandom(43), null)));
        assertEquals(sampler.sample(Seeds.generator(5, "initial", 3), null),
                sampler.sample(Seeds.generator(5, "initial", 3), null));
    }

    @Test
    void latticeNoiseStaysInRangeAndKeepsTheOrientation() throws Exception {
        Structure start = TestStructures.linio2();
        Job job = Job.create();
        job.sampler().setSettings(Map.of("lattice_length", "0.05", "lattice_angle", "2", "rmax", "0.3"));
        Sampler sampler = Samplers.create(job.sampler(), start, LIMITS, Variation.COORDINATES_AND_LATTICE);
        Lattice l0 = start.lattice();
        boolean changed = false;
        for (int k = 0; k < 50; k++) {
            Structure s = sampler.sample(Seeds.generator(2, "lattice", k), new NullProgressMonitor());
            Lattice l = s.lattice();
            assertEquals(1, l.a() / l0.a(), 0.05 + 1e-12);
            assertEquals(1, l.c() / l0.c(), 0.05 + 1e-12);
            assertEquals(l0.gamma(), l.gamma(), 2 + 1e-9);
            assertEquals(l0.alpha(), l.alpha(), 2 + 1e-9);
            // a stays along x and b in the xy plane, as in the start: the strain does not rotate the cell
            double[][] m = l.matrix();
            assertEquals(0, m[0][1], 1e-9);
            assertEquals(0, m[0][2], 1e-9);
            assertEquals(0, m[1][2], 1e-9);
            assertKeepsDistances(s, LIMITS);
            changed |= Math.abs(l.volume() - l0.volume()) > 1e-6;
        }
        assertTrue(changed);
    }

    @Test
    void coordinatesOnlyIgnoresLatticeNoise() throws Exception {
        Job job = Job.create();
        job.sampler().setSetting("lattice_length", "0.2");
        Sampler sampler = Samplers.create(job.sampler(), TestStructures.srtio3(), LIMITS, Variation.COORDINATES);
        assertEquals(TestStructures.srtio3().lattice(), sampler.sample(new SplittableRandom(1), null).lattice());
    }

    @Test
    void impossibleConstraintsGiveAClearErrorAfterTheAttempts() {
        // twice the reference distances cannot be met in rock salt at any small perturbation
        PerturbationSampler sampler = PerturbationSampler.of(TestStructures.nacl(), MinimumDistances.scaled(2))
                .withRadius(0, 0.2).withAttempts(25);
        SamplingException e = assertThrows(SamplingException.class, () -> sampler.sample(new SplittableRandom(0), null));
        assertTrue(e.getMessage().contains("in 25 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("A allowed"), e.getMessage());
        assertTrue(e.getMessage().contains("NaCl"), e.getMessage());
    }

    @Test
    void unknownSettingIsNamed() {
        Job job = Job.create();
        job.sampler().setSetting("r_max", "0.5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samplers.create(job.sampler(), TestStructures.nacl(), LIMITS, Variation.COORDINATES));
        assertTrue(e.getMessage().contains("unknown setting 'r_max' for sampler perturbation"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'rmax'?"), e.getMessage());
        job.sampler().setName("wyckoff");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Samplers.create(job.sampler(),
                TestStructures.nacl(), LIMITS, Variation.COORDINATES)).getMessage()
                .contains("unknown sampler 'wyckoff'; known: perturbation, spacegroup"));
    }

    @Test
    void cancellationStopsTheDraw() {
        NullProgressMonitor cancelled = new NullProgressMonitor();
        cancelled.setCanceled(true);
        PerturbationSampler sampler = PerturbationSampler.of(TestStructures.nacl(), LIMITS);
        assertThrows(OperationCanceledException.class, () -> sampler.sample(new SplittableRandom(0), cancelled));
    }
}
