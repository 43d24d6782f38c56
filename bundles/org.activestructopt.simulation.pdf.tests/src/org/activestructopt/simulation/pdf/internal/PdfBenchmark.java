package org.activestructopt.simulation.pdf.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Callable;

import org.activestructopt.api.Settings;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.NeighborList;
import org.activestructopt.structure.Structure;

/**
 * Times the PDF simulator for 24, 72 and 216 atoms (perturbed rock-salt NiO supercells) on the default grid
 * (r = 1..10 angstrom, step 0.01) and writes a markdown report. The reference in the same run is the textbook
 * calculation: single-threaded, every ordered pair of the same neighbour list, every Gaussian on every grid point; its
 * result must agree with the fast path, which the report states.
 * <p>
 * Run from the test bundle directory: {@code java -cp ... org.activestructopt.simulation.pdf.internal.PdfBenchmark
 * [report.md]} (default {@code benchmark/pdf-benchmark.md}).
 */
public final class PdfBenchmark {

    private static final int[] SIZES = { 24, 72, 216 };
    private static final Grid GRID = Grid.uniform(1, 10, 0.01);
    private static final double MIN_SECONDS = 1.5;
    private static final int MIN_RUNS = 5;

    private final PdfSimulator simulator = new PdfSimulator();
    private final Settings plain = simulator.descriptor().settings().defaults();
    private final Settings qmax = simulator.settings(Map.of("qmax", "20"));

