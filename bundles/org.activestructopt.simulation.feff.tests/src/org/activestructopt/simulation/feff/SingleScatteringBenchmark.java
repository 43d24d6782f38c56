package org.activestructopt.simulation.feff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.api.Settings;
import org.activestructopt.simulation.feff.internal.ExafsSimulator;
import org.activestructopt.simulation.feff.internal.FeffPool;
import org.activestructopt.simulation.feff.internal.SingleScatteringSimulator;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Structure;

/**
 * Benchmark (not a test): FEFF 8.5L wall-clock time per run, and the error and speed of {@code exafs-ss} against
 * full FEFF on randomly perturbed copies of fcc Cu and LiNiO2. Writes a Markdown report.
 * <p>
 * Run from the test bundle's directory (it reads data/structures):
 * {@code java -cp <bundle classes and dependencies> org.activestructopt.simulation.feff.SingleScatteringBenchmark
 * [report.md] [radius]}.
 * <p>
 * Errors are relative rms differences of k^2 chi(k) over k = 3-12 1/angstrom, rms(a - b) / rms(b): of exafs-ss (with
 * the reference's multiple scattering, the default, and without it) against full FEFF (NLEG 4, FEFF's default
 * importance cuts: what {@code exafs} computes), and of the bare single-scattering sum against FEFF restricted to
 * single scattering (NLEG 2, no cuts: the model's own physics, so the rest is the cost of reusing the reference's phases).
 * For scale, the table also gives how far each perturbation moves the full-FEFF spectrum from the unperturbed one.
 */
public final class SingleScatteringBenchmark {

    private static final double[] AMPLITUDES = { 0.02, 0.05, 0.10 };
    private static final int SEEDS = 3;

