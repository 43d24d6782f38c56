package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.app.internal.AsoTest.Run;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.StructureFiles;
import org.activestructopt.structure.match.StructureMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, {@code aso refine --example}, and the refine command's handling of bad jobs. */
class RefineCommandTest {

    private static final Pattern LOSSES = Pattern.compile("loss (\\S+) at the start, best (\\S+)");

    @Test
    void theBundledExampleIsSolved(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Run result = aso("refine", "--example", "--out", run.toString());
        assertEquals(0, result.code(), result.err());

        Matcher m = LOSSES.matcher(result.out());
        assertTrue(m.find(), result.out());
        double start = Double.parseDouble(m.group(1));
        double best = Double.parseDouble(m.group(2));
        // the active loop with 50 simulations: the loss falls by orders of magnitude and the structure is found
        assertTrue(best < start * 0.03, "best loss " + best + " vs start " + start);
        assertTrue(result.out().contains("best structure matches the reference"), result.out());

        // The outputs a user takes away, checked independently of the command's own report.
        Structure found = StructureFiles.read(run.resolve("best.cif"));
        Structure truth = StructureFiles.read(run.resolve("target.cif"));
        assertTrue(StructureMatcher.defaults().withPrimitiveCell(false).match(found, truth).matches());
        Spectrum target = NexusSpectra.read(run.resolve("result.nxs"), "/entry/target");
        Spectrum fitted = NexusSpectra.readDefault(run.resolve("result.nxs"));
        assertEquals(target.size(), fitted.size());
        double mse = fitted.mse(target);
        assertEquals(best, mse, 1e-3 * best, "result.nxs holds the best spectrum");
        Job saved = Job.load(run.resolve("job.xmi"));
        assertTrue(saved.results().size() <= saved.budget().simulations());
        assertTrue(saved.results().size() > 1);

        Run again = aso("refine", "--example", "--out", run.toString());
        assertEquals(Aso.EXIT_USAGE, again.code());
        assertTrue(again.err().contains("--resume"), again.err());

        Run resumed = aso("refine", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(saved.results().size(), Job.load(run.resolve("job.xmi")).results().size(),
                "a finished run resumes without new simulations");
    }

    @Test
    void theQuickFormRunsTheActiveLoopWithoutAJobFile(@TempDir Path tmp) throws Exception {
        Path example = Path.of("..", "org.activestructopt.app", "examples", "rutile").toAbsolutePath();
        Path run = tmp.resolve("quick");
        Run result = aso("refine", "--target", example.resolve("target.nxs") + "#/entry/simulated/G", "--start",
                example.resolve("start.cif").toString(), "--budget", "20", "--out", run.toString());
        assertEquals(0, result.code(), result.err());
        Job saved = Job.load(run.resolve("job.xmi"));
        assertEquals(Method.ACTIVE, saved.method());
        assertEquals(20, saved.results().size(), "the budget is used");
        assertEquals(List.of(8, 5, 4), List.of(saved.budget().initial(), saved.budget().calibration(),
                saved.budget().exploit()));
        Matcher m = LOSSES.matcher(result.out());
        assertTrue(m.find(), result.out());
        assertTrue(Double.parseDouble(m.group(2)) < Double.parseDouble(m.group(1)), result.out());

        Run noStart = aso("refine", "--target", example.resolve("target.nxs").toString(), "--out",
                tmp.resolve("a").toString());
        assertEquals(Aso.EXIT_USAGE, noStart.code());
        assertTrue(noStart.err().contains("--start"), noStart.err());
        Run badVary = aso("refine", "--target", example.resolve("target.nxs").toString(), "--start",
                example.resolve("start.cif").toString(), "--vary", "cell", "--out", tmp.resolve("b").toString());
        assertEquals(Aso.EXIT_USAGE, badVary.code());
        assertTrue(badVary.err().contains("--vary"), badVary.err());
    }

    @Test
    void aTypoInAJobFileIsNamed(@TempDir Path tmp) throws Exception {
        Path job = tmp.resolve("job.xmi");
        Files.writeString(job, """
                <?xml version="1.0" encoding="UTF-8"?>
                <aso:Job xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:aso="http://www.activestructopt.org/refinement/1.0" method="rmc">
                  <start file="start.cif"/>
                  <budget simulatons="50"/>
                </aso:Job>
                """);
        Run run = aso("refine", job.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(Aso.EXIT_USAGE, run.code());
        assertTrue(run.err().contains("simulatons"), run.err());
        assertTrue(run.err().contains("job.xmi"), run.err());
        assertTrue(Files.notExists(tmp.resolve("run").resolve("job.xmi")));
    }
}
