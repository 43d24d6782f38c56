package org.activestructopt.surrogate.gnn.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.api.StructureGradient;
import org.activestructopt.api.Surrogate;
import org.activestructopt.api.SurrogateData;
import org.activestructopt.api.SurrogateExample;
import org.activestructopt.api.SurrogateObjective;
import org.activestructopt.api.SurrogatePrediction;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.surrogate.gnn.GnnSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript backbone written by PyTorch's own {@code torch.jit.script} (data/make_backbone.py) plugged into the
 * ensemble: it loads, trains, predicts, differentiates through the TorchScript code to coordinates and lattice, survives
 * save and reload, and a wrong file or a precision mismatch is reported naming the file.
 */
class GnnBackboneTest {

    private static final Path BACKBONE32 = Path.of("data", "backbone.pt");
    private static final Path BACKBONE64 = Path.of("data", "backbone64.pt");
    private static final double H = 1e-5;

    private static Surrogate create(Path backbone, String precision) {
        return new GnnSurrogateFactory().create(SpectrumKind.PDF, Crystals.GRID,
                GnnSettings.SCHEMA.parse(Map.of("backbone", backbone.toString(), "precision", precision,
                        "ensemble_size", "3", "features", "8", "radial_basis", "12", "epochs", "40", "cutoff", "5")));
    }

    @Test
    void gradientFlowsThroughTheBackboneToCoordinatesAndLattice() {
        Structure base = Crystals.triclinic();
        List<SurrogateExample> data = Crystals.perturbed(base, 12, 31, 0.05, 0.3);
        double[] target = data.get(0).spectrum().yArray();
        SurrogateObjective mse = (mean, sigma, dMean, dSigma) -> {
            double v = 0;
            for (int i = 0; i < mean.length; i++) {
                double e = mean[i] - target[i];
                v += e * e / mean.length;
                dMean[i] = 2 * e / mean.length;
            }
            return v;
        };
        try (Surrogate s = create(BACKBONE64, "float64")) {
            s.fit(SurrogateData.of(data.subList(0, 8), data.subList(8, 12)), null);
            Structure c = base.perturbed(new SplittableRandom(3), 0.1, 0.2);
            StructureGradient g = s.evaluate(List.of(c), mse).get(0).gradient();
            double largest = 0;
            for (int i = 0; i < c.size(); i++) {
                for (int a = 0; a < 3; a++) {
                    double[] plus = c.frac(i);
                    double[] minus = c.frac(i);
                    plus[a] += H;
                    minus[a] -= H;
                    double fd = (value(s, c.withFrac(i, plus), mse) - value(s, c.withFrac(i, minus), mse)) / (2 * H);
                    assertEquals(fd, g.frac(i)[a], 1e-7 + 1e-6 * Math.abs(fd), "d/d frac[" + i + "][" + a + "]");
                    largest = Math.max(largest, Math.abs(fd));
                }
            }
            for (int r = 0; r < 3; r++) {
                for (int col = 0; col < 3; col++) {
                    double fd = (value(s, withLattice(c, r, col, H), mse) - value(s, withLattice(c, r, col, -H), mse))
                            / (2 * H);
                    assertEquals(fd, g.lattice()[r][col], 1e-7 + 1e-6 * Math.abs(fd),
                            "d/d lattice[" + r + "][" + col + "]");
                }
            }
            assertTrue(largest > 1e-4, "non-trivial gradients (largest " + largest + ")");
        }
    }

    @Test
    void theBackboneShapesThePredictionAndSurvivesSaveAndReload(@TempDir Path dir) throws IOException {
        Structure base = Crystals.rutile();
        List<SurrogateExample> data = Crystals.perturbed(base, 30, 41, 0.05, 0.3);
        List<Structure> probe = Crystals.perturbed(base, 4, 42, 0.05, 0.3).stream().map(SurrogateExample::structure)
                .toList();
        SurrogateData split = SurrogateData.of(data.subList(0, 22), data.subList(22, 30));
        List<SurrogatePrediction> with;
        try (Surrogate s = create(BACKBONE32, "float32")) {
            s.fit(split, null);
            with = s.predict(probe);
            s.save(dir);
        }
        assertTrue(Files.isRegularFile(dir.resolve(GnnStore.BACKBONE)), "the backbone is saved with the model");
        try (Surrogate reloaded = new GnnSurrogateFactory().load(dir)) {
            List<SurrogatePrediction> again = reloaded.predict(probe);
            for (int i = 0; i < probe.size(); i++) {
                assertArrayEquals(with.get(i).mean(), again.get(i).mean(), 0, "mean of probe " + i);
                assertArrayEquals(with.get(i).sigma(), again.get(i).sigma(), 0, "sigma of probe " + i);
            }
        }
        // the same fit without the backbone (built-in interaction instead) predicts differently: the backbone is used
        try (Surrogate plain = new GnnSurrogateFactory().create(SpectrumKind.PDF, Crystals.GRID,
                GnnSettings.SCHEMA.parse(Map.of("ensemble_size", "3", "features", "8", "radial_basis", "12",
                        "epochs", "40", "cutoff", "5")))) {
            plain.fit(split, null);
            double difference = 0;
            double[] a = with.get(0).mean();
            double[] b = plain.predict(probe).get(0).mean();
            for (int i = 0; i < a.length; i++) {
                difference = Math.max(difference, Math.abs(a[i] - b[i]));
            }
            assertTrue(difference > 1e-4, "predictions with and without the backbone differ (max " + difference + ")");
        }
    }

    @Test
    void aBadBackboneIsReportedNamingTheFile(@TempDir Path dir) throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> create(dir.resolve("absent.pt"), "float32"));
        assertTrue(missing.getMessage().contains("absent.pt"), missing.getMessage());

        Path garbage = Files.write(dir.resolve("garbage.pt"), "not a zip archive".getBytes());
        IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
                () -> create(garbage, "float32"));
        assertTrue(corrupt.getMessage().contains("garbage.pt") && corrupt.getMessage().contains("TorchScript"),
                corrupt.getMessage());

        IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
                () -> create(BACKBONE32, "float64"));
        assertTrue(precision.getMessage().contains("backbone.pt") && precision.getMessage().contains("precision"),
                precision.getMessage());
    }

    private static double value(Surrogate s, Structure c, SurrogateObjective o) {
        return s.evaluate(List.of(c), o).get(0).value();
    }

    private static Structure withLattice(Structure s, int r, int c, double h) {
        double[][] m = s.lattice().matrix();
        m[r][c] += h;
        return s.withLattice(Lattice.of(m));
    }
}
