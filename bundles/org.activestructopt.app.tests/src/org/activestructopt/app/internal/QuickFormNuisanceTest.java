package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.activestructopt.app.internal.AsoTest.Run;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.NuisanceEntry;
import org.activestructopt.refinement.model.Objective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick form's --refine and --fix on the measured Si PDF: they override the default (refined, as the target is a
 * measurement), go into the job, and every bad name or value is one line before anything runs.
 */
class QuickFormNuisanceTest {

    private static final Path EXAMPLE = Path.of("..", "org.activestructopt.app", "examples", "measured-pdf");

    private static List<String> quick(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("refine", "--target", EXAMPLE.resolve("si-q27r60-xray.gr")
                .toString(), "--start", EXAMPLE.resolve("start.cif").toString(), "--method", "leastSquares",
                "--vary", "lattice", "--range", "1.5,8", "--set", "qmax=27", "--budget", "6", "--out",
                out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static Run run(Path out, String... more) {
        return aso(quick(out, more).toArray(String[]::new));
    }

    @Test
    void refineAndFixOverrideTheMeasuredDefault(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Run run = run(dir, "--refine", "scale,uiso", "--fix", "qdamp=0.046,delta2=3.42");
        assertEquals(0, run.code(), run.err());
        System.out.println("QuickFormNuisanceTest:\n" + run.out());
        Job job = Job.load(dir.resolve("job.xmi"));
        Objective o = job.objectives().get(0);
        assertEquals(List.of("scale", "uiso", "qdamp", "delta2"), o.nuisance().stream().map(NuisanceEntry::name)
                .toList());
        assertEquals(List.of(true, true, false, false), o.nuisance().stream().map(e -> e.refine().orElseThrow())
                .toList());
        assertEquals(0.046, o.nuisance("qdamp").orElseThrow().value().getAsDouble(), 0);
        Candidate best = job.results().best().orElseThrow();
        for (Candidate.FitValue v : best.nuisance(0)) {
            boolean fixed = v.name().equals("qdamp") || v.name().equals("delta2");
            assertEquals(!fixed, v.refined(), v.toString());
            if (v.name().equals("qdamp")) {
                assertEquals(0.046, v.value(), 0, "a fixed parameter keeps its value");
            }
        }
        assertTrue(run.out().contains("qdamp=0.046000(fixed)") && run.out().contains("delta2=3.4200(fixed)"),
                run.out());
        assertTrue(run.out().matches("(?s).* scale=\\S+\\+-\\S+ .*") && run.out().matches("(?s).* uiso_Si=\\S+\\+-.*"),
                run.out());
    }

    @Test
    void withoutThemAMeasuredTargetsNuisanceParametersAreRefined(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Run run = run(dir);
        assertEquals(0, run.code(), run.err());
        Candidate best = Job.load(dir.resolve("job.xmi")).results().best().orElseThrow();
        assertEquals(List.of("scale", "qdamp", "delta2", "uiso_Si"), best.nuisance(0).stream()
                .map(Candidate.FitValue::name).toList());
        assertTrue(best.nuisance(0).stream().allMatch(Candidate.FitValue::refined), best.nuisance(0).toString());
    }

    @Test
    void badNamesAndValuesAreOneLineBeforeAnythingRuns(@TempDir Path tmp) {
        Path dir = tmp.resolve("run");
        Run unknown = run(dir, "--refine", "scale,qdmp");
        assertEquals(Aso.EXIT_USAGE, unknown.code());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("--refine qdmp: not a nuisance parameter of simulator 'pdf'")
                && unknown.err().contains("qdamp") && unknown.err().contains("uiso_ELEMENT"), unknown.err());
        Run twice = run(dir, "--refine", "scale", "--fix", "scale=1");
        assertEquals(Aso.EXIT_USAGE, twice.code());
        assertTrue(twice.err().contains("--fix scale: already given by --refine"), twice.err());
        Run notANumber = run(dir, "--fix", "qdamp=small");
        assertEquals(Aso.EXIT_USAGE, notANumber.code());
        assertTrue(notANumber.err().contains("'small' is not a number"), notANumber.err());
        Run outside = run(dir, "--fix", "qdamp=-0.5");
        assertEquals(Aso.EXIT_USAGE, outside.code());
        assertEquals(1, outside.err().lines().count(), outside.err());
        assertTrue(outside.err().contains("'qdamp'") && outside.err().contains("outside its bounds"), outside.err());
        Run zeroU = run(dir, "--refine", "uiso_Si=0");
        assertEquals(Aso.EXIT_USAGE, zeroU.code());
        assertTrue(zeroU.err().contains("uiso_Si") && zeroU.err().contains("must be > 0"), zeroU.err());
        Run jobToo = aso("refine", tmp.resolve("job.xmi").toString(), "--fix", "scale");
        assertEquals(Aso.EXIT_USAGE, jobToo.code());
        assertTrue(jobToo.err().contains("quick form"), jobToo.err());
        assertTrue(Files.notExists(dir.resolve("job.xmi")), "nothing was run");
    }
}
