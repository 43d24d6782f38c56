package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The measured Ni foil EXAFS refined through the active loop with the {@code exafs} simulator (real FEFF) from an fcc
 * cell 3 % too large, against Larch's feffit of the same chi(k), paths, k range and k-weight
 * (data/measured/ni-exafs/feffit_ni.py, its output feffit-ni.json). The job is the bundled example
 * (app/examples/measured-exafs), run as it is.
 * <p>
 * The objective compares k^2 chi(k) over k 3-14 (no Fourier filter), so the reference is feffit's k-space fit; feffit's
 * usual R-space fit of the same model (R 1-3 A) is in the JSON's {@code rspace} block, for the record.
 */
class MeasuredExafsTest {

    private static final Path DIR = Path.of("data", "measured", "ni-exafs");
    private static final Path EXAMPLE = Path.of("..", "org.activestructopt.app", "examples", "measured-exafs")
            .toAbsolutePath().normalize();
    private static SimulatorRegistry simulators;
    private static SurrogateRegistry surrogates;
    private static JsonObject reference;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        simulators = Simulators.registry();
        Simulators.await(simulators, "exafs");
        surrogates = ActiveFixtures.surrogates();
        reference = JsonParser.parseString(Files.readString(DIR.resolve("feffit-ni.json"))).getAsJsonObject();
    }

    @AfterAll
    static void tearDown() {
        surrogates.close();
        simulators.close();
    }

    /** The example directory copied into the test's directory, its job loaded from there. */
    private Job example() throws Exception {
        try (var files = Files.list(EXAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return Job.load(dir.resolve("job.xmi"));
    }

    private static double ref(String key) {
        return reference.get(key).getAsDouble();
    }

    /**
     * The mean distance from an atom of a one-atom cell to its 12 nearest neighbours: the first Ni-Ni shell of fcc,
     * and what EXAFS measures of it when a strained cell splits the shell.
     */
    static double firstShell(Lattice l) {
        double[][] m = l.matrix();
        double[] d = new double[7 * 7 * 7 - 1];
        int n = 0;
        for (int i = -3; i <= 3; i++) {
            for (int j = -3; j <= 3; j++) {
                for (int k = -3; k <= 3; k++) {
                    if (i == 0 && j == 0 && k == 0) {
                        continue;
                    }
                    double x = i * m[0][0] + j * m[1][0] + k * m[2][0];
                    double y = i * m[0][1] + j * m[1][1] + k * m[2][1];
                    double z = i * m[0][2] + j * m[1][2] + k * m[2][2];
                    d[n++] = Math.sqrt(x * x + y * y + z * z);
                }
            }
        }
        Arrays.sort(d);
        return Arrays.stream(d, 0, 12).average().orElseThrow();
    }

    @Test
    void exampleJobLoadsAndFitsTheChiKOfTheReference() throws Exception {
        Job job = example();
        assertEquals(Variation.LATTICE, job.variation());
        assertArrayEquals(Files.readAllBytes(DIR.resolve("ni_metal_rt.chi")),
                Files.readAllBytes(dir.resolve("ni_metal_rt.chi")), "the example fits the chi(k) feffit fits");
        RefinementProblem p = RefinementProblem.fromJob(job, simulators);
        assertEquals(1, p.start().size());
        assertEquals(1.03 * 3.524 / Math.sqrt(2), firstShell(p.start().lattice()), 1e-4, "3 % too large");
        ObjectiveTerm term = p.objective().terms().get(0);
        Spectrum t = term.target();
        assertEquals(SpectrumKind.EXAFS, t.kind());
        assertEquals(ref("kmin"), t.xMin(), 1e-9);
        assertEquals(ref("kmax"), t.xMax(), 1e-9);
        assertEquals(List.of("s02", "delta_e0", "sigma2"), term.nuisance().stream().map(Nuisance::name).toList());
        assertTrue(term.nuisance().stream().allMatch(Nuisance::refine), term.nuisance().toString());
        assertEquals(ref("radius"), Double.parseDouble(term.settings().explicitValues().get("radius")), 1e-12);
    }

    @Test
    void innerFitAtFeffitsLatticeHasFeffitsMisfit() throws Exception {
        RefinementProblem p = RefinementProblem.fromJob(example(), simulators);
        ObjectiveTerm term = p.objective().terms().get(0);
        double a = ref("a");
        Structure s = p.start().withLattice(Lattice.fromParameters(a / Math.sqrt(2), a / Math.sqrt(2),
                a / Math.sqrt(2), 60, 60, 60));
        NuisanceFit.Result r = NuisanceFit.fit(term, s, null);
        double rf = FitStatistics.of(r.spectrum(), term.target(), 3).get(FitStatistics.R_FACTOR);
        JsonObject values = reference.getAsJsonObject("values");
        StringBuilder fitted = new StringBuilder();
        for (int j = 0; j < r.parameters().size(); j++) {
            fitted.append(String.format(Locale.ROOT, " %s=%.5g(%.2g)", r.parameters().get(j).name(),
                    r.parameters().get(j).value(), r.uncertainties()[j]));
        }
        String summary = String.format(Locale.ROOT, "R-factor %.5f (feffit %.5f);%s; feffit s02 %.5g e0 %.5g "
                + "sigma2 %.5g", rf, ref("R_factor"), fitted, values.get("s02").getAsDouble(),
                values.get("e0").getAsDouble(), values.get("sigma2").getAsDouble());
        System.out.println("MeasuredExafsTest, inner fit at feffit's lattice: " + summary);
        // FEFF run at feffit's lattice against feffit's paths of a = 3.524 moved by alpha reff: the same model
        assertEquals(ref("R_factor"), rf, 0.05 * ref("R_factor"), summary);
        Map<String, String> names = Map.of("s02", "s02", "delta_e0", "e0", "sigma2", "sigma2");
        JsonObject esd = reference.getAsJsonObject("uncertainties");
        for (Nuisance n : r.parameters()) {
            String key = names.get(n.name());
            assertEquals(values.get(key).getAsDouble(), n.value(), esd.get(key).getAsDouble() / 2, n.name() + ": "
                    + summary);
        }
    }

    @Test
    void activeLoopFindsFeffitsFirstShellAndMisfit() throws Exception {
        Job job = example();
        long t0 = System.nanoTime();
        Results results = Refinement.run(job, simulators, surrogates, null);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        assertEquals(Status.COMPLETED, results.status());
        Candidate best = results.best().orElseThrow();
        double r1 = firstShell(best.structure().lattice());
        double rf = best.statistic(0, FitStatistics.R_FACTOR).orElseThrow();
        double startR1 = firstShell(results.candidate(0).structure().lattice());
        double startRf = results.candidate(0).statistic(0, FitStatistics.R_FACTOR).orElseThrow();
        StringBuilder fitted = new StringBuilder();
        for (Candidate.FitValue v : best.nuisance(0)) {
            fitted.append(String.format(Locale.ROOT, " %s=%.5g(%.2g)", v.name(), v.value(), v.uncertainty()));
        }
        Lattice l = best.structure().lattice();
        String summary = String.format(Locale.ROOT, "first shell %.4f A (feffit %.4f +- %.4f, start %.4f), R-factor "
                + "%.5f (feffit %.5f, start %.5f), best simulation %d (%s) of %d, cell %.4f %.4f %.4f %.2f %.2f %.2f;"
                + "%s; %.0f s", r1, ref("first_shell"), ref("first_shell_uncertainty"), startR1, rf, ref("R_factor"),
                startRf, best.index() + 1, best.phase().literal(), results.size(), l.a(), l.b(), l.c(), l.alpha(),
                l.beta(), l.gamma(), fitted, seconds);
        System.out.println("MeasuredExafsTest, active loop: " + summary);
        assertEquals(ref("first_shell"), r1, 0.01, summary);
        assertTrue(rf <= 1.5 * ref("R_factor"), summary);
    }
}
