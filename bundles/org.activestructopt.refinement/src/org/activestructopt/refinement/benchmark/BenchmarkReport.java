package org.activestructopt.refinement.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import org.activestructopt.refinement.Metrics;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.structure.DistanceHistogram;

/**
 * The comparison of methods on a benchmark, from its runs: the median over problems of the best loss after n
 * simulations, how many simulations reverse Monte Carlo needs to reach the median each other method ends with (the
 * ActiveStructOpt paper reports 3x for its method), how often the best structure matches the true one, and the wall
 * time. {@link #markdown(List)} writes it as a markdown report; figures (e.g. a PNG of {@link #medianCurve}) are made
 * by the caller and linked.
 * <p>
 * A run that simulated nothing (it failed at once) is left out of the medians and listed; a shorter run counts with
 * its last best loss, as {@link Metrics#medianCurve} does.
 */
public final class BenchmarkReport {

    /** A figure the report links: its caption and its file name relative to the report. */
    public record Figure(String caption, String file) {
        public Figure {
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * What reverse Monte Carlo needs to match a method: the method's median best loss at its budget, the simulations
     * the method took to first reach it, and those RMC's median curve takes (-1: not within RMC's budget).
     */
    public record Reach(Method method, double level, int methodSimulations, int rmcSimulations, int rmcBudget) {

        /** @return RMC's simulations divided by the method's budget, or NaN when RMC did not get there */
        public double ratio(int budget) {
            return rmcSimulations < 0 ? Double.NaN : (double) rmcSimulations / budget;
        }
    }

    private static final int[] CHECKPOINTS = { 1, 10, 20, 30, 50, 100, 150, 200, 300, 500, 1000, 2000, 5000 };

    private final Benchmark benchmark;
    private final List<BenchmarkRun> runs;

    private BenchmarkReport(Benchmark benchmark, List<BenchmarkRun> runs) {
        this.benchmark = benchmark;
        this.runs = List.copyOf(runs);
    }

    /** @param runs the runs of the benchmark (e.g. from {@link Benchmark#run} or {@link Benchmark#collect()}) */
    public static BenchmarkReport of(Benchmark benchmark, List<BenchmarkRun> runs) {
        return new BenchmarkReport(Objects.requireNonNull(benchmark, "benchmark"), runs);
    }

    /** @return the methods that have runs, in the benchmark's order */
    public List<Method> methods() {
        return benchmark.methods().stream().filter(m -> runs.stream().anyMatch(r -> r.method() == m)).toList();
    }

    /** @return the runs of {@code method}, in problem order */
    public List<BenchmarkRun> runs(Method method) {
        return runs.stream().filter(r -> r.method() == method).toList();
    }

    /** @return the best-loss curves of the runs of {@code method} that simulated something */
    public List<double[]> curves(Method method) {
        return runs(method).stream().filter(r -> r.simulations() > 0).map(BenchmarkRun::curve).toList();
    }

    /**
     * @return the median over problems of the best loss after n simulations (element n-1), as long as the longest
     *         run; empty if no run of the method simulated anything
     */
    public double[] medianCurve(Method method) {
        List<double[]> c = curves(method);
        return c.isEmpty() ? new double[0] : Metrics.medianCurve(c);
    }

    /** @return the median best loss of {@code method} after {@code n} simulations, NaN if it has no curve */
    public double medianAfter(Method method, int n) {
        double[] c = medianCurve(method);
        return c.length == 0 ? Double.NaN : c[Math.min(n, c.length) - 1];
    }

    /**
     * @return for a method other than RMC: where it ends (median at the budget) and how many simulations RMC's
     *         median curve needs to get as low; empty if either has no runs
     */
    public Optional<Reach> rmcToReach(Method method) {
        double[] rmc = medianCurve(Method.RMC);
        double[] m = medianCurve(method);
        if (method == Method.RMC || rmc.length == 0 || m.length == 0) {
            return Optional.empty();
        }
        double level = m[Math.min(benchmark.budget(), m.length) - 1];
        return Optional.of(new Reach(method, level, Metrics.simulationsToReach(m, level),
                Metrics.simulationsToReach(rmc, level), benchmark.rmcBudget()));
    }

    /** @return the number of runs of {@code method} whose best structure matches the true one */
    public int matches(Method method) {
        return (int) runs(method).stream().filter(BenchmarkRun::matches).count();
    }

    /** @return the wall time of all runs of {@code method} in seconds */
    public double seconds(Method method) {
        return runs(method).stream().mapToDouble(BenchmarkRun::seconds).sum();
    }

