package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.activestructopt.api.NuisanceParameter;
import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.Settings;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Metric;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.StructureFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The measured Si X-ray PDF (data/measured, PDFgetX2, Qmax 27) refined by least squares, lattice and nuisance
 * parameters jointly, from a lattice 2 % too large, against an independent scipy fit of the same model, r range
 * and weights (data/measured/fit_si.py, its output fit_si.json).
 */
class MeasuredPdfTest {

    private static final Path DIR = Path.of("data", "measured");
    private static SimulatorRegistry registry;
    private static Simulator pdf;
    private static JsonObject reference;

    @BeforeAll
    static void setUp() throws Exception {
        registry = Simulators.registry();
        pdf = Simulators.await(registry, "pdf");
        reference = JsonParser.parseString(Files.readString(DIR.resolve("fit_si.json"))).getAsJsonObject();
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    /**
     * The data rows of a PDFgetX2 file after its {@code ##### start data} line: r, G, dr, dG (the spectra bundle's
     * .gr reader, with header parsing, replaces this when it lands).
     */
    static Spectrum readGr(Path file, double rmin, double rmax) throws IOException {
        List<double[]> rows = new ArrayList<>();
        boolean data = false;
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.replaceFirst("^#+", "").strip().equals("start data")) {
                data = true;
            } else if (data && !t.isEmpty() && !t.startsWith("#")) {
                String[] f = t.split("\\s+");
                double r = Double.parseDouble(f[0]);
                if (r >= rmin - 1e-9 && r <= rmax + 1e-9) {
                    rows.add(new double[] { r, Double.parseDouble(f[1]), Double.parseDouble(f[3]) });
                }
            }
        }
        double[] x = rows.stream().mapToDouble(v -> v[0]).toArray();
        double[] y = rows.stream().mapToDouble(v -> v[1]).toArray();
        double[] dy = rows.stream().mapToDouble(v -> v[2]).toArray();
        return Spectrum.of(SpectrumKind.PDF, x, y).withUncertainties(dy);
    }

    /** The term as fit_si.py sets it up: Qmax from the header, its start values, its refined parameters. */
    static ObjectiveTerm term(Structure start) throws IOException {
        Spectrum target = readGr(DIR.resolve("si-q27r60-xray.gr"), reference.get("rmin").getAsDouble(),
                reference.get("rmax").getAsDouble());
        Settings settings = pdf.settings(Map.of("qmax", String.valueOf(reference.get("qmax").getAsDouble())));
        Map<String, Double> starts = Map.of("scale", 1.0, "qdamp", 0.04, "delta2", 1.0, "uiso_Si", 0.005);
        List<Nuisance> nuisance = new ArrayList<>();
        for (NuisanceParameter p : ((NuisanceSimulator) pdf).nuisanceParameters(start)) {
            nuisance.add(Nuisance.of(p, starts.get(p.name()), true));
        }
        assertEquals(starts.keySet(), Map.copyOf(nuisance.stream().collect(
                java.util.stream.Collectors.toMap(Nuisance::name, Nuisance::value))).keySet(),
                "the simulator's default nuisance parameters for Si are the ones the scipy fit refines");
        return new ObjectiveTerm("pdf vs si-q27r60-xray.gr", pdf, settings, target, 1, Metric.MSE, nuisance);
    }

    @Test
    void leastSquaresFindsTheLatticeAndRwOfAnIndependentFit() throws Exception {
        Structure cif = StructureFiles.read(DIR.resolve("si.cif"));
        assertEquals(8, cif.size(), "Fd-3m Si: 8 atoms in the conventional cell");
        double a0 = cif.lattice().a();
        Structure start = cif.withLattice(Lattice.cubic(1.02 * a0));
        ObjectiveFunction f = ObjectiveFunction.of(term(start));
        RefinementProblem problem = RefinementProblem.of(start, f, MinimumDistances.defaults())
                .withSampler(Variation.LATTICE, PerturbationSampler.of(start,
                        MinimumDistances.defaults()));
        Job job = Job.create();
        new LeastSquares(1e-3, 1e-9, 0.01).run(problem, RunRecorder.of(job), 150, null);
        Results results = job.results();
        Candidate best = results.best().orElseThrow();
        Lattice l = best.structure().lattice();
        double a = Math.cbrt(l.volume());
        double aRef = reference.getAsJsonObject("values").get("a").getAsDouble();
        double rwRef = reference.get("Rw").getAsDouble();
        double rw = best.statistic(0, FitStatistics.RW).orElseThrow();
        StringBuilder fitted = new StringBuilder();
        for (Candidate.FitValue v : best.nuisance(0)) {
            fitted.append(String.format(Locale.ROOT, " %s=%.5g(%.2g)", v.name(), v.value(), v.uncertainty()));
        }
        String summary = String.format(Locale.ROOT, "a = %.5f (scipy %.5f), lattice %.5f %.5f %.5f, Rw = %.5f "
                + "(scipy %.5f), %d simulations;%s", a, aRef, l.a(), l.b(), l.c(), rw, rwRef, results.size(),
                fitted);
        System.out.println("MeasuredPdfTest: " + summary);
        assertEquals(aRef, a, 0.002, summary);
        assertEquals(rwRef, rw, 0.1 * rwRef, summary);
        double startRw = results.candidate(0).statistic(0, FitStatistics.RW).orElseThrow();
        assertTrue(startRw > 2 * rw, "the start's misfit (Rw " + startRw + ", at its own best nuisance values) is "
                + "well above the refined one: " + summary);
        // the nuisance values are recorded with the candidate, refined and with an uncertainty
        for (Candidate.FitValue v : best.nuisance(0)) {
            assertTrue(v.refined() && v.uncertainty() > 0, v.toString());
        }
    }

    @Test
    void innerFitOfTheNuisanceParametersAtTheScipyLatticeMatchesScipysValues() throws Exception {
        Structure cif = StructureFiles.read(DIR.resolve("si.cif"));
        double aRef = reference.getAsJsonObject("values").get("a").getAsDouble();
        Structure s = cif.withLattice(Lattice.cubic(aRef));
        ObjectiveTerm term = term(s);
        NuisanceFit.Result r = NuisanceFit.fit(term, s, null);
        JsonObject values = reference.getAsJsonObject("values");
        JsonObject esd = reference.getAsJsonObject("uncertainties");
        Map<String, String> names = Map.of("scale", "scale", "qdamp", "qdamp", "delta2", "delta2", "uiso_Si",
                "uiso");
        for (int j = 0; j < r.parameters().size(); j++) {
            Nuisance n = r.parameters().get(j);
            String key = names.get(n.name());
            double want = values.get(key).getAsDouble();
            double sd = esd.get(key).getAsDouble();
            // the two codes' quadratures differ slightly; a few scipy standard uncertainties, at most 1 %
            assertEquals(want, n.value(), Math.max(5 * sd, 0.01 * Math.abs(want)), n.name() + " (scipy " + want
                    + " +- " + sd + ")");
            assertEquals(sd, r.uncertainties()[j], 0.3 * sd, n.name() + ": standard uncertainty");
        }
        double rw = FitStatistics.rw(r.spectrum(), term.target());
        assertEquals(reference.get("Rw").getAsDouble(), rw, 0.02 * reference.get("Rw").getAsDouble(), "Rw");
    }
}
