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
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Method;
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

/** Baselines run from job files: targets read from disk, results saved after every simulation, resumption. */
class BaselineRunnerTest {

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
        truth = TestStructures.nacl();
        start = truth.perturbed(new SplittableRandom(2), 0.25, 0.25).wrapped();
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    /** A job fitting the truth's PDF (written as a two-column file, r from 1 to 10 A) with {@code method}. */
    private Job job(Method method, int budget) throws Exception {
        Spectrum g = pdf.simulate(truth);
        Path data = dir.resolve("NaCl_gr.dat");
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(data))) {
            w.println("# r G(r), simulated from rock salt");
            for (int k = 0; k < g.size(); k++) {
                w.printf(Locale.ROOT, "%.17g %.17g%n", g.xArray()[k], g.yArray()[k]);
            }
        }
        Job job = Job.create().setName("NaCl").setSeed(11).setMethod(method).setStart(start);
        job.addObjective("pdf", "NaCl_gr.dat").target().setRange(1.5, 9.5);
        job.budget().setSimulations(budget).setInitial(1).setCalibration(0).setExploit(0);
        job.saveAs(dir.resolve("job.xmi"));
        return job;
    }

    @Test
    void rmcJobRecordsEverySimulationInTheJobFile() throws Exception {
        Job job = job(Method.RMC, 80);
        Results r = BaselineRunner.run(job, registry, new NullProgressMonitor());
        assertEquals(Status.COMPLETED, r.status());
        Job back = Job.load(dir.resolve("job.xmi"));
        Results saved = back.results();
        assertEquals(80, saved.size());
        assertEquals(Status.COMPLETED, saved.status());
        assertArrayEquals(r.lossHistory(), saved.lossHistory());
        double[] best = Metrics.bestSoFar(saved);
        assertEquals(best[79], saved.best().orElseThrow().loss());
        assertTrue(best[79] < best[0] / 2, best[0] + " -> " + best[79]);
        // the fit range was applied: spectra are on r in [1.5, 9.5]
        double[] x = saved.grid(0);
        assertTrue(x[0] >= 1.5 && x[x.length - 1] <= 9.5 && x.length > 700, x[0] + ".." + x[x.length - 1]);
        assertEquals(x.length, saved.best().orElseThrow().spectrum(0).size());
    }

    @Test
    void cancelledRunIsSavedAndResumesToTheSameResultAsAnUninterruptedOne() throws Exception {
        Job whole = job(Method.RANDOM, 30);
        Results uninterrupted = BaselineRunner.run(whole, registry, null);

        Job job = job(Method.RANDOM, 30);
        NullProgressMonitor cancelAfter12 = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return job.results().size() >= 12;
            }
        };
        assertThrows(OperationCanceledException.class, () -> BaselineRunner.run(job, registry, cancelAfter12));
        Job killed = Job.load(dir.resolve("job.xmi"));
        assertEquals(Status.CANCELLED, killed.results().status());
        assertEquals(12, killed.results().size());

        Results resumed = BaselineRunner.run(killed, registry, null);
        assertEquals(Status.COMPLETED, resumed.status());
        assertEquals(30, resumed.size());
        assertArrayEquals(uninterrupted.lossHistory(), resumed.lossHistory(),
                "draw k depends only on the seed and k");
    }

    @Test
    void unknownSimulatorAndSettingAreNamedWithTheirLine() throws Exception {
        Job job = job(Method.RMC, 10);
        job.objectives().get(0).setSetting("qmx", "20");
        job.addObjective("xrd", "NaCl_gr.dat");
        job.save();
        Job loaded = Job.load(dir.resolve("job.xmi"));
        JobFormatException e = assertThrows(JobFormatException.class, () -> BaselineRunner.run(loaded, registry, null));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("unknown setting 'qmx' for simulator pdf (did you mean 'qmax'?)"),
                e.getMessage());
        // the list holds whatever simulators the test runtime has (FEFF's too since MeasuredExafsTest)
        assertTrue(e.getMessage().matches("(?s).*no simulator named 'xrd'; available: \\[[^]]*\\bpdf\\b.*"),
                e.getMessage());
        assertTrue(e.problems().stream().allMatch(p -> p.line().isPresent()), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("job.xmi").toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void startAndReferenceAreReadFromStructureFiles() throws Exception {
        Job job = job(Method.LEAST_SQUARES, 40);
        org.activestructopt.structure.io.StructureFiles.write(start, dir.resolve("start.vasp"));
        org.activestructopt.structure.io.StructureFiles.write(truth, dir.resolve("truth.cif"));
        job.start().setFile("start.vasp");
        job.referenceOrCreate().setFile("truth.cif");
        job.save();
        RefinementProblem p = RefinementProblem.fromJob(Job.load(dir.resolve("job.xmi")), registry);
        assertTrue(p.start().approxEquals(start, 1e-6), p.start().toString());
        assertTrue(Metrics.match(p.reference().orElseThrow(), truth).matches());
        Results r = BaselineRunner.run(job, registry, null);
        assertTrue(r.best().orElseThrow().loss() < 0.5 * r.candidate(0).loss(), "least squares from the file's start");
    }

    @Test
    void missingTargetFileIsNamed() throws Exception {
        Job job = job(Method.RANDOM, 10);
        job.objectives().get(0).target().setFile("missing.dat");
        JobFormatException e = assertThrows(JobFormatException.class, () -> BaselineRunner.run(job, registry, null));
        assertTrue(e.getMessage().contains("objectives[0]/target/file: cannot read"), e.getMessage());
        assertTrue(e.getMessage().contains("missing.dat"), e.getMessage());
    }
}
