package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs whose targets are the files beamlines write (the measured copies in the spectra test fragment). */
class MeasuredTargetTest {

    private static final Path MEASURED = Path.of("..", "org.activestructopt.spectra.tests", "data", "measured")
            .toAbsolutePath().normalize();
    private static final Path IO = MEASURED.resolveSibling("io");
    private static SimulatorRegistry registry;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        registry = Simulators.registry();
        Simulators.await(registry, "pdf");
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    private Job job(String target) throws Exception {
        Files.copy(MEASURED.resolve("si.cif"), dir.resolve("si.cif"), StandardCopyOption.REPLACE_EXISTING);
        Job job = Job.create().setName("Si").setSeed(1);
        job.start().setFile("si.cif");
        job.addObjective("pdf", target).target().setRange(1.5, 20);
        job.saveAs(dir.resolve("job.xmi"));
        return Job.load(dir.resolve("job.xmi"));
    }

    @Test
    void pdfgetx2FileIsATargetWithItsUncertainties() throws Exception {
        RefinementProblem p = RefinementProblem.fromJob(job(MEASURED.resolve("si-q27r60-xray.gr").toString()),
                registry);
        Spectrum t = p.objective().terms().get(0).target();
        assertEquals(SpectrumKind.PDF, t.kind());
        assertEquals(1.5, t.xMin(), 1e-9);
        assertEquals(20, t.xMax(), 1e-9);
        assertEquals(1851, t.size()); // r = 1.50, 1.51, ..., 20.00
        assertTrue(t.uncertainties().isPresent(), "dG becomes the point uncertainties");
    }

    @Test
    void theQmaxAFileStatesIsTheSimulatorsUnlessTheJobSetsOne() throws Exception {
        Path gr = MEASURED.resolve("si-q27r60-xray.gr");
        // read here from the header text, as PDFgetX2 writes it: "## S(q)  qmin=...    qmax=27.000000 ..."
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^## S\\(q\\).*\\bqmax=([0-9.]+)")
                .matcher(Files.readString(gr, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(m.find(), "the PDFgetX2 header states qmax");
        double headerQmax = Double.parseDouble(m.group(1));
        Job job = job(gr.toString());
        ObjectiveTerm term = RefinementProblem.fromJob(job, registry).objective().terms().get(0);
        assertEquals(headerQmax, Double.parseDouble(term.settings().effectiveValues().get("qmax")), 0);

        job.objectives().get(0).setSetting("qmax", "25");
        term = RefinementProblem.fromJob(job, registry).objective().terms().get(0);
        assertEquals(25, Double.parseDouble(term.settings().effectiveValues().get("qmax")), 0,
                "a Qmax the objective sets wins over the file's");
    }

    @Test
    void decimalCommaTargetIsReadNotMisreportedAsNonIncreasing() throws Exception {
        Path f = IO.resolve("si_decimal_comma.csv");
        String m = assertThrows(JobFormatException.class, () -> RefinementProblem.fromJob(job(f.toString()),
                registry)).getMessage();
        // its 200 points end at r = 2.0: the fit range 1.5-20 is outside, which is the only complaint
        assertTrue(m.contains("the fit needs r from 1.5 to 20 but the data cover 0.01 to 2"), m);
    }

    @Test
    void wrongUnitsAndWrongSpaceAreRefusedInOneLine() throws Exception {
        String nm = assertThrows(JobFormatException.class, () -> RefinementProblem.fromJob(job(IO.resolve(
                "si_nm.gr").toString()), registry)).getMessage();
        assertTrue(nm.contains("r axis looks like nm, expected angstrom"), nm);
        String xas = assertThrows(JobFormatException.class, () -> RefinementProblem.fromJob(job(MEASURED.resolve(
                "ni_metal_rt.xdi").toString()), registry)).getMessage();
        assertTrue(xas.contains("holds mu(E) against energy but the simulator compares G(r) against r"), xas);
    }
}