    /** @return the numbers of simulations the loss table lists: the usual steps up to the longest run, and the budget */
    public int[] checkpoints() {
        int longest = runs.stream().mapToInt(BenchmarkRun::simulations).max().orElse(0);
        TreeSet<Integer> n = new TreeSet<>();
        for (int c : CHECKPOINTS) {
            if (c <= longest) {
                n.add(c);
            }
        }
        if (benchmark.budget() <= longest) {
            n.add(benchmark.budget());
        }
        if (benchmark.rmcBudget() <= longest) {
            n.add(benchmark.rmcBudget());
        }
        return n.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes {@link #markdown(List)} to {@code file}. */
    public void write(Path file, List<Figure> figures) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, markdown(figures), StandardCharsets.UTF_8);
    }

    /** @return the report in markdown, linking {@code figures} after the summary */
    public String markdown(List<Figure> figures) {
        BenchmarkSuite suite = benchmark.suite();
        List<Method> methods = methods();
        int problems = (int) runs.stream().map(BenchmarkRun::problem).distinct().count();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: suite ").append(suite.name()).append("\n\n");
        md.append(suite.description()).append("\n\n");
        md.append(String.format(Locale.ROOT, "%s; %d problem%s x %d method%s; budget %d simulations per job%s; "
                + "suite seed %d; %s, %d cores, Java %s. Loss: %s.%n%n", LocalDate.now(), problems,
                problems == 1 ? "" : "s", methods.size(), methods.size() == 1 ? "" : "s", benchmark.budget(),
                benchmark.rmcBudget() != benchmark.budget() ? " (reverse Monte Carlo " + benchmark.rmcBudget() + ")"
                        : "",
                suite.seed(), System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors(),
                System.getProperty("java.version"), lossDescription(suite)));
        for (Figure f : figures) {
            md.append("![").append(f.caption()).append("](").append(f.file()).append(")\n\n*")
                    .append(f.caption()).append("*\n\n");
        }
        lossTable(md, methods);
        reachTable(md, methods);
        matchTable(md, methods);
        timeTable(md, methods);
        benchmark.suite().histogram().ifPresent(h -> pairTables(md, h));
        perProblem(md, methods);
        failures(md);
        md.append("## Problems\n\n");
        for (String line : suite.recipe()) {
            md.append("- ").append(line).append('\n');
        }
        md.append("\nEvery job is a job file under `runs/PROBLEM/METHOD/job.xmi` with all its simulations; the "
                + "structures and target spectra are under `problems/PROBLEM/`.\n");
        return md.toString();
    }

    private static String lossDescription(BenchmarkSuite suite) {
        List<String> parts = new ArrayList<>();
        for (SuiteObjective o : suite.objectives()) {
            String grid = o.grid().map(g -> " on " + plain(g.start()) + "-" + plain(g.stop()) + " in steps of "
                    + plain(g.step())).orElse("");
            parts.add((o.weight() != 1 ? fmt(o.weight()) + " x " : "") + o.metric().literal().toUpperCase(Locale.ROOT)
                    + " of the " + o.simulator() + " simulation" + grid
                    + (o.settings().isEmpty() ? "" : " (settings " + o.settings() + ")"));
        }
        return String.join(" + ", parts);
    }

