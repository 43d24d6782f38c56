package org.activestructopt.app.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.benchmark.Benchmark;
import org.activestructopt.refinement.benchmark.BenchmarkProblem;
import org.activestructopt.refinement.benchmark.BenchmarkReport;
import org.activestructopt.refinement.benchmark.BenchmarkRun;
import org.activestructopt.refinement.benchmark.BenchmarkSuite;
import org.activestructopt.refinement.benchmark.SuiteFormatException;
import org.activestructopt.refinement.benchmark.SuiteObjective;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.ModelEnum;
import org.activestructopt.refinement.model.Status;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code aso benchmark}: runs refinement methods on a benchmark suite and writes a markdown report with the curves of
 * median best loss against simulations. The output directory keeps every job, so a rerun continues an interrupted
 * benchmark and {@code --report-only} rewrites the report.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, description = {
        "Run refinement methods on the problems of a benchmark suite (one job per problem and method) and write",
        "report.md and curves.png into the output directory: the median best loss after n simulations, the",
        "simulations reverse Monte Carlo needs to reach each method's final median, the match rate of the best",
        "structures and the wall time. Running again with the same --out continues where it stopped." })
public final class BenchmarkCommand implements Callable<Integer> {

    /** How long to wait for a simulator service that Declarative Services has not registered yet. */
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(20);

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SUITE", description = "A bundled suite (see --list) or the path of a "
            + "suite.json or of its directory.")
    private String suiteName;

    @Option(names = "--list", description = "List the bundled suites and exit.")
    private boolean list;

    @Option(names = "--problems", paramLabel = "N", description = "Run the first N problems (default: all).")
    private Integer problems;

    @Option(names = "--budget", paramLabel = "N", description = "Simulations per job (default: the suite's).")
    private Integer budget;

    @Option(names = "--rmc-budget", paramLabel = "N", description = "Simulations of reverse Monte Carlo, at least "
            + "the budget, to measure how many it needs to match the others (default: the budget).")
    private Integer rmcBudget;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD", description = "Methods to compare, e.g. "
            + "active,rmc,random,leastSquares (default: the suite's).")
    private List<String> methods;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: aso-benchmark-SUITE).")
    private Path out;

    @Option(names = "--job-template", paramLabel = "JOB.xmi", description = "A job file whose method settings "
            + "(surrogate, optimiser, rmc, leastSquares, budget phases) every job takes; the suite gives the rest.")
    private Path jobTemplate;

    @Option(names = "--report-only", description = "Write the report from the runs in --out without running "
            + "anything.")
    private boolean reportOnly;

    @Override
    public Integer call() throws UserException, IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (String name : BenchmarkSuite.bundledNames()) {
                BenchmarkSuite s = load(name);
                stdout.printf(Locale.ROOT, "%-12s %3d problems  %s%n", name, s.size(), firstSentence(s.description()));
            }
            return 0;
        }
        if (suiteName == null) {
            throw new UserException("name a SUITE (bundled: " + String.join(", ", BenchmarkSuite.bundledNames())
                    + ") or the path of a suite.json");
        }
        BenchmarkSuite suite = load(suiteName);
        Path dir = out != null ? out : Path.of("aso-benchmark-" + suite.name());
        Benchmark benchmark = configure(suite, dir, err);

        BundleContext context = FrameworkUtil.getBundle(BenchmarkCommand.class).getBundleContext();
        List<BenchmarkRun> runs;
        long t0 = System.nanoTime();
        try (SimulatorRegistry simulators = SimulatorRegistry.open(context);
                SurrogateRegistry surrogates = SurrogateRegistry.open(context)) {
            if (reportOnly) {
                runs = benchmark.collect();
                if (runs.isEmpty()) {
                    throw new UserException(dir + " holds no runs of this benchmark");
                }
            } else {
                awaitSimulators(suite, simulators);
                if (benchmark.methods().contains(Method.ACTIVE)) {
                    awaitSurrogate(benchmark, surrogates);
                }
                err.println("benchmark " + suite.name() + ": " + benchmark.problems().size() + " problems x "
                        + benchmark.methods() + ", budget " + benchmark.budget()
                        + (benchmark.rmcBudget() != benchmark.budget() ? " (rmc " + benchmark.rmcBudget() + ")" : "")
                        + ", in " + dir.toAbsolutePath().normalize());
                runs = benchmark.run(simulators, Benchmark.engine(simulators, surrogates), new Lines(err), null);
            }
        } catch (SuiteFormatException e) {
            throw new UserException(e.getMessage(), e);
        } catch (SimulationException e) {
            throw new UserException("a target spectrum could not be simulated: " + e.getMessage(), Aso.EXIT_FAILURE);
        } catch (OperationCanceledException e) {
            throw new UserException("cancelled; run the same command again to continue", Aso.EXIT_FAILURE);
        }
        Path report = writeReport(benchmark, runs, dir);
        summary(stdout, BenchmarkReport.of(benchmark, runs), benchmark);
        stdout.printf(Locale.ROOT, "report: %s (%.1f s)%n", report.toAbsolutePath().normalize(),
                (System.nanoTime() - t0) * 1e-9);
        long bad = runs.stream().filter(r -> r.status() != Status.COMPLETED).count();
        if (bad > 0) {
            err.println("aso benchmark: " + bad + " of " + runs.size() + " runs did not complete; see the report");
            return Aso.EXIT_FAILURE;
        }
        return 0;
    }

    private Benchmark configure(BenchmarkSuite suite, Path dir, PrintWriter err) throws UserException {
        try {
            Benchmark b = Benchmark.of(suite, dir);
            if (problems != null) {
                b = b.withProblems(problems);
            }
            if (budget != null) {
                b = b.withBudget(budget);
            }
            if (rmcBudget != null) {
                b = b.withRmcBudget(rmcBudget);
            }
            if (jobTemplate != null) {
                b = b.withJobTemplate(RefineCommand.loadJob(jobTemplate, "--job-template: "));
            }
            List<Method> chosen = new ArrayList<>();
            if (methods != null) {
                for (String m : methods) {
                    try {
                        chosen.add(ModelEnum.of(Method.class, m.strip()));
                    } catch (IllegalArgumentException e) {
                        throw new UserException("--methods: " + e.getMessage());
                    }
                }
            } else {
                chosen.addAll(b.methods());
            }
            return b.withMethods(chosen);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }

    private static BenchmarkSuite load(String nameOrPath) throws UserException {
        try {
            return BenchmarkSuite.find(nameOrPath);
        } catch (SuiteFormatException e) {
            throw new UserException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException(nameOrPath + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static void awaitSimulators(BenchmarkSuite suite, SimulatorRegistry simulators) throws UserException {
        for (SuiteObjective o : suite.objectives()) {
            try {
                if (simulators.await(o.simulator(), SERVICE_WAIT).isEmpty()) {
                    throw new UserException(suite.file() + ": simulator '" + o.simulator() + "' is not available; "
                            + "available: " + simulators.available().keySet(), Aso.EXIT_FAILURE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserException("interrupted while waiting for simulator " + o.simulator(), Aso.EXIT_FAILURE);
            }
        }
    }

    private static void awaitSurrogate(Benchmark benchmark, SurrogateRegistry surrogates) throws UserException {
        String name = benchmark.surrogateName();
        try {
            if (surrogates.await(name, SERVICE_WAIT).isEmpty()) {
                throw new UserException("surrogate '" + name + "' for method 'active' is not available; available: "
                        + surrogates.available().keySet(), Aso.EXIT_FAILURE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted while waiting for surrogate " + name, Aso.EXIT_FAILURE);
        }
    }

    /** Writes curves.png and report.md into the benchmark directory. */
    static Path writeReport(Benchmark benchmark, List<BenchmarkRun> runs, Path dir) throws IOException {
        BenchmarkReport report = BenchmarkReport.of(benchmark, runs);
        Map<String, double[]> medians = new LinkedHashMap<>();
        Map<String, List<double[]>> individual = new LinkedHashMap<>();
        for (Method m : report.methods()) {
            double[] c = report.medianCurve(m);
            if (c.length > 0) {
                medians.put(m.literal(), c);
                individual.put(m.literal(), report.curves(m));
            }
        }
        Files.createDirectories(dir);
        List<BenchmarkReport.Figure> figures = new ArrayList<>();
        if (!medians.isEmpty()) {
            Plots.writeCurves("suite " + benchmark.suite().name() + ": best loss vs simulations", medians, individual,
                    dir.resolve("curves.png"));
            figures.add(new BenchmarkReport.Figure("Best loss against simulations: median over problems (thick) and "
                    + "each problem (thin)", "curves.png"));
        }
        var histogram = benchmark.suite().histogram();
        if (histogram.isPresent()) {
            var h = histogram.get();
            for (String problem : report.problems()) {
                Map<String, double[]> distances = new LinkedHashMap<>();
                report.pairDistances(problem).forEach(d -> distances.put(d.structure(), d.values()));
                String png = "distances-" + problem + ".png";
                Plots.writeDistanceHistogram(problem + ": " + h.label() + " distances", h.label(), distances, h.rmax(),
                        h.width(), dir.resolve(png));
                figures.add(new BenchmarkReport.Figure(h.label() + " distances of " + problem + ": start, target and "
                        + "each method's best", png));
            }
        }
        Path file = dir.resolve("report.md");
        report.write(file, figures);
        return file;
    }

    private static void summary(PrintWriter out, BenchmarkReport report, Benchmark benchmark) {
        int budget = benchmark.budget();
        for (Method m : report.methods()) {
            out.printf(Locale.ROOT, "%-13s median best loss after %d: %.4g; matches %d/%d; %.1f s%n", m, budget,
                    report.medianAfter(m, budget), report.matches(m), report.runs(m).size(), report.seconds(m));
        }
        for (Method m : report.methods()) {
            report.rmcToReach(m).ifPresent(r -> out.println(r.rmcSimulations() < 0
                    ? String.format(Locale.ROOT, "rmc does not reach the median of %s (%.4g) within %d simulations",
                            m, r.level(), r.rmcBudget())
                    : String.format(Locale.ROOT, "rmc needs %d simulations for the median of %s after %d (%.4g): "
                            + "%.3gx", r.rmcSimulations(), m, budget, r.level(), r.ratio(budget))));
        }
    }

    private static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        return dot < 0 ? text : text.substring(0, dot + 1);
    }

    /** One line per job on stderr. */
    private static final class Lines implements Benchmark.Listener {
        private final PrintWriter err;

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void starting(BenchmarkProblem problem, Method method, int index, int total) {
            err.printf(Locale.ROOT, "[%d/%d] %s %s ...%n", index, total, problem.id(), method);
            err.flush();
        }

        @Override
        public void finished(BenchmarkRun run, boolean skipped, int index, int total) {
            err.printf(Locale.ROOT, "[%d/%d] %s %s: %s%d simulations, loss %.4g -> %.4g%s, %.1f s%n", index, total,
                    run.problem(), run.method(), skipped ? "complete already, " : "", run.simulations(),
                    run.startLoss(), run.bestLoss(), run.matches() ? " (matches the target)" : "", run.seconds());
            err.flush();
        }

        @Override
        public void failed(BenchmarkProblem problem, Method method, Exception error) {
            err.printf(Locale.ROOT, "[!] %s %s failed: %s%n", problem.id(), method, error.getMessage());
            err.flush();
        }
    }
}