    private PdfBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmark/pdf-benchmark.md");
        String report = new PdfBenchmark().run();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report);
        System.out.print(report);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** Rock-salt NiO (a = 4.177 angstrom), 8 atoms per cubic cell. */
    static Structure nio(int atoms, long seed) {
        Structure cell = Structure.builder(Lattice.cubic(4.177)).add("Ni", 0, 0, 0).add("Ni", 0.5, 0.5, 0)
                .add("Ni", 0.5, 0, 0.5).add("Ni", 0, 0.5, 0.5).add("O", 0.5, 0, 0).add("O", 0, 0.5, 0)
                .add("O", 0, 0, 0.5).add("O", 0.5, 0.5, 0.5).build();
        Structure s = switch (atoms) {
            case 24 -> cell.supercell(3, 1, 1);
            case 72 -> cell.supercell(3, 3, 1);
            case 216 -> cell.supercell(3, 3, 3);
            default -> throw new IllegalArgumentException("no NiO supercell with " + atoms + " atoms");
        };
        return s.perturbed(new SplittableRandom(seed), 0.05, 0.15);
    }

    private record Row(String method, Timing[] timings) {
    }

    private String run() throws Exception {
        List<Row> rows = new ArrayList<>();
        String[] methods = { "reference (1 thread, all pairs x all points)", "fast, 1 thread", "fast, common pool",
                "fast + Jacobian, common pool", "qmax = 20, common pool", "qmax = 20 + Jacobian, common pool",
                "NeighborList alone (cutoff 10.8)" };
        Timing[][] times = new Timing[methods.length][SIZES.length];
        double[] agreement = new double[SIZES.length];
        int[] pairs = new int[SIZES.length];
        warmUp();
        for (int c = 0; c < SIZES.length; c++) {
            Structure s = nio(SIZES[c], 42);
            double[] ref = reference(s);
            double[] fast = simulator.simulate(s, GRID, plain, null).yArray();
            double worst = 0;
            for (int k = 0; k < ref.length; k++) {
                worst = Math.max(worst, Math.abs(ref[k] - fast[k]));
            }
            agreement[c] = worst;
            pairs[c] = NeighborList.of(s, cutoff()).size();
            times[0][c] = time(() -> reference(s));
            times[1][c] = time(() -> inPool(1, () -> simulator.simulate(s, GRID, plain, null)));
            times[2][c] = time(() -> simulator.simulate(s, GRID, plain, null));
            times[3][c] = time(() -> simulator.simulateWithJacobian(s, GRID, plain, null));
            times[4][c] = time(() -> simulator.simulate(s, GRID, qmax, null));
            times[5][c] = time(() -> simulator.simulateWithJacobian(s, GRID, qmax, null));
            times[6][c] = time(() -> NeighborList.of(s, cutoff()));
        }
        for (int m = 0; m < methods.length; m++) {
            rows.add(new Row(methods[m], times[m]));
        }
        return format(rows, agreement, pairs);
    }

    /** Runs every code path for a few seconds first, so that no measurement pays for JIT compilation. */
    private void warmUp() throws Exception {
        Structure s = nio(24, 7);
        long end = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < end) {
            reference(s);
            simulator.simulate(s, GRID, plain, null);
            simulator.simulateWithJacobian(s, GRID, qmax, null);
        }
    }

    /** The fast path's neighbour cutoff for the default settings (rmax + 8 sigma). */
    private static double cutoff() {
        return 10 + PdfCalculator.TAIL_SIGMAS * Math.sqrt(2 * 0.005);
    }

    /** G(r) the slow, obvious way: every ordered pair, every grid point, one thread. */
    private static double[] reference(Structure s) {
        NeighborList nl = NeighborList.of(s, cutoff());
        int n = s.size();
        double favg = s.species().stream().mapToInt(e -> e.z()).average().orElseThrow();
        double[] r = GRID.values();
        double[] rdf = new double[r.length];
        double sigma = Math.sqrt(2 * 0.005);
        for (int p = 0; p < nl.size(); p++) {
            double w = s.species(nl.center(p)).z() * s.species(nl.neighbor(p)).z() / (favg * favg * n);
            double d = nl.distance(p);
            for (int k = 0; k < r.length; k++) {
                double x = (r[k] - d) / sigma;
                rdf[k] += w * Math.exp(-0.5 * x * x) / (Math.sqrt(2 * Math.PI) * sigma);
            }
        }
        double rho0 = n / s.volume();
        double[] g = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            g[k] = rdf[k] / r[k] - 4 * Math.PI * rho0 * r[k];
        }
        return g;
    }

    private static <T> T inPool(int threads, Callable<T> task) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(task).get();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Median wall time and mean CPU time of this process (all threads) per call, in milliseconds, after a warm-up,
     * over at least MIN_RUNS runs and MIN_SECONDS. CPU time is what the machine's other load cannot inflate.
     */
    private static Timing time(Callable<?> task) throws Exception {
        long warmEnd = System.nanoTime() + 500_000_000L;
        do {
            task.call();
        } while (System.nanoTime() < warmEnd);
        List<Double> samples = new ArrayList<>();
        long start = System.nanoTime();
        long cpu0 = processCpuNanos();
        while (samples.size() < MIN_RUNS || System.nanoTime() - start < MIN_SECONDS * 1e9) {
            long t0 = System.nanoTime();
            task.call();
            samples.add((System.nanoTime() - t0) / 1e6);
        }
        double cpu = (processCpuNanos() - cpu0) / 1e6 / samples.size();
        double[] a = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Timing(a[a.length / 2], cpu);
    }

    private record Timing(double wall, double cpu) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String format(List<Row> rows, double[] agreement, int[] pairs) {
        StringBuilder sb = new StringBuilder();
        sb.append("# PDF simulator benchmark\n\n");
        sb.append(String.format(Locale.ROOT, "Generated %s by `%s`; Java %s, %d available processors, "
                + "system load average %.1f at the end of the run.%n%n",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME.withLocale(Locale.ROOT))
                        .substring(0, 16), PdfBenchmark.class.getSimpleName(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        sb.append("Structures: rock-salt NiO supercells (3x1x1, 3x3x1, 3x3x3 of the 8-atom cell) with every atom moved "
                + "0.05-0.15 angstrom in a random direction (seed 42). Grid r = 1..10 angstrom, step 0.01 (901 points); "
                + "default settings (U = 0.005 angstrom^2) unless stated. Median wall time per simulation in ms, "
                + "after warm-up.\n\n");
        sb.append("Each cell: median wall time / mean CPU time of the process (all threads) per simulation, ms.\n\n");
        sb.append("| method |");
        for (int n : SIZES) {
            sb.append(" N = ").append(n).append(" |");
        }
        sb.append(" CPU-time scaling exponent (24 -> 216) |\n|---|");
        sb.append("---:|".repeat(SIZES.length)).append("---:|\n");
        for (Row row : rows) {
            sb.append("| ").append(row.method()).append(" |");
            for (Timing t : row.timings()) {
                sb.append(String.format(Locale.ROOT, " %.1f / %.1f |", t.wall(), t.cpu()));
            }
            double exponent = Math.log(row.timings()[SIZES.length - 1].cpu() / row.timings()[0].cpu())
                    / Math.log((double) SIZES[SIZES.length - 1] / SIZES[0]);
            sb.append(String.format(Locale.ROOT, " %.2f |%n", exponent));
        }
        Timing[] ref = rows.get(0).timings();
        Timing[] fast1 = rows.get(1).timings();
        Timing[] fast = rows.get(2).timings();
        sb.append("\n| | ");
        for (int n : SIZES) {
            sb.append(" N = ").append(n).append(" |");
        }
        sb.append("\n|---|").append("---:|".repeat(SIZES.length)).append('\n');
        sb.append("| ordered pairs within 10.8 angstrom |");
        Arrays.stream(pairs).forEach(p -> sb.append(' ').append(p).append(" |"));
        sb.append("\n| speed-up of cutoff + recurrence (reference / fast, 1 thread; CPU time) |");
        for (int c = 0; c < SIZES.length; c++) {
            sb.append(String.format(Locale.ROOT, " %.1f |", ref[c].cpu() / fast1[c].cpu()));
        }
        sb.append("\n| parallel speed-up (fast, 1 thread / common pool; wall time) |");
        for (int c = 0; c < SIZES.length; c++) {
            sb.append(String.format(Locale.ROOT, " %.2f |", fast1[c].wall() / fast[c].wall()));
        }
        sb.append("\n| max abs(G_fast - G_reference) (angstrom^-2) |");
        for (double a : agreement) {
            sb.append(String.format(Locale.ROOT, " %.1e |", a));
        }
        sb.append("\n\nThe fast path evaluates each Gaussian only within 8 sigma of its centre, by a multiplicative "
                + "recurrence instead of exp on uniform grids, and each unordered pair once. For a fixed r range "
                + "the number of pairs, and so the work, is linear in N (exponent 1). The Jacobian costs 15 updates "
                + "per pair and point; its M x (3N+9) storage grows as N^2 but stays minor at these sizes. With qmax "
                + "the pair sum covers r = 0..rmax + 10 (2 pi / qmax) on an internal grid of step sigma/3 (0.033 angstrom "
                + "here), and the termination applies a dense 901 x ~400 kernel (to 3N+9 columns for the Jacobian).\n");
        return sb.toString();
    }
}