    private SingleScatteringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        String radius = args.length > 1 ? args[1] : "6";
        StringBuilder md = new StringBuilder();
        md.append("# exafs-ss against full FEFF 8.5L\n\n");
        md.append(String.format(Locale.ROOT, "%s, %d processors, FEFF pool of %d, cluster radius = RPATH = %s A, "
                + "no SCF, DEBYE 300 315.%n%n", LocalDateTime.now().withNano(0),
                Runtime.getRuntime().availableProcessors(), FeffPool.size(), radius));
        feffTimes(md);
        ExafsSimulator exafs = new ExafsSimulator();
        Grid grid = exafs.descriptor().defaultGrid();
        md.append("## exafs-ss error and speed\n\n");
        md.append("Relative rms differences of k^2 chi(k), k 3-12 1/A, mean (max) over ").append(SEEDS)
                .append(" random perturbations per row (every atom moved by a random vector of length a/2..a). ")
                .append("'effect': how far the perturbation moves full FEFF from the unperturbed structure. ")
                .append("'error': exafs-ss (default ss.ms=true, reference = unperturbed structure) against full ")
                .append("FEFF, both with FEFF's default CRITERIA 4 2.5 or both with CRITERIA 0 0 (all paths). ")
                .append("'SS sum': exafs-ss with ss.ms=false against FEFF with NLEG 2 and CRITERIA 0 0. ")
                .append("'no MS': exafs-ss with ss.ms=false against full FEFF (default criteria).\n\n");
        md.append("| structure | a (A) | effect, crit. 4 2.5 | error, crit. 4 2.5 | effect, crit. 0 0 | error, crit. 0 0 "
                + "| SS sum | no MS | FEFF s, crit. 4 2.5 | FEFF s, crit. 0 0 | exafs-ss ms |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String name : List.of("cu", "linio2")) {
            Structure start = TestData.sites(name);
            String absorber = name.equals("cu") ? "Cu" : "Ni";
            SingleScatteringSimulator ss = new SingleScatteringSimulator();
            Map<String, String> base = Map.of("absorber", absorber, "radius", radius);
            Map<String, String> noCuts = new LinkedHashMap<>(base);
            noCuts.put("criteria.cw", "0");
            noCuts.put("criteria.pw", "0");
            Map<String, String> single = new LinkedHashMap<>(noCuts);
            single.put("nleg", "2");
            Settings ssDefault = ss.settings(base);
            Settings ssNoCuts = ss.settings(noCuts);
            Settings ssOnly = ssDefault.with("ss.ms", "false");
            Settings full = exafs.settings(base);
            Settings fullNoCuts = exafs.settings(noCuts);
            Settings feffSingle = exafs.settings(single);

            long t0 = System.nanoTime();
            ss.simulate(start, grid, ssDefault, null); // the reference FEFF run
            double referenceSeconds = (System.nanoTime() - t0) / 1e9;
            ss.simulate(start, grid, ssNoCuts, null);
            double[] startFull = exafs.simulate(start, grid, full, null).yArray();
            double[] startNoCuts = exafs.simulate(start, grid, fullNoCuts, null).yArray();
            for (double a : AMPLITUDES) {
                List<double[]> rows = new ArrayList<>();
                for (int seed = 0; seed < SEEDS; seed++) {
                    Structure p = start.perturbed(new SplittableRandom(1000 * seed + 17), a / 2, a);
                    long f0 = System.nanoTime();
                    double[] yFull = exafs.simulate(p, grid, full, null).yArray();
                    double fullSeconds = (System.nanoTime() - f0) / 1e9;
                    f0 = System.nanoTime();
                    double[] yNoCuts = exafs.simulate(p, grid, fullNoCuts, null).yArray();
                    double noCutsSeconds = (System.nanoTime() - f0) / 1e9;
                    double[] ySingle = exafs.simulate(p, grid, feffSingle, null).yArray();
                    double ms = Double.MAX_VALUE;
                    double[] ySs = null;
                    for (int rep = 0; rep < 5; rep++) { // best of 5: the machine is shared
                        long s0 = System.nanoTime();
                        ySs = ss.simulate(p, grid, ssDefault, null).yArray();
                        ms = Math.min(ms, (System.nanoTime() - s0) / 1e6);
                    }
                    double[] ySsNoCuts = ss.simulate(p, grid, ssNoCuts, null).yArray();
                    double[] ySsOnly = ss.simulate(p, grid, ssOnly, null).yArray();
                    rows.add(new double[] { relRms(yFull, startFull), relRms(ySs, yFull),
                            relRms(yNoCuts, startNoCuts), relRms(ySsNoCuts, yNoCuts), relRms(ySsOnly, ySingle),
                            relRms(ySsOnly, yFull), fullSeconds, noCutsSeconds, ms });
                }
                md.append(String.format(Locale.ROOT,
                        "| %s %s K | %.2f | %s | %s | %s | %s | %s | %s | %.1f | %.1f | %.1f |%n",
                        start.reducedFormula(), absorber, a, meanMax(rows, 0), meanMax(rows, 1), meanMax(rows, 2),
                        meanMax(rows, 3), meanMax(rows, 4), meanMax(rows, 5), mean(rows, 6), mean(rows, 7),
                        mean(rows, 8)));
            }
            md.append(String.format(Locale.ROOT, "| %s: exafs-ss reference run (FEFF, NLEG 4, crit. 4 2.5) "
                    + "| | | | | | | | %.1f | | |%n", start.reducedFormula(), referenceSeconds));
        }
        md.append("\nFull FEFF and exafs-ss s/ms are wall-clock times per structure (all absorbers; the 2-core "
                + "machine was shared with other jobs).\n");
        String report = md.toString();
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
    }

    private static void feffTimes(StringBuilder md) throws Exception {
        md.append("## FEFF 8.5L time per run\n\nWall-clock time of one feff8l process (best and mean of 3, one run "
                + "at a time), non-SCF, NLEG 4, CRITERIA 4 2.5.\n\n| case | atoms | best s | mean s |\n"
                + "|---|---|---|---|\n");
        FeffRunner runner = FeffRunner.of(FeffExecutable.locate("", "auto"));
        for (String name : List.of("cu", "linio2")) {
            Structure s = TestData.sites(name);
            int site = name.equals("cu") ? 0 : s.species().indexOf(org.activestructopt.structure.Element.Ni);
            for (double r : new double[] { 6, 8 }) {
                FeffInput in = new FeffInput(FeffCards.builder().rpath(r).build(), Cluster.cut(s, site, r),
                        FeffVersion.FEFF85L);
                double best = Double.MAX_VALUE;
                double sum = 0;
                for (int i = 0; i < 3; i++) {
                    double t = runner.run(in, EnumSet.of(FeffRunner.Output.CHI), null).elapsed().toNanos() / 1e9;
                    best = Math.min(best, t);
                    sum += t;
                }
                md.append(String.format(Locale.ROOT, "| %s %s K, radius = RPATH = %.0f A | %d | %.2f | %.2f |%n",
                        s.reducedFormula(), in.cluster().absorber().symbol(), r, in.cluster().size(), best, sum / 3));
            }
        }
        md.append('\n');
    }

    private static double relRms(double[] a, double[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += b[i] * b[i];
        }
        return Math.sqrt(d / n);
    }

    private static String meanMax(List<double[]> rows, int c) {
        double max = rows.stream().mapToDouble(r -> r[c]).max().orElseThrow();
        return String.format(Locale.ROOT, "%.3f (%.3f)", mean(rows, c), max);
    }

    private static double mean(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).average().orElseThrow();
    }
}
