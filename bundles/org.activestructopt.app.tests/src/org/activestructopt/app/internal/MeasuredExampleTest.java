package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.activestructopt.app.internal.AsoTest.Run;
import org.activestructopt.refinement.FitStatistics;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.io.StructureFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The bundled examples by name, and the measured-pdf example (a measured Si X-ray PDF refined by least squares with
 * its nuisance parameters) against an independent scipy fit of the same data (refinement.tests/data/measured/
 * fit_si.json, written by fit_si.py beside it).
 */
class MeasuredExampleTest {

    private static final Path EXAMPLES = Path.of("..", "org.activestructopt.app", "examples");
    /** The one copy of the independent fit, beside its script and the data it fitted. */
    private static final Path FIT_SI = Path.of("..", "org.activestructopt.refinement.tests", "data", "measured",
            "fit_si.json");

    @Test
    void theListingHasEveryExampleDirectoryWithItsDescription() throws Exception {
        Run run = aso("examples");
        assertEquals(0, run.code(), run.err());
        List<String> dirs;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            dirs = s.filter(d -> Files.isRegularFile(d.resolve("job.xmi"))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        }
        assertTrue(dirs.containsAll(List.of("measured-pdf", "rutile")), dirs.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(dirs, lines.stream().map(l -> l.split("\\s+")[0]).toList(), run.out());
        for (String line : lines) {
            String name = line.split("\\s+")[0];
            String description = java.util.Properties.class.cast(load(EXAMPLES.resolve(name)
                    .resolve("example.properties"))).getProperty("description");
            assertTrue(line.endsWith(description), line);
        }
    }

    private static java.util.Properties load(Path file) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void anUnknownExampleIsNamedWithTheOnesThereAre(@TempDir Path tmp) {
        Run run = aso("refine", "--example", "cuprate", "--out", tmp.resolve("run").toString());
        assertEquals(Aso.EXIT_USAGE, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--example cuprate") && run.err().contains("measured-pdf")
                && run.err().contains("rutile"), run.err());
        assertTrue(Files.notExists(tmp.resolve("run")), "nothing is created for an unknown example");
    }

    @Test
    void measuredPdfFindsTheLatticeAndRwOfAnIndependentFit(@TempDir Path tmp) throws Exception {
        JsonObject reference = JsonParser.parseString(Files.readString(FIT_SI))
                .getAsJsonObject();
        double aRef = reference.getAsJsonObject("values").get("a").getAsDouble();
        double rwRef = reference.get("Rw").getAsDouble();
        Path dir = tmp.resolve("run");
        Run run = aso("refine", "--example", "measured-pdf", "--out", dir.toString());
        assertEquals(0, run.code(), run.err());
        System.out.println("MeasuredExampleTest: aso refine --example measured-pdf:\n" + run.out());

        // what the run wrote, read back independently of the printed report
        Lattice l = StructureFiles.read(dir.resolve("best.cif")).lattice();
        double a = Math.cbrt(l.volume());
        Job job = Job.load(dir.resolve("job.xmi"));
        Candidate best = job.results().best().orElseThrow();
        double rw = best.statistic(0, FitStatistics.RW).orElseThrow();
        // a is the cube root of the cell volume, as in the refinement bundle's MeasuredPdfTest: the least-squares
        // lattice variation moves all six cell parameters, not the cubic a alone
        String summary = String.format(java.util.Locale.ROOT, "a = %.5f (scipy %.5f; cell %.5f %.5f %.5f), Rw = %.5f "
                + "(scipy %.5f), %d simulations", a, aRef, l.a(), l.b(), l.c(), rw, rwRef, job.results().size());
        System.out.println("MeasuredExampleTest: " + summary);
        assertEquals(aRef, a, 0.002, summary);
        assertEquals(rwRef, rw, 0.1 * rwRef, summary);
        // the nuisance parameters are refined and reported with their uncertainties
        for (String name : List.of("scale", "qdamp", "delta2", "uiso_Si")) {
            assertTrue(run.out().matches("(?s).* " + name + "=\\S+\\+-\\S+.*"), name + " in\n" + run.out());
        }
        assertTrue(run.out().contains("Rw="), run.out());
    }
}
