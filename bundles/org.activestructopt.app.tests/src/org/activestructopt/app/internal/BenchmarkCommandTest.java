package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.app.internal.AsoTest.Run;
import org.activestructopt.refinement.benchmark.BenchmarkSuite;
import org.activestructopt.refinement.benchmark.SuiteObjective;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/** {@code aso benchmark} end to end on tiny budgets, with the real PDF and FEFF simulators and the GNN surrogate. */
class BenchmarkCommandTest {

    @Test
    void aThermalBenchmarkWritesJobsPlotAndReportAndContinuesWhereItStopped(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("bench");
        String template = Path.of("data", "benchmark-template.xmi").toString();
        long t0 = System.nanoTime();
        Run run = aso("benchmark", "thermal", "--problems", "1", "--budget", "7", "--job-template", template,
                "--out", out.toString());
        System.out.printf("aso benchmark thermal --problems 1 --budget 7 (active, rmc, random, leastSquares): "
                + "%.1f s%n", (System.nanoTime() - t0) * 1e-9);
        System.out.print(run.err());
        assertEquals(0, run.code(), run.err() + run.out());
        // the suite's methods, each a job with the whole budget
        for (String method : List.of("active", "rmc", "random", "leastSquares")) {
            Job job = Job.load(out.resolve("runs/rutile-1/" + method + "/job.xmi"));
            assertEquals(7, job.results().size(), method);
            assertEquals(Status.COMPLETED, job.results().status(), method);
            assertTrue(run.out().contains(method), run.out());
        }
        // the active job took the template's method settings: small GNN, short search, 3 + 2 + 1 + 1 phases
        Job active = Job.load(out.resolve("runs/rutile-1/active/job.xmi"));
        assertEquals(2, active.surrogate().ensembleSize());
        assertEquals(8, active.optimiser().explore().starts());
        assertEquals(List.of(3, 2, 1), List.of(active.budget().initial(), active.budget().calibration(),
                active.budget().exploit()));
        assertEquals(List.of(Phase.INITIAL, Phase.CALIBRATION, Phase.EXPLORE, Phase.EXPLOIT), active.results()
                .candidates().stream().map(Candidate::phase).distinct().toList());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## Median best loss after n simulations"), report);
        assertTrue(report.contains("| n | active | rmc | random | leastSquares |"), report);
        assertTrue(report.contains("| 7 |"), report);
        assertTrue(report.contains("## Simulations reverse Monte Carlo needs"), report);
        assertTrue(report.contains("| active |"), report);
        assertTrue(report.contains("](curves.png)"), report);
        BufferedImage curves = ImageIO.read(out.resolve("curves.png").toFile());
        assertEquals(Plots.WIDTH, curves.getWidth());
        assertTrue(run.out().contains("report: " + out.resolve("report.md").toAbsolutePath().normalize()),
                run.out());

        Run again = aso("benchmark", "thermal", "--problems", "1", "--budget", "7", "--job-template", template,
                "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(4, again.err().lines().filter(l -> l.contains("complete already")).count(), again.err());

        Run other = aso("benchmark", "thermal", "--problems", "1", "--budget", "8", "--job-template", template,
                "--out", out.toString());
        assertEquals(Aso.EXIT_USAGE, other.code());
        assertTrue(other.err().contains("budget=7"), other.err());

        Files.delete(out.resolve("report.md"));
        Run reportOnly = aso("benchmark", "thermal", "--problems", "1", "--budget", "7", "--methods",
                "rmc,random", "--job-template", template, "--report-only", "--out", out.toString());
        assertEquals(0, reportOnly.code(), reportOnly.err());
        assertTrue(Files.readString(out.resolve("report.md")).contains("| rmc | random |"));
    }

    @Test
    void theLinio2SuiteRunsOnFeff(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("linio2");
        long t0 = System.nanoTime();
        Run run = aso("benchmark", "linio2", "--problems", "1", "--budget", "4", "--methods", "rmc,random", "--out",
                out.toString());
        System.out.printf("aso benchmark linio2 --problems 1 --budget 4 (rmc, random; exafs-ss): %.1f s%n",
                (System.nanoTime() - t0) * 1e-9);
        assertEquals(0, run.code(), run.err());
        Job job = Job.load(out.resolve("runs/jahn-teller-1/rmc/job.xmi"));
        assertEquals(4, job.results().size());
        assertTrue(job.results().candidates().stream().noneMatch(c -> c.isFailed()), job.toString());
        // the R-3m start is far from the Jahn-Teller target in EXAFS
        assertTrue(job.results().candidate(0).loss() > 0, job.toString());

        // the suite's Ni-O distances: the R-3m start has one Ni-O distance (6 per Ni, 12 Ni in the 2x2x1 cell),
        // the Jahn-Teller target a spread of them; and the report says where the time went
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## Ni-O distances up to 2.6 A"), report);
        java.util.regex.Matcher start = row("start").matcher(report);
        assertTrue(start.find(), report);
        assertEquals(Double.parseDouble(start.group(1)), Double.parseDouble(start.group(2)), 1e-3, "one distance");
        java.util.regex.Matcher target = row("target").matcher(report);
        assertTrue(target.find(), report);
        assertTrue(Double.parseDouble(target.group(2)) - Double.parseDouble(target.group(1)) > 0.1, report);
        assertTrue(report.contains("## Where the time goes"), report);
        assertTrue(report.contains("](distances-jahn-teller-1.png)"), report);
        assertEquals(Plots.WIDTH, ImageIO.read(out.resolve("distances-jahn-teller-1.png").toFile()).getWidth());
    }

    /** A row of the distance table with 72 pairs: groups min and max. */
    private static java.util.regex.Pattern row(String structure) {
        return java.util.regex.Pattern.compile("\\| " + structure + " \\| 72 \\| (\\S+) \\| \\S+ \\| (\\S+) \\|");
    }

    @Test
    void badInputIsNamed(@TempDir Path tmp) throws Exception {
        Run methods = aso("benchmark", "thermal", "--methods", "rmc,annealing", "--out", tmp.toString());
        assertEquals(Aso.EXIT_USAGE, methods.code());
        assertTrue(methods.err().contains("annealing"), methods.err());
        Run suite = aso("benchmark", "thermall", "--out", tmp.toString());
        assertEquals(Aso.EXIT_USAGE, suite.code());
        assertTrue(suite.err().contains("thermall") && suite.err().contains("perovskite"), suite.err());
        Run rmc = aso("benchmark", "thermal", "--budget", "20", "--rmc-budget", "10", "--out", tmp.toString());
        assertEquals(Aso.EXIT_USAGE, rmc.code());
        assertTrue(rmc.err().contains("RMC budget"), rmc.err());
        Run nothing = aso("benchmark", "thermal", "--report-only", "--out", tmp.resolve("empty").toString());
        assertEquals(Aso.EXIT_USAGE, nothing.code());
        assertTrue(nothing.err().contains("no runs"), nothing.err());
        Path template = tmp.resolve("template.xmi");
        Files.writeString(template, """
                <?xml version="1.0" encoding="UTF-8"?>
                <aso:Job xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:aso="http://www.activestructopt.org/refinement/1.0" method="rmc">
                  <start file="start.cif"/>
                  <objectives simulator="pdf"><target file="t.nxs"/></objectives>
                  <rmc maxStp="0.05"/>
                </aso:Job>
                """);
        Run bad = aso("benchmark", "thermal", "--job-template", template.toString(), "--out", tmp.toString());
        assertEquals(Aso.EXIT_USAGE, bad.code());
        assertTrue(bad.err().contains("maxStp") && bad.err().contains("template.xmi"), bad.err());
        Run list = aso("benchmark", "--list");
        assertEquals(0, list.code(), list.err());
        for (String name : List.of("thermal", "linio2", "linio2-pdf-exafs", "perovskite")) {
            assertTrue(list.out().contains(name), list.out());
        }
    }

    /** Every objective of every bundled suite is accepted by the simulator service it names. */
    @Test
    void theBundledSuitesObjectivesSuitTheirSimulators() throws Exception {
        try (SimulatorRegistry registry = SimulatorRegistry.open(
                FrameworkUtil.getBundle(BenchmarkCommandTest.class).getBundleContext())) {
            for (String name : BenchmarkSuite.bundledNames()) {
                for (SuiteObjective o : BenchmarkSuite.bundled(name).objectives()) {
                    Simulator s = registry.await(o.simulator(), Duration.ofSeconds(30)).orElseThrow(
                            () -> new AssertionError(name + ": no simulator " + o.simulator()));
                    s.settings(o.settings());
                }
            }
        }
    }
}
