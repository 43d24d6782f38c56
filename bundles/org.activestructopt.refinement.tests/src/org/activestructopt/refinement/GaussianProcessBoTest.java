package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GP-BO as a job's method, run by {@link BaselineRunner} on rutile's X-ray PDF (the real PDF simulator). */
class GaussianProcessBoTest {

    private static SimulatorRegistry registry;
    private static Simulator pdf;
    private static Structure truth;
    private static Structure start;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        registry = Simulators.registry();
        pdf = Simulators.await(registry, "pdf");
        truth = TestStructures.rutile();
        start = truth.perturbed(new SplittableRandom(3), 0.15, 0.15).wrapped();
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    private Job job(Method method, int budget, String name) throws Exception {
        Spectrum g = pdf.simulate(truth);
        Path data = dir.resolve("rutile_gr.dat");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(data))) {
            w.println("# r G(r), simulated from rutile");
            for (int k = 0; k < g.size(); k++) {
                w.printf(Locale.ROOT, "%.17g %.17g%n", g.xArray()[k], g.yArray()[k]);
            }
        }
        Job job = Job.create().setName("rutile").setSeed(5).setMethod(method).setStart(start);
        job.addObjective("pdf", "rutile_gr.dat").target().setRange(1.5, 8);
        job.budget().setSimulations(budget).setInitial(1).setCalibration(0).setExploit(0);
        job.sampler().setSetting("rmax", "0.3");
        job.gpbo().setInitial(10).setBox(0.3);
        job.saveAs(dir.resolve(name));
        return job;
    }

    /**
     * 10 sampler draws then 30 GP-BO steps: every simulation is recorded in the job file, and the GP's proposals
     * beat both the initial design and random search given the same 40 simulations.
     */
    @Test
    void gpboJobImprovesOnItsInitialDesignAndOnRandomSearch() throws Exception {
        Job job = job(Method.GPBO, 40, "gpbo.xmi");
        Results r = BaselineRunner.run(job, registry, new NullProgressMonitor());
        assertEquals(Status.COMPLETED, r.status());
        Results saved = Job.load(dir.resolve("gpbo.xmi")).results();
        assertEquals(40, saved.size());
        assertArrayEquals(r.lossHistory(), saved.lossHistory());
        assertTrue(saved.candidates().stream().allMatch(c -> c.phase() == Phase.BASELINE));
        assertTrue(saved.candidate(0).structure().approxEquals(start, 1e-9), "the start is simulated first");
        double[] best = Metrics.bestSoFar(saved);
        double initial = best[9];
        double gpbo = best[39];
        Results random = BaselineRunner.run(job(Method.RANDOM, 40, "random.xmi"), registry, null);
        double rs = Metrics.bestSoFar(random)[39];
        assertTrue(gpbo < 0.5 * initial, "GP steps: best " + initial + " after the initial design -> " + gpbo);
        assertTrue(gpbo < rs, "GP-BO " + gpbo + " vs random search " + rs);
        for (Candidate c : saved.candidates()) {
            assertTrue(c.isFailed() || c.loss() > 0);
        }
    }

    @Test
    void cancelledGpboRunResumesToTheSameResultAsAnUninterruptedOne() throws Exception {
        Results uninterrupted = BaselineRunner.run(job(Method.GPBO, 16, "whole.xmi"), registry, null);
        Job job = job(Method.GPBO, 16, "job.xmi");
        NullProgressMonitor cancelAfter13 = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return job.results().size() >= 13;
            }
        };
        assertThrows(OperationCanceledException.class, () -> BaselineRunner.run(job, registry, cancelAfter13));
        Job killed = Job.load(dir.resolve("job.xmi"));
        assertEquals(13, killed.results().size());
        Results resumed = BaselineRunner.run(killed, registry, null);
        assertArrayEquals(uninterrupted.lossHistory(), resumed.lossHistory(),
                "each step refits from the recorded simulations with the seed's draws of that step");
    }

    @Test
    void badGpboSettingsInAJobFileAreNamed() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <aso:Job xmlns:aso="http://www.activestructopt.org/refinement/1.0" method="gpbo">
                  <start file="start.cif"/>
                  <objectives simulator="pdf"><target file="t.dat"/></objectives>
                  <gpbo initial="1" box="-0.5"/>
                </aso:Job>
                """;
        Path f = dir.resolve("bad.xmi");
        Files.writeString(f, xml);
        JobFormatException e = assertThrows(JobFormatException.class, () -> Job.load(f));
        assertTrue(e.getMessage().contains("gpbo/initial: must be at least 2"), e.getMessage());
        assertTrue(e.getMessage().contains("gpbo/box: must be positive and finite, got -0.5"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.xmi"), e.getMessage());
    }
}
