package org.activestructopt.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.BaselineRunner;
import org.activestructopt.refinement.Metrics;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.nexus.NexusResultWriter;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.StructureFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/** The PNG plots, drawn from real runs on the PDF simulator and read back as images. */
class PlotsTest {

    private static final Path DATA = Path.of("data");

    @Test
    void aRunsSpectraAndHistoryAreDrawn(@TempDir Path tmp) throws Exception {
        try (SimulatorRegistry registry = registry()) {
            Job job = rmcJob(registry, tmp, 15);
            Results results = BaselineRunner.run(job, registry, null);
            Spectrum target = NexusSpectra.readDefault(tmp.resolve("target.nxs"));
            List<Path> files = Plots.writeRunPlots(job, List.of(target), tmp.resolve("plots"));
            assertEquals(List.of(tmp.resolve("plots").resolve("spectrum.png"),
                    tmp.resolve("plots").resolve("history.png")), files);
            BufferedImage spectra = assertDrawn(files.get(0));
            assertTrue(countNear(spectra, 0xd6, 0x27, 0x28, 6) > 200, "the best spectrum is drawn in red");
            assertTrue(countNear(spectra, 0, 0, 0, 10) > 200, "the target in black");
            BufferedImage history = assertDrawn(files.get(1));
            assertTrue(countNear(history, 0x7f, 0x7f, 0x7f, 6) > 50, "the baseline's simulations in grey");
            assertEquals(15, results.size());
        }
    }

    @Test
    void thePhasesOfTheActiveLoopAreShaded(@TempDir Path tmp) throws Exception {
        try (SimulatorRegistry registry = registry()) {
            Job job = rmcJob(registry, tmp, 1);
            Simulator pdf = registry.get("pdf");
            Structure start = StructureFiles.read(DATA.resolve("NaCl.cif"));
            Spectrum target = NexusSpectra.readDefault(tmp.resolve("target.nxs"));
            // 20 real simulations recorded with the phases of an active run: 4 initial, 4 calibration, 8 explore,
            // 4 exploit
            Results r = job.results();
            SplittableRandom rng = new SplittableRandom(3);
            for (int i = 0; i < 20; i++) {
                Phase phase = i < 4 ? Phase.INITIAL : i < 8 ? Phase.CALIBRATION : i < 16 ? Phase.EXPLORE
                        : Phase.EXPLOIT;
                Structure s = start.perturbed(rng, 0, 0.3 / (1 + i)).wrapped();
                Spectrum sim = pdf.simulate(s, target.grid(), pdf.descriptor().settings().defaults(), null);
                r.add(phase, s, List.of(sim), new double[] { sim.mse(target) }, sim.mse(target), 0.01);
            }
            BufferedImage image = assertDrawn(Plots.writeHistory(job, tmp.resolve("history.png")));
            // each band is its phase colour at alpha 28/255 over white
            assertTrue(countNear(image, tint(0x1f, 28), tint(0x77, 28), tint(0xb4, 28), 3) > 2000, "explore band");
            assertTrue(countNear(image, tint(0xff, 28), tint(0x7f, 28), tint(0x0e, 28), 3) > 1000, "exploit band");
            assertTrue(countNear(image, tint(0x94, 28), tint(0x67, 28), tint(0xbd, 28), 3) > 1000,
                    "calibration band");
        }
    }

    @Test
    void methodCurvesAreDrawnInTheirColours(@TempDir Path tmp) throws Exception {
        double[] a = Metrics.bestSoFar(new double[] { 3, 2, 2.5, 1, 0.5, 0.6, 0.2, 0.1 });
        double[] b = Metrics.bestSoFar(new double[] { 3, 2.9, 2.8, 2.8, 2.0, 1.9, 1.9, 1.5 });
        Path f = Plots.writeCurves("two methods", Map.of("random", a, "rmc", b),
                Map.of("random", List.of(a, b), "rmc", List.of(b)), tmp.resolve("curves.png"));
        BufferedImage image = assertDrawn(f);
        assertTrue(countNear(image, 0xd6, 0x27, 0x28, 6) > 100, "rmc in red");
        assertTrue(countNear(image, 0x7f, 0x7f, 0x7f, 6) > 100, "random in grey");
    }

