package org.activestructopt.refinement.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled suites load, their problems are reproducible and keep the jobs' hard constraint. */
class BenchmarkSuiteTest {

    /** The suites folder of the host bundle, seen from the test bundle's directory. */
    static final Path SUITES = Path.of("..", "org.activestructopt.refinement", "suites");

    @Test
    void theIndexListsEverySuiteDirectory() throws IOException {
        Set<String> dirs = new HashSet<>();
        try (Stream<Path> s = Files.list(SUITES)) {
            s.filter(d -> Files.isRegularFile(d.resolve("suite.json")))
                    .forEach(d -> dirs.add(d.getFileName().toString()));
        }
        assertEquals(dirs, new HashSet<>(BenchmarkSuite.bundledNames()));
        assertTrue(dirs.containsAll(List.of("thermal", "linio2", "perovskite")), dirs.toString());
    }

    @Test
    void everyBundledProblemIsReproducibleAndKeepsTheMinimumDistances() throws Exception {
        for (String name : BenchmarkSuite.bundledNames()) {
            BenchmarkSuite suite = BenchmarkSuite.bundled(name);
            List<BenchmarkProblem> problems = suite.problems();
            List<BenchmarkProblem> again = BenchmarkSuite.bundled(name).problems();
            assertEquals(suite.size(), problems.size(), name);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < problems.size(); i++) {
                BenchmarkProblem p = problems.get(i);
                assertTrue(ids.add(p.id()), "duplicate id " + p.id());
                assertEquals(p.start(), again.get(i).start(), p.id());
                assertEquals(p.target(), again.get(i).target(), p.id());
                assertEquals(p.seed(), again.get(i).seed(), p.id());
                MinimumDistances limits = suite.limitsFor(p.start());
                assertTrue(limits.isSatisfied(p.start()), p.id() + " start: " + limits.violations(p.start()));
                assertTrue(limits.isSatisfied(p.target()), p.id() + " target: " + limits.violations(p.target()));
                assertFalse(p.start().approxEquals(p.target(), 1e-3), p.id() + ": the target is the start");
            }
            // repeats of one definition are independent draws
            assertNotEquals(problems.get(0).target(), problems.get(problems.size() - 1).target(), name);
            assertEquals(problems.subList(0, 2), suite.problems(2), "the first n problems are a prefix");
        }
    }

    @Test
    void theThermalSuiteDisplacesEveryAtomByGaussiansOfTheStatedWidthInCellsOf20To30Sites() throws Exception {
        BenchmarkSuite suite = BenchmarkSuite.bundled("thermal");
        assertEquals(Variation.COORDINATES, suite.variation());
        assertEquals(List.of(Method.ACTIVE, Method.RMC, Method.RANDOM, Method.LEAST_SQUARES), suite.methods());
        List<BenchmarkProblem> problems = suite.problems();
        assertTrue(problems.size() >= 20, "problems: " + problems.size());
        Set<String> formulas = new HashSet<>();
        double sum2 = 0;
        int n = 0;
        for (BenchmarkProblem p : problems) {
            Structure s = p.start();
            Structure t = p.target();
            assertTrue(s.size() >= 20 && s.size() <= 30, p.id() + " has " + s.size() + " sites");
            assertEquals(s.lattice(), t.lattice(), p.id() + ": fixed lattice");
            assertEquals(s.species(), t.species(), p.id());
            formulas.add(s.reducedFormula());
            double[] mean = new double[3];
            for (int i = 0; i < s.size(); i++) {
                double[] d = displacement(s, t, i);
                for (int k = 0; k < 3; k++) {
                    mean[k] += d[k] / s.size();
                    sum2 += d[k] * d[k];
                    n++;
                }
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(0, mean[k], 1e-9, p.id() + ": no net translation");
            }
        }
        assertTrue(formulas.size() >= 10, "distinct compounds: " + formulas);
        // about 1800 Gaussian components of sigma 0.1: the sample deviation lies within 5 % (3 standard errors)
        double sigma = Math.sqrt(sum2 / n);
        assertEquals(0.1, sigma, 0.005, "rms displacement per component over " + n + " components");
    }

    @Test
    void theLinio2SuiteHasJahnTellerAndDelithiatedTargets() throws Exception {
        BenchmarkSuite suite = BenchmarkSuite.bundled("linio2");
        List<BenchmarkProblem> problems = suite.problems();
        BenchmarkProblem jt = problems.stream().filter(p -> p.id().startsWith("jahn-teller")).findFirst().orElseThrow();
        BenchmarkProblem de = problems.stream().filter(p -> p.id().startsWith("delithiated")).findFirst().orElseThrow();
        assertEquals(Variation.COORDINATES, jt.variation());
        assertEquals(jt.start().lattice(), jt.target().lattice());
        double[] startNiO = niO(jt.start());
        double[] jtNiO = niO(jt.target());
        System.out.printf("LiNiO2 start Ni-O %.3f +- %.3f A; Jahn-Teller target %.3f +- %.3f A (min %.3f, max %.3f)%n",
                mean(startNiO), std(startNiO), mean(jtNiO), std(jtNiO), min(jtNiO), max(jtNiO));
        assertTrue(std(startNiO) < 1e-6, "the R-3m start has one Ni-O distance");
        assertTrue(std(jtNiO) > 0.03, "the Jahn-Teller target spreads the Ni-O distances: " + std(jtNiO));
        assertTrue(max(jtNiO) > mean(startNiO) + 0.04 && min(jtNiO) < mean(startNiO) - 0.03,
                "long and short bonds around the start's " + mean(startNiO));

        assertEquals(Variation.COORDINATES_AND_LATTICE, de.variation());
        assertEquals(2 * count(de.start(), Element.Li), count(jt.start(), Element.Li), "half of the Li removed");
        assertEquals(de.start().composition(), de.target().composition());
        assertTrue(de.target().lattice().a() < de.start().lattice().a());
        assertTrue(de.target().lattice().c() > de.start().lattice().c());
        double[] deNiO = niO(de.target());
        System.out.printf("delithiated target Ni-O %.3f +- %.3f A%n", mean(deNiO), std(deNiO));
        // Ni3+ -> Ni3.5+: shorter Ni-O, as in Li0.5NiO2 (about 1.92-1.94 A)
        assertTrue(mean(deNiO) < mean(startNiO) - 0.02, "delithiated Ni-O " + mean(deNiO));
    }

    @Test
    void aTiltRotatesTheOctahedraWithAlternatingSigns() throws Exception {
        BenchmarkSuite suite = BenchmarkSuite.bundled("perovskite");
        BenchmarkProblem sto = suite.problems().stream().filter(p -> p.id().startsWith("srtio3")).findFirst()
                .orElseThrow();
        Structure cubic = sto.start();
        double degrees = 2.1;
        Structure minus = new StructureTransform.Rotate(Element.Ti, Element.O, 2.3, 2, degrees,
                new int[] { 1, 1, 1 }).apply(cubic, null);
        Structure plus = new StructureTransform.Rotate(Element.Ti, Element.O, 2.3, 2, degrees,
                new int[] { 1, 1, 0 }).apply(cubic, null);
        // Ti-O-Ti angles in the plane normal to the axis close by twice the rotation, those along the axis stay 180
        double expected = 180 - 2 * Math.toDegrees(Math.atan(Math.sin(Math.toRadians(degrees))));
        for (Structure s : List.of(minus, plus)) {
            List<Double> angles = tiOTiAngles(s);
            long inPlane = angles.stream().filter(a -> Math.abs(a - expected) < 0.01).count();
            long straight = angles.stream().filter(a -> Math.abs(a - 180) < 0.01).count();
            assertEquals(angles.size(), inPlane + straight, angles.toString());
            assertEquals(2 * straight, inPlane, "two of three O per Ti lie in the rotation plane");
        }
        // c-: the layers above each other turn the opposite way, c+: the same way
        assertNotEquals(minus, plus);
        int ti = siteNear(cubic, Element.Ti, new double[] { 0.25, 0.25, 0.25 });
        int above = siteNear(cubic, Element.Ti, new double[] { 0.25, 0.25, 0.75 });
        assertEquals(-1, turn(cubic, minus, ti) * turn(cubic, minus, above));
        assertEquals(1, turn(cubic, plus, ti) * turn(cubic, plus, above));

        // one layer of Ti along z (the 2x2x1 cell of the thermal suite) cannot alternate along z
        Structure oneLayer = BenchmarkSuite.bundled("thermal").problems().stream()
                .filter(p -> p.id().startsWith("srtio3")).findFirst().orElseThrow().start();
        var e = assertThrows(IllegalArgumentException.class, () -> new StructureTransform.Rotate(Element.Ti,
                Element.O, 2.3, 2, 5, new int[] { 1, 1, 1 }).apply(oneLayer, null));
        assertTrue(e.getMessage().contains("1 layers of Ti along z") && e.getMessage().contains("even"),
                e.getMessage());
    }

    @Test
    void typosAndBadValuesInASuiteFileAreNamedWithTheirPath(@TempDir Path tmp) throws Exception {
        String cif = SUITES.resolve("structures").resolve("NaCl-rocksalt.cif").toAbsolutePath().toString();
        String ok = """
                {"name": "t", "seed": 5, "objectives": [{"simulator": "pdf"}],
                 "problems": [{"id": "nacl", "start": {"structure": "%s"},
                               "target": {"transforms": [{"thermal": {"sigma": 0.05}}]}}]}
                """.formatted(cif);
        Path good = tmp.resolve("good.json");
        Files.writeString(good, ok);
        BenchmarkSuite suite = BenchmarkSuite.load(good);
        assertEquals(1, suite.problems().size());
        assertEquals(List.of(Method.values()), suite.methods());

        assertMessage(tmp, ok.replace("\"seed\"", "\"sed\""), "sed", "did you mean 'seed'");
        assertMessage(tmp, ok.replace("\"sigma\": 0.05", "\"sigma\": -1"), "problems[0].target.transforms[0]",
                "sigma");
        assertMessage(tmp, ok.replace("\"sigma\": 0.05", "\"sigma\": \"wide\""), "thermal.sigma",
                "must be a number");
        assertMessage(tmp, ok.replace(cif, cif + ".missing"), "problems[0].start.structure", "cannot read");
        assertMessage(tmp, ok.replace("{\"thermal\"", "{\"thermal\": {\"sigma\": 1}, \"strain\""),
                "transforms[0]", "one key");
        assertMessage(tmp, ok.replace("\"seed\": 5,", "\"seed\": 5, \"methods\": [\"rmc\", \"annealing\"],"),
                "methods", "annealing");
        assertMessage(tmp, ok.replace("{\"simulator\": \"pdf\"}", ""), "objectives", "at least one");
        assertMessage(tmp, ok.substring(0, ok.length() - 3), "good.json", "not valid JSON");
        // displacements that no draw can fit into the minimum distances
        assertMessage(tmp, ok.replace("\"sigma\": 0.05", "\"sigma\": 1.5"), "problems[0].target",
                "minimum distances");

        var e = assertThrows(SuiteFormatException.class, () -> BenchmarkSuite.bundled("thermall"));
        assertTrue(e.getMessage().contains("thermal") && e.getMessage().contains("linio2"), e.getMessage());
    }

    @Test
    void anotherSeedDrawsOtherTargets(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("thermal");
        Files.createDirectories(dir);
        String json = Files.readString(SUITES.resolve("thermal").resolve("suite.json"));
        Files.writeString(dir.resolve("suite.json"), json.replace("\"seed\": 1,", "\"seed\": 2,")
                .replace("../structures/", SUITES.resolve("structures").toAbsolutePath() + "/"));
        BenchmarkProblem reseeded = BenchmarkSuite.load(dir).problems(1).get(0);
        BenchmarkProblem bundled = BenchmarkSuite.bundled("thermal").problems(1).get(0);
        assertEquals(bundled.start(), reseeded.start());
        assertNotEquals(bundled.target(), reseeded.target());
        assertNotEquals(bundled.seed(), reseeded.seed());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertMessage(Path tmp, String json, String... parts) throws IOException {
        Path f = tmp.resolve("good.json");
        Files.writeString(f, json);
        SuiteFormatException e = assertThrows(SuiteFormatException.class, () -> BenchmarkSuite.load(f).problems(),
                json);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("good.json"), e.getMessage());
    }

    /** @return the shortest vector from site i of a to site i of b */
    static double[] displacement(Structure a, Structure b, int i) {
        double[] d = new double[3];
        double[] fa = a.frac(i);
        double[] fb = b.frac(i);
        double[] f = new double[3];
        for (int k = 0; k < 3; k++) {
            f[k] = fb[k] - fa[k] - Math.rint(fb[k] - fa[k]);
        }
        double[] c = a.lattice().toCartesian(f);
        System.arraycopy(c, 0, d, 0, 3);
        return d;
    }

    private static double[] niO(Structure s) {
        List<Double> d = new ArrayList<>();
        var nl = org.activestructopt.structure.NeighborList.of(s, 2.4);
        for (int k = 0; k < nl.size(); k++) {
            if (s.species(nl.center(k)) == Element.Ni && s.species(nl.neighbor(k)) == Element.O) {
                d.add(nl.distance(k));
            }
        }
        assertEquals(6 * count(s, Element.Ni), d.size(), "six O around every Ni");
        return d.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> tiOTiAngles(Structure s) {
        var nl = org.activestructopt.structure.NeighborList.of(s, 2.3);
        List<Double> out = new ArrayList<>();
        for (int o = 0; o < s.size(); o++) {
            if (s.species(o) != Element.O) {
                continue;
            }
            List<double[]> v = new ArrayList<>();
            for (int k = nl.centerStart(o); k < nl.centerStart(o + 1); k++) {
                if (s.species(nl.neighbor(k)) == Element.Ti) {
                    v.add(new double[] { nl.vector(k, 0), nl.vector(k, 1), nl.vector(k, 2) });
                }
            }
            assertEquals(2, v.size(), "O between two Ti");
            double[] a = v.get(0);
            double[] b = v.get(1);
            double cos = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / Math.sqrt((a[0] * a[0] + a[1] * a[1]
                    + a[2] * a[2]) * (b[0] * b[0] + b[1] * b[1] + b[2] * b[2]));
            out.add(Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos)))));
        }
        return out;
    }

    /** @return +1 or -1: the sense in which the O at +x of Ti site {@code ti} turned about z */
    private static int turn(Structure before, Structure after, int ti) {
        double[] p = before.frac(ti);
        int o = siteNear(before, Element.O, new double[] { p[0] + 0.25, p[1], p[2] });
        double dy = displacement(before, after, o)[1];
        assertTrue(Math.abs(dy) > 0.05, "O moved by " + dy);
        return dy > 0 ? 1 : -1;
    }

    private static int siteNear(Structure s, Element e, double[] frac) {
        for (int i = 0; i < s.size(); i++) {
            double[] f = s.frac(i);
            double d = 0;
            for (int k = 0; k < 3; k++) {
                double x = f[k] - frac[k];
                d += Math.abs(x - Math.rint(x));
            }
            if (s.species(i) == e && d < 1e-6) {
                return i;
            }
        }
        throw new AssertionError("no " + e + " at " + java.util.Arrays.toString(frac));
    }

    private static int count(Structure s, Element e) {
        return (int) s.species().stream().filter(x -> x == e).count();
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static double std(double[] v) {
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }
}
