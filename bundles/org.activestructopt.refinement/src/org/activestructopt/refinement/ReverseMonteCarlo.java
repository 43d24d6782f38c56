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
 * Reverse Monte Carlo on the real simulators, ActiveStructOpt's RMC baseline: each step moves one atom, chosen
 * uniformly, to a point uniformly distributed in the ball of radius {@code maxStep} around it (default 0.1
 * Angstrom); a move that breaks the hard constraint is redrawn without simulating; otherwise the candidate is
 * simulated and accepted with the Metropolis probability min(1, exp(-(L' - L) / T)) on the loss L (default T =
 * 0.0025). The lattice is never changed.
 * <p>
 * The random numbers of step k come from {@code Seeds.generator(seed, "rmc", k)}, so a run is reproducible. A
 * resumed run continues from the best recorded candidate (the accepted state is not recorded).
 */
public final class ReverseMonteCarlo implements Baseline {

    /** Consecutive constraint rejections after which no move is deemed possible. */
    private static final int MAX_REJECTIONS = 100_000;

    private final double maxStep;
    private final double temperature;

    /**
     * @param maxStep     largest displacement, Angstrom (positive)
     * @param temperature Metropolis temperature in units of the loss (0: downhill moves only)
     */
    public ReverseMonteCarlo(double maxStep, double temperature) {
        if (!(maxStep > 0) || !Double.isFinite(maxStep) || !(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("RMC needs maxStep > 0 and temperature >= 0, got " + maxStep + " and "
                    + temperature);
        }
        this.maxStep = maxStep;
        this.temperature = temperature;
    }

    /** @return the baseline configured by a job's {@code <rmc>} section */
    public static ReverseMonteCarlo of(RmcConfig config) {
        return new ReverseMonteCarlo(config.maxStep(), config.temperature());
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
            Evaluation e = problem.objective().evaluate(problem.start(), sub.split(1));
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
            Evaluation e = problem.objective().evaluate(trial, sub.split(1));
            recorder.record(Phase.BASELINE, e);
            if (e.isFailed()) {
                continue;
            }
            double delta = e.loss() - loss;
            if (delta <= 0 || (temperature > 0 && rng.nextDouble() < Math.exp(-delta / temperature))) {
                current = trial;
                loss = e.loss();
            }
        }
    }

    /** One atom moved within the ball, redrawn until the hard constraint holds. */
    private Structure propose(Structure current, RefinementProblem problem, SplittableRandom rng)
            throws SamplingException {
        for (int k = 0; k < MAX_REJECTIONS; k++) {
            int i = rng.nextInt(current.size());
            double cz = 2 * rng.nextDouble() - 1;
            double phi = 2 * Math.PI * rng.nextDouble();
            double sz = Math.sqrt(1 - cz * cz);
            double r = maxStep * Math.cbrt(rng.nextDouble()); // uniform in the ball's volume
            double[] cart = current.cart(i);
            cart[0] += r * sz * Math.cos(phi);
            cart[1] += r * sz * Math.sin(phi);
            cart[2] += r * cz;
            double[] f = current.lattice().toFractional(cart);
            for (int a = 0; a < 3; a++) {
                f[a] -= Math.floor(f[a]);
            }
            Structure trial = current.withFrac(i, f);
            if (problem.limits().isSatisfied(trial)) {
                return trial;
            }
        }
        throw new SamplingException("reverse Monte Carlo: " + MAX_REJECTIONS + " moves in a row broke the minimum "
                + "distances; the current structure has no room to move within " + maxStep + " A");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ReverseMonteCarlo(maxStep %.3g A, T %.3g)", maxStep, temperature);
    }
}
