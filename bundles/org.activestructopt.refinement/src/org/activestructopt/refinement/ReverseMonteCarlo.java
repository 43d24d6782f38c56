package org.activestructopt.refinement;

import java.util.Locale;
import java.util.SplittableRandom;

import org.activestructopt.api.SimulationException;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.RmcConfig;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Reverse Monte Carlo on the real simulators, run as ActiveStructOpt runs its RMC baseline.
 * <p>
 * <b>The original</b> (Fung-Lab/ActiveStructOpt, {@code active/config.py} {@code rmc_config}: dataset
 * {@code RMCList} in {@code dataset/rmc_list.py}, optimiser {@code RMCStep} in {@code optimizer/rmc_step.py},
 * sampler {@code Perturbation} in {@code sampler/perturbation.py} with perturbrmin = perturbrmax = 0.1, lattice
 * perturbation 0) is one Markov chain from the start structure:
 * <ul>
 * <li>move: the sampler copies the current structure and calls pymatgen's {@code Structure.perturb(d)} with one
 * d ~ U(perturbrmin, perturbrmax) = 0.1 &Aring;, which translates <i>every</i> site by d along its own direction
 * (a normalised standard-normal vector: uniform on the sphere); the lattice is left as it is (its Gaussian noise
 * has standard deviation perturbl&sigma; = 0); a proposal closer than 0.85 x the Lennard-Jones r<sub>min</sub> of
 * a pair ({@code lj_reject}) is redrawn without simulating;</li>
 * <li>loss: the sum over targets of {@code get_mismatch}, which is the <b>mean squared error</b> of the simulated
 * spectrum (optionally times a weight per target);</li>
 * <li>acceptance: &Delta; = L' - L &le; 0, or log(u) &lt; -&Delta; / (2&sigma;<sup>2</sup>) with u ~ U(0, 1) and
 * &sigma; = 0.0025, i.e. min(1, exp(-&Delta;/T)) with T = 2&sigma;<sup>2</sup> = 1.25e-5 in units of the loss.</li>
 * </ul>
 * <b>Here</b>: the same chain, move and acceptance; the displacement d ~ U(minStep, maxStep) (both 0.1 by default),
 * every atom moved (or one atom chosen uniformly when {@code allAtoms} is false, as the original's
 * {@code SingleAtomPerturbation}); the hard constraint is the job's minimum distances; the loss is the job's
 * ({@link ObjectiveFunction}: the weighted sum of the objectives' metrics, the MSE by default). A failed simulation
 * is rejected. The lattice never changes, also when the job lets it vary.
 * <p>
 * The random numbers of step k come from {@code Seeds.generator(seed, "rmc", k)}, so a run is reproducible. A
 * resumed run continues from the best recorded candidate (the accepted state is not recorded).
 */
public final class ReverseMonteCarlo implements Baseline {

    /** Consecutive constraint rejections after which no move is deemed possible. */
    private static final int MAX_REJECTIONS = 100_000;

    private final boolean allAtoms;
    private final double minStep;
    private final double maxStep;
    private final double temperature;

    /**
     * @param allAtoms    whether every atom moves each step (the original) or one chosen uniformly
     * @param minStep     shortest displacement, Angstrom (&ge; 0)
     * @param maxStep     longest displacement, Angstrom (&ge; minStep, positive)
     * @param temperature Metropolis temperature T in units of the loss (0: downhill moves only); the original's is
     *                    2&sigma;<sup>2</sup> ({@link #temperatureOfSigma})
     */
    public ReverseMonteCarlo(boolean allAtoms, double minStep, double maxStep, double temperature) {
        if (!(maxStep > 0) || !Double.isFinite(maxStep) || !(minStep >= 0) || !(minStep <= maxStep)
                || !(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("RMC needs 0 <= minStep <= maxStep, maxStep > 0 and temperature >= 0,"
                    + " got " + minStep + ", " + maxStep + " and " + temperature);
        }
        this.allAtoms = allAtoms;
        this.minStep = minStep;
        this.maxStep = maxStep;
        this.temperature = temperature;
    }

    /** @return the original's RMC: every atom moved by 0.1 A, sigma 0.0025 */
    public static ReverseMonteCarlo original() {
        return new ReverseMonteCarlo(true, 0.1, 0.1, temperatureOfSigma(RmcConfig.DEFAULT_SIGMA));
    }

    /** @return the original's moves at another temperature */
    public static ReverseMonteCarlo atTemperature(double temperature) {
        return new ReverseMonteCarlo(true, 0.1, 0.1, temperature);
    }

    /** @return T = 2 sigma<sup>2</sup>, the temperature of the original's acceptance exp(-Delta / (2 sigma^2)) */
    public static double temperatureOfSigma(double sigma) {
        return 2 * sigma * sigma;
    }

    /** @return the baseline configured by a job's {@code <rmc>} section */
    public static ReverseMonteCarlo of(RmcConfig config) {
        return new ReverseMonteCarlo(config.allAtoms(), config.minStep(), config.maxStep(), config.temperature());
    }

    /** @return the Metropolis temperature, in units of the loss */
    public double temperature() {
        return temperature;
    }

    @Override
    public String name() {
        return "rmc";
    }

    @Override
    public void run(RefinementProblem problem, RunRecorder recorder, int budget, IProgressMonitor monitor)
            throws SimulationException, SamplingException {
        SubMonitor sub = SubMonitor.convert(monitor, "Reverse Monte Carlo", Math.max(0, budget - recorder.used()));
        Structure current;
        double loss;
        if (recorder.count() == 0) {
            Evaluation e = recorder.evaluate(problem.objective(), problem.start(), false, sub.split(1));
            recorder.record(Phase.BASELINE, e);
            current = problem.start();
            loss = e.isFailed() ? Double.POSITIVE_INFINITY : e.loss();
        } else {
            Candidate best = recorder.results().best().orElse(recorder.results().candidate(0));
            current = best.structure();
            loss = best.isFailed() ? Double.POSITIVE_INFINITY : best.loss();
        }
        while (recorder.used() < budget) {
            SplittableRandom rng = Seeds.generator(problem.seed(), "rmc", recorder.count());
            Structure trial = propose(current, problem, rng);
            Evaluation e = recorder.evaluate(problem.objective(), trial, false, sub.split(1));
            recorder.record(Phase.BASELINE, e);
            if (e.isFailed()) {
                continue;
            }
            if (Double.isInfinite(loss) || accepts(e.loss() - loss, rng)) {
                current = trial;
                loss = e.loss();
            }
        }
    }

    /**
     * The Metropolis rule: a change of the loss by {@code delta} is accepted if it is not positive, else with
     * probability exp(-delta / T) (one uniform draw from {@code rng}, compared in logarithms as in the original).
     */
    boolean accepts(double delta, SplittableRandom rng) {
        if (delta <= 0) {
            return true;
        }
        return temperature > 0 && Math.log(rng.nextDouble()) < -delta / temperature;
    }

    /** The move, redrawn until the hard constraint holds. */
    Structure propose(Structure current, RefinementProblem problem, SplittableRandom rng) throws SamplingException {
        for (int k = 0; k < MAX_REJECTIONS; k++) {
            double d = minStep == maxStep ? maxStep : minStep + (maxStep - minStep) * rng.nextDouble();
            double[][] cart = current.cartCoords();
            if (allAtoms) {
                for (double[] x : cart) {
                    displace(x, d, rng);
                }
            } else {
                displace(cart[rng.nextInt(current.size())], d, rng);
            }
            double[][] frac = new double[cart.length][];
            for (int i = 0; i < cart.length; i++) {
                frac[i] = current.lattice().toFractional(cart[i]);
                for (int a = 0; a < 3; a++) {
                    frac[i][a] -= Math.floor(frac[i][a]);
                }
            }
            Structure trial = current.withFracCoords(frac);
            if (problem.limits().isSatisfied(trial)) {
                return trial;
            }
        }
        throw new SamplingException("reverse Monte Carlo: " + MAX_REJECTIONS + " moves in a row broke the minimum "
                + "distances; the current structure has no room to move by " + minStep + "-" + maxStep + " A");
    }

    /** Moves x by d along a direction uniform on the sphere (a normalised Gaussian vector, as pymatgen's). */
    private static void displace(double[] x, double d, SplittableRandom rng) {
        double gx;
        double gy;
        double gz;
        double norm;
        do {
            gx = gaussian(rng);
            gy = gaussian(rng);
            gz = gaussian(rng);
            norm = Math.sqrt(gx * gx + gy * gy + gz * gz);
        } while (norm == 0);
        x[0] += d * gx / norm;
        x[1] += d * gy / norm;
        x[2] += d * gz / norm;
    }

    private static double gaussian(SplittableRandom rng) {
        return rng.nextGaussian();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ReverseMonteCarlo(%s, step %.3g-%.3g A, T %.3g)",
                allAtoms ? "all atoms" : "one atom", minStep, maxStep, temperature);
    }
}
