package org.activestructopt.refinement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.api.Settings;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.JobProblem;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.refinement.model.StructureSource;
import org.activestructopt.refinement.model.Target;
import org.activestructopt.refinement.model.TargetFormat;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.io.ReadOptions;
import org.activestructopt.spectra.io.SpectrumFile;
import org.activestructopt.spectra.io.SpectrumReaders;
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
        Structure start = read(job, job.start(), problems);
        Optional<Structure> reference = job.reference().map(r -> read(job, r, problems));
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
            Spectrum target = readTarget(job, o.target(), simulator.descriptor().kind(), problems);
            if (target != null) {
                terms.add(new ObjectiveTerm(o.simulator() + " vs " + o.target().file(), simulator, settings, target,
                        o.weight(), o.metric()));
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

    private static Structure read(Job job, StructureSource source, List<JobProblem> problems) {
        try {
            if (source.crystal().isPresent()) {
                return source.crystal().get();
            }
            return StructureFiles.read(job.resolve(source.file().orElseThrow()));
        } catch (StructureFormatException | IOException | RuntimeException e) {
            problems.add(JobProblem.of(source, "file", e instanceof IOException ? "cannot read "
                    + source.file().orElse("") + ": " + e : e.getMessage()));
            return null;
        }
    }

    private static Spectrum readTarget(Job job, Target t, SpectrumKind kind, List<JobProblem> problems) {
        // "file#options" (columns, kweight, format, group), unless a file of that very name exists
        String spec = t.file();
        int hash = spec.lastIndexOf('#');
        String options = null;
        if (hash > 0 && !Files.exists(job.resolve(spec))) {
            options = spec.substring(hash + 1);
            spec = spec.substring(0, hash);
        }
        Path path = job.resolve(spec);
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
            // the simulators write plain chi(k); a k-weight is then applied to both sides alike
            Spectrum s = file.unweighted();
            double lo = t.xmin().orElse(Double.NEGATIVE_INFINITY);
            double hi = t.xmax().orElse(Double.POSITIVE_INFINITY);
            return t.xmin().isPresent() || t.xmax().isPresent() ? s.crop(lo, hi) : s;
        } catch (SpectrumFormatException | IllegalArgumentException e) {
            problems.add(JobProblem.of(t, null, e.getMessage()));
        }
        return null;
    }
}
