package org.activestructopt.surrogate.gnn.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.StructureGradient;
import org.activestructopt.api.SurrogateData;
import org.activestructopt.api.SurrogateEvaluation;
import org.activestructopt.api.SurrogateExample;
import org.activestructopt.api.SurrogateFit;
import org.activestructopt.api.SurrogateObjective;
import org.activestructopt.simulation.pdf.internal.PdfSimulator;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Structure;
import org.activestructopt.surrogate.gnn.GnnSettings;

/**
 * Times one active-learning round of the GNN surrogate and watches native memory over many rounds; writes a markdown
 * report. A round is: fine-tune the 5-member ensemble (warm start) on the grown data set, then minimise ActiveStructOpt's
 * MAEUncertainty acquisition (lambda 0.1) from 32 starts for 100 Adam steps on the Cartesian positions (lr 1e-3
 * angstrom, ActiveStructOpt's default), the starts batched into graphs of at most
 * {@link GnnSurrogate#MAX_BATCH_SITES} sites per step. Data: perturbed rutile supercells
 * (24 and 216 sites, every site moved 0.05-0.35 angstrom), X-ray PDF on the PDF simulator's default grid (r = 1-10
 * angstrom, step 0.01, 901 points).
 * <p>
 * Runs on a plain class path (the PDF simulator is instantiated directly, not looked up as a service) through
 * {@code releng/benchmark}, which writes {@code releng/benchmarks/gnn-surrogate.md}; arguments {@code [report.md]
 * [rounds]} (default 200 rounds; 0 times the single rounds only). PyTorch's threads are pinned with {@code -Daso.threads}.
 * <p>
 * The baseline measured in the same run is the same optimisation with one {@code evaluate} call per start instead of
 * one batched call for all starts.
 */
public final class GnnBenchmark {

    private static final Grid GRID = Grid.uniform(1, 10, 0.01);
    private static final int STARTS = 32;
    private static final int STEPS = 100;
    private static final double LEARNING_RATE = 1e-3;
    private static final double LAMBDA = 0.1;

