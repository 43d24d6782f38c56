package org.activestructopt.refinement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.api.NuisanceParameter;
import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.Settings;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.JobProblem;
import org.activestructopt.refinement.model.ModelObject;
import org.activestructopt.refinement.model.NuisanceEntry;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.refinement.model.StructureSource;
import org.activestructopt.refinement.model.Target;
import org.activestructopt.refinement.model.TargetFormat;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.Exafs;
import org.activestructopt.spectra.io.ReadOptions;
import org.activestructopt.spectra.io.SpectrumFile;
import org.activestructopt.spectra.io.SpectrumReaders;
import org.activestructopt.spectra.io.Stated;
import org.activestructopt.spectra.io.TargetCheck;
import org.activestructopt.spectra.io.TextFormat;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.StructureFiles;
import org.activestructopt.structure.io.StructureFormatException;

/**
 * Everything a refinement run needs, resolved: the start structure, the objective function on the real simulators,
 * the hard constraint, what may vary, the sampler, the seed and (for benchmarks) the true structure.
 *
 * @param start     the start structure
 * @param objective the loss
 * @param limits    the hard constraint
 * @param variation what may change
 * @param sampler   draws candidates (random search, restarts, the active loop's initial sets)
 * @param seed      seed of every random choice
 * @param reference the true structure, if known
 */
