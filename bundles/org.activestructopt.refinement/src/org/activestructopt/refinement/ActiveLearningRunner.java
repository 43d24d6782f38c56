package org.activestructopt.refinement;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.Surrogate;
import org.activestructopt.api.SurrogateData;
import org.activestructopt.api.SurrogateExample;
import org.activestructopt.api.SurrogateFit;
import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.refinement.model.Budget;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.RepulsionPenalty;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Runs a job whose method is {@code active}: the ActiveStructOpt loop. It spends the budget ({@link Budget}) in phases,
 * one simulation at a time, and writes every simulation into the job's results as it goes (as {@link BaselineRunner},
 * whose status life cycle and resumption it shares):
 * <ol>
 * <li><b>initial</b>: the start structure, then sampler draws; their simulations are the first training set;</li>
 * <li><b>calibration</b>: sampler draws held out from training, on which each surrogate scales its uncertainty so that
 * the held-out errors are standard normal (with {@code calibrate="false"} they train instead);</li>
 * <li><b>explore</b> rounds: fit the surrogates on everything simulated so far (warm-started from the last round where
 * the surrogate can), minimise the lower-confidence-bound {@link Acquisition} (misfit minus {@code lambda} times the
 * mean calibrated uncertainty, plus the distance penalty) with the {@link AcquisitionOptimiser}, simulate the best
 * point found;</li>
 * <li><b>exploit</b> rounds, the last {@code exploit} simulations: the same without the uncertainty term.</li>
 * </ol>
 * The optimiser starts from the best simulated structures (the better half of the starts, by loss) and fresh sampler
 * draws (the rest), so that it refines what works and still looks elsewhere. A proposal is simulated only if it
 * satisfies the hard minimum distances and is not a structure already simulated (equal within
 * {@value #DUPLICATE_TOLERANCE} in every fractional coordinate and the same lattice, which would teach the surrogate
 * nothing and waste a simulation); otherwise the
 * next best trajectory's point is taken, and if none is left, a fresh sampler draw.
 * <p>
 * <b>One surrogate per objective.</b> A {@link Surrogate} predicts spectra of one kind on one grid, and the objectives'
 * spectra differ in kind, grid, scale and noise: separate models standardise, fit and calibrate each on its own terms
 * (one EXAFS uncertainty calibrated together with a PDF's would be wrong for both), and each objective's term of the
 * acquisition differentiates through its own model. The terms are combined with auto-scaling; see {@link Acquisition}.
 * <p>
 * <b>Failures.</b> A simulation that fails for a reason tied to the structure is recorded with that reason and the loop
 * goes on; whether it counts against the budget is {@link Budget#countFailures()}. Other failures stop the run.
 * <p>
 * <b>Resumption.</b> A job that already holds results continues from them: the phase follows from the budget used,
 * sampler draws are keyed on the simulation's number ({@link Seeds}), and the surrogates are retrained from the
 * recorded simulations (their trained state is not saved: retraining costs one cold fit, seconds to a minute, while
 * saving ensembles every round would cost disk and time in every run). No simulation is repeated.
 * <p>
 * <b>Progress.</b> One unit of the monitor per simulation of the budget; the sub-task names the simulations done of
 * the budget, the best loss and the current step (training, optimising, simulating). Cancellation is checked between
 * optimiser steps, inside training and inside simulators; the job is then saved with status cancelled.
 */
public final class ActiveLearningRunner {

    /** Two structures whose fractional coordinates all agree within this (modulo 1) are the same candidate. */
    public static final double DUPLICATE_TOLERANCE = 1e-4;
    /** Sampler draws tried before giving up when every draw is a structure already simulated. */
    private static final int REDRAWS = 100;

    private static final System.Logger LOG = System.getLogger(ActiveLearningRunner.class.getName());

    private ActiveLearningRunner() {
    }

    /**
     * Runs (or resumes) an active job.
     *
     * @param simulators the simulator services
     * @param surrogates the surrogate services
     * @param monitor    progress and cancellation; may be null
     * @return the job's results (status completed)
     * @throws IllegalArgumentException   if the job's method is not {@code active}
     * @throws JobFormatException         if the job cannot be resolved (files, simulators, surrogate, settings), naming
     *                                    the key, before anything runs
     * @throws SimulationException        if a simulator fails for a reason other than the structure (status failed)
     * @throws SamplingException          if the sampler finds no admissible structure (status failed)
     * @throws OperationCanceledException if cancelled (status cancelled; the job can be resumed)
     */
    public static Results run(Job job, SimulatorRegistry simulators, SurrogateRegistry surrogates,
            IProgressMonitor monitor) throws JobFormatException, SimulationException, SamplingException {
        Objects.requireNonNull(job, "job");
        if (job.method() != Method.ACTIVE) {
            throw new IllegalArgumentException("method '" + job.method() + "' is a baseline; run it with "
                    + "BaselineRunner or Refinement.run");
        }
        RefinementProblem problem = RefinementProblem.fromJob(job, simulators);
        ActiveSettings settings = ActiveSettings.resolve(job, surrogates);
        RunRecorder recorder = RunRecorder.of(job);
        try (Loop loop = new Loop(job, problem, settings, recorder)) {
            return recorder.track(() -> loop.run(monitor));
        }
    }

    /** The state of one run: the data set per objective, the surrogates and the structures simulated so far. */
    private static final class Loop implements AutoCloseable {

        private final RefinementProblem problem;
        private final ActiveSettings settings;
        private final RunRecorder recorder;
        private final Budget budget;
        private final List<ObjectiveTerm> terms;
        private final RepulsionPenalty penalty;
        /** Every simulated structure, failed ones included, to recognise duplicates. */
        private final List<Structure> simulated = new ArrayList<>();
        /** Successful simulations with their loss, for the optimiser's starts. */
        private final List<Scored> successes = new ArrayList<>();
        private final List<List<SurrogateExample>> training = new ArrayList<>();
        private final List<List<SurrogateExample>> calibration = new ArrayList<>();
        /** Spectra of the initial phase's successes: the auto-scales' sample. */
        private final List<List<Spectrum>> initialSpectra = new ArrayList<>();
        private List<Surrogate> models;
        /** Examples (training + calibration) the surrogates were last fitted on; -1 before the first fit. */
        private int fittedOn = -1;
        private double[] scales;

        private record Scored(double loss, int index, Structure structure) {
        }

        Loop(Job job, RefinementProblem problem, ActiveSettings settings, RunRecorder recorder) {
            this.problem = problem;
            this.settings = settings;
            this.recorder = recorder;
            this.budget = job.budget();
            this.terms = problem.objective().terms();
            this.penalty = RepulsionPenalty.of(problem.limits());
            for (int o = 0; o < terms.size(); o++) {
                training.add(new ArrayList<>());
                calibration.add(new ArrayList<>());
            }
            for (Candidate c : recorder.results().candidates()) {
                add(c); // a resumed run: the data set as the killed run left it
            }
        }

        void run(IProgressMonitor monitor) throws SimulationException, SamplingException {
            int total = budget.simulations();
            SubMonitor sub = SubMonitor.convert(monitor, "Active learning", Math.max(0, total - recorder.used()));
            while (recorder.used() < total) {
                int used = recorder.used();
                int index = recorder.count();
                Phase phase = budget.phaseOf(used);
                SubMonitor round = sub.setWorkRemaining(total - used).split(1).setWorkRemaining(100);
                long t0 = System.nanoTime();
                Structure candidate = switch (phase) {
                case INITIAL -> index == 0 ? problem.start() : draw("initial", index, round.split(5));
                case CALIBRATION -> draw("calibration", index, round.split(5));
                case EXPLORE, EXPLOIT, BASELINE -> propose(phase, index, round.split(90));
                };
                long t1 = System.nanoTime();
                status(round, "simulating " + phase.literal() + " candidate " + (index + 1));
                Evaluation e = recorder.evaluate(problem.objective(), candidate, false, round.split(5));
                Candidate c = recorder.record(phase, e);
                add(c);
                LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT, "simulation %d (%s): %s, choosing %.2f s, "
                        + "simulating %.3f s", index + 1, phase.literal(), c.isFailed() ? "failed: "
                                + c.failure().orElse("") : String.format(Locale.ROOT, "loss %.5g", c.loss()),
                        (t1 - t0) * 1e-9, e.seconds()));
            }
        }

        /** Adds a recorded simulation to the data sets. */
        private void add(Candidate c) {
            Structure s = c.structure();
            simulated.add(s);
            if (c.isFailed()) {
                return;
            }
            successes.add(new Scored(c.loss(), c.index(), s));
            List<Spectrum> spectra = new ArrayList<>(terms.size());
            for (int o = 0; o < terms.size(); o++) {
                Spectrum y = c.spectrum(o);
                spectra.add(y);
                SurrogateExample example = new SurrogateExample(s, y);
                (c.phase() == Phase.CALIBRATION && settings.calibrate() ? calibration : training).get(o).add(example);
            }
            if (c.phase() == Phase.INITIAL) {
                initialSpectra.add(spectra);
            }
        }

        /** A sampler draw that was not simulated yet; draw k of a stream depends only on the seed and k. */
        private Structure draw(String stream, int index, IProgressMonitor monitor) throws SamplingException {
            status(monitor, "drawing a " + stream + " structure");
            SubMonitor sub = SubMonitor.convert(monitor, REDRAWS);
            for (int attempt = 0; attempt < REDRAWS; attempt++) {
                String name = attempt == 0 ? stream : stream + "#" + attempt;
                Structure s = problem.sampler().sample(Seeds.generator(problem.seed(), name, index), sub.split(1));
                if (!isDuplicate(s)) {
                    return s;
                }
            }
            throw new SamplingException("the sampler drew " + REDRAWS + " structures that were all simulated "
                    + "already; widen its radius (sampler settings rmin/rmax)");
        }

        /** Same species, fractional coordinates within the tolerance modulo 1, lattice within it x |longest axis|. */
        private boolean isDuplicate(Structure s) {
            for (Structure t : simulated) {
                if (t.approxEquals(s, DUPLICATE_TOLERANCE)) {
                    return true;
                }
            }
            return false;
        }

        /** One round of the loop: fit, optimise the acquisition, return the candidate to simulate. */
        private Structure propose(Phase phase, int index, IProgressMonitor monitor) throws SamplingException {
            SubMonitor sub = SubMonitor.convert(monitor, 100);
            fit(sub.split(40));
            ActiveSettings.Search search = settings.search(phase);
            Acquisition acquisition = Acquisition.of(terms, scales(), search.kappa(), penalty);
            List<Structure> starts = starts(search.starts(), index, sub.split(5));
            status(sub, "optimising the acquisition (" + starts.size() + " starts x " + search.steps() + " steps)");
            AcquisitionOptimiser optimiser = AcquisitionOptimiser.of(models, acquisition).withSteps(search.steps())
                    .withLearningRates(settings.positionRate(), settings.latticeRate());
            if (problem.variation() == Variation.LATTICE) {
                optimiser = optimiser.withCoordinatesFixed();
            }
            AcquisitionOptimiser.Result r = optimiser.optimise(starts, s -> !isDuplicate(s), sub.split(50));
            r.stoppedEarly().ifPresent(why -> LOG.log(Level.INFO, "simulation " + (index + 1) + ": " + why));
            LOG.log(Level.DEBUG, () -> "simulation " + (index + 1) + ": " + r);
            for (AcquisitionOptimiser.Point p : r.ranked()) {
                Structure s = p.structure().wrapped();
                if (problem.limits().isSatisfied(s) && !isDuplicate(s)) {
                    return s;
                }
            }
            LOG.log(Level.INFO, "simulation " + (index + 1) + ": the optimiser found no new structure within the "
                    + "minimum distances; simulating a sampler draw instead");
            return draw("fallback", index, sub.split(5));
        }

        /** Fits every surrogate on the current data, unless nothing was added since the last fit. */
        private void fit(IProgressMonitor monitor) {
            int examples = training.get(0).size() + calibration.get(0).size();
            if (examples == fittedOn) {
                return;
            }
            SubMonitor sub = SubMonitor.convert(monitor, terms.size());
            if (models == null) {
                models = new ArrayList<>();
                for (ObjectiveTerm t : terms) {
                    models.add(settings.factory().create(t.target().kind(), t.grid(), settings.settings()));
                }
            }
            for (int o = 0; o < terms.size(); o++) {
                String step = "training the surrogate" + (terms.size() > 1 ? " of " + terms.get(o).name() : "")
                        + " on " + training.get(o).size() + " structures";
                status(sub, step);
                if (training.get(o).isEmpty()) {
                    throw new IllegalStateException("no successful simulation to train the surrogate on: every "
                            + "simulation of the initial phase failed (see the candidates' failure reasons)");
                }
                SurrogateFit fit;
                try {
                    fit = models.get(o).fit(SurrogateData.of(training.get(o), calibration.get(o)),
                            labelled(sub.split(1), step));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new IllegalStateException("surrogate '" + settings.factory().name() + "' of objective "
                            + terms.get(o).name() + " could not be trained: " + e.getMessage(), e);
                }
                int objective = o;
                LOG.log(Level.DEBUG, () -> "objective " + objective + ": " + fit);
            }
            fittedOn = examples;
        }

        /**
         * The auto-scales, fixed once by the first successful simulation, the start's, as the recorded loss's scales
         * are (see {@link Acquisition}).
         */
        private double[] scales() {
            if (scales == null) {
                if (initialSpectra.isEmpty()) {
                    throw new IllegalStateException("no simulation of the initial phase succeeded: nothing to "
                            + "scale the objectives by");
                }
                scales = Acquisition.autoScales(terms, initialSpectra.subList(0, 1));
            }
            return scales;
        }

        /** The better half of the starts from the best simulated structures, the rest fresh sampler draws. */
        private List<Structure> starts(int count, int index, IProgressMonitor monitor) throws SamplingException {
            status(monitor, "drawing " + count + " optimiser starts");
            List<Scored> ranked = new ArrayList<>(successes);
            ranked.sort(Comparator.comparingDouble(Scored::loss).thenComparingInt(Scored::index));
            int fromData = Math.min(ranked.size(), (count + 1) / 2);
            List<Structure> starts = new ArrayList<>(count);
            for (int j = 0; j < fromData; j++) {
                starts.add(ranked.get(j).structure());
            }
            SubMonitor sub = SubMonitor.convert(monitor, count - fromData);
            for (int j = fromData; j < count; j++) {
                starts.add(problem.sampler().sample(Seeds.generator(problem.seed(), "starts:" + index, j),
                        sub.split(1)));
            }
            return starts;
        }

        /** A monitor whose sub-tasks (e.g. a surrogate's epochs) keep the run's status in front of them. */
        private IProgressMonitor labelled(IProgressMonitor monitor, String step) {
            return new ProgressMonitorWrapper(monitor) {
                @Override
                public void subTask(String name) {
                    status(getWrappedProgressMonitor(), step + " (" + name + ")");
                }
            };
        }

        /** Shows where the run stands: simulations done of the budget, best loss, current step. */
        private void status(IProgressMonitor monitor, String step) {
            if (monitor == null) {
                return;
            }
            Optional<Candidate> best = recorder.results().best();
            monitor.subTask(String.format(Locale.ROOT, "%d/%d simulations, best loss %s: %s", recorder.used(),
                    budget.simulations(), best.map(b -> String.format(Locale.ROOT, "%.4g", b.loss())).orElse("-"),
                    step));
        }

        @Override
        public void close() {
            if (models != null) {
                models.forEach(Surrogate::close);
            }
        }
    }
}
