package org.activestructopt.refinement.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.activestructopt.refinement.Seeds;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Metric;
import org.activestructopt.refinement.model.ModelEnum;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.ConstraintViolation;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.CifReader;
import org.activestructopt.structure.io.ExtendedXyz;
import org.activestructopt.structure.io.Poscar;
import org.activestructopt.structure.io.StructureFiles;
import org.activestructopt.structure.io.StructureFormatException;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A benchmark suite: a set of refinement problems (start structure, true structure) made from real crystal
 * structures, the objectives their jobs fit, and the job settings every method shares. A suite is a directory with a
 * {@code suite.json} and the structure files it names; the problems are generated from it reproducibly (the same
 * suite and seed give the same structures on every machine).
 *
 * <pre>{@code
 * {
 *   "name": "thermal",
 *   "description": "fixed-lattice thermal perturbation",
 *   "seed": 1,
 *   "variation": "coordinates",
 *   "methods": ["active", "rmc", "random", "leastSquares"],
 *   "budget": {"simulations": 200},
 *   "constraints": {"factor": 0.85},
 *   "objectives": [{"simulator": "pdf", "grid": {"min": 1, "max": 10, "step": 0.01}, "settings": {"uiso": 0.005}}],
 *   "repeats": 2,
 *   "histogram": {"pair": ["Ti", "O"], "rmax": 2.6, "width": 0.02},
 *   "problems": [
 *     {"id": "rutile", "title": "rutile TiO2 2x2x1",
 *      "start": {"structure": "../structures/TiO2-rutile.cif", "supercell": [2, 2, 1]},
 *      "target": {"transforms": [{"thermal": {"sigma": 0.1}}]}}
 *   ]
 * }
 * }</pre>
 *
 * A problem's start is its structure (in the given supercell) after the start's transforms; its target is the
 * target's own structure if it names one, else the start, after the target's transforms (see
 * {@link StructureTransform}). Each definition gives {@code repeats} problems ({@code rutile-1}, {@code rutile-2}, ...)
 * with independent random draws; problems are ordered repeat by repeat, so the first n problems cover as many
 * definitions as possible. Start and target must keep the minimum distances of the suite's constraints (the jobs' hard
 * constraint); a random draw that breaks them is redrawn. The optional {@code histogram} names a pair distance
 * distribution that the report compares between start, target and each method's best ({@link PairHistogram}).
 * <p>
 * The suites shipped with the bundle are in its {@code suites/} folder ({@link #bundledNames()}).
 */
public final class BenchmarkSuite {

    /** Random draws tried per problem before giving up on the minimum distances. */
    static final int ATTEMPTS = 1000;

    private static final String BUNDLED_ROOT = "/suites/";

    private final String name;
    private final String description;
    private final Optional<PairHistogram> histogram;
    private final String file;
    private final long seed;
    private final Variation variation;
    private final List<Method> methods;
    private final int simulations;
    private final Map<String, Integer> phases;
    private final double constraintFactor;
    private final boolean acceptStart;
    private final String samplerName;
    private final Map<String, String> samplerSettings;
    private final List<SuiteObjective> objectives;
    private final List<Definition> definitions;

    /** One entry of {@code problems}: structures and transforms, before the random draws. */
    private record Definition(String id, String title, Variation variation, int repeats, Part start, Part target,
            String path) {
    }

    /** How to make a start or a target: a structure (absent: the start), a supercell, transforms. */
    private record Part(Optional<Structure> structure, int[] supercell, List<StructureTransform> transforms) {
        boolean isRandom() {
            return transforms.stream().anyMatch(StructureTransform::isRandom);
        }
    }

    /** Reads the files a suite names, relative to its suite.json. */
    @FunctionalInterface
    private interface Source {
        String read(String relative) throws IOException;
    }

    private BenchmarkSuite(String file, SuiteJson json, Source source) throws SuiteFormatException {
        this.file = file;
        json.allow("name", "description", "seed", "variation", "methods", "budget", "constraints", "sampler",
                "objectives", "repeats", "problems", "histogram");
        name = json.string("name");
        description = json.optionalString("description").orElse("");
        seed = (long) json.number("seed", 0, -9e15, 9e15);
        variation = enumOf(json, "variation", Variation.class).orElse(Variation.COORDINATES);
        List<Method> m = new ArrayList<>();
        if (json.has("methods")) {
            for (String s : json.strings("methods")) {
                try {
                    m.add(ModelEnum.of(Method.class, s));
                } catch (IllegalArgumentException e) {
                    throw json.error("methods", e.getMessage());
                }
            }
        } else {
            m.addAll(List.of(Method.values()));
        }
        methods = List.copyOf(m);
        SuiteJson budget = json.optionalObject("budget").orElse(null);
        Job defaults = Job.create();
        if (budget != null) {
            budget.allow("simulations", "initial", "calibration", "exploit");
            simulations = budget.integer("simulations", defaults.budget().simulations(), 1, 1_000_000);
            phases = Map.of("initial", budget.integer("initial", defaults.budget().initial(), 1, 1_000_000),
                    "calibration", budget.integer("calibration", defaults.budget().calibration(), 0, 1_000_000),
                    "exploit", budget.integer("exploit", defaults.budget().exploit(), 0, 1_000_000));
        } else {
            simulations = defaults.budget().simulations();
            phases = Map.of("initial", defaults.budget().initial(), "calibration", defaults.budget().calibration(),
                    "exploit", defaults.budget().exploit());
        }
        SuiteJson constraints = json.optionalObject("constraints").orElse(null);
        if (constraints != null) {
            constraints.allow("factor", "acceptStart");
            constraintFactor = constraints.number("factor", MinimumDistances.DEFAULT_FACTOR, 0, 2);
            acceptStart = constraints.bool("acceptStart", false);
        } else {
            constraintFactor = defaults.constraints().factor();
            acceptStart = defaults.constraints().acceptStart();
        }
        SuiteJson sampler = json.optionalObject("sampler").orElse(null);
        if (sampler != null) {
            sampler.allow("name", "settings");
            samplerName = sampler.optionalString("name").orElse(defaults.sampler().name());
            samplerSettings = Map.copyOf(sampler.textMap("settings"));
        } else {
            samplerName = defaults.sampler().name();
            samplerSettings = Map.of();
        }
        List<SuiteObjective> obj = new ArrayList<>();
        for (SuiteJson o : json.objects("objectives")) {
            obj.add(objective(o));
        }
        if (obj.isEmpty()) {
            throw json.error("objectives", "a suite needs at least one objective");
        }
        objectives = List.copyOf(obj);
        SuiteJson h = json.optionalObject("histogram").orElse(null);
        if (h != null) {
            h.allow("pair", "rmax", "width");
            List<String> pair = h.strings("pair");
            if (pair.size() != 2) {
                throw h.error("pair", "two element symbols, e.g. [\"Ni\", \"O\"]");
            }
            Element[] elements = new Element[2];
            for (int i = 0; i < 2; i++) {
                try {
                    elements[i] = Element.of(pair.get(i));
                } catch (IllegalArgumentException e) {
                    throw h.error("pair", e.getMessage());
                }
            }
            histogram = Optional.of(new PairHistogram(elements[0], elements[1], h.number("rmax", 3, 0.5, 20),
                    h.number("width", 0.02, 0.001, 1)));
        } else {
            histogram = Optional.empty();
        }
        int repeats = json.integer("repeats", 1, 1, 1000);
        List<Definition> defs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SuiteJson p : json.objects("problems")) {
            Definition d = definition(p, repeats, source);
            if (!ids.add(d.id())) {
                throw p.error("id", "'" + d.id() + "' is used by another problem");
            }
            defs.add(d);
        }
        if (defs.isEmpty()) {
            throw json.error("problems", "a suite needs at least one problem");
        }
        definitions = List.copyOf(defs);
    }

    // ------------------------------------------------------------------------------------------------ loading

    /**
     * @return the names of the suites shipped in the refinement bundle's {@code suites/} folder (listed in its
     *         {@code index.txt})
     */
    public static List<String> bundledNames() {
        try {
            String index = resource(BUNDLED_ROOT + "index.txt");
            return Arrays.stream(index.split("\\R")).map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("the bundle's suites/index.txt is missing or unreadable", e);
        }
    }

    /**
     * @param name a name from {@link #bundledNames()}
     * @throws SuiteFormatException if there is no such suite (naming those there are) or it is malformed
     */
    public static BenchmarkSuite bundled(String name) throws SuiteFormatException {
        Objects.requireNonNull(name, "name");
        if (!bundledNames().contains(name)) {
            throw new SuiteFormatException("no benchmark suite '" + name + "'; bundled suites: "
                    + String.join(", ", bundledNames()) + " (or give the path of a suite.json)");
        }
        String dir = BUNDLED_ROOT + name + "/";
        String text;
        try {
            text = resource(dir + "suite.json");
        } catch (IOException e) {
            throw new SuiteFormatException("suites/" + name + "/suite.json: cannot be read: " + e.getMessage(), e);
        }
        return parse("suites/" + name + "/suite.json", text, relative -> resource(within(dir, relative)));
    }

    /**
     * Reads a suite from the file system.
     *
     * @param path a {@code suite.json} or a directory holding one
     * @throws SuiteFormatException naming the file and the JSON path of the value at fault
     * @throws IOException          if the suite file cannot be read
     */
    public static BenchmarkSuite load(Path path) throws SuiteFormatException, IOException {
        Path file = Files.isDirectory(path) ? path.resolve("suite.json") : path;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, relative -> Files.readString(dir.resolve(relative),
                StandardCharsets.UTF_8));
    }

    /**
     * @param nameOrPath a bundled suite's name, or the path of a suite.json or of its directory
     * @see #bundled(String)
     * @see #load(Path)
     */
    public static BenchmarkSuite find(String nameOrPath) throws SuiteFormatException, IOException {
        Path p = Path.of(nameOrPath);
        // a directory that merely shares a bundled suite's name (e.g. an output directory) is not a suite
        boolean isSuite = Files.isRegularFile(p) || Files.isRegularFile(p.resolve("suite.json"));
        if (isSuite || !bundledNames().contains(nameOrPath) && Files.exists(p)) {
            return load(p);
        }
        return bundled(nameOrPath);
    }

    private static BenchmarkSuite parse(String file, String text, Source source) throws SuiteFormatException {
        try {
            return new BenchmarkSuite(file, SuiteJson.root(file, JsonParser.parseString(text)), source);
        } catch (JsonParseException e) {
            throw new SuiteFormatException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = BenchmarkSuite.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no resource " + path + " in the refinement bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** @return {@code relative} resolved against resource directory {@code dir}, never above {@value #BUNDLED_ROOT} */
    private static String within(String dir, String relative) throws IOException {
        String p = URI.create(dir).resolve(relative).normalize().getPath();
        if (!p.startsWith(BUNDLED_ROOT)) {
            throw new IOException(relative + " lies outside the bundle's suites folder");
        }
        return p;
    }

    // ------------------------------------------------------------------------------------------------ parsing

    private static SuiteObjective objective(SuiteJson o) throws SuiteFormatException {
        o.allow("simulator", "settings", "grid", "weight", "metric");
        Optional<Grid> grid = Optional.empty();
        Optional<SuiteJson> g = o.optionalObject("grid");
        if (g.isPresent()) {
            SuiteJson gj = g.get().allow("min", "max", "step");
            try {
                grid = Optional.of(Grid.uniform(gj.number("min"), gj.number("max"), gj.number("step")));
            } catch (IllegalArgumentException e) {
                throw gj.error(e.getMessage());
            }
        }
        double weight = o.number("weight", 1);
        if (!(weight > 0)) {
            throw o.error("weight", "must be positive, got " + weight);
        }
        return new SuiteObjective(o.string("simulator"), o.textMap("settings"), grid, weight,
                enumOf(o, "metric", Metric.class).orElse(Metric.MSE));
    }

    private Definition definition(SuiteJson p, int repeats, Source source) throws SuiteFormatException {
        p.allow("id", "title", "variation", "repeats", "start", "target");
        String id = p.string("id");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw p.error("id", "'" + id + "' must be letters, digits, '.', '_' or '-' (it names directories)");
        }
        Part start = part(p.object("start"), source, true);
        Part target = part(p.object("target"), source, false);
        if (target.structure().isEmpty() && target.transforms().isEmpty()) {
            throw p.error("target", "names neither a structure nor transforms: the target would be the start");
        }
        return new Definition(id, p.optionalString("title").orElse(id),
                enumOf(p, "variation", Variation.class).orElse(variation), p.integer("repeats", repeats, 1, 1000),
                start, target, p.path());
    }

    private static Part part(SuiteJson j, Source source, boolean isStart) throws SuiteFormatException {
        j.allow("structure", "supercell", "transforms");
        Optional<Structure> structure = Optional.empty();
        if (j.has("structure")) {
            structure = Optional.of(readStructure(j, j.string("structure"), source));
        } else if (isStart) {
            throw j.error("structure", "missing: a start needs a structure file");
        }
        int[] supercell = { 1, 1, 1 };
        if (j.has("supercell")) {
            double[] s = j.numbers("supercell", 3);
            for (int k = 0; k < 3; k++) {
                if (s[k] != Math.rint(s[k]) || s[k] < 1 || s[k] > 20) {
                    throw j.error("supercell", "must be three whole numbers in [1, 20], got " + Arrays.toString(s));
                }
                supercell[k] = (int) s[k];
            }
            if (structure.isEmpty()) {
                throw j.error("supercell", "applies to a structure file: name one with \"structure\"");
            }
        }
        List<StructureTransform> transforms = new ArrayList<>();
        for (SuiteJson t : j.objects("transforms")) {
            transforms.add(StructureTransform.parse(t));
        }
        return new Part(structure, supercell, List.copyOf(transforms));
    }

    private static Structure readStructure(SuiteJson j, String relative, Source source) throws SuiteFormatException {
        String text;
        try {
            text = source.read(relative);
        } catch (IOException e) {
            throw j.error("structure", "cannot read " + relative + ": " + e.getMessage());
        }
        try {
            var format = StructureFiles.formatOf(Path.of(relative)).orElseThrow(() -> j.error("structure",
                    relative + ": the file name says no format (.cif, .vasp/POSCAR, .xyz)"));
            return switch (format) {
            case CIF -> CifReader.defaults().read(text, relative);
            case POSCAR -> Poscar.parse(text, relative).structure();
            case EXTENDED_XYZ -> ExtendedXyz.parse(text, relative).get(0);
            };
        } catch (StructureFormatException e) {
            throw j.error("structure", e.getMessage());
        }
    }

    private static <E extends Enum<E> & ModelEnum> Optional<E> enumOf(SuiteJson j, String key, Class<E> type)
            throws SuiteFormatException {
        Optional<String> s = j.optionalString(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelEnum.of(type, s.get()));
        } catch (IllegalArgumentException e) {
            throw j.error(key, e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ problems

    /**
     * @return every problem of the suite, repeat by repeat (all definitions' first draws, then their second, ...)
     * @throws SuiteFormatException if a problem's start or target cannot be made within the minimum distances
     */
    public List<BenchmarkProblem> problems() throws SuiteFormatException {
        return problems(Integer.MAX_VALUE);
    }

    /**
     * @param n how many problems, at least 1
     * @return the first {@code min(n, size())} problems of {@link #problems()}
     */
    public List<BenchmarkProblem> problems(int n) throws SuiteFormatException {
        if (n < 1) {
            throw new IllegalArgumentException("the number of problems must be at least 1, got " + n);
        }
        int maxRepeats = definitions.stream().mapToInt(Definition::repeats).max().orElse(0);
        List<BenchmarkProblem> out = new ArrayList<>();
        for (int r = 1; r <= maxRepeats && out.size() < n; r++) {
            for (Definition d : definitions) {
                if (r <= d.repeats() && out.size() < n) {
                    out.add(problem(d, r));
                }
            }
        }
        return out;
    }

    /** @return the number of problems, {@code problems().size()} without generating them */
    public int size() {
        return definitions.stream().mapToInt(Definition::repeats).sum();
    }

    private BenchmarkProblem problem(Definition d, int repeat) throws SuiteFormatException {
        String id = d.id() + "-" + repeat;
        Structure start = make(d, id, d.start(), d.start().structure().orElseThrow(), "start", null);
        Structure target = make(d, id, d.target(), d.target().structure().orElse(start), "target",
                limitsFor(start));
        long jobSeed = Seeds.generator(seed, "benchmark/" + id + "/job", 0).nextLong() >>> 1;
        return new BenchmarkProblem(id, d.title() + " #" + repeat, repeat, start, target, d.variation(), jobSeed);
    }

    /**
     * Applies a part's supercell and transforms, redrawing random ones until the minimum distances hold (for the
     * start: the limits derived from itself, which acceptStart may relax).
     */
    private Structure make(Definition d, String id, Part part, Structure base, String what, MinimumDistances limits)
            throws SuiteFormatException {
        // a target without a structure of its own starts from the finished start, already in its supercell
        Structure cell = part.structure().isPresent() ? supercell(base, part.supercell()) : base;
        List<ConstraintViolation> violations = List.of();
        int attempts = part.isRandom() ? ATTEMPTS : 1;
        for (int a = 0; a < attempts; a++) {
            SplittableRandom rng = Seeds.generator(seed, "benchmark/" + id + "/" + what, a);
            Structure s = cell;
            try {
                for (StructureTransform t : part.transforms()) {
                    s = t.apply(s, rng);
                }
            } catch (IllegalArgumentException e) {
                throw new SuiteFormatException(file + ": " + d.path() + "." + what + ": " + e.getMessage(), e);
            }
            MinimumDistances l = limits != null ? limits : limitsFor(s);
            violations = l.violations(s);
            if (violations.isEmpty()) {
                return s;
            }
        }
        throw new SuiteFormatException(file + ": " + d.path() + "." + what + ": problem " + id + " breaks the minimum "
                + "distances (factor " + constraintFactor + ")" + (attempts > 1 ? " in all " + attempts
                        + " draws" : "") + ", e.g. " + violations.get(0));
    }

    private static Structure supercell(Structure s, int[] n) {
        return n[0] == 1 && n[1] == 1 && n[2] == 1 ? s : s.supercell(n[0], n[1], n[2]);
    }

    /** @return the hard constraint a job of this suite that starts from {@code start} has */
    public MinimumDistances limitsFor(Structure start) {
        Job job = Job.create();
        configure(job);
        return job.constraints().toMinimumDistances(start);
    }

    // ------------------------------------------------------------------------------------------------ jobs

    /**
     * Writes the settings every job of this suite shares into {@code job}: variation, budget phases, constraints
     * and sampler. Start, objectives, method, seed and budget size are the caller's.
     */
    public void configure(Job job) {
        job.setVariation(variation);
        job.budget().setInitial(phases.get("initial")).setCalibration(phases.get("calibration"))
                .setExploit(phases.get("exploit"));
        job.constraints().setFactor(constraintFactor).setAcceptStart(acceptStart);
        job.sampler().setName(samplerName).setSettings(samplerSettings);
    }

    /**
     * Adds the suite's objectives to a job, with the given target files (one per objective, relative to the job).
     */
    public void addObjectives(Job job, List<String> targetFiles) {
        if (targetFiles.size() != objectives.size()) {
            throw new IllegalArgumentException(targetFiles.size() + " target files for " + objectives.size()
                    + " objectives");
        }
        for (int i = 0; i < objectives.size(); i++) {
            SuiteObjective o = objectives.get(i);
            Objective added = job.addObjective(o.simulator(), targetFiles.get(i)).setWeight(o.weight())
                    .setMetric(o.metric());
            added.setSettings(o.settings());
        }
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /** @return the suite's name, e.g. {@code thermal} */
    public String name() {
        return name;
    }

    /** @return what the suite tests, one paragraph */
    /**
     * A pair distance distribution the report shows for start, target and each method's best (e.g. Ni-O in a
     * Jahn-Teller problem, where the loss alone does not say whether the octahedra came out right).
     *
     * @param rmax  distances up to this, Angstrom
     * @param width bin width of the plotted histogram, Angstrom
     */
    public record PairHistogram(Element first, Element second, double rmax, double width) {
        /** @return e.g. "Ni-O" */
        public String label() {
            return first.symbol() + "-" + second.symbol();
        }
    }

    /** @return the pair distribution to report, if the suite names one */
    public Optional<PairHistogram> histogram() {
        return histogram;
    }

    public String description() {
        return description;
    }

    /** @return the suite file, for messages */
    public String file() {
        return file;
    }

    /** @return the seed all problems are drawn from */
    public long seed() {
        return seed;
    }

    /** @return what the suite's jobs may vary (a problem may override it) */
    public Variation variation() {
        return variation;
    }

    /** @return the methods the suite is meant to compare, in report order */
    public List<Method> methods() {
        return methods;
    }

    /** @return the default budget of a job (simulations) */
    public int simulations() {
        return simulations;
    }

    /** @return the objectives of every job */
    public List<SuiteObjective> objectives() {
        return objectives;
    }

    /** @return one line per transform of each definition, for reports */
    public List<String> recipe() {
        List<String> out = new ArrayList<>();
        for (Definition d : definitions) {
            StringBuilder sb = new StringBuilder(d.id()).append(": ").append(d.title()).append(" (")
                    .append(d.variation()).append(", ").append(d.repeats()).append(" draws)");
            d.start().transforms().forEach(t -> sb.append("; start: ").append(t.describe()));
            if (d.target().structure().isPresent()) {
                sb.append("; target: its own structure");
            }
            d.target().transforms().forEach(x -> sb.append("; target: ").append(x.describe()));
            out.add(sb.toString());
        }
        return out;
    }

    @Override
    public String toString() {
        return "BenchmarkSuite " + name + " (" + size() + " problems, " + file + ")";
    }
}
