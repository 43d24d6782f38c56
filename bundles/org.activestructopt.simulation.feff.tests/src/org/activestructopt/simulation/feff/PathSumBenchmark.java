package org.activestructopt.simulation.feff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Settings;
import org.activestructopt.simulation.feff.internal.ExafsSimulator;
import org.activestructopt.simulation.feff.internal.FeffPool;
import org.activestructopt.simulation.feff.internal.XanesSimulator;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Structure;

/**
 * Benchmark (not a test): what a nuisance fit saves. For each case, the time of {@code prepare} (the FEFF runs) and of
 * one {@code PreparedSimulation.spectrum} with new nuisance values (the Java path sum or XANES convolution), and their
 * ratio. Writes a Markdown report.
 * <p>
 * Run from the test bundle's directory (it reads data/structures):
 * {@code java -cp <bundle classes and dependencies> org.activestructopt.simulation.feff.PathSumBenchmark [report.md]}.
 */
public final class PathSumBenchmark {

    private static final int PREPARES = 3;
    private static final int SPECTRA = 200;

    private PathSumBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder md = new StringBuilder("# Nuisance parameters: prepare (FEFF) against spectrum (Java)\n\n");
        md.append(String.format(Locale.ROOT, "%s, %d processors, FEFF pool of %d, load average %s, no SCF, one "
                + "absorber group per case. prepare: best of %d; spectrum: mean of %d calls with new nuisance "
                + "values each.%n%n", LocalDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors(),
                FeffPool.size(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0], PREPARES, SPECTRA));
        md.append("| simulator | case | grid points | prepare s | spectrum ms | ratio |\n");
        md.append("|---|---|---|---|---|---|\n");
        ExafsSimulator exafs = new ExafsSimulator();
        XanesSimulator xanes = new XanesSimulator();
        Grid k = Grid.uniform(3, 14, 0.05);
        Grid e = Grid.uniform(-10, 70, 0.25);
        row(md, exafs, "fcc Ni, radius 6", TestData.sites("ni"), k, Map.of("radius", "6", "debye.theta", "450"),
                "sigma2", "delta_e0");
        row(md, exafs, "fcc Ni, radius 8", TestData.sites("ni"), k, Map.of("radius", "8", "debye.theta", "450"),
                "sigma2", "delta_e0");
        row(md, exafs, "LiNiO2 Ni K, radius 6", TestData.linio2(), k, Map.of("radius", "6", "absorber", "Ni"),
                "sigma2", "delta_e0");
        row(md, exafs, "FeO Fe K, radius 6, feffit", TestData.sites("feo"), k, Map.of("radius", "6", "absorber",
                "Fe", "paths.convention", "feffit"), "sigma2", "delta_e0");
        row(md, xanes, "fcc Ni, radius 6, Lorentzian 1.5 eV", TestData.sites("ni"), e, Map.of("radius", "6",
                "broadening.lorentzian", "1.5"), "broadening.gaussian", "energy_shift");
        String text = md.toString();
        System.out.print(text);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), text);
        }
    }

    private static void row(StringBuilder md, NuisanceSimulator sim, String name, Structure s, Grid grid,
            Map<String, String> values, String a, String b) throws Exception {
        Settings base = sim.settings(values);
        double best = Double.POSITIVE_INFINITY;
        PreparedSimulation p = null;
        for (int i = 0; i < PREPARES; i++) {
            long t0 = System.nanoTime();
            p = sim.prepare(s, grid, base, null);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        double sink = 0;
        for (int i = 0; i < 20; i++) { // warm-up
            sink += p.spectrum(base.with(a, String.valueOf(0.0001 * i))).yArray()[0];
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < SPECTRA; i++) {
            Settings v = base.with(a, String.valueOf(0.00001 * i)).with(b, String.valueOf(-2 + 0.02 * i));
            sink += p.spectrum(v).yArray()[0];
        }
        double ms = (System.nanoTime() - t0) / 1e6 / SPECTRA;
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.3f | %.0f |%n", sim.descriptor().name(),
                name, grid.size(), best, ms, best * 1e3 / ms));
        if (Double.isNaN(sink)) {
            throw new AssertionError("NaN");
        }
    }
}
