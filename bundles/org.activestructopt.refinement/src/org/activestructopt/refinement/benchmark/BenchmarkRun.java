package org.activestructopt.refinement.benchmark;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.refinement.Metrics;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.match.MatchResult;

/**
 * The outcome of one method on one benchmark problem, read from its job file: the best loss after each simulation,
 * the loss of the start, whether the best structure matches the true one, and the wall time.
 *
 * @param problem     the problem's id
 * @param method      the method
 * @param curve       {@link Metrics#bestSoFar} of the run's losses (empty if nothing was simulated)
 * @param startLoss   loss of the first successful simulation (the start for every method), NaN if none
 * @param match       the best structure matched against the true one (pymatgen's defaults), if there is a best
 * @param startMatch  the start (first successful simulation) matched against the true one, for comparison: a target
 *                    close to the start may match it already, and only the RMS then tells progress
 * @param seconds     wall time of the run, summed over the sessions that ran it
 * @param simulatorSeconds time the simulations themselves took (summed over candidates); the rest of
 *                    {@code seconds} is the method's own work (surrogate training, acquisition, sampling)
 * @param start       the first successfully simulated structure (the start), if any
 * @param best        the best structure, if any
 * @param truth       the true structure
 * @param status      the status the job file records
 * @param message     what stopped the run, if it did not complete
 * @param jobFile     where the job with all results is
 */
public record BenchmarkRun(String problem, Method method, double[] curve, double startLoss, Optional<MatchResult> match,
        Optional<MatchResult> startMatch, double seconds, double simulatorSeconds, Optional<Structure> start,
        Optional<Structure> best, Structure truth, Status status, Optional<String> message, Path jobFile) {

    public BenchmarkRun {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(method, "method");
        curve = curve.clone();
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(startMatch, "startMatch");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(jobFile, "jobFile");
    }

    /**
     * @param job     a job that has run (its results are read)
     * @param truth   the true structure
     * @param seconds the wall time spent on it
     */
    public static BenchmarkRun of(String problem, Job job, Structure truth, double seconds) {
        Results r = job.results();
        Optional<Candidate> first = r.candidates().stream().filter(c -> !c.isFailed()).findFirst();
        Optional<MatchResult> match = r.best().map(b -> Metrics.match(b.structure(), truth));
        Optional<MatchResult> startMatch = first.map(c -> Metrics.match(c.structure(), truth));
        double simulated = r.candidates().stream().mapToDouble(Candidate::seconds).sum();
        return new BenchmarkRun(problem, job.method(), Metrics.bestSoFar(r), first.map(Candidate::loss)
                .orElse(Double.NaN), match, startMatch, seconds, simulated, first.map(Candidate::structure),
                r.best().map(Candidate::structure), truth, r.status(), r.message(), job.file().orElseThrow(
                        () -> new IllegalArgumentException("the job has no file")));
    }

    @Override
    public double[] curve() {
        return curve.clone();
    }

    /** @return the number of simulations recorded */
    public int simulations() {
        return curve.length;
    }

    /** @return the lowest loss of the run, NaN if no simulation succeeded */
    public double bestLoss() {
        return curve.length == 0 ? Double.NaN : curve[curve.length - 1];
    }

    /** @return whether the best structure matches the true one */
    public boolean matches() {
        return match.map(MatchResult::matches).orElse(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BenchmarkRun r && problem.equals(r.problem) && method == r.method
                && java.util.Arrays.equals(curve, r.curve) && jobFile.equals(r.jobFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(problem, method, java.util.Arrays.hashCode(curve), jobFile);
    }

    @Override
    public String toString() {
        return "BenchmarkRun " + problem + " " + method + ": " + curve.length + " simulations, best " + bestLoss()
                + ", " + status;
    }
}
