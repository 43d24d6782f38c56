package org.activestructopt.surrogate.gnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.activestructopt.api.Settings;
import org.activestructopt.api.Surrogate;
import org.activestructopt.api.SurrogateData;
import org.activestructopt.api.SurrogateEvaluation;
import org.activestructopt.api.SurrogateExample;
import org.activestructopt.api.SurrogateFactory;
import org.activestructopt.api.SurrogateFit;
import org.activestructopt.api.SurrogateObjective;
import org.activestructopt.api.SurrogatePrediction;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.activestructopt.surrogate.gnn.GnnSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The surrogate as a DS service: found by name, fitted, saved and reloaded; its errors name the culprit. */
class GnnServiceTest {

    private static final Map<String, String> SMALL = Map.of("features", "8", "radial_basis", "12", "epochs", "3",
            "ensemble_size", "3");
    private static List<SurrogateExample> data;

    @BeforeAll
    static void data() {
        data = Crystals.perturbed(Crystals.rutile().supercell(1, 1, 2), 14, 3, 0.05, 0.3);
    }

    private static SurrogateFactory factory() throws InterruptedException {
        Bundle bundle = FrameworkUtil.getBundle(GnnServiceTest.class);
        assumeTrue(bundle != null, "not running inside an OSGi framework");
        try (SurrogateRegistry registry = SurrogateRegistry.open(bundle.getBundleContext())) {
            SurrogateFactory f = registry.await(GnnSettings.NAME, Duration.ofSeconds(30)).orElseThrow(
                    () -> new AssertionError("no surrogate 'gnn' registered; available: " + registry.available()));
            assertEquals(GnnSettings.NAME, f.descriptor().name(), "service property and descriptor agree");
            return f;
        }
    }

    private static Settings small(SurrogateFactory f) {
        return f.descriptor().settings().parse(SMALL);
    }

    private static SurrogateData split() {
        return SurrogateData.of(data.subList(0, 9), data.subList(9, 12));
    }

    private static List<Structure> unseen() {
        return data.subList(12, 14).stream().map(SurrogateExample::structure).toList();
    }

    @Test
    void registeredByDeclarativeServicesUnderItsName() throws InterruptedException {
        SurrogateFactory f = factory();
        assertInstanceOf(GnnSurrogateFactory.class, f);
        assertEquals(GnnSettings.SCHEMA, f.descriptor().settings());
        assertEquals(5, f.descriptor().settings().defaults().get(GnnSettings.ENSEMBLE_SIZE));
        assertEquals(6.0, f.descriptor().settings().defaults().get(GnnSettings.CUTOFF));
    }

    @Test
    void saveAndLoadGiveIdenticalPredictionsAndGradients(@TempDir Path dir) throws Exception {
        SurrogateFactory f = factory();
        SurrogateObjective objective = (mean, sigma, dm, ds) -> {
            double v = 0;
            for (int i = 0; i < mean.length; i++) {
                v += mean[i] * mean[i] + sigma[i];
                dm[i] = 2 * mean[i];
                ds[i] = 1;
            }
            return v;
        };
        try (Surrogate s = f.create(SpectrumKind.PDF, Crystals.GRID, small(f))) {
            assertFalse(s.isFitted());
            SurrogateFit fit = s.fit(split(), null);
            assertTrue(s.isFitted());
            assertEquals(fit, s.lastFit().orElseThrow());
            assertTrue(fit.calibration().isCalibrated());
            List<SurrogatePrediction> before = s.predict(unseen());
            List<SurrogateEvaluation> evalBefore = s.evaluate(unseen(), objective);
            s.save(dir);
            s.save(dir); // replacing a previous save is allowed
            try (Surrogate loaded = f.load(dir)) {
                assertTrue(loaded.isFitted());
                assertEquals(s.settings(), loaded.settings());
                assertEquals(s.grid(), loaded.grid());
                assertEquals(fit.calibration(), loaded.lastFit().orElseThrow().calibration());
                List<SurrogatePrediction> after = loaded.predict(unseen());
                for (int i = 0; i < before.size(); i++) {
                    assertArrayEquals(before.get(i).mean(), after.get(i).mean(), 0, "bit-identical mean");
                    assertArrayEquals(before.get(i).sigma(), after.get(i).sigma(), 0, "bit-identical sigma");
                }
                List<SurrogateEvaluation> evalAfter = loaded.evaluate(unseen(), objective);
                for (int i = 0; i < before.size(); i++) {
                    assertEquals(evalBefore.get(i).value(), evalAfter.get(i).value(), 0);
                    assertEquals(evalBefore.get(i).gradient(), evalAfter.get(i).gradient());
                }
                // a loaded surrogate continues from its weights when new data arrive
                SurrogateFit next = loaded.fit(split().withTraining(data.get(12)), null);
                assertTrue(next.warmStart());
                assertEquals(10, next.trainingSize());
            }
        }
    }

