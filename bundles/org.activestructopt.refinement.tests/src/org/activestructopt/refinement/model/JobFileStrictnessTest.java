package org.activestructopt.refinement.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job file with a typo, a value of the wrong type or a broken rule is rejected with the file, the line and the key
 * named; nothing is silently ignored. Each case edits one line of the example job.
 */
class JobFileStrictnessTest {

    @TempDir
    Path dir;

    /** Replaces {@code from} by {@code to} in the example job, writes it and returns the exception of loading it. */
    private JobFormatException reject(String from, String to) throws Exception {
        String text = Files.readString(JobModelTest.EXAMPLE);
        assertTrue(text.contains(from), from);
        Path file = dir.resolve("bad.xmi");
        Files.writeString(file, text.replace(from, to));
        JobFormatException e = assertThrows(JobFormatException.class, () -> Job.load(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    private static void assertProblem(JobFormatException e, int line, String where, String... fragments) {
        assertEquals(1, e.problems().size(), e.getMessage());
        JobProblem p = e.problems().get(0);
        assertEquals(line, p.line().orElse(-1), e.getMessage());
        assertEquals(where, p.where(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void unknownAttributeIsNamedWithASuggestion() throws Exception {
        JobFormatException e = reject("<budget simulations=\"100\" initial=\"5\"", "<budget simulations=\"100\" initail=\"5\"");
        assertProblem(e, 17, "budget", "line 17", "unknown key 'initail' in <budget>", "did you mean 'initial'?",
                "known: simulations, initial, calibration, exploit");
    }

    @Test
    void unknownElementIsNamed() throws Exception {
        JobFormatException e = reject("<rmc maxStep=\"0.05\"/>", "<rmcc maxStep=\"0.05\"/>");
        assertProblem(e, 18, "", "unknown key 'rmcc' in <aso:Job>", "did you mean 'rmc'?");
    }

    @Test
    void unknownNestedElementIsNamed() throws Exception {
        JobFormatException e = reject("<settings key=\"qmax\" value=\"25\"/>",
                "<setting key=\"qmax\" value=\"25\"/>");
        assertProblem(e, 11, "objectives[0]", "unknown key 'setting' in <objectives>", "did you mean 'settings'?");
    }

    @Test
    void wrongNumberIsNamed() throws Exception {
        JobFormatException e = reject("simulations=\"100\"", "simulations=\"1OO\"");
        assertProblem(e, 17, "budget/simulations", "'1OO' is not a whole number");
    }

    @Test
    void wrongRealIsNamed() throws Exception {
        JobFormatException e = reject("weight=\"1.0\"", "weight=\"heavy\"");
        assertProblem(e, 9, "objectives[0]/weight", "'heavy' is not a number");
    }

    @Test
    void wrongEnumerationLiteralListsTheAllowedOnes() throws Exception {
        JobFormatException e = reject("method=\"rmc\"", "method=\"RMC\"");
        assertProblem(e, 4, "method", "'RMC' is not one of active, rmc, random, leastSquares");
    }

    @Test
    void wrongListEntryIsNamed() throws Exception {
        JobFormatException e = reject("lattice=\"5.64 0 0", "lattice=\"5.64 O 0");
        assertProblem(e, 7, "start/crystal/lattice", "is not a white-space separated list of numbers");
    }

    @Test
    void repeatedSingleElementIsAnError() throws Exception {
        JobFormatException e = reject("<rmc maxStep=\"0.05\"/>", "<rmc maxStep=\"0.05\"/>\n  <rmc maxStep=\"0.5\"/>");
        assertProblem(e, 19, "", "<rmc> is given twice in <aso:Job>");
    }

    @Test
    void malformedXmlGivesTheLine() throws Exception {
        JobFormatException e = reject("<rmc maxStep=\"0.05\"/>", "<rmc maxStep=\"0.05\">");
        assertTrue(e.problems().stream().anyMatch(p -> p.problem().startsWith("not well-formed XML")), e.getMessage());
    }

    @Test
    void wrongNamespaceIsExplained() throws Exception {
        JobFormatException e = reject("refinement/1.0\"", "refinement/0.9\"");
        assertTrue(e.getMessage().contains("unknown namespace 'http://www.activestructopt.org/refinement/0.9'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("job files use xmlns:aso=\"http://www.activestructopt.org/refinement/1.0\""),
                e.getMessage());
    }

    @Test
    void severalProblemsAreAllListedInFileOrder() throws Exception {
        JobFormatException e = reject("weight=\"1.0\"", "weight=\"-1\" wieght=\"2\"");
        assertEquals(1, e.problems().size(), "the parser stops at the first error of an element; " + e.getMessage());
        Path file = dir.resolve("two.xmi");
        Files.writeString(file, Files.readString(JobModelTest.EXAMPLE).replace("seed=\"7\"", "seed=\"seven\"")
                .replace("maxStep=\"0.05\"", "maxStep=\"-0.05\"").replace("factor=\"0.8\"", "factr=\"0.8\""));
        JobFormatException two = assertThrows(JobFormatException.class, () -> Job.load(file));
        assertEquals(2, two.problems().size(), two.getMessage());
        assertEquals(4, two.problems().get(0).line().getAsInt());
        assertEquals(14, two.problems().get(1).line().getAsInt());
        assertTrue(two.getMessage().contains("2 problems"), two.getMessage());
    }

    // ------------------------------------------------------------------ rules of the model (after parsing)

    @Test
    void budgetSmallerThanItsPhasesIsRejected() throws Exception {
        JobFormatException e = reject("simulations=\"100\"", "simulations=\"30\"");
        assertProblem(e, 17, "budget/simulations", "initial + calibration + exploit = 35 exceeds the budget of 30");
    }

    @Test
    void unknownElementInPairIsRejected() throws Exception {
        JobFormatException e = reject("a=\"Na\"", "a=\"Nx\"");
        assertProblem(e, 15, "constraints/pairs[0]/a", "Unknown element symbol 'Nx'");
    }

    @Test
    void missingPairDistanceIsNotTakenAsZero() throws Exception {
        JobFormatException e = reject(" distance=\"2.2\"", "");
        assertProblem(e, 15, "constraints/pairs[0]/distance", "missing");
    }

    @Test
    void crystalWithTooFewCoordinatesIsRejected() throws Exception {
        JobFormatException e = reject("0 0 0.5\"/>", "0 0\"/>");
        assertProblem(e, 7, "start/crystal", "frac needs 3 numbers per site, 24 for the 8 species, got 23");
    }

    @Test
    void repeatedSettingIsRejected() throws Exception {
        JobFormatException e = reject("key=\"uiso\"", "key=\"qmax\"");
        assertProblem(e, 12, "objectives[0]/settings[1]", "setting 'qmax' is given twice");
    }

    @Test
    void startGivenTwiceIsRejected() throws Exception {
        JobFormatException e = reject("<start>", "<start file=\"NaCl.cif\">");
        assertProblem(e, 5, "start", "either as a file or as a crystal, not both");
    }

    @Test
    void jobWithoutObjectivesIsRejected() throws Exception {
        String text = Files.readString(JobModelTest.EXAMPLE);
        String cut = text.substring(0, text.indexOf("  <objectives")) + text.substring(text.indexOf("  <constraints"));
        Path file = dir.resolve("none.xmi");
        Files.writeString(file, cut);
        JobFormatException e = assertThrows(JobFormatException.class, () -> Job.load(file));
        assertTrue(e.getMessage().contains("objectives: a job needs at least one objective"), e.getMessage());
    }
}
