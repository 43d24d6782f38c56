package org.activestructopt.refinement.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.CifReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * Real (small) runs of the baselines on the thermal suite with the PDF simulator found as a service: the job
 * directory, resuming, and the report's tables checked against the job files.
 */
class BenchmarkTest {

    @Test
    void baselinesRunOnAThermalProblemAndTheReportHoldsTheirNumbers(@TempDir Path tmp) throws Exception {
        BenchmarkSuite suite = BenchmarkSuite.bundled("thermal");
        Benchmark benchmark = Benchmark.of(suite, tmp).withProblems(1).withBudget(10).withRmcBudget(30)
                .withMethods(List.of(Method.RMC, Method.RANDOM));
        BenchmarkProblem problem = benchmark.problems().get(0);
        List<String> heard = new ArrayList<>();
        Benchmark.Listener listener = new Benchmark.Listener() {
            @Override
            public void finished(BenchmarkRun run, boolean skipped, int index, int total) {
                heard.add(run.method() + (skipped ? " skipped" : " ran") + " " + index + "/" + total);
            }
        };
        List<BenchmarkRun> runs;
        long t0 = System.nanoTime();
        try (SimulatorRegistry registry = registry()) {
            runs = benchmark.run(registry, Benchmark.baselines(registry), listener, null);
            System.out.printf(Locale.ROOT, "benchmark thermal, 1 problem, rmc 30 + random 10 simulations: %.2f s%n",
                    (System.nanoTime() - t0) * 1e-9);

            // the target spectrum is the PDF of the target structure written next to it
            Path pd = benchmark.problemDirectory(problem.id());
            Structure truth = CifReader.defaults().read(pd.resolve("target.cif"));
            Simulator pdf = registry.get("pdf");
            Spectrum target = NexusSpectra.readDefault(pd.resolve("target.nxs"));
            Spectrum again = pdf.simulate(truth, target.grid(), pdf.settings(suite.objectives().get(0).settings()),
                    null);
            assertArrayEquals(again.yArray(), target.yArray(), 1e-6);
            // the start's match is that of start.cif with target.cif
            Structure start = CifReader.defaults().read(pd.resolve("start.cif"));
            var expected = org.activestructopt.refinement.Metrics.match(start, truth);
            for (BenchmarkRun r : runs) {
                assertEquals(expected.matches(), r.startMatch().orElseThrow().matches());
                assertEquals(expected.rms(), r.startMatch().orElseThrow().rms());
            }
        }
        assertEquals(List.of("rmc ran 1/2", "random ran 2/2"), heard);
        assertEquals(2, runs.size());

        List<Job> jobs = new ArrayList<>();
        for (BenchmarkRun run : runs) {
            assertEquals(Status.COMPLETED, run.status(), run.toString());
            Job job = Job.load(benchmark.jobFile(problem.id(), run.method()));
            jobs.add(job);
            assertEquals(benchmark.budgetOf(run.method()), job.results().size());
            assertEquals(problem.seed(), job.seed(), "one seed per problem, whatever the method");
            assertEquals(run.method(), job.method());
            assertTrue(run.seconds() > 0);
            // the curve is the running minimum of the recorded losses
            double best = Double.POSITIVE_INFINITY;
            for (Candidate c : job.results().candidates()) {
                best = Math.min(best, c.loss());
                assertEquals(best, run.curve()[c.index()], 0.0);
            }
        }
        assertEquals(30, jobs.get(0).results().size());

        // the report's numbers, recomputed from the job files: one problem, so the median is that problem's value
        BenchmarkReport report = BenchmarkReport.of(benchmark, runs);
        String md = report.markdown(List.of(new BenchmarkReport.Figure("median best loss", "curves.png")));
        Files.writeString(tmp.resolve("report.md"), md);
        System.out.println(md);
        assertTrue(md.contains("![median best loss](curves.png)"), md);
        double rmcAfter10 = minLoss(jobs.get(0), 10);
        double randomAfter10 = minLoss(jobs.get(1), 10);
        assertTrue(row(md, 10).equals(String.format(Locale.ROOT, "| 10 | %.3g | %.3g |", rmcAfter10, randomAfter10)),
                row(md, 10));
        assertTrue(row(md, 30).equals(String.format(Locale.ROOT, "| 30 | %.3g |  |", minLoss(jobs.get(0), 30))),
                row(md, 30));
        // how many simulations RMC needs for random search's final median
        double randomFinal = minLoss(jobs.get(1), 10);
        int needed = -1;
        for (int n = 1; n <= 30 && needed < 0; n++) {
            if (minLoss(jobs.get(0), n) <= randomFinal) {
                needed = n;
            }
        }
        BenchmarkReport.Reach reach = report.rmcToReach(Method.RANDOM).orElseThrow();
        assertEquals(needed, reach.rmcSimulations());
        assertTrue(md.contains("| random | " + String.format(Locale.ROOT, "%.3g", randomFinal) + " |"), md);
        int matches = (int) runs.stream().filter(BenchmarkRun::matches).count();
        assertEquals(matches, report.matches(Method.RMC) + report.matches(Method.RANDOM));
        assertTrue(md.contains("| rmc | 1 | " + report.matches(Method.RMC) + " / 1 |"), md);

        // a second run in the same directory simulates nothing new
        heard.clear();
        try (SimulatorRegistry registry = registry()) {
            List<BenchmarkRun> resumed = benchmark.run(registry, Benchmark.baselines(registry), listener, null);
            assertEquals(List.of("rmc skipped 1/2", "random skipped 2/2"), heard);
            assertArrayEquals(runs.get(0).curve(), resumed.get(0).curve());
            assertEquals(runs, benchmark.collect());
            // other budgets in the same directory are refused before anything runs
            var e = assertThrows(SuiteFormatException.class, () -> benchmark.withBudget(20).run(registry,
                    Benchmark.baselines(registry), null, null));
            assertTrue(e.getMessage().contains("budget=10"), e.getMessage());
        }
    }

