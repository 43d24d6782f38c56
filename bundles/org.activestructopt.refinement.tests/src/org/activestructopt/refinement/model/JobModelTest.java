package org.activestructopt.refinement.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job model: defaults of the method, round trips through XMI, results and resumption. */
class JobModelTest {

    static final Path EXAMPLE = Path.of("data", "jobs", "example-job.xmi");

    @TempDir
    Path dir;

    static Structure nacl() {
        return Structure.builder(Lattice.cubic(5.64)).add("Na", 0, 0, 0).add("Na", 0, 0.5, 0.5)
                .add("Na", 0.5, 0, 0.5).add("Na", 0.5, 0.5, 0).add("Cl", 0.5, 0.5, 0.5).add("Cl", 0.5, 0, 0)
                .add("Cl", 0, 0.5, 0).add("Cl", 0, 0, 0.5).build();
    }

    @Test
    void defaultsAreThoseOfTheMethod() {
        Job job = Job.create();
        Budget b = job.budget();
        assertEquals(200, b.simulations());
        assertEquals(10, b.initial());
        assertEquals(20, b.calibration());
        assertEquals(130, b.explore());
        assertEquals(40, b.exploit());
        assertEquals(5, job.surrogate().ensembleSize());
        assertEquals(MinimumDistances.DEFAULT_FACTOR, job.constraints().factor());
        assertEquals(0.1, job.rmc().maxStep());
        // ActiveStructOpt's RMC: every atom moved by exactly 0.1 A, sigma 0.0025, T = 2 sigma^2
        assertEquals(List.of(0.1, 0.1, true, 0.0025), List.of(job.rmc().minStep(), job.rmc().maxStep(),
                job.rmc().allAtoms(), job.rmc().sigma()));
        assertEquals(1.25e-5, job.rmc().temperature(), 1e-18);
        assertEquals(Method.ACTIVE, job.method());
        assertEquals(Variation.COORDINATES, job.variation());
        assertEquals("perturbation", job.sampler().name());
        SearchProfile explore = job.optimiser().explore();
        SearchProfile exploit = job.optimiser().exploit();
        // the method's acquisitions; search sizes scaled to a CPU (SearchProfile)
        assertEquals(List.of("mae-uncertainty", 0.1, 16, 50),
                List.of(explore.acquisition(), explore.lambda(), explore.starts(), explore.steps()));
        assertEquals(List.of("mae", 0.0, 32, 50),
                List.of(exploit.acquisition(), exploit.lambda(), exploit.starts(), exploit.steps()));
        assertEquals(Phase.EXPLORE, explore.phase());
        assertEquals(Phase.EXPLOIT, exploit.phase());
    }

    @Test
    void phasesFollowTheBudget() {
        Budget b = Job.create().budget();
        int[] counts = new int[Phase.values().length];
        for (int i = 0; i < b.simulations(); i++) {
            counts[b.phaseOf(i).ordinal()]++;
        }
        assertEquals(10, counts[Phase.INITIAL.ordinal()]);
        assertEquals(20, counts[Phase.CALIBRATION.ordinal()]);
        assertEquals(130, counts[Phase.EXPLORE.ordinal()]);
        assertEquals(40, counts[Phase.EXPLOIT.ordinal()]);
        assertEquals(Phase.CALIBRATION, b.phaseOf(10));
        assertEquals(Phase.EXPLORE, b.phaseOf(30));
        assertEquals(Phase.EXPLORE, b.phaseOf(159));
        assertEquals(Phase.EXPLOIT, b.phaseOf(160));
        assertThrows(IllegalArgumentException.class, () -> b.phaseOf(200));
    }

    @Test
    void exampleJobLoadsWithItsValuesAndDefaults() throws Exception {
        Job job = Job.load(EXAMPLE);
        assertEquals("NaCl from its PDF", job.name().orElseThrow());
        assertEquals(7, job.seed());
        assertEquals(Method.RMC, job.method());
        assertTrue(job.start().crystal().orElseThrow().approxEquals(nacl(), 1e-12));
        Objective o = job.objectives().get(0);
        assertEquals("pdf", o.simulator());
        assertEquals(Map.of("qmax", "25", "uiso", "0.008"), o.settings());
        assertEquals(List.of("qmax", "uiso"), List.copyOf(o.settings().keySet()));
        assertEquals(TargetFormat.COLUMNS, o.target().effectiveFormat());
        assertEquals(1.5, o.target().xmin().getAsDouble());
        assertEquals(10, o.target().xmax().getAsDouble());
        assertEquals(job.resolve("NaCl_gr.dat"), EXAMPLE.toAbsolutePath().getParent().resolve("NaCl_gr.dat"));
        assertEquals(0.8, job.constraints().factor());
        PairDistance p = job.constraints().pairs().get(0);
        assertEquals(List.of(Element.Na, Element.Cl, 2.2), List.of(p.a(), p.b(), p.distance()));
        MinimumDistances md = job.constraints().toMinimumDistances(job.start().crystal().orElseThrow());
        assertEquals(2.2, md.get(Element.Cl, Element.Na));
        assertEquals(0.8 * MinimumDistances.reference(Element.Na, Element.Na), md.get(Element.Na, Element.Na), 1e-12);
        assertEquals(100, job.budget().simulations());
        assertEquals(65, job.budget().explore());
        assertEquals(0.05, job.rmc().maxStep());
        assertEquals(1.25e-5, job.rmc().temperature(), 1e-18); // not in the file: 2 sigma^2, sigma = 0.0025
        assertEquals(5, job.surrogate().ensembleSize()); // section absent: default
        assertFalse(job.hasResults());
        assertEquals(10, job.objectives().get(0).target().line().getAsInt());
    }