    @Test
    void manyCandidatesAreSplitIntoGraphsOfBoundedSizeWithTheSameResultsAsOneByOne() throws Exception {
        SurrogateFactory f = factory();
        SurrogateObjective objective = (mean, sigma, dm, ds) -> {
            double v = 0;
            for (int i = 0; i < mean.length; i++) {
                v += mean[i] * mean[i] - 0.1 * sigma[i];
                dm[i] = 2 * mean[i];
                ds[i] = -0.1;
            }
            return v;
        };
        // 12-site cells: 100 of them are 1200 sites, more than one graph holds
        List<Structure> many = Crystals.perturbed(Crystals.rutile().supercell(1, 1, 2), 100, 9, 0.05, 0.3).stream()
                .map(SurrogateExample::structure).toList();
        assertTrue(many.size() * many.get(0).size() > GnnSurrogate.MAX_BATCH_SITES);
        try (Surrogate s = f.create(SpectrumKind.PDF, Crystals.GRID, small(f).with(GnnSettings.PRECISION,
                "float64"))) {
            s.fit(split(), null);
            long callsBefore = ((GnnSurrogate) s).timings().calls;
            List<SurrogateEvaluation> together = s.evaluate(many, objective);
            long graphs = ((GnnSurrogate) s).timings().calls - callsBefore;
            assertEquals((many.size() * many.get(0).size() + GnnSurrogate.MAX_BATCH_SITES - 1)
                    / GnnSurrogate.MAX_BATCH_SITES, graphs, "graphs of at most MAX_BATCH_SITES sites");
            assertEquals(many.size(), together.size());
            for (int i : new int[] {0, 41, 84, 85, 99}) {
                SurrogateEvaluation alone = s.evaluate(List.of(many.get(i)), objective).get(0);
                assertEquals(alone.value(), together.get(i).value(), 1e-9 * Math.abs(alone.value()), "value " + i);
                for (int site = 0; site < many.get(i).size(); site++) {
                    assertArrayEquals(alone.gradient().frac(site), together.get(i).gradient().frac(site), 1e-9,
                            "gradient of candidate " + i + ", site " + site);
                }
            }
        }
    }

    @Test
    void sameSeedSameModel() throws InterruptedException {
        SurrogateFactory f = factory();
        try (Surrogate a = f.create(SpectrumKind.PDF, Crystals.GRID, small(f));
                Surrogate b = f.create(SpectrumKind.PDF, Crystals.GRID, small(f))) {
            a.fit(split(), null);
            b.fit(split(), null);
            assertArrayEquals(a.predict(unseen()).get(0).mean(), b.predict(unseen()).get(0).mean(), 0);
        }
        try (Surrogate c = f.create(SpectrumKind.PDF, Crystals.GRID, small(f).with(GnnSettings.SEED, 1));
                Surrogate d = f.create(SpectrumKind.PDF, Crystals.GRID, small(f))) {
            c.fit(split(), null);
            d.fit(split(), null);
            assertFalse(java.util.Arrays.equals(c.predict(unseen()).get(0).mean(), d.predict(unseen()).get(0).mean()),
                    "another seed gives another ensemble");
        }
    }

    @Test
    void spectraOnAnotherGridAreResampled() throws InterruptedException {
        SurrogateFactory f = factory();
        try (Surrogate s = f.create(SpectrumKind.PDF, org.activestructopt.spectra.Grid.uniform(1.5, 5, 0.1),
                small(f))) {
            SurrogateFit fit = s.fit(split(), null);
            assertEquals(9, fit.trainingSize());
            assertEquals(36, s.predict(unseen()).get(0).size());
        }
    }

    @Test
    void badUseIsReportedClearly(@TempDir Path dir) throws Exception {
        SurrogateFactory f = factory();
        try (Surrogate s = f.create(SpectrumKind.PDF, Crystals.GRID, small(f))) {
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> s.predict(unseen()));
            assertTrue(early.getMessage().contains("not been fitted"), early.getMessage());
            assertThrows(IllegalStateException.class, () -> s.save(dir));

            IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                    () -> s.fit(SurrogateData.of(data.subList(0, 2)), null));
            assertTrue(few.getMessage().contains("ensemble_size=3") && few.getMessage().contains("got 2"),
                    few.getMessage());

            SurrogateExample exafs = new SurrogateExample(data.get(0).structure(),
                    data.get(0).spectrum().withKind(SpectrumKind.EXAFS));
            IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                    () -> s.fit(SurrogateData.of(List.of(data.get(1), data.get(2), exafs)), null));
            assertTrue(kind.getMessage().contains("training example 2 is of kind EXAFS"), kind.getMessage());

            Spectrum shortRange = data.get(0).spectrum().crop(1, 4);
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                    () -> s.fit(SurrogateData.of(List.of(data.get(1), data.get(2), data.get(3)),
                            List.of(new SurrogateExample(data.get(0).structure(), shortRange))), null));
            assertTrue(range.getMessage().startsWith("calibration example 0: cannot resample"), range.getMessage());
            assertFalse(s.isFitted(), "failed fits leave the surrogate unfitted");

            s.fit(split(), null);
            Structure iron = unseen().get(0).withSpecies(0, Element.of("Fe"));
            IllegalArgumentException element = assertThrows(IllegalArgumentException.class,
                    () -> s.predict(List.of(unseen().get(1), iron)));
            assertTrue(element.getMessage().startsWith("structure 1 (") && element.getMessage().contains("Fe")
                    && element.getMessage().contains("knows O, Ti"), element.getMessage());
        }
        IllegalArgumentException schema = assertThrows(IllegalArgumentException.class,
                () -> f.create(SpectrumKind.PDF, Crystals.GRID, Crystals.pdf().descriptor().settings().defaults()));
        assertTrue(schema.getMessage().contains("given to the gnn surrogate"), schema.getMessage());
        IOException missing = assertThrows(IOException.class, () -> f.load(dir.resolve("nothing-here")));
        assertTrue(missing.getMessage().contains("gnn-surrogate.json is missing"), missing.getMessage());
        Files.createDirectories(dir.resolve("broken"));
        Files.writeString(dir.resolve("broken").resolve(GnnStore.METADATA), "{ not json");
        IOException broken = assertThrows(IOException.class, () -> f.load(dir.resolve("broken")));
        assertTrue(broken.getMessage().contains("not valid JSON"), broken.getMessage());
    }
}