    private void lossTable(StringBuilder md, List<Method> methods) {
        md.append("## Median best loss after n simulations\n\n| n |");
        methods.forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n|---:|");
        methods.forEach(m -> md.append("---:|"));
        md.append('\n');
        for (int n : checkpoints()) {
            md.append("| ").append(n).append(" |");
            for (Method m : methods) {
                double[] c = medianCurve(m);
                // a method's median is listed as far as its runs go
                md.append(' ').append(n <= c.length ? fmt(c[n - 1]) : "").append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void reachTable(StringBuilder md, List<Method> methods) {
        if (!methods.contains(Method.RMC)) {
            return;
        }
        List<Reach> reaches = methods.stream().map(this::rmcToReach).flatMap(Optional::stream).toList();
        if (reaches.isEmpty()) {
            return;
        }
        int budget = benchmark.budget();
        md.append("## Simulations reverse Monte Carlo needs for the same median loss\n\n");
        md.append(String.format(Locale.ROOT, "Each method's median best loss after its %d simulations, the "
                + "simulations it first reached that median after, and the simulations the median of reverse Monte "
                + "Carlo (run for %d) needs to get as low. The ActiveStructOpt paper reports about 3x for its "
                + "method against RMC.%n%n", budget, benchmark.rmcBudget()));
        md.append("| method | median after ").append(budget)
                .append(" | reached after | RMC needs | RMC / budget |\n|---|---:|---:|---:|---:|\n");
        for (Reach r : reaches) {
            String rmc = r.rmcSimulations() < 0 ? "more than " + r.rmcBudget() : Integer.toString(r.rmcSimulations());
            String ratio = r.rmcSimulations() < 0
                    ? String.format(Locale.ROOT, "> %.3g", (double) r.rmcBudget() / budget)
                    : String.format(Locale.ROOT, "%.3g", r.ratio(budget));
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s |%n", r.method(), fmt(r.level()),
                    r.methodSimulations(), rmc, ratio));
        }
        md.append('\n');
    }

    private void matchTable(StringBuilder md, List<Method> methods) {
        md.append("## Match rate and wall time\n\n");
        md.append("Match: the structure is the true one by pymatgen's StructureMatcher defaults (ltol 0.2, stol 0.3, "
                + "angle_tol 5); rms: its normalised RMS displacement from the true one (median over the runs that "
                + "match). The start is listed because a small perturbation may match already; then the RMS shows "
                + "whether a method got closer. Wall time: the whole job (simulations, proposals, saves).\n\n");
        md.append("| method | runs | best matches | rms best | start matches | rms start | median start loss | "
                + "median final loss | wall time (s) | per simulation (ms) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Method m : methods) {
            List<BenchmarkRun> rs = runs(m);
            int sims = rs.stream().mapToInt(BenchmarkRun::simulations).sum();
            double[] starts = rs.stream().mapToDouble(BenchmarkRun::startLoss).filter(v -> !Double.isNaN(v))
                    .toArray();
            double[] finals = rs.stream().mapToDouble(BenchmarkRun::bestLoss).filter(v -> !Double.isNaN(v))
                    .toArray();
            long startMatches = rs.stream().filter(r -> r.startMatch().map(x -> x.matches()).orElse(false)).count();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d / %d | %s | %d / %d | %s | %s | %s | %.1f | %s |%n",
                    m, rs.size(), matches(m), rs.size(), medianRms(rs.stream().map(BenchmarkRun::match).toList()),
                    startMatches, rs.size(), medianRms(rs.stream().map(BenchmarkRun::startMatch).toList()),
                    starts.length == 0 ? "" : fmt(Metrics.median(starts)),
                    finals.length == 0 ? "" : fmt(Metrics.median(finals)), seconds(m),
                    sims == 0 ? "" : String.format(Locale.ROOT, "%.3g", 1000 * seconds(m) / sims)));
        }
        md.append('\n');
    }