    @Test
    void roundTripKeepsEverythingAndWritesDefaultsOut() throws Exception {
        Job job = Job.create().setName("round trip").setSeed(-3).setMethod(Method.LEAST_SQUARES)
                .setVariation(Variation.COORDINATES_AND_LATTICE).setStart(nacl());
        job.referenceOrCreate().setFile("truth.cif");
        job.addObjective("pdf", "a.nxs").setWeight(2).setMetric(Metric.MAE).setSetting("qmax", "20").target()
                .setSignal("/entry/data/G").setAxis("r").setRange(1, Double.NaN);
        job.addObjective("exafs-feff", "b.dat");
        job.sampler().setName("spacegroup").setSetting("packing_max", "2.2");
        job.constraints().setAcceptStart(true).setPair(Element.Li, Element.O, 1.7);
        job.surrogate().setEnsembleSize(8).setCalibrate(false).setSetting("layers", "4");
        job.budget().setSimulations(50).setInitial(5).setCalibration(5).setExploit(10);
        job.optimiser().setName("adamw").setPositionLearningRate(0.01).exploit().setStarts(64);
        job.leastSquares().setRestartRadius(0.2);
        Path file = dir.resolve("sub").resolve("job.xmi");
        job.saveAs(file);
        assertEquals(file.toAbsolutePath(), job.file().orElseThrow());
        String text = Files.readString(file);
        // defaults are written out so a results file documents what the run used
        assertTrue(text.contains("maxStep=\"0.1\""), text);
        assertTrue(text.contains("xmlns:aso=\"http://www.activestructopt.org/refinement/1.0\""), text);

        Job back = Job.load(file);
        assertEquals("round trip", back.name().orElseThrow());
        assertEquals(-3, back.seed());
        assertEquals(Method.LEAST_SQUARES, back.method());
        assertEquals(Variation.COORDINATES_AND_LATTICE, back.variation());
        assertTrue(back.start().crystal().orElseThrow().equals(nacl()), "doubles survive exactly");
        assertEquals("truth.cif", back.reference().orElseThrow().file().orElseThrow());
        assertEquals(2, back.objectives().size());
        Objective o = back.objectives().get(0);
        assertEquals(List.of(2.0, Metric.MAE, Map.of("qmax", "20")), List.of(o.weight(), o.metric(), o.settings()));
        assertEquals("/entry/data/G", o.target().signal().orElseThrow());
        assertEquals("r", o.target().axis().orElseThrow());
        assertEquals(1.0, o.target().xmin().getAsDouble());
        assertTrue(o.target().xmax().isEmpty());
        assertEquals(TargetFormat.NEXUS, o.target().effectiveFormat());
        assertEquals("exafs-feff", back.objectives().get(1).simulator());
        assertEquals(Map.of("packing_max", "2.2"), back.sampler().settings());
        assertTrue(back.constraints().acceptStart());
        assertEquals(1.7, back.constraints().pairs().get(0).distance());
        assertEquals(List.of(8, false, Map.of("layers", "4")), List.of(back.surrogate().ensembleSize(),
                back.surrogate().calibrate(), back.surrogate().settings()));
        assertEquals(List.of(50, 5, 5, 30, 10), List.of(back.budget().simulations(), back.budget().initial(),
                back.budget().calibration(), back.budget().explore(), back.budget().exploit()));
        assertEquals("adamw", back.optimiser().name());
        assertEquals(0.01, back.optimiser().positionLearningRate());
        assertEquals(64, back.optimiser().exploit().starts());
        assertEquals(50, back.optimiser().exploit().steps());
        assertEquals(0.2, back.leastSquares().restartRadius());
    }

