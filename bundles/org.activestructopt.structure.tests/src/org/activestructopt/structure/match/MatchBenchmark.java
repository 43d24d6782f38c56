package org.activestructopt.structure.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.Poscar;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Times {@link StructureMatcher} against pymatgen's StructureMatcher on the same 24-site LiNiO2 pairs in the same run
 * and prints a markdown report (also written to the file given as first argument, if any).
 * <p>
 * Run from the test bundle folder (data/match/benchmark_pymatgen.py is found relative to it), with the host and test
 * classes and gson on the class path:
 *
 * <pre>
 * java -cp &lt;structure classes&gt;:&lt;test classes&gt;:gson.jar org.activestructopt.structure.match.MatchBenchmark [report.md]
 * </pre>
 *
 * Ours: warm-up for 2 s per pair, then the median of 101 single calls. pymatgen: 3 warm-up calls, then the median of
 * 21 single calls of {@code fit} and {@code get_rms_dist} in /usr/bin/python3 (parsing and interpreter start-up are not
 * timed).
 */
public final class MatchBenchmark {

    private static final int OUR_REPEATS = 101;
    private static final int PYMATGEN_REPEATS = 21;
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static volatile boolean blackhole;

    private MatchBenchmark() {
    }

    private record Pair(String name, Structure a, Structure b) {
    }

    public static void main(String[] args) throws Exception {
        List<Pair> pairs = pairs();
        Path dir = Files.createTempDirectory("match-benchmark");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3",
                Path.of("data", "match", "benchmark_pymatgen.py").toString(), Integer.toString(PYMATGEN_REPEATS)));
        for (int k = 0; k < pairs.size(); k++) {
            Path a = dir.resolve("pair" + k + "_a.vasp");
            Path b = dir.resolve("pair" + k + "_b.vasp");
            Poscar.of(pairs.get(k).a()).write(a);
            Poscar.of(pairs.get(k).b()).write(b);
            command.add(a.toString());
            command.add(b.toString());
        }
        List<JsonObject> reference = runPymatgen(command);

        StructureMatcher matcher = StructureMatcher.defaults();
        StringBuilder md = new StringBuilder();
        md.append("# StructureMatcher benchmark: ours vs pymatgen\n\n");
        md.append(String.format(Locale.ROOT, "Java %s (%s), %d processors; pymatgen %s via /usr/bin/python3. "
                + "Default settings (ltol 0.2, stol 0.3, angle_tol 5, primitive cell, scale). Ours: median of %d calls "
                + "after 2 s warm-up; pymatgen: median of %d calls after 3 warm-up calls.%n%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), pymatgenVersion(), OUR_REPEATS, PYMATGEN_REPEATS));
        md.append("| pair | sites | verdict ours / pymatgen | rms ours / pymatgen | fits() ms | pymatgen fit ms "
                + "| speed-up | match() ms | pymatgen get_rms_dist ms | speed-up |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < pairs.size(); k++) {
            Pair p = pairs.get(k);
            MatchResult r = matcher.match(p.a(), p.b());
            double fitMs = medianMillis(() -> matcher.fits(p.a(), p.b()));
            double matchMs = medianMillis(() -> matcher.match(p.a(), p.b()).matches());
            JsonObject ref = k < reference.size() ? reference.get(k) : null;
            String refVerdict = ref == null ? "n/a" : (ref.get("fit").getAsBoolean() ? "match" : "no match");
            String refRms = ref == null || ref.get("rms").isJsonNull() ? "-"
                    : String.format(Locale.ROOT, "%.5f", ref.get("rms").getAsDouble());
            double refFit = ref == null ? Double.NaN : median(ref.getAsJsonArray("fit_ms"));
            double refRmsMs = ref == null ? Double.NaN : median(ref.getAsJsonArray("rms_ms"));
            md.append(String.format(Locale.ROOT, "| %s | %d / %d | %s / %s | %s / %s | %.3f | %.2f | %.0fx | %.3f | "
                    + "%.2f | %.0fx |%n", p.name(), p.a().size(), p.b().size(), r.matches() ? "match" : "no match",
                    refVerdict, r.rms().isPresent() ? String.format(Locale.ROOT, "%.5f", r.rms().getAsDouble()) : "-",
                    refRms, fitMs, refFit, refFit / fitMs, matchMs, refRmsMs, refRmsMs / matchMs));
        }
        String report = md.toString();
        System.out.print(report);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), report, StandardCharsets.UTF_8);
        }
    }

    /** LiNiO2 (R-3m, hexagonal setting, 12 sites) as 2x1x1 and 1x2x1 supercells, variously disturbed. */
    private static List<Pair> pairs() {
        double[][] centring = { { 0, 0, 0 }, { 2 / 3.0, 1 / 3.0, 1 / 3.0 }, { 1 / 3.0, 2 / 3.0, 2 / 3.0 } };
        Structure.Builder b = Structure.builder(Lattice.hexagonal(2.88, 14.19));
        for (double[] t : centring) {
            b.add("Ni", t[0], t[1], t[2]);
        }
        for (double[] t : centring) {
            b.add("Li", t[0], t[1], t[2] + 0.5);
        }
        for (double[] t : centring) {
            b.add("O", t[0], t[1], t[2] + 0.258);
            b.add("O", t[0], t[1], t[2] - 0.258);
        }
        Structure lno = b.build();
        SplittableRandom rng = new SplittableRandom(2024);
        Structure a = lno.supercell(2, 1, 1);
        Structure other = lno.supercell(1, 2, 1);
        // both displaced, so that neither reduces to the 4-site primitive cell: the full 24-site problem
        Structure aDisplaced = a.perturbed(rng, 0.1, 0.1);
        Structure bDisplaced = shuffled(other.perturbed(rng, 0.1, 0.1), rng);
        int li = bDisplaced.species().indexOf(Element.of("Li"));
        int ni = bDisplaced.species().indexOf(Element.of("Ni"));
        Structure antisite = bDisplaced.withSpecies(li, Element.of("Ni")).withSpecies(ni, Element.of("Li"));
        return List.of(
                new Pair("LiNiO2 2x1x1 vs 1x2x1, shuffled (reduces to 4 sites)", a, shuffled(other, rng)),
                new Pair("LiNiO2 2x1x1 vs 1x2x1, both displaced 0.1 A, shuffled", aDisplaced, bDisplaced),
                new Pair("same with one Li/Ni antisite pair", aDisplaced, antisite));
    }

    private static Structure shuffled(Structure s, SplittableRandom rng) {
        int[] order = new int[s.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return s.permuted(order);
    }

    private static double medianMillis(BooleanSupplier call) {
        boolean sink = false;
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            sink ^= call.getAsBoolean();
        }
        double[] ms = new double[OUR_REPEATS];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            sink ^= call.getAsBoolean();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        blackhole = sink; // keeps the calls from being optimised away
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static double median(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static List<JsonObject> runPymatgen(List<String> command) throws IOException, InterruptedException {
        List<JsonObject> out = new ArrayList<>();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            System.err.println("pymatgen reference not available: " + e.getMessage());
            return out;
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith("{")) {
                    out.add(JsonParser.parseString(line).getAsJsonObject());
                }
            }
        }
        if (p.waitFor() != 0) {
            System.err.println("pymatgen benchmark exited with status " + p.exitValue());
        }
        return out;
    }

    private static String pymatgenVersion() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                    "import pymatgen.core; print(pymatgen.core.__version__)").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? v : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unavailable";
        }
    }
}
