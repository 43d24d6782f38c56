package org.activestructopt.app.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.Metrics;
import org.activestructopt.refinement.ObjectiveTerm;
import org.activestructopt.refinement.Refinement;
import org.activestructopt.refinement.RefinementProblem;
import org.activestructopt.refinement.ResultFile;
import org.activestructopt.refinement.RunLock;
import org.activestructopt.refinement.RunWriteException;
import org.activestructopt.refinement.SamplingException;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.RunJournal;
import org.activestructopt.refinement.model.StructureSource;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.match.MatchResult;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code aso refine}: runs a refinement job headless. The run directory holds the job with all results (saved as
 * the run goes, so {@code --resume} continues a killed run), the best structure and a NeXus file of the spectra.
 */
@Command(name = "refine", mixinStandardHelpOptions = true, description = {
        "Run a refinement job (job.xmi) and write job.xmi with all results, best.cif, result.nxs and PNG plots into",
        "the run directory. Methods: active (the active-learning loop on a GNN surrogate), leastSquares, rmc, random." })
public final class RefineCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private What what;

    static final class What {
        @Parameters(paramLabel = "JOB", description = "Job file (XMI) to run; its relative file names are resolved "
                + "against its own directory.")
        Path job;

        @Option(names = "--example", paramLabel = "NAME", arity = "0..1", fallbackValue = Examples.DEFAULT,
                description = "Run a bundled example by name ('aso examples' lists them); without NAME: "
                        + Examples.DEFAULT + ".")
        String example;

        @Option(names = "--resume", paramLabel = "RUN_DIR",
                description = "Continue the run in RUN_DIR where it stopped, without repeating simulations.")
        Path resume;

        @Option(names = "--target", paramLabel = "FILE[#PATH]",
                description = "Quick form without a job file: the measured spectrum, a NeXus file (optionally #hdf5 path "
                        + "of the signal) or a two-column file; needs --start. Runs the active loop with the defaults.")
        String target;
    }

    @Option(names = "--start", paramLabel = "START", description = "Quick form: the start structure (CIF, POSCAR, extxyz).")
    private Path start;

    @Option(names = "--simulator", paramLabel = "NAME", defaultValue = "pdf",
            description = "Quick form: the simulator service of the target. Default: ${DEFAULT-VALUE}.")
    private String simulator;

    @Option(names = "--budget", paramLabel = "N",
            description = "Quick form: simulations (default 200); for the active loop the phases keep the method's "
                    + "shares (5 % initial, at least 8; 10 % calibration, at least 5; 20 % exploit).")
    private Integer budget;

    @Option(names = "--vary", paramLabel = "coords|lattice", defaultValue = "coords",
            description = "Quick form: vary the coordinates only, or the lattice too. Default: ${DEFAULT-VALUE}.")
    private String vary;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "active",
            description = "Quick form: active, leastSquares, rmc, random or gpbo. Default: ${DEFAULT-VALUE}.")
    private String method;

    @Option(names = "--range", paramLabel = "XMIN,XMAX", split = ",",
            description = "Quick form: fit only the target's points with XMIN <= x <= XMAX (e.g. r in angstrom).")
    private List<Double> range;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Quick form: a setting of the simulator (e.g. qmax=27); repeat for more.")
    private Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--refine", paramLabel = "NAME[=VALUE]", split = ",",
            description = "Quick form: nuisance parameters to refine (e.g. scale,qdamp,delta2,uiso), optionally with "
                    + "a start value. Default: refined for measured targets, fixed for this project's simulations.")
    private List<String> refine = new ArrayList<>();

    @Option(names = "--fix", paramLabel = "NAME[=VALUE]", split = ",",
            description = "Quick form: nuisance parameters to hold fixed, optionally at a value (e.g. qdamp=0.045).")
    private List<String> fix = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "aso-run",
            description = "Run directory (created; must not hold a run already). Default: ${DEFAULT-VALUE}.")
    private Path out;

    /** Exit code of a run stopped by Ctrl-C (SIGINT), as a shell reports a process ended by that signal. */
    static final int EXIT_INTERRUPTED = 130;
    /** How long a Ctrl-C waits for the simulation in flight to end so that the status can be saved. */
    private static final long CANCEL_WAIT_SECONDS = 60;

    @Override
    public Integer call() throws UserException, IOException {
        Path runDir = what.resume != null ? what.resume : out;
        if (what.target == null && (start != null || budget != null || range != null || !refine.isEmpty()
                || !fix.isEmpty() || !set.isEmpty() || !"active".equals(method))) {
            throw new UserException("--start, --budget, --method, --range, --set, --refine and --fix belong to the quick "
                    + "form: aso refine --target FILE --start START [--budget N] [--vary coords|lattice] "
                    + "[--method M] [--range XMIN,XMAX] [--set KEY=VALUE] [--refine NAMES] [--fix NAMES]");
        }
        if (what.example != null) {
            Examples.require(what.example);
        }
        if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
            throw new UserException((what.resume != null ? "--resume " : "--out ") + runDir
                    + " is a file, not a run directory");
        }
        if (what.resume != null && !Files.isRegularFile(runDir.resolve("job.xmi"))) {
            throw new UserException("--resume " + runDir + ": no run there (no job.xmi)");
        }
        Bundle bundle = FrameworkUtil.getBundle(RefineCommand.class);
        var err = spec.commandLine().getErr();
        var stdout = spec.commandLine().getOut();
        try (SimulatorRegistry registry = SimulatorRegistry.open(bundle.getBundleContext());
                SurrogateRegistry surrogates = SurrogateRegistry.open(bundle.getBundleContext())) {
            // checked before the run directory is touched: a job that cannot run leaves nothing behind
            Job prepared = what.resume != null ? null
                    : what.example != null ? null : what.target != null ? quick(registry) : load(what.job);
            if (prepared != null) {
                resolve(prepared, registry);
            }
            try (RunLock lock = lock(runDir, err)) {
                boolean fresh = what.resume == null;
                Job job;
                if (fresh) {
                    requireFreshRunDirectory(runDir);
                    job = what.example != null ? load(Examples.copy(what.example, runDir)) : save(prepared, runDir);
                } else {
                    job = load(runDir.resolve("job.xmi"));
                }
                try {
                    return run(job, registry, surrogates, runDir, err, stdout);
                } catch (UserException | RuntimeException e) {
                    if (fresh && (!job.hasResults() || job.results().size() == 0)) {
                        // nothing was simulated: the corrected retry must not find a run here
                        Files.deleteIfExists(runDir.resolve("job.xmi"));
                        Files.deleteIfExists(RunJournal.fileOf(runDir.resolve("job.xmi")));
                    }
                    throw e;
                }
            }
        }
    }

    private Integer run(Job job, SimulatorRegistry registry, SurrogateRegistry surrogates, Path runDir,
            PrintWriter err, PrintWriter stdout) throws UserException {
        Path jobFile = runDir.resolve("job.xmi");
        RefinementProblem problem;
        try {
            problem = RefinementProblem.fromJob(job, registry);
        } catch (JobFormatException e) {
            throw new UserException(e.getMessage(), e);
        }
        TerminalProgress progress = new TerminalProgress(err, job);
        CountDownLatch ended = new CountDownLatch(1);
        // Ctrl-C: stop after the simulation in flight, so that the job file says "cancelled" and the message is out
        Thread onSignal = new Thread(() -> {
            progress.setCanceled(true);
            try {
                ended.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "aso-refine-cancel");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            Results results;
            try {
                results = Refinement.run(job, registry, surrogates, progress);
            } finally {
                progress.finish();
            }
            writeOutputs(job, results, problem, runDir);
            report(stdout, job, results, problem, runDir);
            return 0;
        } catch (JobFormatException e) {
            throw new UserException(e.getMessage(), e);
        } catch (SimulationException | SamplingException e) {
            throw new UserException("refinement failed after " + job.results().size() + " simulations: "
                    + e.getMessage() + " (results so far in " + jobFile + "; --resume continues)",
                    Aso.EXIT_FAILURE);
        } catch (RunWriteException e) {
            throw new UserException(e.getMessage() + "; the " + job.results().size() + " simulations before it are "
                    + "safe in " + runDir + (e.isDiskFull() ? "; free some space, then" : "; fix that, then")
                    + " resume with: aso refine --resume " + runDir, Aso.EXIT_FAILURE);
        } catch (OperationCanceledException e) {
            // printed here, not by the caller: after a Ctrl-C the JVM ends as soon as this method returns
            err.println("aso refine: cancelled after " + job.results().size() + " simulations (saved in " + jobFile
                    + "); resume with: aso refine --resume " + runDir);
            err.flush();
            return EXIT_INTERRUPTED;
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running
            }
        }
    }

    /** Locks the run directory (created if absent) for this run's life, or says in one line who holds it. */
    private static RunLock lock(Path dir, PrintWriter err) throws UserException, IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UserException("--out " + dir + " is a file, not a run directory");
        }
        RunLock lock;
        try {
            lock = RunLock.acquire(dir);
        } catch (RunLock.LockedException e) {
            throw new UserException(e.getMessage(), e);
        }
        lock.takenOver().ifPresent(h -> err.println("aso refine: note: took over the lock of " + dir + " left by "
                + h + ", which is no longer running"));
        return lock;
    }

    /** Reads the job's files as the run will, every problem naming the job file the user gave. */
    private static void resolve(Job job, SimulatorRegistry registry) throws UserException {
        try {
            RefinementProblem.fromJob(job, registry);
        } catch (JobFormatException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    /** The quick form: a job with the method's defaults from a target, a start and the few options given. */
    private Job quick(SimulatorRegistry registry) throws UserException {
        if (start == null) {
            throw new UserException("--target needs --start START (the structure to refine from)");
        }
        if (!Files.isRegularFile(start)) {
            throw new UserException("cannot read start structure " + start + ": no such file (--start)");
        }
        int hash = what.target.indexOf('#');
        Path targetFile = Path.of(hash < 0 ? what.target : what.target.substring(0, hash));
        if (!Files.isRegularFile(targetFile)) {
            throw new UserException("cannot read target " + targetFile + ": no such file (--target)");
        }
        Variation variation = switch (vary) {
        case "coords" -> Variation.COORDINATES;
        case "lattice" -> Variation.COORDINATES_AND_LATTICE;
        default -> throw new UserException("--vary must be coords or lattice, not '" + vary + "'");
        };
        Method m = java.util.Arrays.stream(Method.values()).filter(v -> v.toString().equals(method)).findFirst()
                .orElseThrow(() -> new UserException("--method must be one of " + String.join(", ", java.util.Arrays
                        .stream(Method.values()).map(Method::toString).toList()) + ", not '" + method + "'"));
        Job job = Job.create().setMethod(m).setVariation(variation)
                .setName(start.getFileName() + " against " + targetFile.getFileName());
        job.start().setFile(start.toAbsolutePath().toString());
        String name = targetFile.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean nexus = java.util.List.of(".nxs", ".nx5", ".h5", ".hdf5", ".hdf").stream().anyMatch(name::endsWith);
        // NeXus: '#' names the signal's HDF5 path; text formats: reader options (columns, kweight, format, group)
        Objective objective = job.addObjective(simulator, targetFile.toAbsolutePath()
                + (hash >= 0 && !nexus ? what.target.substring(hash) : ""));
        if (hash >= 0 && nexus) {
            objective.target().setSignal(what.target.substring(hash + 1));
        }
        set.forEach(objective::setSetting);
        if (range != null) {
            if (range.size() != 2 || !(range.get(0) < range.get(1))) {
                throw new UserException("--range needs XMIN,XMAX with XMIN < XMAX, not " + range);
            }
            objective.target().setRange(range.get(0), range.get(1));
        }
        nuisance(objective, registry);
        if (budget != null) {
            if (budget < 20 && m == Method.ACTIVE) {
                throw new UserException("--budget " + budget + " is too small for the active loop (at least 20)");
            }
            if (m == Method.ACTIVE) {
                job.budget().setSimulations(budget).setInitial(Math.max(8, budget / 20))
                        .setCalibration(Math.max(5, budget / 10)).setExploit(budget / 5);
            } else {
                // the phases belong to the active loop; a baseline only needs them to fit in its budget
                job.budget().setSimulations(budget).setInitial(1).setCalibration(0).setExploit(0);
            }
        }
        return job;
    }

    /**
     * The quick form's --refine and --fix as the objective's nuisance entries; a name the simulator does not have is
     * named with the ones it has, before anything runs.
     */
    private void nuisance(Objective objective, SimulatorRegistry registry) throws UserException {
        if (refine.isEmpty() && fix.isEmpty()) {
            return;
        }
        java.util.Set<String> known = new java.util.LinkedHashSet<>();
        try {
            if (registry.get(simulator) instanceof org.activestructopt.api.NuisanceSimulator ns) {
                ns.nuisanceParameters().forEach(p -> known.add(p.name()));
            }
        } catch (IllegalArgumentException e) {
            throw new UserException("--simulator " + simulator + ": " + e.getMessage(), e);
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (String option : List.of("--refine", "--fix")) {
            for (String item : option.equals("--refine") ? refine : fix) {
                int eq = item.indexOf('=');
                String name = (eq < 0 ? item : item.substring(0, eq)).strip();
                boolean family = known.stream().anyMatch(k -> k.startsWith(name + "_"));
                if (!known.contains(name) && !family) {
                    throw new UserException(option + " " + name + ": not a nuisance parameter of simulator '"
                            + simulator + "'; " + (known.isEmpty() ? "it has none" : "it has: "
                                    + String.join(", ", shortNames(known))));
                }
                String before = seen.put(name, option);
                if (before != null) {
                    throw new UserException(option + " " + name + ": already given by " + before);
                }
                var entry = objective.nuisanceEntry(name).setRefine(option.equals("--refine"));
                if (eq >= 0) {
                    try {
                        entry.setValue(Double.parseDouble(item.substring(eq + 1).strip()));
                    } catch (NumberFormatException e) {
                        throw new UserException(option + " " + item + ": '" + item.substring(eq + 1)
                                + "' is not a number");
                    }
                }
            }
        }
    }

    /** @return the names, families (uiso_H ... uiso_Og) shortened to "uiso, uiso_ELEMENT" */
    private static List<String> shortNames(java.util.Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            int u = n.indexOf('_');
            String prefix = u > 0 ? n.substring(0, u) : null;
            if (prefix != null && names.contains(prefix)) {
                if (!out.contains(prefix + "_ELEMENT")) {
                    out.add(prefix + "_ELEMENT");
                }
            } else {
                out.add(n);
            }
        }
        return out;
    }

    private static Job load(Path file) throws UserException {
        return loadJob(file, "");
    }

    /**
     * Reads a job file for a command, every failure a {@link UserException} naming the file.
     *
     * @param label how the command line named the file (e.g. {@code "--job-template: "}), put before a missing file
     */
    static Job loadJob(Path file, String label) throws UserException {
        if (!Files.isRegularFile(file)) {
            throw new UserException(label + file + (Files.isDirectory(file) ? ": is a directory, not a job file"
                    : ": no such job file"));
        }
        try {
            return Job.load(file);
        } catch (JobFormatException e) {
            throw new UserException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireFreshRunDirectory(Path dir) throws UserException {
        if (Files.exists(dir.resolve("job.xmi"))) {
            throw new UserException(dir + " already holds a run; continue it with --resume " + dir
                    + " or choose another --out");
        }
    }

    /**
     * Writes a prepared job into the run directory. The job's own file names are made absolute first, so the copy
     * still finds its inputs.
     */
    private static Job save(Job job, Path dir) throws UserException {
        absolute(job, job.start());
        job.reference().ifPresent(r -> absolute(job, r));
        for (Objective o : job.objectives()) {
            o.target().setFile(job.resolve(o.target().file()).toString());
        }
        Path file = dir.resolve("job.xmi");
        try {
            job.saveAs(file);
        } catch (IOException e) {
            throw new UserException(new RunWriteException(file, e).getMessage(), Aso.EXIT_FAILURE);
        }
        return job;
    }

    private static void absolute(Job job, StructureSource source) {
        source.file().ifPresent(f -> source.setFile(job.resolve(f).toString()));
    }

    private static void writeOutputs(Job job, Results results, RefinementProblem problem, Path dir)
            throws UserException {
        Candidate best = results.best().orElseThrow(() -> new UserException("no successful simulation: nothing "
                + "to write", Aso.EXIT_FAILURE));
        StructureArgs.write(best.structure(), dir.resolve("best.cif"));
        List<ObjectiveTerm> terms = problem.objective().terms();
        List<ResultFile.Simulation> runs = new ArrayList<>();
        for (Candidate c : results.candidates()) {
            List<Spectrum> spectra = new ArrayList<>();
            for (int i = 0; i < c.spectrumCount(); i++) {
                spectra.add(c.spectrum(i));
            }
            runs.add(new ResultFile.Simulation(c.loss(), c.isFailed() ? new double[0] : c.losses(), spectra));
        }
        try {
            ResultFile.writer(job.objectives().stream().map(Objective::simulator).toList(),
                    terms.stream().map(ObjectiveTerm::target).toList(), runs)
                    .process("ActiveStructOpt aso refine",
                            FrameworkUtil.getBundle(RefineCommand.class).getVersion().toString(),
                            withFit(parameters(job), best, job))
                    .title(job.name().orElse("refinement")).write(dir.resolve(ResultFile.NAME));
        } catch (IOException e) {
            throw new UserException(dir.resolve(ResultFile.NAME) + ": cannot be written: " + e.getMessage(), e);
        }
        try {
            Plots.writeRunPlots(job, problem, dir);
        } catch (IOException e) {
            throw new UserException("plots in " + dir + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> withFit(Map<String, String> p, Candidate best, Job job) {
        p.putAll(ResultFile.fitParameters(best, job.objectives().stream().map(Objective::simulator).toList()));
        return p;
    }

    private static Map<String, String> parameters(Job job) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("job", job.file().map(Path::toString).orElse(""));
        p.put("method", job.method().toString());
        p.put("seed", Long.toString(job.seed()));
        p.put("simulations", Integer.toString(job.budget().simulations()));
        List<String> objectives = new ArrayList<>();
        for (Objective o : job.objectives()) {
            objectives.add(o.simulator() + " " + o.settings() + " weight " + o.weight() + " target "
                    + o.target().file());
        }
        p.put("objectives", String.join("; ", objectives));
        return p;
    }

    private static void report(PrintWriter out, Job job, Results results, RefinementProblem problem,
            Path dir) {
        Candidate best = results.best().orElseThrow();
        double start = results.candidates().stream().filter(c -> !c.isFailed()).findFirst().map(Candidate::loss)
                .orElse(Double.NaN);
        out.println(String.format(Locale.ROOT, "%s: %d simulations, loss %.4g at the start, best %.4g (simulation %d)",
                job.method(), results.size(), start, best.loss(), best.index() + 1));
        for (int o = 0; o < job.objectives().size(); o++) {
            StringBuilder line = new StringBuilder();
            for (Candidate.Statistic st : best.statistics()) {
                if (st.objective() == o) {
                    line.append(String.format(Locale.ROOT, " %s=%.4g", st.name(), st.value()));
                }
            }
            for (Candidate.FitValue v : best.nuisance(o)) {
                line.append(v.refined() ? String.format(Locale.ROOT, " %s=%.5g+-%.2g", v.name(), v.value(),
                        v.uncertainty()) : String.format(Locale.ROOT, " %s=%.5g(fixed)", v.name(), v.value()));
            }
            if (line.length() > 0) {
                out.println("best, objective " + (o + 1) + " (" + job.objectives().get(o).simulator() + "):" + line);
            }
        }
        problem.reference().ifPresent(reference -> {
            MatchResult match = Metrics.match(best.structure(), reference);
            out.println(match.matches()
                    ? String.format(Locale.ROOT, "best structure matches the reference: rms=%.4f",
                            match.rms().getAsDouble())
                    : "best structure does not match the reference");
        });
        if (job.objectives().size() > 1) {
            List<Candidate> front = Metrics.paretoFront(results);
            out.println("Pareto front of the objectives' losses: simulations " + front.stream()
                    .map(c -> Integer.toString(c.index() + 1)).reduce((a, b) -> a + ", " + b).orElse("none"));
        }
        out.println("results in " + dir.toAbsolutePath().normalize() + ": job.xmi, best.cif, result.nxs, *.png");
    }
}
