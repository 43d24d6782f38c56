package org.activestructopt.refinement.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.BaselineRunner;
import org.activestructopt.refinement.Refinement;
import org.activestructopt.refinement.model.Budget;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.nexus.NexusResultWriter;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.CifReader;
import org.activestructopt.structure.io.CifWriter;
import org.activestructopt.structure.io.StructureFormatException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.emf.ecore.util.EcoreUtil;

/**
 * Runs refinement methods on the problems of a {@link BenchmarkSuite}: one job per problem and method, each a normal
 * job file that {@code aso refine --resume} could also continue. The directory holds
 *
 * <pre>
 * benchmark.properties              suite, seed, budgets and job template (a rerun must agree)
 * problems/ID/start.cif, target.cif the problem's structures
 * problems/ID/target.nxs            simulated spectra of the target (and the start), one file per objective
 * runs/ID/METHOD/job.xmi            the job with all its results
 * runs/ID/METHOD/seconds.txt        wall time spent on it
 * </pre>
 *
 * Every job of a problem has the problem's seed, whatever the method, and the suite's shared settings. Running again
 * in the same directory continues: completed jobs are kept, interrupted ones resume where they stopped, so a killed
 * benchmark loses at most the simulation in flight. More problems or other methods can be added to a directory later;
 * a different suite, seed, budget or job template is refused.
 * <p>
 * Problems are prepared (targets simulated) before any job runs, start first: a simulator that takes its first
 * structure as a reference ({@code exafs-ss}) then uses the start, as in a real refinement.
 */
public final class Benchmark {

    /** Runs (or resumes) one job until its budget is used; the job's results and status are saved by the runner. */
    @FunctionalInterface
    public interface JobRunner {
        /**
         * @throws JobFormatException if the job is not runnable (then the suite is at fault and the benchmark stops)
         * @throws Exception          anything else fails this job only
         */
        Results run(Job job, IProgressMonitor monitor) throws Exception;
    }

    /** Hears about the runs as they go (e.g. to print progress). All methods have empty defaults. */
    public interface Listener {
        /** A job is about to run; {@code index} counts from 1 to {@code total}. */
        default void starting(BenchmarkProblem problem, Method method, int index, int total) {
        }

        /** A job has completed, or was complete already ({@code skipped}). */
        default void finished(BenchmarkRun run, boolean skipped, int index, int total) {
        }

        /** A job failed; the benchmark goes on with the next. */
        default void failed(BenchmarkProblem problem, Method method, Exception error) {
        }
    }

    private static final String MANIFEST = "benchmark.properties";

    private final BenchmarkSuite suite;
    private final Path dir;
    private final int problemCount;
    private final int budget;
    private final int rmcBudget;
    private final List<Method> methods;
    private final Job template;

    private Benchmark(BenchmarkSuite suite, Path dir, int problemCount, int budget, int rmcBudget,
            List<Method> methods, Job template) {
        this.suite = suite;
        this.dir = dir;
        this.problemCount = problemCount;
        this.budget = budget;
        this.rmcBudget = rmcBudget;
        this.methods = List.copyOf(methods);
        this.template = template;
    }

    /**
     * @return a benchmark of every problem of the suite with the suite's methods and budget, in {@code dir}; RMC gets
     *         the same budget unless {@link #withRmcBudget(int)} says otherwise
     */
    public static Benchmark of(BenchmarkSuite suite, Path dir) {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(dir, "dir");
        return new Benchmark(suite, dir, suite.size(), suite.simulations(), suite.simulations(), suite.methods(),
                null);
    }