    @Test
    void resultsRecordCandidatesBestAndFailuresAndSurviveReload() throws Exception {
        Job job = Job.load(EXAMPLE);
        Path file = dir.resolve("run.xmi");
        job.saveAs(file);
        Results r = job.results();
        assertEquals(Status.RUNNING, r.status());
        double[] x = { 1.5, 1.6, 1.7 };
        Structure s0 = nacl();
        Structure s1 = s0.withFrac(0, new double[] { 0.01, 0, 0 });
        r.add(Phase.INITIAL, s0, List.of(Spectrum.of(SpectrumKind.PDF, x, new double[] { 1, 2, 3 })),
                new double[] { 0.5 }, 0.5, 0.25);
        r.addFailure(Phase.INITIAL, s1, "INVALID_STRUCTURE", "sites 0 and 4 too close", 0.01);
        r.add(Phase.BASELINE, s1, List.of(Spectrum.of(SpectrumKind.PDF, x, new double[] { 1, 2, -7.5e-300 })),
                new double[] { 0.2 }, 0.2, 0.5);
        r.add(Phase.BASELINE, s0, List.of(Spectrum.of(SpectrumKind.PDF, x, new double[] { 0, 0, 0 })),
                new double[] { 0.3 }, 0.3, 0.5);
        assertEquals(2, r.best().orElseThrow().index());
        assertThrows(IllegalArgumentException.class, () -> r.add(Phase.BASELINE, s0,
                List.of(Spectrum.of(SpectrumKind.PDF, new double[] { 1, 2 }, new double[] { 0, 0 })),
                new double[] { 0.1 }, 0.1, 0), "another grid than the recorded one");
        r.setStatus(Status.CANCELLED, "stopped by user");
        job.save();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left behind");
        }

        Results back = Job.load(file).results();
        assertEquals(4, back.size());
        assertEquals(Status.CANCELLED, back.status());
        assertEquals("stopped by user", back.message().orElseThrow());
        Candidate best = back.best().orElseThrow();
        assertEquals(2, best.index());
        assertEquals(Phase.BASELINE, best.phase());
        assertTrue(best.structure().equals(s1));
        Spectrum sp = best.spectrum(0);
        assertEquals(SpectrumKind.PDF, sp.kind());
        assertArrayEquals(x, sp.xArray());
        assertEquals(-7.5e-300, sp.yArray()[2]);
        Candidate failed = back.candidate(1);
        assertTrue(failed.isFailed());
        assertEquals("INVALID_STRUCTURE", failed.failureReason().orElseThrow());
        assertTrue(Double.isNaN(failed.loss()));
        assertEquals(0, failed.spectrumCount());
        double[] history = back.lossHistory();
        assertEquals(0.5, history[0]);
        assertTrue(Double.isNaN(history[1]));
        assertArrayEquals(new double[] { 0.2 }, back.candidate(2).losses());
        assertEquals(0.25, back.candidate(0).seconds());
    }

    @Test
    void aPairCanBeHeldHalfTypedAndIsNamedUntilItIsAnElementPair() {
        Job job = Job.create();
        job.constraints().setPair(org.activestructopt.structure.Element.Ni, org.activestructopt.structure.Element.O,
                1.7);
        PairDistance p = job.constraints().addEmptyPair();
        assertEquals(2, job.constraints().pairs().size());
        p.setSymbol(0, "Nx").setSymbol(1, "O");
        List<String> problems = job.validate().stream().map(Object::toString).toList();
        assertTrue(problems.stream().anyMatch(m -> m.contains("constraints/pairs[1]/a:") && m.contains("Nx")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(m -> m.contains("constraints/pairs[1]/distance: missing")),
                problems.toString());
        assertEquals("Nx", p.symbol(0));
        p.setSymbol(0, "Li").setDistance(2.0);
        assertTrue(job.validate().stream().noneMatch(x -> x.toString().contains("constraints/")),
                job.validate().toString());
        p.clearDistance();
        assertTrue(Double.isNaN(p.distance()));
        p.setSymbol(0, "Nx");
        assertTrue(job.constraints().removePair(p), "a pair is removed whatever its symbols");
        assertEquals(1, job.constraints().pairs().size());
        assertThrows(IllegalArgumentException.class, () -> p.symbol(2));
    }

    @Test
    void saveReplacesTheFileAtomically() throws IOException {
        Path file = dir.resolve("job.xmi");
        Files.writeString(file, "previous content");
        Job job = Job.create().setStart(nacl());
        job.addObjective("pdf", "g.dat");
        job.saveAs(file);
        assertTrue(Files.readString(file).startsWith("<?xml"));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            job.save();
            assertTrue(Files.getPosixFilePermissions(file).contains(
                    java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "a save keeps the file readable");
        }
    }

    @Test
    void resolveUsesTheJobDirectory() throws IOException {
        Job job = Job.create();
        assertEquals(Path.of("x.cif"), job.resolve("x.cif"));
        job.saveAs(dir.resolve("j.xmi"));
        assertEquals(dir.toAbsolutePath().resolve("x.cif"), job.resolve("x.cif"));
        assertEquals(Path.of("/abs/x.cif"), job.resolve("/abs/x.cif"));
    }
}
