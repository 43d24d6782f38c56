package org.activestructopt.structure.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.NeighborList;
import org.activestructopt.structure.RepulsionPenalty;
import org.activestructopt.structure.Structure;

/**
 * Times {@link NeighborList} against a brute-force search over periodic images in the same run, for 216-atom cells at
 * an 8 Angstrom cutoff (the graph cutoff of ActiveStructOpt's surrogate) and one 1728-atom cell to show the scaling,
 * checks that both find the same pairs, and times the constraint checks that run inside optimisation loops. Writes a
 * markdown report.
 * <p>
 * Usage: {@code java -cp <bundle classes> org.activestructopt.structure.internal.NeighborBenchmark [report.md]}
 */
public final class NeighborBenchmark {

    private static final double CUTOFF = 8.0;
    private static final int REPEATS = 31;
    private static final long WARMUP_NANOS = 2_000_000_000L;

    private NeighborBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "neighbor-benchmark.md");
        StringBuilder md = new StringBuilder();
        md.append("# Neighbour list benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Java %s, %s, %d available processors; cutoff %.1f A; "
                + "median thread CPU time of %d runs after %.0f s warm-up per case.%n%n", System.getProperty("java.version"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), CUTOFF, REPEATS,
                WARMUP_NANOS / 1e9));
        md.append("| structure | atoms | pairs | cell list (ms) | brute force (ms) | speed-up | same pairs |\n");
        md.append("|---|---:|---:|---:|---:|---:|---|\n");

        Structure nacl = Structure.builder(Lattice.cubic(5.64))
                .add("Na", 0, 0, 0).add("Na", 0, 0.5, 0.5).add("Na", 0.5, 0, 0.5).add("Na", 0.5, 0.5, 0)
                .add("Cl", 0.5, 0.5, 0.5).add("Cl", 0.5, 0, 0).add("Cl", 0, 0.5, 0).add("Cl", 0, 0, 0.5)
                .build().supercell(3, 3, 3);
        Structure triclinic = Structure.builder(Lattice.fromParameters(2.9, 3.1, 3.3, 65, 75, 80))
                .add("Fe", 0, 0, 0).build().supercell(6, 6, 6).perturbed(new SplittableRandom(1), 0.1, 0.4);
        Structure skewed = Structure.builder(Lattice.fromParameters(2.5, 2.6, 5.0, 35, 50, 45))
                .add("Si", 0.1, 0.1, 0.1).add("O", 0.5, 0.5, 0.6).build().supercell(6, 6, 3)
                .perturbed(new SplittableRandom(2), 0.05, 0.2);
        Structure naclLarge = nacl.supercell(2, 2, 2);
        for (Object[] c : new Object[][] { { "NaCl 3x3x3 (cubic, 16.9 A)", nacl },
                { "Fe 6x6x6, triclinic 65/75/80 deg, perturbed", triclinic },
                { "SiO 6x6x3, skewed 35/50/45 deg, perturbed", skewed },
                { "NaCl 6x6x6 (scaling check)", naclLarge } }) {
            Structure s = (Structure) c[1];
            double tCell = median(() -> NeighborList.of(s, CUTOFF).size());
            double tBrute = median(() -> bruteForce(s, CUTOFF).length / 5);
            NeighborList nl = NeighborList.of(s, CUTOFF);
            long[] fast = keys(nl);
            long[] slow = bruteForce(s, CUTOFF);
            boolean same = Arrays.equals(fast, sortedKeys(slow));
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.1fx | %s |%n", c[0], s.size(),
                    nl.size(), tCell, tBrute, tBrute / tCell, same ? "yes" : "NO"));
            if (!same) {
                System.err.println("MISMATCH for " + c[0] + ": " + fast.length + " vs " + slow.length / 5);
            }
        }

        md.append("\n## Constraint checks (216 atoms)\n\n| operation | ms |\n|---|---:|\n");
        MinimumDistances limits = MinimumDistances.defaults();
        RepulsionPenalty penalty = RepulsionPenalty.of(limits);
        Structure squeezed = nacl.withLattice(Lattice.cubic(5.64 * 3 * 0.8)).perturbed(new SplittableRandom(5), 0,
                0.3);
        md.append(String.format(Locale.ROOT, "| MinimumDistances.isSatisfied | %.3f |%n",
                median(() -> limits.isSatisfied(squeezed) ? 1 : 0)));
        md.append(String.format(Locale.ROOT, "| RepulsionPenalty.evaluate (per site, with gradients) | %.3f |%n",
                median(() -> (int) penalty.evaluate(squeezed).value())));
        md.append(String.format(Locale.ROOT, "| RepulsionPenalty.evaluate (per edge within 8 A) | %.3f |%n",
                median(() -> (int) penalty.normalisedPerEdge(8).evaluate(squeezed).value())));
        Files.writeString(out, md);
        System.out.print(md);
        System.out.println("\nwritten to " + out.toAbsolutePath());
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Median CPU time of this thread in milliseconds (wall time is meaningless on a machine shared with builds); the
     * supplier's result is consumed so the work cannot be optimised away.
     */
    private static double median(Supplier<Integer> work) {
        long sink = 0;
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            sink += work.get();
        }
        double[] t = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            sink += work.get();
            t[r] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        if (sink == 42) {
            System.out.print("");
        }
        Arrays.sort(t);
        return t[REPEATS / 2];
    }

    /**
     * Reference: every pair (i, j) of wrapped positions and every lattice translation n with |n_k| &lt;=
     * floor(cutoff / width_k) + 1 (enough for wrapped coordinates). Returns (i, j, n) of the found pairs as 5 ints
     * each, with images converted to the unwrapped coordinates as NeighborList reports them.
     */
    static long[] bruteForce(Structure s, double cutoff) {
        int n = s.size();
        double[] m = flat(s.lattice().matrix());
        double[] f = s.fracCoordsFlat();
        double[] w = s.lattice().perpendicularWidths();
        int[] r = new int[3];
        for (int k = 0; k < 3; k++) {
            r[k] = (int) Math.floor(cutoff / w[k]) + 1;
        }
        double[] x = new double[3 * n];
        int[] shift = new int[3 * n];
        for (int i = 0; i < n; i++) {
            double[] wf = new double[3];
            for (int k = 0; k < 3; k++) {
                wf[k] = f[3 * i + k] - Math.floor(f[3 * i + k]);
                shift[3 * i + k] = (int) Math.rint(f[3 * i + k] - wf[k]);
            }
            for (int k = 0; k < 3; k++) {
                x[3 * i + k] = wf[0] * m[k] + wf[1] * m[3 + k] + wf[2] * m[6 + k];
            }
        }
        double rc2 = cutoff * cutoff;
        long[] out = new long[5 * 1024];
        int count = 0;
        for (int a = -r[0]; a <= r[0]; a++) {
            for (int b = -r[1]; b <= r[1]; b++) {
                for (int c = -r[2]; c <= r[2]; c++) {
                    double tx = a * m[0] + b * m[3] + c * m[6];
                    double ty = a * m[1] + b * m[4] + c * m[7];
                    double tz = a * m[2] + b * m[5] + c * m[8];
                    boolean zero = a == 0 && b == 0 && c == 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double dx = x[3 * j] + tx - x[3 * i];
                            double dy = x[3 * j + 1] + ty - x[3 * i + 1];
                            double dz = x[3 * j + 2] + tz - x[3 * i + 2];
                            if (dx * dx + dy * dy + dz * dz <= rc2 && (i != j || !zero)) {
                                if (count + 5 > out.length) {
                                    out = Arrays.copyOf(out, 2 * out.length);
                                }
                                out[count++] = i;
                                out[count++] = j;
                                out[count++] = a - shift[3 * j] + shift[3 * i];
                                out[count++] = b - shift[3 * j + 1] + shift[3 * i + 1];
                                out[count++] = c - shift[3 * j + 2] + shift[3 * i + 2];
                            }
                        }
                    }
                }
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static long[] keys(NeighborList nl) {
        long[] k = new long[nl.size()];
        for (int p = 0; p < nl.size(); p++) {
            k[p] = key(nl.center(p), nl.neighbor(p), nl.image(p, 0), nl.image(p, 1), nl.image(p, 2));
        }
        Arrays.sort(k);
        return k;
    }

    private static long[] sortedKeys(long[] five) {
        long[] k = new long[five.length / 5];
        for (int p = 0; p < k.length; p++) {
            k[p] = key((int) five[5 * p], (int) five[5 * p + 1], (int) five[5 * p + 2], (int) five[5 * p + 3],
                    (int) five[5 * p + 4]);
        }
        Arrays.sort(k);
        return k;
    }

    /** Packs (i, j, n) into one long: 16 bits per site index, 10 bits per image component. */
    private static long key(int i, int j, int a, int b, int c) {
        return ((long) i << 48) | ((long) j << 32) | ((long) (a + 512) << 20) | ((long) (b + 512) << 10) | (c + 512);
    }

    private static double[] flat(double[][] m) {
        return new double[] { m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2] };
    }
}