    private final Simulator pdf = new PdfSimulator();
    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "gnn-surrogate.md");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        GnnBenchmark b = new GnnBenchmark();
        b.run(rounds);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, b.report);
        System.out.print(b.report);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        report.append(s).append('\n');
        System.out.println(s);
    }

    private void run(int rounds) throws Exception {
        line("# GNN surrogate benchmark");
        line("");
        line("%s, %d processors visible, PyTorch intra-op threads %d, JVM %s, max heap %d MB.",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), TorchRuntime.threads(), Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20);
        line("Load average at start: %s (the machine is shared; wall times include interference).", loadAverage());
        line("Settings: defaults (%s) unless stated.", GnnSettings.SCHEMA.defaults().effectiveValues());
        line("");
        Structure small = Crystals.rutile().supercell(1, 2, 2);
        Structure large = Crystals.rutile().supercell(3, 3, 4);
        round("24 sites", small, Map.of(), 200);
        round("216 sites", large, Map.of(), 200);
        if (rounds > 0) {
            memory(small, rounds);
        }
        line("");
        line("Load average at end: %s.", loadAverage());
    }

    private List<SurrogateExample> data(Structure base, int n, long seed) throws SimulationException {
        SplittableRandom random = new SplittableRandom(seed);
        List<SurrogateExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Structure s = base.perturbed(random, 0.05, 0.35);
            out.add(new SurrogateExample(s, pdf.simulate(s, GRID, pdf.descriptor().settings().defaults(), null)));
        }
        return out;
    }

    /** Cold fit on 199 structures, then the timed round: warm fit on 200 plus the acquisition optimisation. */
    private void round(String title, Structure base, Map<String, String> settings, int n) throws Exception {
        line("## One round, %s", title);
        line("");
        long t = System.nanoTime();
        List<SurrogateExample> training = data(base, n, 1);
        List<SurrogateExample> calibration = data(base, 20, 2);
        double[] target = data(base, 1, 3).get(0).spectrum().yArray();
        line("- data: %d + 20 calibration PDFs simulated in %.1f s", n, seconds(t));
        try (GnnSurrogate s = (GnnSurrogate) new GnnSurrogateFactory().create(SpectrumKind.PDF, GRID,
                GnnSettings.SCHEMA.parse(settings))) {
            t = System.nanoTime();
            SurrogateFit cold = s.fit(SurrogateData.of(training.subList(0, n - 1), calibration), null);
            line("- cold fit on %d structures: %.2f s, %.0f epochs, validation MAE %.4g, %s", n - 1, seconds(t),
                    cold.metrics().get("epochs"), cold.validationError(), cold.calibration());
            long roundStart = System.nanoTime();
            SurrogateFit warm = s.fit(SurrogateData.of(training, calibration), null);
            double fitSeconds = seconds(roundStart);
            line("- **warm fit** (fine-tune) on %d structures: **%.2f s**, %.0f epochs (of at most %d), validation "
                    + "MAE %.4g", n, fitSeconds, warm.metrics().get("epochs"), s.config().finetuneEpochs(),
                    warm.validationError());
            GnnSurrogate.EvaluationTimings before = copy(s.timings());
            long acquisitionStart = System.nanoTime();
            double[] best = optimise(s, base, target, STARTS, STEPS, 4, true);
            double acquisitionSeconds = seconds(acquisitionStart);
            GnnSurrogate.EvaluationTimings after = s.timings();
            long calls = after.calls - before.calls;
            line("- **acquisition** %d starts x %d steps: **%.2f s** (%.1f ms per step in %d graph(s) of at most %d "
                    + "sites: neighbour tables %.1f, forward %.1f, objective %.1f, backward %.1f; tables rebuilt %d "
                    + "times; optimiser and gradient conversion in Java the rest); objective %.4f -> %.4f", STARTS,
                    STEPS, acquisitionSeconds, 1e3 * acquisitionSeconds / STEPS, calls / STEPS,
                    GnnSurrogate.MAX_BATCH_SITES, ms(after.graphs - before.graphs, STEPS),
                    ms(after.forward - before.forward, STEPS), ms(after.objective - before.objective, STEPS),
                    ms(after.backward - before.backward, STEPS), after.rebuilds - before.rebuilds, best[0], best[1]);
            line("- **round total: %.2f s** (RSS now %d MB)", fitSeconds + acquisitionSeconds, rssMegabytes());
            // baseline measured in the same run: the same starts evaluated one structure per call
            int baselineSteps = 5;
            long one = System.nanoTime();
            optimise(s, base, target, STARTS, baselineSteps, 4, false);
            double perStepOne = seconds(one) / baselineSteps;
            double perStepBatched = acquisitionSeconds / STEPS;
            line("- baseline, the %d starts evaluated one per call (%d steps): %.1f ms per step vs %.1f ms in one "
                    + "call: one call is **%.1fx** faster", STARTS, baselineSteps, 1e3 * perStepOne, 1e3 * perStepBatched,
                    perStepOne / perStepBatched);
        }
        line("");
    }

    private static GnnSurrogate.EvaluationTimings copy(GnnSurrogate.EvaluationTimings t) {
        GnnSurrogate.EvaluationTimings c = new GnnSurrogate.EvaluationTimings();
        c.calls = t.calls;
        c.rebuilds = t.rebuilds;
        c.graphs = t.graphs;
        c.forward = t.forward;
        c.objective = t.objective;
        c.backward = t.backward;
        return c;
    }

    /**
     * Multi-start Adam on Cartesian positions of the MAEUncertainty acquisition.
     *
     * @param batched all starts in one {@code evaluate} call per step, or (the baseline) one call per start
     * @return {best initial value, best final value}
     */
    private static double[] optimise(GnnSurrogate s, Structure base, double[] target, int starts, int steps,
            long seed, boolean batched) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Structure> x = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            x.add(base.perturbed(random, 0.05, 0.35));
        }
        int n = base.size();
        double[][] m = new double[starts][3 * n];
        double[][] v = new double[starts][3 * n];
        SurrogateObjective objective = (mean, sigma, dMean, dSigma) -> {
            double value = 0;
            int g = mean.length;
            for (int i = 0; i < g; i++) {
                double e = mean[i] - target[i];
                value += Math.abs(e) / g - LAMBDA * sigma[i] / g;
                dMean[i] = Math.signum(e) / g;
                dSigma[i] = -LAMBDA / g;
            }
            return value;
        };
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 1; step <= steps; step++) {
            List<SurrogateEvaluation> e = new ArrayList<>(starts);
            if (batched) {
                e.addAll(s.evaluate(x, objective));
            } else {
                for (Structure start : x) {
                    e.add(s.evaluate(List.of(start), objective).get(0));
                }
            }
            double best = e.stream().mapToDouble(SurrogateEvaluation::value).min().orElseThrow();
            if (step == 1) {
                first = best;
            }
            last = best;
            for (int b = 0; b < starts; b++) {
                x.set(b, adamStep(x.get(b), e.get(b).gradient(), m[b], v[b], step));
            }
        }
        return new double[] {first, last};
    }

    private static Structure adamStep(Structure s, StructureGradient g, double[] m, double[] v, int step) {
        double[][] inverse = s.lattice().inverse();
        double[] cart = s.cartCoordsFlat();
        for (int i = 0; i < s.size(); i++) {
            double[] df = g.frac(i);
            for (int c = 0; c < 3; c++) {
                // f = x L^-1, so dE/dx_c = sum_a dE/df_a (L^-1)_{c a}
                double gc = df[0] * inverse[c][0] + df[1] * inverse[c][1] + df[2] * inverse[c][2];
                int k = 3 * i + c;
                m[k] = 0.9 * m[k] + 0.1 * gc;
                v[k] = 0.999 * v[k] + 0.001 * gc * gc;
                double mh = m[k] / (1 - Math.pow(0.9, step));
                double vh = v[k] / (1 - Math.pow(0.999, step));
                cart[k] -= LEARNING_RATE * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        double[][] positions = new double[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            positions[i] = new double[] {cart[3 * i], cart[3 * i + 1], cart[3 * i + 2]};
        }
        return Structure.fromCartesian(s.lattice(), s.species(), positions);
    }

    /**
     * Many rounds as in the active loop: 10 training and 20 calibration structures to start, then per round one new
     * simulated structure (the best candidate of the round's acquisition), a warm fit and an acquisition of 32 starts
     * x 10 steps (fewer steps than the timed round, so that 200 rounds finish in reasonable time; every step
     * allocates and frees the same tensors as in the full round).
     */
    private void memory(Structure base, int rounds) throws Exception {
        line("## Native memory over %d rounds (24 sites)", rounds);
        line("");
        List<SurrogateExample> calibration = data(base, 20, 12);
        List<SurrogateExample> training = new ArrayList<>(data(base, 10, 11));
        double[] target = data(base, 1, 13).get(0).spectrum().yArray();
        line("| round | training structures | RSS (MB) | Java heap used (MB) | round time (s) |");
        line("|---|---|---|---|---|");
        long start = System.nanoTime();
        try (GnnSurrogate s = (GnnSurrogate) new GnnSurrogateFactory().create(SpectrumKind.PDF, GRID,
                GnnSettings.SCHEMA.defaults())) {
            for (int round = 1; round <= rounds; round++) {
                long t = System.nanoTime();
                s.fit(SurrogateData.of(training, calibration), null);
                optimise(s, base, target, STARTS, 10, round, true);
                Structure next = base.perturbed(new SplittableRandom(1000 + round), 0.05, 0.35);
                training.add(new SurrogateExample(next,
                        pdf.simulate(next, GRID, pdf.descriptor().settings().defaults(), null)));
                if (round == 1 || round == 10 || round % 50 == 0 || round == rounds) {
                    Runtime r = Runtime.getRuntime();
                    line("| %d | %d | %d | %d | %.2f |", round, training.size() - 1, rssMegabytes(),
                            (r.totalMemory() - r.freeMemory()) >> 20, seconds(t));
                }
            }
        }
        line("");
        line("%d rounds in %.0f s.", rounds, seconds(start));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double ms(long nanos, long calls) {
        return nanos / 1e6 / Math.max(1, calls);
    }

    private static long rssMegabytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
