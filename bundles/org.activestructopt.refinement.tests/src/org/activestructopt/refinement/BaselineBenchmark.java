package org.activestructopt.refinement;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.api.Simulator;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.symmetry.SpaceGroup;

/**
 * The baselines on benchmark problems in the style of ActiveStructOpt's: a known structure's simulated spectrum is
 * the target, the start is that structure with every atom moved 0.5 Angstrom in a random direction (redrawn until
 * it keeps the minimum distances). For each method the report gives the median over problems of the best loss after
 * n simulations, how many problems' best structure matches the truth (pymatgen's StructureMatcher defaults) and the
 * wall time.
 * <p>
 * Runs outside OSGi, so the simulator is created from its class name: from the test bundle directory,
 * {@code java -cp ... org.activestructopt.refinement.BaselineBenchmark
 * org.activestructopt.simulation.pdf.internal.PdfSimulator [budget] [report.md]} (defaults 200 and
 * {@code benchmark/baseline-benchmark.md}).
 */
public final class BaselineBenchmark {

    private static final int[] CHECKPOINTS = { 1, 10, 30, 50, 100, 150, 200, 400, 1000 };
    private static final double DISPLACEMENT = 0.5;
    private static final int SEEDS = 2;

    private BaselineBenchmark() {
    }

    /** The true structures: 8 to 16 sites, textbook prototypes with experimental cells. */
    static Map<String, Structure> problems() {
        Map<String, Structure> m = new LinkedHashMap<>();
        m.put("NaCl (rock salt, 8)", TestStructures.nacl());
        m.put("TiO2 (rutile 1x1x2, 12)", TestStructures.rutile().supercell(1, 1, 2));
        m.put("SrTiO3 (perovskite 2x1x1, 10)", TestStructures.srtio3().supercell(2, 1, 1));
        m.put("LiNiO2 (R-3m hexagonal, 12)", TestStructures.linio2());
        m.put("ZnS (zincblende, 8)", SpaceGroup.of(216).expand(Lattice.cubic(5.41), List.of(Element.Zn, Element.S),
                new double[][] { { 0, 0, 0 }, { 0.25, 0.25, 0.25 } }));
        m.put("Cu (fcc 2x1x1, 8)", SpaceGroup.of(225).expand(Lattice.cubic(3.615), List.of(Element.Cu),
                new double[][] { { 0, 0, 0 } }).supercell(2, 1, 1));
        m.put("Si (diamond, 8)", SpaceGroup.of(227, "1").expand(Lattice.cubic(5.431), List.of(Element.Si),
                new double[][] { { 0, 0, 0 } }));
        m.put("MgO (rock salt 2x1x1, 16)", SpaceGroup.of(225).expand(Lattice.cubic(4.212),
                List.of(Element.Mg, Element.O), new double[][] { { 0, 0, 0 }, { 0.5, 0.5, 0.5 } }).supercell(2, 1, 1));
        return m;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: BaselineBenchmark SIMULATOR_CLASS [budget] [report.md]");
            System.exit(2);
        }
        Simulator simulator = (Simulator) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        int budget = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path out = Path.of(args.length > 2 ? args[2] : "benchmark/baseline-benchmark.md");
        MinimumDistances limits = MinimumDistances.defaults();
        List<Baseline> methods = List.of(ReverseMonteCarlo.original(), new RandomSearch(),
                new LeastSquares(1e-3, 1e-6, 0.1));
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        Map<String, Integer> matches = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        StringBuilder perProblem = new StringBuilder();
        int problems = 0;
        for (Map.Entry<String, Structure> p : problems().entrySet()) {
            Structure truth = p.getValue();
            Spectrum target = simulator.simulate(truth);
            ObjectiveFunction f = ObjectiveFunction.of(ObjectiveTerm.of(simulator, target));
            for (int seed = 1; seed <= SEEDS; seed++) {
                Structure start = displaced(truth, limits, seed);
                // starts displaced 0.5 A sit close to the minimum distances, where most perturbations of the whole
                // structure break them: allow many attempts (constraint checks only, no simulations)
                RefinementProblem problem = RefinementProblem.of(start, f, limits).withSeed(seed).withReference(truth)
                        .withSampler(Variation.COORDINATES, PerturbationSampler.of(start, limits).withAttempts(1_000_000));
                problems++;
                perProblem.append(String.format(Locale.ROOT, "| %s | %d |", p.getKey(), seed));
                for (Baseline b : methods) {
                    Job job = Job.create();
                    long t0 = System.nanoTime();
                    b.run(problem, RunRecorder.of(job), budget, null);
                    double s = (System.nanoTime() - t0) * 1e-9;
                    Results r = job.results();
                    double[] best = Metrics.bestSoFar(r);
                    boolean match = Metrics.match(r.best().orElseThrow().structure(), truth).matches();
                    curves.computeIfAbsent(b.name(), k -> new ArrayList<>()).add(best);
                    matches.merge(b.name(), match ? 1 : 0, Integer::sum);
                    seconds.merge(b.name(), s, Double::sum);
                    perProblem.append(String.format(Locale.ROOT, " %.3g -> %.3g%s |", best[0], best[best.length - 1],
                            match ? " (match)" : ""));
                    System.out.printf(Locale.ROOT, "%s seed %d %s: %.3g -> %.3g match %s %.1f s%n", p.getKey(), seed,
                            b.name(), best[0], best[best.length - 1], match, s);
                }
                perProblem.append('\n');
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Baselines on the PDF simulator\n\n");
        md.append(String.format(Locale.ROOT, "%s, %s, %d problems (%d structures x %d displacements of %.1f A), "
                + "budget %d simulations, %s (%d cores), Java %s.%n%n",
                LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), simulator.descriptor().description(),
                problems, problems().size(), SEEDS, DISPLACEMENT, budget, System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors(),
                System.getProperty("java.version")));
        md.append("Loss: MSE of G(r) on r = 1..10 A (default settings), in A^-4. Methods: reverse Monte Carlo "
                + "(0.1 A moves, T = 0.0025), random search (perturbation sampler around the start: radius 0.1-1.0 A),"
                + " Levenberg-Marquardt with analytic Jacobians (restart radius 0.1 A).\n\n");
        md.append("## Median best loss after n simulations\n\n| n |");
        methods.forEach(b -> md.append(' ').append(b.name()).append(" |"));
        md.append("\n|---|");
        methods.forEach(b -> md.append("---|"));
        md.append('\n');
        for (int n : CHECKPOINTS) {
            if (n > budget) {
                continue;
            }
            md.append("| ").append(n).append(" |");
            for (Baseline b : methods) {
                md.append(String.format(Locale.ROOT, " %.3g |", Metrics.medianCurve(curves.get(b.name()))[n - 1]));
            }
            md.append('\n');
        }
        md.append("\n## Best structure matches the truth; wall time\n\n| method | matches | seconds (all problems) |\n"
                + "|---|---|---|\n");
        for (Baseline b : methods) {
            md.append(String.format(Locale.ROOT, "| %s | %d / %d | %.1f |%n", b.name(), matches.get(b.name()),
                    problems, seconds.get(b.name())));
        }
        md.append("\n## Per problem: start loss -> best loss\n\n| structure | seed |");
        methods.forEach(b -> md.append(' ').append(b.name()).append(" |"));
        md.append("\n|---|---|");
        methods.forEach(b -> md.append("---|"));
        md.append('\n').append(perProblem);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md.toString());
        System.out.print(md);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** The truth with every atom moved {@value #DISPLACEMENT} A, redrawn until the minimum distances hold. */
    static Structure displaced(Structure truth, MinimumDistances limits, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < 10_000; k++) {
            Structure s = truth.perturbed(rng, DISPLACEMENT, DISPLACEMENT).wrapped();
            if (limits.isSatisfied(s)) {
                return s;
            }
        }
        throw new IllegalStateException("no displacement of " + truth + " keeps the minimum distances");
    }
}