public record RefinementProblem(Structure start, ObjectiveFunction objective, MinimumDistances limits,
        Variation variation, Sampler sampler, long seed, Optional<Structure> reference) {

    public RefinementProblem {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(variation, "variation");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(reference, "reference");
    }

    /**
     * A problem with a perturbation sampler with default settings, coordinates only, seed 0 and no reference.
     */
    public static RefinementProblem of(Structure start, ObjectiveFunction objective, MinimumDistances limits) {
        return new RefinementProblem(start, objective, limits, Variation.COORDINATES,
                PerturbationSampler.of(start, limits), 0, Optional.empty());
    }

    /** @return a copy with another seed */
    public RefinementProblem withSeed(long newSeed) {
        return new RefinementProblem(start, objective, limits, variation, sampler, newSeed, reference);
    }

    /** @return a copy with another variation and sampler */
    public RefinementProblem withSampler(Variation newVariation, Sampler newSampler) {
        return new RefinementProblem(start, objective, limits, newVariation, newSampler, seed, reference);
    }

    /** @return a copy with the true structure */
    public RefinementProblem withReference(Structure truth) {
        return new RefinementProblem(start, objective, limits, variation, sampler, seed, Optional.of(truth));
    }

    /**
     * Resolves a job: reads the start (and reference) structure and the targets, finds the simulators by name and
     * validates their settings, builds the constraint and the sampler.
     *
     * @throws JobFormatException naming the job file, the line and the key for every part that cannot be resolved:
     *                            unreadable structure or target files, unknown simulators, unknown settings
     */
    public static RefinementProblem fromJob(Job job, SimulatorRegistry registry) throws JobFormatException {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(registry, "registry");
        Path file = job.file().orElse(null);
        List<JobProblem> problems = new ArrayList<>(job.validate());
        if (!problems.isEmpty()) {
            throw new JobFormatException(file, problems);
        }
        Structure start = read(job, job.start(), "start structure", problems);
        Optional<Structure> reference = job.reference().map(r -> read(job, r, "reference structure", problems));
        List<ObjectiveTerm> terms = new ArrayList<>();
        for (Objective o : job.objectives()) {
            Simulator simulator;
            try {
                simulator = registry.get(o.simulator());
            } catch (IllegalArgumentException e) {
                problems.add(JobProblem.of(o, "simulator", e.getMessage()));
                continue;
            }
            Settings settings;
            try {
                settings = simulator.settings(o.settings());
            } catch (IllegalArgumentException e) {
                problems.add(JobProblem.of(o, "settings", e.getMessage()));
                continue;
            }
            Settings[] stated = { settings };
            Spectrum target = readTarget(job, o.target(), simulator.descriptor().kind(), stated, problems);
            settings = stated[0];
            List<Nuisance> nuisance = start == null ? List.of()
                    : nuisance(o, simulator, settings, start, measured(job, o.target()), problems);
            if (target != null && nuisance != null) {
                terms.add(new ObjectiveTerm(o.simulator() + " vs " + o.target().file(), simulator, settings, target,
                        o.weight(), o.metric(), nuisance));
            }
        }
        if (!problems.isEmpty() || start == null) {
            throw new JobFormatException(file, problems);
        }
        MinimumDistances limits = job.constraints().toMinimumDistances(start);
        Sampler sampler;
        try {
            sampler = Samplers.create(job.sampler(), start, limits, job.variation());
        } catch (IllegalArgumentException e) {
            throw new JobFormatException(file, List.of(JobProblem.of(job.sampler(), null, e.getMessage())));
        }
        return new RefinementProblem(start, ObjectiveFunction.of(terms), limits, job.variation(), sampler, job.seed(),
                reference.filter(Objects::nonNull));
    }

    /** The creator attribute this project's NeXus writer puts on the files it writes (simulations, results). */
    static final String OWN_CREATOR = "ActiveStructOpt";

    /**
     * @return whether the target is a measurement: anything but a NeXus file whose root attribute {@code creator}
     *         says this project wrote it (its simulations: {@code aso simulate}, benchmark targets)
     */
    public static boolean measured(Job job, Target t) {
        if (t.effectiveFormat() != TargetFormat.NEXUS) {
            return true;
        }
        try {
            return !NexusSpectra.creator(job.resolve(t.file())).orElse("").startsWith(OWN_CREATOR);
        } catch (SpectrumFormatException | RuntimeException e) {
            return true; // reading the target reports what is wrong with the file
        }
    }

    /**
     * The nuisance parameters of one objective: the simulator's for the start structure
     * ({@link NuisanceSimulator#nuisanceParameters(Structure)}) plus those the job names, with the job's value,
     * bounds and refine flag where it gives them, else the simulator's start value and bounds, refined if the target
     * is measured. A job entry whose name prefixes others (uiso for uiso_Si) sets their refine flag too.
     *
     * @return the parameters, or null after adding problems
     */
    static List<Nuisance> nuisance(Objective o, Simulator simulator, Settings settings, Structure start,
            boolean measured, List<JobProblem> problems) {
        List<NuisanceEntry> entries = o.nuisance();
        if (!(simulator instanceof NuisanceSimulator ns)) {
            if (!entries.isEmpty()) {
                problems.add(JobProblem.of(entries.get(0), "name", "objective " + o.simulator() + ": simulator '"
                        + simulator.name() + "' has no nuisance parameters, so '" + entries.get(0).name()
                        + "' cannot be refined or fixed"));
                return null;
            }
            return List.of();
        }
        Map<String, NuisanceParameter> all = new LinkedHashMap<>();
        for (NuisanceParameter p : ns.nuisanceParameters()) {
            all.put(p.name(), p);
        }
        boolean ok = true;
        for (NuisanceEntry e : entries) {
            if (e.name() != null && !all.containsKey(e.name())) {
                problems.add(JobProblem.of(e, "name", "objective " + o.simulator() + ": '" + e.name()
                        + "' is not a nuisance parameter of simulator '" + simulator.name() + "'; allowed: "
                        + String.join(", ", allowedNames(all.keySet()))));
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        Map<String, NuisanceParameter> used = new LinkedHashMap<>();
        for (NuisanceParameter p : ns.nuisanceParameters(start)) {
            used.put(p.name(), p);
        }
        for (NuisanceEntry e : entries) {
            NuisanceParameter p = all.get(e.name());
            boolean family = all.keySet().stream().anyMatch(n -> n.startsWith(e.name() + "_") && used.containsKey(n));
            if (!family || e.value().isPresent() || e.lower().isPresent() || e.upper().isPresent()) {
                used.putIfAbsent(p.name(), p);
            }
        }
        List<Nuisance> out = new ArrayList<>();
        for (NuisanceParameter p : used.values()) {
            Optional<NuisanceEntry> own = o.nuisance(p.name());
            Optional<NuisanceEntry> family = entries.stream()
                    .filter(e -> p.name().startsWith(e.name() + "_") && !e.name().equals(p.name())).findFirst();
            double lower = own.flatMap(e -> box(e.lower())).orElse(p.lower());
            double upper = own.flatMap(e -> box(e.upper())).orElse(p.upper());
            double value;
            try {
                value = own.flatMap(e -> box(e.value())).orElseGet(() -> ns.value(p, settings));
            } catch (RuntimeException ex) {
                problems.add(JobProblem.of(o, "nuisance", "objective " + o.simulator() + ": no start value for '"
                        + p.name() + "': " + ex.getMessage()));
                ok = false;
                continue;
            }
            boolean refine = own.flatMap(NuisanceEntry::refine)
                    .or(() -> family.flatMap(NuisanceEntry::refine)).orElse(measured);
            ModelObject at = own.isPresent() ? own.get() : o;
            if (!(lower <= upper)) {
                problems.add(JobProblem.of(at, "lower", String.format(Locale.ROOT,
                        "objective %s: nuisance parameter '%s': lower %s is above upper %s", o.simulator(), p.name(),
                        lower, upper)));
                ok = false;
            } else if (!(value >= lower && value <= upper)) {
                problems.add(JobProblem.of(at, "value", String.format(Locale.ROOT,
                        "objective %s: nuisance parameter '%s' = %s is outside its bounds [%s, %s]%s", o.simulator(),
                        p.name(), value, lower, upper, p.name().startsWith("uiso") && value <= 0
                                ? " (a displacement parameter U must be > 0)" : "")));
                ok = false;
            } else {
                out.add(new Nuisance(p, value, lower, upper, refine));
            }
        }
        return ok ? out : null;
    }

    /** @return the names for a message: families (uiso_H ... uiso_Og) shortened to their prefix */
    private static List<String> allowedNames(java.util.Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            int u = n.indexOf('_');
            String shown = u > 0 && names.contains(n.substring(0, u)) ? n.substring(0, u) + "_<element>" : n;
            if (!out.contains(shown)) {
                out.add(shown);
            }
        }
        return out;
    }

    private static Optional<Double> box(java.util.OptionalDouble d) {
        return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
    }

    private static Structure read(Job job, StructureSource source, String what, List<JobProblem> problems) {
        try {
            if (source.crystal().isPresent()) {
                return source.crystal().get();
            }
            return StructureFiles.read(job.resolve(source.file().orElseThrow()));
        } catch (StructureFormatException | IOException | RuntimeException e) {
            problems.add(JobProblem.of(source, "file", e instanceof IOException io ? "cannot read " + what + " "
                    + job.resolve(source.file().orElse("")) + ": " + reason(io) : e.getMessage()));
            return null;
        }
    }

    /** @return why a file cannot be read, in words, without the exception's class name */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    /** The name of the k-weight setting of the EXAFS simulators: their spectra are k^kweight chi(k). */
    static final String KWEIGHT = "kweight";

    /**
     * The facts a target file states that are settings of its simulator when the simulator has a setting of that
     * name: the Qmax and Qdamp of a PDF file's transform and instrument, so the simulated termination and damping are
     * the data's. A value the objective sets itself wins.
     */
    private static final List<Stated> STATED_SETTINGS = List.of(Stated.QMAX, Stated.QDAMP);

    /** {@code settings[0]} is replaced by the settings with the file's stated facts (see {@link #STATED_SETTINGS}). */
    private static Spectrum readTarget(Job job, Target t, SpectrumKind kind, Settings[] stated,
            List<JobProblem> problems) {
        Settings settings = stated[0];
        // "file#options" (columns, kweight, format, group), unless a file of that very name exists
        String spec = t.file();
        int hash = spec.lastIndexOf('#');
        String options = null;
        if (hash > 0 && !Files.exists(job.resolve(spec))) {
            options = spec.substring(hash + 1);
            spec = spec.substring(0, hash);
        }
        Path path = job.resolve(spec);
        if (!Files.isRegularFile(path)) {
            problems.add(JobProblem.of(t, "file", "cannot read target " + path + ": "
                    + (Files.exists(path) ? "not a file" : "no such file")));
            return null;
        }
        try {
            SpectrumFile file;
            if (t.effectiveFormat() == TargetFormat.NEXUS && t.signal().isPresent()) {
                file = SpectrumFile.of(path, TextFormat.NEXUS,
                        NexusSpectra.read(path, t.signal().get(), t.axis().orElse(null)));
            } else {
                ReadOptions o = ReadOptions.DEFAULTS.withKind(kind);
                if (t.effectiveFormat() == TargetFormat.NEXUS) {
                    o = o.withFormat(TextFormat.NEXUS);
                }
                file = SpectrumReaders.read(path, options == null ? o : o.parse(options));
            }
            if (file.spectrum().kind() == SpectrumKind.OTHER) {
                file = file.withSpectrum(file.spectrum().withKind(kind));
            }
            TargetCheck check = TargetCheck.of(kind).withRange(t.xmin().orElse(Double.NaN),
                    t.xmax().orElse(Double.NaN));
            if (kind == SpectrumKind.XANES) {
                check = check.relativeEnergy(); // FEFF's XANES simulator writes E - E0
            }
            List<String> wrong = check.problems(file);
            if (!wrong.isEmpty()) {
                wrong.forEach(w -> problems.add(JobProblem.of(t, "file", w)));
                return null;
            }
            for (Stated fact : STATED_SETTINGS) {
                var setting = settings.schema().find(fact.name().toLowerCase(java.util.Locale.ROOT));
                if (setting.isPresent() && !settings.isExplicit(setting.get()) && file.get(fact).isPresent()) {
                    settings = settings.with(setting.get().name(), Double.toString(file.get(fact).getAsDouble()));
                }
            }
            stated[0] = settings;
            Spectrum s = file.unweighted();
            if (kind == SpectrumKind.EXAFS && file.get(Stated.KWEIGHT).isPresent()) {
                // a file that states its k-weight (Larch's .chi: 0) is plain chi(k) now; the EXAFS simulators
                // write k^kweight chi(k), so the target gets their weight. Plain columns that state nothing are
                // taken as they are, as the simulators write them (aso simulate's output).
                String w = settings.effectiveValues().get(KWEIGHT);
                s = Exafs.kWeight(s, w == null ? 0 : Double.parseDouble(w));
            }
            double lo = t.xmin().orElse(Double.NEGATIVE_INFINITY);
            double hi = t.xmax().orElse(Double.POSITIVE_INFINITY);
            return t.xmin().isPresent() || t.xmax().isPresent() ? s.crop(lo, hi) : s;
        } catch (SpectrumFormatException | IllegalArgumentException e) {
            problems.add(JobProblem.of(t, null, e.getMessage()));
        }
        return null;
    }
}