    private void timeTable(StringBuilder md, List<Method> methods) {
        md.append("## Where the time goes\n\nPer simulation, over all runs of a method: the simulator's own time "
                + "(as each candidate records it) and the rest of the wall time, which is the method's work between "
                + "simulations (for active: fitting the surrogates and optimising the acquisition; for the baselines: "
                + "proposing moves and saving).\n\n| method | simulations | simulator (s/simulation) | method's own "
                + "work (s/simulation) |\n|---|---:|---:|---:|\n");
        for (Method m : methods) {
            List<BenchmarkRun> rs = runs(m);
            int sims = rs.stream().mapToInt(BenchmarkRun::simulations).sum();
            if (sims == 0) {
                continue;
            }
            double simulator = rs.stream().mapToDouble(BenchmarkRun::simulatorSeconds).sum();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3g | %.3g |%n", m, sims, simulator / sims,
                    Math.max(0, seconds(m) - simulator) / sims));
        }
        md.append('\n');
    }

    /**
     * Pair distances of one structure of a problem, for the suite's {@link BenchmarkSuite#histogram()}.
     *
     * @param structure "start", "target" or "best &lt;method&gt;"
     * @param values    the distances up to the histogram's rmax, ascending
     */
    public record Distances(String problem, String structure, double[] values) {
    }

    /** @return the problems of the runs, in run order */
    public List<String> problems() {
        return runs.stream().map(BenchmarkRun::problem).distinct().toList();
    }

    /** @return start, target and each method's best of a problem with their pair distances (empty without a histogram) */
    public List<Distances> pairDistances(String problem) {
        Optional<BenchmarkSuite.PairHistogram> h = benchmark.suite().histogram();
        List<BenchmarkRun> rs = runs.stream().filter(r -> r.problem().equals(problem)).toList();
        if (h.isEmpty() || rs.isEmpty()) {
            return List.of();
        }
        BenchmarkSuite.PairHistogram p = h.get();
        List<Distances> out = new ArrayList<>();
        rs.stream().flatMap(r -> r.start().stream()).findFirst().ifPresent(st -> out.add(new Distances(problem,
                "start", DistanceHistogram.distances(st, p.first(), p.second(), p.rmax()))));
        out.add(new Distances(problem, "target", DistanceHistogram.distances(rs.get(0).truth(), p.first(), p.second(),
                p.rmax())));
        for (BenchmarkRun r : rs) {
            r.best().ifPresent(b -> out.add(new Distances(problem, "best " + r.method(),
                    DistanceHistogram.distances(b, p.first(), p.second(), p.rmax()))));
        }
        return out;
    }

    private void pairTables(StringBuilder md, BenchmarkSuite.PairHistogram h) {
        md.append(String.format(Locale.ROOT, "## %s distances up to %s A%n%n", h.label(), plain(h.rmax())));
        md.append("Whether the local structure came out right, which the loss alone does not say: the distribution "
                + "of " + h.label() + " distances of the start, the target and each method's best. 'rms vs target': "
                + "root mean square difference between the sorted distances and the target's (same count only).\n\n");
        for (String problem : problems()) {
            List<Distances> ds = pairDistances(problem);
            double[] target = ds.stream().filter(d -> d.structure().equals("target")).findFirst()
                    .map(Distances::values).orElse(new double[0]);
            md.append("| ").append(problem).append(" | pairs | min | median | max | rms vs target |\n"
                    + "|---|---:|---:|---:|---:|---:|\n");
            for (Distances d : ds) {
                double[] v = d.values();
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", d.structure(), v.length,
                        v.length == 0 ? "" : String.format(Locale.ROOT, "%.3f", v[0]),
                        v.length == 0 ? "" : String.format(Locale.ROOT, "%.3f", Metrics.median(v)),
                        v.length == 0 ? "" : String.format(Locale.ROOT, "%.3f", v[v.length - 1]),
                        v.length == target.length && v.length > 0 ? String.format(Locale.ROOT, "%.4f",
                                sortedRms(v, target)) : ""));
            }
            md.append('\n');
        }
    }

    private static double sortedRms(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum / a.length);
    }

    private static String medianRms(List<Optional<org.activestructopt.structure.match.MatchResult>> matches) {
        double[] rms = matches.stream().flatMap(Optional::stream).filter(x -> x.matches() && x.rms().isPresent())
                .mapToDouble(x -> x.rms().getAsDouble()).toArray();
        return rms.length == 0 ? "-" : String.format(Locale.ROOT, "%.3g", Metrics.median(rms));
    }

    private void perProblem(StringBuilder md, List<Method> methods) {
        md.append("## Per problem: start loss -> best loss (simulations)\n\n| problem |");
        methods.forEach(m -> md.append(' ').append(m).append(" |"));
        md.append("\n|---|");
        methods.forEach(m -> md.append("---|"));
        md.append('\n');
        Map<String, Map<Method, BenchmarkRun>> byProblem = new LinkedHashMap<>();
        for (BenchmarkRun r : runs) {
            byProblem.computeIfAbsent(r.problem(), k -> new LinkedHashMap<>()).put(r.method(), r);
        }
        for (var e : byProblem.entrySet()) {
            md.append("| ").append(e.getKey()).append(" |");
            for (Method m : methods) {
                BenchmarkRun r = e.getValue().get(m);
                md.append(' ');
                if (r != null && r.simulations() > 0) {
                    md.append(fmt(r.startLoss())).append(" -> ").append(fmt(r.bestLoss())).append(" (")
                            .append(r.simulations()).append(')');
                    r.match().filter(x -> x.matches()).ifPresent(x -> md.append(String.format(Locale.ROOT,
                            ", match rms %.3f", x.rms().orElse(Double.NaN))));
                    if (r.status() != Status.COMPLETED) {
                        md.append(", ").append(r.status());
                    }
                } else if (r != null) {
                    md.append(r.status());
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void failures(StringBuilder md) {
        List<BenchmarkRun> bad = runs.stream().filter(r -> r.status() != Status.COMPLETED).toList();
        if (bad.isEmpty()) {
            return;
        }
        md.append("## Runs that did not complete\n\n");
        for (BenchmarkRun r : bad) {
            md.append("- ").append(r.problem()).append(" / ").append(r.method()).append(": ").append(r.status())
                    .append(r.message().map(s -> " - " + s.replace('\n', ' ')).orElse("")).append('\n');
        }
        md.append('\n');
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
    }
}
