package org.activestructopt.refinement;

import org.activestructopt.api.SimulationException;
import org.activestructopt.refinement.model.Phase;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Random search: the start structure, then one fresh sampler draw per simulation (draw k from
 * {@code Seeds.generator(seed, "random", k)}, so a resumed run draws what the first run would have drawn).
 */
public final class RandomSearch implements Baseline {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public void run(RefinementProblem problem, RunRecorder recorder, int budget, IProgressMonitor monitor)
            throws SimulationException, SamplingException {
        SubMonitor sub = SubMonitor.convert(monitor, "Random search", Math.max(0, budget - recorder.used()));
        while (recorder.used() < budget) {
            int k = recorder.count();
            SubMonitor step = sub.setWorkRemaining(budget - recorder.used()).split(1).setWorkRemaining(2);
            var candidate = k == 0 ? problem.start()
                    : problem.sampler().sample(Seeds.generator(problem.seed(), "random", k), step.split(1));
            recorder.record(Phase.BASELINE, recorder.evaluate(problem.objective(), candidate, false, step.split(1)));
        }
    }

    @Override
    public String toString() {
        return "RandomSearch";
    }
}
