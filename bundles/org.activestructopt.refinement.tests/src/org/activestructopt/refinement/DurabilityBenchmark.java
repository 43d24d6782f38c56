package org.activestructopt.refinement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.activestructopt.api.Simulator;

/**
 * The cost of durability for the cheapest simulator: {@link KillTarget}'s random search (PDF of a 12-site cell) with N
 * simulations, recorded without file (the baseline), with the journal (flushed to the OS; forced to the disk), with the
 * earlier rule that skipped saves, and with a save of job.xmi after every simulation. Interleaved repetitions, median
 * wall time. Outside OSGi: {@code java -cp "$(cat target/child-classpath.txt)"
 * org.activestructopt.refinement.DurabilityBenchmark N REPEATS DIR}.
 */
public final class DurabilityBenchmark {

    private DurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int repeats = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        Simulator simulator = (Simulator) Class.forName(KillTarget.SIMULATOR).getDeclaredConstructor().newInstance();
        KillTarget.run(null, 30, simulator, null, RunRecorder.Durability.JOURNAL); // warm-up
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            time(times, "no file (baseline)", () -> KillTarget.run(null, n, simulator, null,
                    RunRecorder.Durability.JOURNAL));
            for (RunRecorder.Durability d : RunRecorder.Durability.values()) {
                Path run = dir.resolve(d + "-" + r);
                time(times, d.toString(), () -> KillTarget.run(run, n, simulator, null, d));
            }
        }
        double base = median(times.get("no file (baseline)"));
        System.out.printf(Locale.ROOT, "N = %d, %d repeats, load %s%n", n, repeats,
                Files.readString(Path.of("/proc/loadavg")).strip());
        for (var e : times.entrySet()) {
            double m = median(e.getValue());
            System.out.printf(Locale.ROOT, "| %s | %.2f s | %.2f ms | %.2f |%n", e.getKey(), m, 1e3 * m / n, m / base);
        }
    }

    interface Body {
        void run() throws Exception;
    }

    private static void time(Map<String, List<Double>> times, String name, Body body) throws Exception {
        long t0 = System.nanoTime();
        body.run();
        times.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - t0) * 1e-9);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }
}
