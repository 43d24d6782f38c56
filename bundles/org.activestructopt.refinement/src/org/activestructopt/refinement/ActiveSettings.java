package org.activestructopt.refinement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SurrogateFactory;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.api.Typos;
import org.activestructopt.refinement.model.Budget;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.JobProblem;
import org.activestructopt.refinement.model.OptimiserConfig;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.SearchProfile;
import org.activestructopt.refinement.model.SurrogateConfig;
import org.activestructopt.refinement.model.Variation;

/**
 * The parts of a job only the active loop reads, resolved and checked before anything runs: the surrogate factory
 * and its settings, the optimiser's rule and learning rates, and each phase's acquisition.
 *
 * @param factory      the surrogate factory the job names
 * @param settings     the surrogate's settings, with the job's ensemble size where the surrogate declares
 *                     {@value SurrogateFactory#ENSEMBLE_SIZE_SETTING}
 * @param calibrate    whether calibration-phase structures calibrate the uncertainty (else they train)
 * @param positionRate learning rate of the atoms, Angstrom
 * @param latticeRate  learning rate of the lattice, Angstrom; 0 when the lattice is fixed
 * @param explore      search of the exploration phase
 * @param exploit      search of the exploitation phase
 */
record ActiveSettings(SurrogateFactory factory, Settings settings, boolean calibrate, double positionRate,
        double latticeRate, Search explore, Search exploit) {

    /** Optimiser names a job may give; both are Adam steps (AdamW without weight decay, see AcquisitionOptimiser). */
    static final List<String> OPTIMISERS = List.of("adam", "adamw");

    /** How long to wait for a surrogate service that is not registered yet while bundles start. */
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(10);

    /**
     * One phase's search.
     *
     * @param kappa  the weight of the uncertainty (0 for the pure misfit)
     * @param starts optimiser starts
     * @param steps  gradient steps per start
     */
    record Search(double kappa, int starts, int steps) {
    }

    /** @return the search of an explore or exploit phase */
    Search search(Phase phase) {
        return phase == Phase.EXPLOIT ? exploit : explore;
    }

    /**
     * @throws JobFormatException naming the job file and, for every problem, the line and key: unknown surrogate,
     *                            unknown or invalid surrogate settings, an ensemble size given twice differently, too
     *                            few initial structures for the ensemble, calibration without calibration structures,
     *                            unknown optimiser or acquisition names
     */
    static ActiveSettings resolve(Job job, SurrogateRegistry surrogates) throws JobFormatException {
        Objects.requireNonNull(surrogates, "surrogate registry");
        List<JobProblem> problems = new ArrayList<>();
        SurrogateConfig sc = job.surrogate();
        Budget budget = job.budget();
        SurrogateFactory factory = find(surrogates, sc.name(), sc, problems);
        Settings settings = null;
        if (factory != null) {
            Map<String, String> values = new LinkedHashMap<>(sc.settings());
            Optional<Setting<?>> k = factory.descriptor().settings().find(SurrogateFactory.ENSEMBLE_SIZE_SETTING);
            String given = values.get(SurrogateFactory.ENSEMBLE_SIZE_SETTING);
            if (k.isPresent() && given != null && !given.trim().equals(Integer.toString(sc.ensembleSize()))) {
                problems.add(JobProblem.of(sc, "settings", "'" + SurrogateFactory.ENSEMBLE_SIZE_SETTING + "' = "
                        + given + " contradicts ensembleSize = " + sc.ensembleSize() + "; give the size once"));
            } else if (k.isPresent()) {
                values.put(SurrogateFactory.ENSEMBLE_SIZE_SETTING, Integer.toString(sc.ensembleSize()));
                if (budget.initial() < sc.ensembleSize()) {
                    problems.add(JobProblem.of(budget, "initial", "the " + sc.ensembleSize() + "-member ensemble of "
                            + "surrogate '" + sc.name() + "' trains each member on the other members' folds and "
                            + "needs at least " + sc.ensembleSize() + " initial structures, got " + budget.initial()));
                }
            }
            try {
                settings = factory.descriptor().settings().parse(values);
            } catch (IllegalArgumentException e) {
                problems.add(JobProblem.of(sc, "settings", e.getMessage()));
            }
        }
        if (sc.calibrate() && budget.calibration() < 1) {
            problems.add(JobProblem.of(sc, "calibrate", "calibrating the uncertainty needs calibration structures "
                    + "but the budget's calibration is 0; give <budget calibration=\"20\"/> or calibrate=\"false\""));
        }
        OptimiserConfig oc = job.optimiser();
        if (oc.name() != null && !OPTIMISERS.contains(oc.name())) {
            problems.add(JobProblem.of(oc, "name", unknown("optimiser", oc.name(), OPTIMISERS)));
        }
        Search explore = search(oc.explore(), problems);
        Search exploit = search(oc.exploit(), problems);
        if (!problems.isEmpty()) {
            throw new JobFormatException(job.file().orElse(null), problems);
        }
        double latticeRate = job.variation() == Variation.COORDINATES ? 0 : oc.latticeLearningRate();
        return new ActiveSettings(factory, settings, sc.calibrate(), oc.positionLearningRate(), latticeRate, explore,
                exploit);
    }

    private static SurrogateFactory find(SurrogateRegistry registry, String name, SurrogateConfig sc,
            List<JobProblem> problems) {
        Optional<SurrogateFactory> f = registry.find(name);
        if (f.isEmpty() && registry.available().isEmpty()) {
            try {
                f = registry.await(name, SERVICE_WAIT); // bundles may still be starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (f.isEmpty()) {
            problems.add(JobProblem.of(sc, "name", unknown("surrogate", name, registry.available().keySet())));
            return null;
        }
        return f.get();
    }

    private static Search search(SearchProfile p, List<JobProblem> problems) {
        String a = p.acquisition();
        if (a != null && !Acquisition.NAMES.contains(a)) {
            problems.add(JobProblem.of(p, "acquisition", unknown("acquisition", a, Acquisition.NAMES)));
        }
        double kappa = Acquisition.MAE_UNCERTAINTY.equals(a) ? p.lambda() : 0;
        return new Search(kappa, p.starts(), p.steps());
    }

    private static String unknown(String what, String name, Iterable<String> known) {
        StringBuilder sb = new StringBuilder("unknown ").append(what).append(" '").append(name).append('\'');
        Typos.closest(name, known).ifPresent(c -> sb.append(" (did you mean '").append(c).append("'?)"));
        List<String> list = new ArrayList<>();
        known.forEach(list::add);
        return sb.append("; known: ").append(list.isEmpty() ? "none" : String.join(", ", list)).toString();
    }
}
