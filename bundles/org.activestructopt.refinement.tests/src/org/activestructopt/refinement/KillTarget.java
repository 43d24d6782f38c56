package org.activestructopt.refinement;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.activestructopt.api.Simulator;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;

/**
 * A cheap refinement that records into a run directory, for the kill tests ({@link KillTest}) and the durability
 * benchmark: random search on rutile 1x1x2 (12 sites) against its own PDF from a start displaced 0.5 A, with the real
 * PDF simulator (a few milliseconds per structure). Candidate k is drawn from a generator seeded by k alone, so a run
 * resumed after a kill must produce exactly the candidates of an uninterrupted run.
 * <p>
 * As a program ({@code java -cp ... org.activestructopt.refinement.KillTarget DIR BUDGET}) it runs outside OSGi, creates
 * the simulator from its class and prints {@code recorded K} after simulation K has been recorded, i.e. after
 * {@link RunRecorder#record} returned: from then on a kill must not lose it.
 */
public final class KillTarget {

    static final String SIMULATOR = "org.activestructopt.simulation.pdf.internal.PdfSimulator";
    static final long SEED = 11;

    private KillTarget() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int budget = Integer.parseInt(args[1]);
        Simulator simulator = (Simulator) Class.forName(SIMULATOR).getDeclaredConstructor().newInstance();
        System.out.println("started");
        System.out.flush();
        run(dir, budget, simulator, System.out, RunRecorder.Durability.JOURNAL);
        System.out.println("done");
        System.out.flush();
    }

    static Structure truth() {
        return TestStructures.rutile().supercell(1, 1, 2);
    }

    /**
     * Runs (or resumes) the refinement in {@code dir} until {@code budget} simulations are recorded.
     *
     * @param dir      the run directory; null for a job without file (nothing written)     *
     * @param progress where {@code recorded K} lines go; null for none
     */
    static Job run(Path dir, int budget, Simulator simulator, PrintStream progress, RunRecorder.Durability durability)
            throws Exception {
        Structure truth = truth();
        MinimumDistances limits = MinimumDistances.defaults();
        Structure start = BaselineBenchmark.displaced(truth, limits, SEED);
        ObjectiveFunction f = ObjectiveFunction.of(ObjectiveTerm.of(simulator, simulator.simulate(truth)));
        RefinementProblem problem = RefinementProblem.of(start, f, limits).withSeed(SEED)
                .withSampler(org.activestructopt.refinement.model.Variation.COORDINATES,
                        PerturbationSampler.of(start, limits).withAttempts(1_000_000));
        Path file = dir == null ? null : dir.resolve("job.xmi");
        Job job;
        if (dir == null) {
            job = Job.create().setMethod(Method.RANDOM).setSeed(SEED).setStart(start);
            job.addObjective("pdf", "target.dat");
            job.budget().setSimulations(Math.max(budget, 100)); // at least the phases of the defaults
        } else if (Files.exists(file)) {
            job = Job.load(file);
        } else {
            Files.createDirectories(dir);
            job = Job.create().setMethod(Method.RANDOM).setSeed(SEED).setStart(start);
            job.addObjective("pdf", "target.dat");
            job.budget().setSimulations(Math.max(budget, 100)); // at least the phases of the defaults
            job.saveAs(file);
        }
        RunRecorder recorder = RunRecorder.of(job, durability);
        recorder.track(() -> {
            while (recorder.used() < budget) {
                int k = recorder.count();
                Structure s = k == 0 ? problem.start()
                        : problem.sampler().sample(Seeds.generator(problem.seed(), "random", k), null);
                recorder.record(Phase.BASELINE, problem.objective().evaluate(s, null));
                if (progress != null) {
                    progress.println("recorded " + k);
                    progress.flush();
                }
            }
        });
        return job;
    }
}