    @Test
    void anExafsObjectiveGetsItsChiRBesideChiK(@TempDir Path tmp) throws Exception {
        try (SimulatorRegistry registry = registry()) {
            registry.await("exafs-ss", Duration.ofSeconds(30)).orElseThrow();
            Structure start = StructureFiles.read(DATA.resolve("Cu.cif"));
            Structure truth = start.perturbed(new SplittableRandom(2), 0.05, 0.05).wrapped();
            Job job = Job.create().setName("Cu").setMethod(Method.RANDOM).setSeed(3);
            job.setStart(start);
            job.addObjective("exafs-ss", dir(tmp).toString()).setSetting("absorber", "Cu");
            Simulator exafs = registry.get("exafs-ss");
            Spectrum target = exafs.simulate(truth, exafs.descriptor().defaultGrid(),
                    exafs.descriptor().settings().defaults().with("absorber", "Cu"), null);
            NexusResultWriter.create().spectrum("target", target).defaultData("target").write(dir(tmp));
            job.budget().setSimulations(3).setInitial(1).setCalibration(0).setExploit(0);
            job.saveAs(tmp.resolve("job.xmi"));
            BaselineRunner.run(job, registry, null);
            Spectrum read = NexusSpectra.readDefault(dir(tmp));
            List<Path> files = Plots.writeRunPlots(job, List.of(read), tmp.resolve("plots"));
            assertEquals(List.of(tmp.resolve("plots").resolve("spectrum.png"),
                    tmp.resolve("plots").resolve("spectrum-R.png"), tmp.resolve("plots").resolve("history.png")),
                    files);
            BufferedImage r = assertDrawn(files.get(1));
            assertTrue(countNear(r, 0xd6, 0x27, 0x28, 6) > 100, "the best |chi(R)| is drawn in red");
            // fcc Cu: 12 neighbours at 2.55 A; FEFF's phase shift puts the peak of |chi(R)| 0.2-0.6 A below it
            Spectrum m = Plots.chiRTransform(read).transform(read).magnitudeSpectrum();
            double[] x = m.xArray();
            double[] y = m.yArray();
            int peak = 0;
            for (int i = 1; i < y.length; i++) {
                peak = y[i] > y[peak] ? i : peak;
            }
            assertTrue(x[peak] > 1.9 && x[peak] < 2.4, "first-shell peak at " + x[peak]);
        }
    }

    @Test
    void chiRIsLabelledWithTheKWeightOfWhatWasTransformed() {
        assertEquals("|FT of k^2 chi(k)| (\u00c5\u207b\u00b3)", Plots.chiRLabel("k^2 chi(k)"));
        assertEquals("|FT of chi(k)| (\u00c5\u207b\u00b9)", Plots.chiRLabel("chi(k)"));
        assertEquals("|FT of k^3 chi(k)| (\u00c5^-4)", Plots.chiRLabel("k^3 chi(k)"));
    }

    private static Path dir(Path tmp) {
        return tmp.resolve("target.nxs");
    }

    @Test
    void unitsAreWrittenAsAReaderExpects() {
        assertEquals("r (\u00c5)", Plots.label("r", "angstrom"));
        assertEquals("G(r) (\u00c5\u207b\u00b2)", Plots.label("G(r)", "angstrom^-2"));
        assertEquals("k (\u00c5\u207b\u00b9)", Plots.label("k", "angstrom^-1"));
        assertEquals("chi(k)", Plots.label("chi(k)", ""));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A reverse Monte Carlo job on NaCl whose target is the PDF of a displaced copy, written to target.nxs. */
    private static Job rmcJob(SimulatorRegistry registry, Path dir, int budget) throws Exception {
        Structure start = StructureFiles.read(DATA.resolve("NaCl.cif"));
        Structure truth = start.perturbed(new SplittableRandom(1), 0.15, 0.15).wrapped();
        Simulator pdf = registry.get("pdf");
        Spectrum target = pdf.simulate(truth);
        NexusResultWriter.create().spectrum("target", target).defaultData("target").write(dir.resolve("target.nxs"));
        Job job = Job.create().setName("NaCl").setMethod(Method.RMC).setSeed(4);
        job.setStart(start);
        job.addObjective("pdf", dir.resolve("target.nxs").toString());
        job.budget().setSimulations(budget).setInitial(1).setCalibration(0).setExploit(0);
        job.saveAs(dir.resolve("job.xmi"));
        return job;
    }

    /** Reads a PNG and checks that it has the plot size and is not blank. */
    private static BufferedImage assertDrawn(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null, file + " is not a readable PNG");
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        double sum = 0;
        double sum2 = 0;
        int n = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3.0;
                sum += grey;
                sum2 += grey * grey;
            }
        }
        double variance = sum2 / n - (sum / n) * (sum / n);
        // a white page with text, axes and curves: mostly white but far from uniform
        assertTrue(variance > 100, file + ": pixel variance " + variance);
        return image;
    }

    private static int countNear(BufferedImage image, int r, int g, int b, int tolerance) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs((rgb >> 16 & 0xff) - r) <= tolerance && Math.abs((rgb >> 8 & 0xff) - g) <= tolerance
                        && Math.abs((rgb & 0xff) - b) <= tolerance) {
                    count++;
                }
            }
        }
        return count;
    }

    /** @return a colour channel drawn with alpha a/255 over white */
    private static int tint(int channel, int alpha) {
        return (int) Math.round(channel * alpha / 255.0 + 255 * (1 - alpha / 255.0));
    }

    private static SimulatorRegistry registry() throws InterruptedException {
        SimulatorRegistry r = SimulatorRegistry.open(FrameworkUtil.getBundle(PlotsTest.class).getBundleContext());
        r.await("pdf", Duration.ofSeconds(30)).orElseThrow();
        return r;
    }
}