    /** @return a copy running the first {@code n} problems (at most all the suite has) */
    public Benchmark withProblems(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the number of problems must be at least 1, got " + n);
        }
        return new Benchmark(suite, dir, Math.min(n, suite.size()), budget, rmcBudget, methods, template);
    }

    /** @return a copy with {@code n} simulations per job; RMC keeps a larger budget if it had one */
    public Benchmark withBudget(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the budget must be at least 1 simulation, got " + n);
        }
        return new Benchmark(suite, dir, problemCount, n, Math.max(n, rmcBudget == budget ? n : rmcBudget),
                methods, template);
    }

    /**
     * @return a copy giving reverse Monte Carlo {@code n} simulations, at least the budget: a longer RMC run measures
     *         how many simulations RMC needs to reach what the other methods reach within the budget
     */
    public Benchmark withRmcBudget(int n) {
        if (n < budget) {
            throw new IllegalArgumentException("the RMC budget (" + n + ") must be at least the budget (" + budget
                    + ")");
        }
        return new Benchmark(suite, dir, problemCount, budget, n, methods, template);
    }

    /** @return a copy comparing {@code list} (in that order) */
    public Benchmark withMethods(List<Method> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no methods to compare");
        }
        if (list.stream().distinct().count() != list.size()) {
            throw new IllegalArgumentException("a method is named twice: " + list);
        }
        return new Benchmark(suite, dir, problemCount, budget, rmcBudget, list, template);
    }

    /**
     * @param job a job whose method settings every job of the benchmark takes: surrogate, optimiser, rmc and
     *            leastSquares sections and the budget's phases (e.g. a cheaper optimiser for a quick comparison).
     *            Its start, objectives, method, seed and results are not used; the suite's variation, constraints and
     *            sampler win, since the problems were generated under them.
     * @return a copy making its jobs from {@code job}
     */
    public Benchmark withJobTemplate(Job job) {
        return new Benchmark(suite, dir, problemCount, budget, rmcBudget, methods,
                Objects.requireNonNull(job, "job"));
    }

    public BenchmarkSuite suite() {
        return suite;
    }

    public Path directory() {
        return dir;
    }

    public int budget() {
        return budget;
    }

    public int rmcBudget() {
        return rmcBudget;
    }

    public List<Method> methods() {
        return methods;
    }

    /** @return the problems this benchmark runs */
    public List<BenchmarkProblem> problems() throws SuiteFormatException {
        return suite.problems(problemCount);
    }

    /** @return the surrogate service the jobs of method {@code active} use (the job template's, else the default) */
    public String surrogateName() {
        return (template != null ? template : Job.create()).surrogate().name();
    }

    /** @return the budget of one job of {@code method} */
    public int budgetOf(Method method) {
        return method == Method.RMC ? rmcBudget : budget;
    }

    /** @return the job file of a problem and method */
    public Path jobFile(String problemId, Method method) {
        return dir.resolve("runs").resolve(problemId).resolve(method.literal()).resolve("job.xmi");
    }

    /** @return the directory of a problem's structures and target spectra */
    public Path problemDirectory(String problemId) {
        return dir.resolve("problems").resolve(problemId);
    }

    // ------------------------------------------------------------------------------------------------ running

    /**
     * Prepares every problem, then runs every job that is not complete yet.
     *
     * @param simulators the simulators of the suite's objectives, by name
     * @param runner     runs one job (see {@link #engine} and {@link #baselines})
     * @param listener   hears about each job; may be null
     * @param monitor    progress (simulations) and cancellation; may be null
     * @return one run per problem and method, in problem order then method order
     * @throws SuiteFormatException     if the suite's problems or jobs are unusable, or the directory holds a
     *                                  benchmark with other settings
     * @throws SimulationException      if a target cannot be simulated
     * @throws IOException              if the directory cannot be written
     * @throws OperationCanceledException if cancelled (everything done so far is saved; run again to continue)
     */
    public List<BenchmarkRun> run(SimulatorRegistry simulators, JobRunner runner, Listener listener,
            IProgressMonitor monitor) throws SuiteFormatException, SimulationException, IOException {
        Objects.requireNonNull(simulators, "simulators");
        Objects.requireNonNull(runner, "runner");
        Listener hear = listener != null ? listener : new Listener() {
        };
        List<BenchmarkProblem> problems = problems();
        int total = problems.size() * methods.size();
        int work = problems.size() * methods.stream().mapToInt(this::budgetOf).sum();
        SubMonitor progress = SubMonitor.convert(monitor, "benchmark " + suite.name(), problems.size() + work);
        checkManifest();
        for (BenchmarkProblem p : problems) {
            prepare(p, simulators, progress.split(1));
        }
        List<BenchmarkRun> runs = new ArrayList<>();
        int index = 0;
        for (BenchmarkProblem p : problems) {
            for (Method m : methods) {
                index++;
                runs.add(runOne(p, m, runner, hear, index, total, progress.split(budgetOf(m))));
            }
        }
        return runs;
    }

    /**
     * @return the runs found in the directory for this benchmark's problems and methods (a job not started yet is
     *         left out), e.g. to write a report without running anything
     */
    public List<BenchmarkRun> collect() throws SuiteFormatException, IOException {
        List<BenchmarkRun> runs = new ArrayList<>();
        for (BenchmarkProblem p : problems()) {
            for (Method m : methods) {
                Path file = jobFile(p.id(), m);
                if (Files.isRegularFile(file)) {
                    runs.add(BenchmarkRun.of(p.id(), load(file), p.target(), readSeconds(file)));
                }
            }
        }
        return runs;
    }

    /**
     * @return the runner of every method: the engine's {@link Refinement#run} with these services (the surrogates
     *         are needed by {@code active} only)
     */
    public static JobRunner engine(SimulatorRegistry simulators, SurrogateRegistry surrogates) {
        Objects.requireNonNull(simulators, "simulators");
        return (job, monitor) -> Refinement.run(job, simulators, surrogates, monitor);
    }

    /**
     * The runner for the baseline methods only ({@link BaselineRunner}), for callers without surrogate services; it
     * refuses {@code active}.
     */
    public static JobRunner baselines(SimulatorRegistry registry) {
        return (job, monitor) -> {
            if (job.method() == Method.ACTIVE) {
                throw new UnsupportedOperationException("method 'active' needs the active-learning engine; this "
                        + "runner runs the baselines only");
            }
            return BaselineRunner.run(job, registry, monitor);
        };
    }

    private BenchmarkRun runOne(BenchmarkProblem p, Method m, JobRunner runner, Listener hear, int index, int total,
            IProgressMonitor monitor) throws SuiteFormatException, IOException {
        Path file = jobFile(p.id(), m);
        Job job;
        if (Files.isRegularFile(file)) {
            job = load(file);
            if (job.hasResults() && job.results().status() == Status.COMPLETED) {
                BenchmarkRun run = BenchmarkRun.of(p.id(), job, p.target(), readSeconds(file));
                hear.finished(run, true, index, total);
                return run;
            }
        } else {
            Files.createDirectories(file.getParent());
            job = newJob(p, m, file.getParent());
            job.saveAs(file);
        }
        hear.starting(p, m, index, total);
        long t0 = System.nanoTime();
        try {
            runner.run(job, monitor);
        } catch (JobFormatException e) {
            throw new SuiteFormatException(suite.file() + ": the job made for " + p.id() + " / " + m + " is "
                    + "rejected: " + e.getMessage(), e);
        } catch (OperationCanceledException e) {
            addSeconds(file, t0);
            throw e;
        } catch (Exception e) {
            if (!job.hasResults() || job.results().status() == Status.RUNNING) {
                job.results().setStatus(Status.FAILED, String.valueOf(e.getMessage()));
                job.save();
            }
            hear.failed(p, m, e);
        }
        double seconds = addSeconds(file, t0);
        BenchmarkRun run = BenchmarkRun.of(p.id(), job, p.target(), seconds);
        hear.finished(run, false, index, total);
        return run;
    }

    /** A fresh job of the suite for one problem and method, its files named relative to its own directory. */
    Job newJob(BenchmarkProblem p, Method m, Path jobDir) {
        Job job = template == null ? Job.create() : Job.of(EcoreUtil.copy(template.eObject()));
        job.clearResults().clearReference();
        while (!job.objectives().isEmpty()) {
            job.removeObjective(0);
        }
        job.setName(suite.name() + " " + p.id() + " " + m.literal());
        suite.configure(job);
        if (template != null) {
            Budget b = template.budget();
            job.budget().setInitial(b.initial()).setCalibration(b.calibration()).setExploit(b.exploit());
        }
        job.setSeed(p.seed()).setMethod(m).setVariation(p.variation());
        Path problemDir = problemDirectory(p.id());
        job.start().setFile(relative(jobDir, problemDir.resolve("start.cif")));
        job.referenceOrCreate().setFile(relative(jobDir, problemDir.resolve("target.cif")));
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < suite.objectives().size(); i++) {
            targets.add(relative(jobDir, problemDir.resolve(targetFileName(i))));
        }
        suite.addObjectives(job, targets);
        fitPhases(job.budget(), budgetOf(m), suite.simulations());
        return job;
    }

    /**
     * Sets the budget; when the active loop's phases (meant for {@code planned} simulations) do not fit into a small
     * budget they are scaled down in proportion (at least the start stays in the initial set), so that a short trial
     * run is still a valid job.
     */
    static void fitPhases(Budget b, int simulations, int planned) {
        int fixed = b.initial() + b.calibration() + b.exploit();
        if (fixed > simulations) {
            double scale = (double) simulations / Math.max(planned, fixed);
            int initial = Math.max(1, (int) Math.round(b.initial() * scale));
            int calibration = Math.min(simulations - initial, (int) Math.round(b.calibration() * scale));
            int exploit = Math.min(simulations - initial - calibration, (int) Math.round(b.exploit() * scale));
            b.setInitial(initial).setCalibration(calibration).setExploit(exploit);
        }
        b.setSimulations(simulations);
    }

    private static String relative(Path from, Path to) {
        return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    /** @return the file name of objective {@code i}'s target spectra */
    String targetFileName(int i) {
        return suite.objectives().size() == 1 ? "target.nxs" : "target-" + (i + 1) + ".nxs";
    }

    /**
     * Writes a problem's structures and simulates its target spectra (the start first). Done in every session,
     * because the results are the same and a reference-taking simulator must see the start first.
     */
    void prepare(BenchmarkProblem p, SimulatorRegistry simulators, IProgressMonitor monitor)
            throws SuiteFormatException, SimulationException, IOException {
        Path pd = problemDirectory(p.id());
        Files.createDirectories(pd);
        CifWriter.write(p.start(), pd.resolve("start.cif"));
        CifWriter.write(p.target(), pd.resolve("target.cif"));
        // the jobs read the start back from its CIF: simulate exactly that structure
        Structure start = readBack(pd.resolve("start.cif"));
        List<SuiteObjective> objectives = suite.objectives();
        SubMonitor progress = SubMonitor.convert(monitor, 2 * objectives.size());
        for (int i = 0; i < objectives.size(); i++) {
            SuiteObjective o = objectives.get(i);
            Simulator simulator;
            Settings settings;
            try {
                simulator = simulators.get(o.simulator());
                settings = simulator.settings(o.settings());
            } catch (IllegalArgumentException e) {
                throw new SuiteFormatException(suite.file() + ": objectives[" + i + "]: " + e.getMessage(), e);
            }
            Grid grid = o.grid().orElse(simulator.descriptor().defaultGrid());
            Spectrum startSpectrum = simulator.simulate(start, grid, settings, progress.split(1));
            Spectrum targetSpectrum = simulator.simulate(p.target(), grid, settings, progress.split(1));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("suite", suite.name());
            params.put("problem", p.id());
            params.put("title", p.title());
            params.put("seed", Long.toString(suite.seed()));
            params.put("simulator", o.simulator());
            params.put("settings", o.settings().toString());
            NexusResultWriter.create().process("ActiveStructOpt benchmark suite " + suite.name(), "", params)
                    .title(p.title()).spectrum("target", targetSpectrum).spectrum("start", startSpectrum)
                    .defaultData("target").write(pd.resolve(targetFileName(i)));
        }
    }

    private static Structure readBack(Path cif) throws IOException {
        try {
            return CifReader.defaults().read(cif);
        } catch (StructureFormatException e) {
            throw new IOException(cif + ": the CIF just written cannot be read back: " + e.getMessage(), e);
        }
    }

    private static Job load(Path file) throws SuiteFormatException, IOException {
        try {
            return Job.load(file);
        } catch (JobFormatException e) {
            throw new SuiteFormatException(e.getMessage(), e);
        }
    }

    /** Records the suite, seed and budgets on the first run; later runs in the directory must agree. */
    private void checkManifest() throws IOException, SuiteFormatException {
        Properties expected = new Properties();
        expected.setProperty("suite", suite.name());
        expected.setProperty("seed", Long.toString(suite.seed()));
        expected.setProperty("budget", Integer.toString(budget));
        expected.setProperty("rmcBudget", Integer.toString(rmcBudget));
        expected.setProperty("jobTemplate", template == null ? "none"
                : template.file().map(f -> f.toAbsolutePath().normalize().toString()).orElse("(not saved)"));
        Path file = dir.resolve(MANIFEST);
        if (Files.isRegularFile(file)) {
            Properties found = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                found.load(in);
            }
            List<String> differ = new ArrayList<>();
            for (String key : new java.util.TreeSet<>(expected.stringPropertyNames())) {
                if (!expected.getProperty(key).equals(found.getProperty(key))) {
                    differ.add(key + "=" + found.getProperty(key) + " (not " + expected.getProperty(key) + ")");
                }
            }
            if (!differ.isEmpty()) {
                throw new SuiteFormatException(dir + " holds a benchmark with " + String.join(", ", differ)
                        + "; continue it with those settings or choose another directory");
            }
            return;
        }
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(file)) {
            expected.store(out, "aso benchmark: runs in this directory continue with the same settings");
        }
    }

    private static double readSeconds(Path jobFile) throws IOException {
        Path f = jobFile.resolveSibling("seconds.txt");
        if (!Files.isRegularFile(f)) {
            return 0;
        }
        try {
            return Double.parseDouble(Files.readString(f, StandardCharsets.UTF_8).strip());
        } catch (NumberFormatException e) {
            throw new IOException(f + ": not a number of seconds", e);
        }
    }

    private static double addSeconds(Path jobFile, long t0) throws IOException {
        double total = readSeconds(jobFile) + (System.nanoTime() - t0) * 1e-9;
        Files.writeString(jobFile.resolveSibling("seconds.txt"), Double.toString(total) + "\n",
                StandardCharsets.UTF_8);
        return total;
    }

    @Override
    public String toString() {
        return "Benchmark " + suite.name() + " in " + dir + ": " + problemCount + " problems x " + methods
                + ", budget " + budget + (rmcBudget != budget ? " (rmc " + rmcBudget + ")" : "");
    }
}