    @Test
    void anInterruptedJobResumesWhereItStopped(@TempDir Path tmp) throws Exception {
        Benchmark benchmark = Benchmark.of(BenchmarkSuite.bundled("thermal"), tmp).withProblems(1).withBudget(12)
                .withMethods(List.of(Method.RANDOM));
        String id = benchmark.problems().get(0).id();
        try (SimulatorRegistry registry = registry()) {
            // the first session stops after 5 simulations (a runner that gives up, like a killed process)
            Benchmark.JobRunner stopsEarly = (job, monitor) -> {
                job.budget().setSimulations(5);
                var r = Benchmark.baselines(registry).run(job, monitor);
                job.budget().setSimulations(12);
                r.setStatus(Status.CANCELLED, "stopped for the test");
                job.save();
                return r;
            };
            benchmark.run(registry, stopsEarly, null, null);
            assertEquals(5, Job.load(benchmark.jobFile(id, Method.RANDOM)).results().size());
            List<BenchmarkRun> runs = benchmark.run(registry, Benchmark.baselines(registry), null, null);
            Job job = Job.load(benchmark.jobFile(id, Method.RANDOM));
            assertEquals(12, job.results().size());
            assertEquals(Status.COMPLETED, runs.get(0).status());
        }
    }

    /** Each PDF suite's first problem prepares and runs: its target spectrum differs from the start's. */
    @Test
    void thePdfSuitesRun(@TempDir Path tmp) throws Exception {
        for (String name : List.of("thermal", "perovskite")) {
            BenchmarkSuite suite = BenchmarkSuite.bundled(name);
            Benchmark benchmark = Benchmark.of(suite, tmp.resolve(name)).withProblems(1).withBudget(3)
                    .withMethods(List.of(Method.RMC));
            try (SimulatorRegistry registry = registry()) {
                BenchmarkRun run = benchmark.run(registry, Benchmark.baselines(registry), null, null).get(0);
                assertEquals(Status.COMPLETED, run.status(), run.toString());
                assertEquals(3, run.simulations());
                Path nxs = benchmark.problemDirectory(run.problem()).resolve("target.nxs");
                Spectrum target = NexusSpectra.read(nxs, "/entry/target");
                Spectrum start = NexusSpectra.read(nxs, "/entry/start");
                double mse = start.mse(target);
                assertTrue(mse > 0.01, name + ": start and target spectra differ, MSE " + mse);
                assertEquals(mse, run.startLoss(), 1e-6 * mse, name + ": the job's first simulation is the start");
            }
        }
    }

