package org.activestructopt.refinement.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.refinement.internal.JobResource;
import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.structure.Structure;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * A refinement job: what to fit (objectives, each a simulator and a target spectrum), from where (the start
 * structure), what may change, how (method, sampler, constraints, surrogate, optimiser, baselines' settings), with
 * which budget and seed, and the results so far. It is the root of a job file ({@code job.xmi}):
 *
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <aso:Job xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:aso="http://www.activestructopt.org/refinement/1.0"
 *     name="LiNiO2 from PDF" seed="7" method="active" variation="coordinates">
 *   <start file="LiNiO2_start.cif"/>
 *   <objectives simulator="pdf">
 *     <target file="LiNiO2.nxs" signal="/entry/pdf/G" xmin="1.5" xmax="10"/>
 *     <settings key="qmax" value="25"/>
 *   </objectives>
 *   <budget simulations="200"/>
 * </aso:Job>
 * }</pre>
 *
 * Sections left out take their defaults. {@link #load(Path)} rejects anything the model does not define; after a
 * run the file also records every default the run used.
 *
 * <pre>{@code
 * Job job = Job.load(Path.of("job.xmi"));
 * job.budget().setSimulations(100);
 * job.save();
 * }</pre>
 */
public final class Job extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Job");
    private static final EAttribute NAME = ModelFeatures.attribute(CLASS, "name", String.class);
    private static final EAttribute SEED = ModelFeatures.attribute(CLASS, "seed", long.class);
    private static final EAttribute METHOD = ModelFeatures.attribute(CLASS, "method", EEnum.class);
    private static final EAttribute VARIATION = ModelFeatures.attribute(CLASS, "variation", EEnum.class);
    private static final EReference START = ModelFeatures.reference(CLASS, "start", StructureSource.CLASS, true, false);
    private static final EReference REFERENCE = ModelFeatures.reference(CLASS, "reference", StructureSource.CLASS,
            true, false);
    private static final EReference OBJECTIVES = ModelFeatures.reference(CLASS, "objectives", Objective.CLASS, true,
            true);
    private static final EReference SAMPLER = ModelFeatures.reference(CLASS, "sampler", SamplerConfig.CLASS, true,
            false);
    private static final EReference CONSTRAINTS = ModelFeatures.reference(CLASS, "constraints", Constraints.CLASS,
            true, false);
    private static final EReference SURROGATE = ModelFeatures.reference(CLASS, "surrogate", SurrogateConfig.CLASS,
            true, false);
    private static final EReference BUDGET = ModelFeatures.reference(CLASS, "budget", Budget.CLASS, true, false);
    private static final EReference OPTIMISER = ModelFeatures.reference(CLASS, "optimiser", OptimiserConfig.CLASS,
            true, false);
    private static final EReference RMC = ModelFeatures.reference(CLASS, "rmc", RmcConfig.CLASS, true, false);
    private static final EReference LEAST_SQUARES = ModelFeatures.reference(CLASS, "leastSquares",
            LeastSquaresConfig.CLASS, true, false);
    private static final EReference GPBO = ModelFeatures.reference(CLASS, "gpbo", GpboConfig.CLASS, true, false);
    private static final EReference RESULTS = ModelFeatures.reference(CLASS, "results", Results.CLASS, true, false);

    private Job(EObject o) {
        super(o, CLASS);
    }

    /**
     * @return a new job with every section at its defaults, no start structure and no objectives yet (set them with
     *         {@link #start()} and {@link #addObjective(String, String)})
     */
    public static Job create() {
        Job job = new Job(ModelObject.create(CLASS));
        job.complete();
        return job;
    }

    /**
     * Reads and validates a job file, with the simulations its run's {@link RunJournal} holds beyond those the file
     * does.
     *
     * @throws JobFormatException naming the file and, for each problem, the line and key: malformed XML, unknown
     *                            elements or attributes, values of the wrong type, and broken rules of the model
     * @throws IOException        if the file cannot be read
     */
    public static Job load(Path file) throws JobFormatException, IOException {
        Objects.requireNonNull(file, "file");
        Job job = new Job(JobResource.load(file, CLASS));
        job.complete();
        if (Files.exists(RunJournal.fileOf(file))) {
            RunJournal.replay(file, job.results());
        }
        List<JobProblem> problems = job.validate();
        if (!problems.isEmpty()) {
            throw new JobFormatException(file, problems);
        }
        return job;
    }

    /**
     * @return the view of an EMF object of class Job (e.g. one edited in an EMF editor)
     * @throws IllegalArgumentException if {@code eObject} is not a Job
     */
    public static Job of(EObject eObject) {
        return new Job(eObject);
    }

    /** Creates absent optional sections with their defaults (so that getters never return null). */
    private void complete() {
        childOrCreate(START);
        childOrCreate(SAMPLER);
        childOrCreate(CONSTRAINTS);
        childOrCreate(SURROGATE);
        childOrCreate(BUDGET);
        new OptimiserConfig(childOrCreate(OPTIMISER)).complete();
        childOrCreate(RMC);
        childOrCreate(LEAST_SQUARES);
        childOrCreate(GPBO);
    }

    /**
     * Writes the job (with its results) to the file it was loaded from or last saved to, atomically.
     *
     * @throws IllegalStateException if the job has never been saved (use {@link #saveAs(Path)})
     */
    public void save() throws IOException {
        saveAs(file().orElseThrow(() -> new IllegalStateException("job has no file yet; use saveAs(path)")));
    }

    /** Writes the job (with its results) to {@code file}, atomically; later {@link #save()} calls write there too. */
    public void saveAs(Path file) throws IOException {
        JobResource.save(eObject(), Objects.requireNonNull(file, "file"));
    }

    /** @return the file the job was loaded from or last saved to */
    public Optional<Path> file() {
        return JobResource.fileOf(eObject());
    }

    /**
     * @return {@code name} resolved against the job file's directory (or the working directory for a job without
     *         file); absolute names are returned as they are
     */
    public Path resolve(String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p;
        }
        return file().map(f -> f.toAbsolutePath().getParent().resolve(p)).orElse(p);
    }

    /** @return every rule of the model this job breaks; empty if it is usable */
    public List<JobProblem> validate() {
        List<JobProblem> problems = new ArrayList<>();
        if (child(START) == null) {
            problems.add(JobProblem.at(this, "start", "missing: <start file=\"...\"/>"));
        } else {
            start().validate(problems);
        }
        reference().ifPresent(r -> r.validate(problems));
        List<Objective> objectives = objectives();
        if (objectives.isEmpty()) {
            problems.add(JobProblem.at(this, "objectives", "a job needs at least one objective"));
        }
        objectives.forEach(o -> o.validate(problems));
        sampler().validate(problems);
        constraints().validate(problems);
        surrogate().validate(problems);
        budget().validate(problems);
        optimiser().validate(problems);
        rmc().validate(problems);
        leastSquares().validate(problems);
        gpbo().validate(problems);
        if (child(RESULTS) != null) {
            results().validate(problems, objectives.size());
        }
        problems.sort((a, b) -> Integer.compare(a.line().orElse(Integer.MAX_VALUE), b.line().orElse(Integer.MAX_VALUE)));
        return problems;
    }

    // ------------------------------------------------------------------------------------------------ attributes

    /** @return the job's name, if given */
    public Optional<String> name() {
        return optionalString(NAME);
    }

    public Job setName(String name) {
        set(NAME, name);
        return this;
    }

    /** @return the seed of all random choices (default 0) */
    public long seed() {
        return longValue(SEED);
    }

    public Job setSeed(long seed) {
        set(SEED, seed);
        return this;
    }

    /** @return the algorithm that runs this job (default active) */
    public Method method() {
        return enumValue(METHOD, Method.class);
    }

    public Job setMethod(Method method) {
        setEnum(METHOD, method);
        return this;
    }

    /** @return what may change (default coordinates only) */
    public Variation variation() {
        return enumValue(VARIATION, Variation.class);
    }

    public Job setVariation(Variation variation) {
        setEnum(VARIATION, variation);
        return this;
    }

    // ------------------------------------------------------------------------------------------------ sections

    /** @return the start structure's source */
    public StructureSource start() {
        return new StructureSource(childOrCreate(START));
    }

    /** Shortcut: writes {@code structure} into the job as its start. */
    public Job setStart(Structure structure) {
        start().setCrystal(structure);
        return this;
    }

    /** @return the true structure of a benchmark, if given */
    public Optional<StructureSource> reference() {
        EObject r = child(REFERENCE);
        return r == null ? Optional.empty() : Optional.of(new StructureSource(r));
    }

    /** @return the reference structure's source, created (empty) if absent */
    public StructureSource referenceOrCreate() {
        return new StructureSource(childOrCreate(REFERENCE));
    }

    /** Removes the reference structure. */
    public Job clearReference() {
        setChild(REFERENCE, null);
        return this;
    }

    /** @return the objectives, in order */
    public List<Objective> objectives() {
        return children(OBJECTIVES).stream().map(Objective::new).toList();
    }

    /**
     * Appends an objective.
     *
     * @param simulator  registered simulator name, e.g. {@code pdf}
     * @param targetFile the measured spectrum, relative to the job file
     */
    public Objective addObjective(String simulator, String targetFile) {
        EObject o = Objective.create(simulator, targetFile);
        children(OBJECTIVES).add(o);
        return new Objective(o);
    }

    /** Removes objective {@code index}. */
    public Job removeObjective(int index) {
        children(OBJECTIVES).remove(index);
        return this;
    }

    public SamplerConfig sampler() {
        return new SamplerConfig(childOrCreate(SAMPLER));
    }

    public Constraints constraints() {
        return new Constraints(childOrCreate(CONSTRAINTS));
    }

    public SurrogateConfig surrogate() {
        return new SurrogateConfig(childOrCreate(SURROGATE));
    }

    public Budget budget() {
        return new Budget(childOrCreate(BUDGET));
    }

    public OptimiserConfig optimiser() {
        return new OptimiserConfig(childOrCreate(OPTIMISER));
    }

    public RmcConfig rmc() {
        return new RmcConfig(childOrCreate(RMC));
    }

    public LeastSquaresConfig leastSquares() {
        return new LeastSquaresConfig(childOrCreate(LEAST_SQUARES));
    }

    public GpboConfig gpbo() {
        return new GpboConfig(childOrCreate(GPBO));
    }

    /** @return whether the job holds results */
    public boolean hasResults() {
        return child(RESULTS) != null;
    }

    /** @return the results, created empty (status running) if the job has none */
    public Results results() {
        return new Results(childOrCreate(RESULTS));
    }

    /** Drops all results, e.g. to rerun a job from scratch. */
    public Job clearResults() {
        setChild(RESULTS, null);
        return this;
    }

    @Override
    public String toString() {
        return "Job " + name().orElse("(unnamed)") + file().map(f -> " (" + f + ")").orElse("") + ": " + method()
                + ", " + objectives().size() + " objective(s), budget " + budget().simulations()
                + (hasResults() ? ", " + results().size() + " simulated" : "");
    }
}