    @Test
    void aJobTemplateGivesTheMethodSettingsAndTheSuiteTheProblem(@TempDir Path tmp) throws Exception {
        BenchmarkSuite suite = BenchmarkSuite.bundled("thermal");
        Job template = Job.create().setSeed(99).setMethod(Method.RANDOM).setVariation(
                org.activestructopt.refinement.model.Variation.COORDINATES_AND_LATTICE);
        template.setStart(BenchmarkSuite.bundled("thermal").problems(1).get(0).target());
        template.addObjective("xrd", "elsewhere.nxs");
        template.rmc().setMaxStep(0.05).setTemperature(0.01);
        template.budget().setInitial(4).setCalibration(6).setExploit(5);
        template.saveAs(tmp.resolve("template.xmi"));
        Benchmark benchmark = Benchmark.of(suite, tmp.resolve("bench")).withProblems(1).withBudget(50)
                .withMethods(List.of(Method.RMC)).withJobTemplate(template);
        BenchmarkProblem p = benchmark.problems().get(0);
        Job job = benchmark.newJob(p, Method.RMC, tmp.resolve("bench"));
        assertEquals(0.05, job.rmc().maxStep());
        assertEquals(0.01, job.rmc().temperature());
        assertEquals(List.of(4, 6, 5, 50), List.of(job.budget().initial(), job.budget().calibration(),
                job.budget().exploit(), job.budget().simulations()));
        // the problem's own parts
        assertEquals(p.seed(), job.seed());
        assertEquals(Method.RMC, job.method());
        assertEquals(p.variation(), job.variation());
        assertEquals(1, job.objectives().size());
        assertEquals("pdf", job.objectives().get(0).simulator());
        assertTrue(job.start().file().orElseThrow().endsWith("start.cif"));
        assertTrue(job.start().crystal().isEmpty());
        assertEquals(suite.limitsFor(p.start()), job.constraints().toMinimumDistances(p.start()));
        assertEquals(99, template.seed(), "the template is not changed");
    }

    @Test
    void theActivePhasesShrinkToFitASmallBudget() {
        Job job = Job.create();
        Benchmark.fitPhases(job.budget(), 10, 200);
        assertEquals(10, job.budget().simulations());
        assertTrue(job.budget().initial() >= 1);
        assertTrue(job.budget().explore() >= 0, job.budget().toString());
        Job big = Job.create();
        Benchmark.fitPhases(big.budget(), 400, 200);
        assertEquals(Job.create().budget().initial(), big.budget().initial(), "phases that fit are kept");
    }

    private static double minLoss(Job job, int n) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            best = Math.min(best, job.results().candidate(i).loss());
        }
        return best;
    }

    private static String row(String md, int n) {
        Matcher m = Pattern.compile("(?m)^\\| " + n + " \\|.*$").matcher(md);
        assertTrue(m.find(), "no row " + n + " in\n" + md);
        return m.group();
    }

    private static SimulatorRegistry registry() throws InterruptedException {
        SimulatorRegistry r = SimulatorRegistry.open(FrameworkUtil.getBundle(BenchmarkTest.class).getBundleContext());
        r.await("pdf", Duration.ofSeconds(30)).orElseThrow();
        return r;
    }
}
