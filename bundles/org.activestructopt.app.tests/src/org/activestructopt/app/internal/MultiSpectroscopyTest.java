package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.app.internal.AsoTest.Run;
import org.activestructopt.refinement.Metrics;
import org.activestructopt.refinement.ResultFile;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.CifWriter;
import org.activestructopt.structure.io.StructureFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refinement against two spectroscopies at once, end to end through the command line: LiNiO2 whose atoms were
 * displaced (the truth) is refined from the ideal R-3m cell against its X-ray PDF and its Ni K-edge EXAFS. The EXAFS
 * target is full FEFF 8.5L ({@code aso simulate exafs}), the refinement uses the single-scattering approximation
 * ({@code exafs-ss}, one FEFF run on the start) as a user would to keep each simulation cheap, so the EXAFS loss
 * cannot reach zero: what is asserted is that the active loop, with one surrogate per objective, lowers both losses,
 * that the total is the weighted sum, and that the Pareto front in job.xmi and result.nxs is the non-dominated set.
 */
class MultiSpectroscopyTest {

    private static final Map<String, String> SMALL_GNN = Map.of("features", "8", "radial_basis", "16", "epochs",
            "60", "finetune_epochs", "10", "patience", "15", "batch_size", "8");

    @Test
    void pdfPlusExafsRunsThroughTheActiveLoopWithAParetoFront(@TempDir Path tmp) throws Exception {
        Structure start = StructureFiles.read(Path.of("data", "LiNiO2.cif"));
        Structure truth = start.perturbed(new SplittableRandom(11), 0.08, 0.16).wrapped();
        Path truthFile = tmp.resolve("truth.cif");
        CifWriter.write(truth, truthFile);
        Run pdf = aso("simulate", "pdf", "--structure", truthFile.toString(), "--rmin", "1.5", "--rmax", "6",
                "--rstep", "0.05", "--out", tmp.resolve("pdf.dat").toString());
        assertEquals(0, pdf.code(), pdf.err());
        Run exafs = aso("simulate", "exafs", "--structure", truthFile.toString(), "--absorber", "Ni", "--radius", "6",
                "--out", tmp.resolve("exafs.dat").toString());
        assertEquals(0, exafs.code(), exafs.err());

        Job job = Job.create().setName("LiNiO2 PDF + EXAFS").setSeed(2).setMethod(Method.ACTIVE).setStart(start);
        job.referenceOrCreate().setFile(truthFile.toString());
        job.addObjective("pdf", tmp.resolve("pdf.dat").toString());
        job.addObjective("exafs-ss", tmp.resolve("exafs.dat").toString()).setWeight(2).setSetting("absorber", "Ni")
                .setSetting("radius", "6");
        job.budget().setSimulations(18).setInitial(6).setCalibration(4).setExploit(3);
        job.sampler().setSetting("rmin", "0.05").setSetting("rmax", "0.2");
        job.surrogate().setEnsembleSize(3).setSettings(SMALL_GNN);
        job.optimiser().setPositionLearningRate(0.008);
        job.optimiser().explore().setStarts(8).setSteps(20);
        job.optimiser().exploit().setStarts(8).setSteps(20);
        Path jobFile = tmp.resolve("job.xmi");
        job.saveAs(jobFile);

        Path dir = tmp.resolve("run");
        Run run = aso("refine", jobFile.toString(), "--out", dir.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        assertTrue(run.out().contains("Pareto front of the objectives' losses: simulations "), run.out());

        Results r = Job.load(dir.resolve("job.xmi")).results();
        assertEquals(Status.COMPLETED, r.status());
        assertEquals(18, r.size());
        assertEquals(List.of(Phase.INITIAL, Phase.CALIBRATION, Phase.EXPLORE, Phase.EXPLOIT),
                r.candidates().stream().map(Candidate::phase).distinct().toList());
        List<Candidate> ok = r.candidates().stream().filter(c -> !c.isFailed()).toList();
        assertTrue(ok.size() >= 16, "failures: " + (18 - ok.size()));
        for (Candidate c : ok) {
            assertEquals(2, c.losses().length);
            assertEquals(c.losses()[0] + c.losses()[1], c.loss(), 1e-12 * c.loss(), "total = sum of weighted terms");
            assertEquals(2, c.spectrumCount());
        }
        Candidate first = r.candidate(0);
        double bestPdf = ok.stream().mapToDouble(c -> c.losses()[0]).min().orElseThrow();
        double bestExafs = ok.stream().mapToDouble(c -> c.losses()[1]).min().orElseThrow();
        String summary = "start " + java.util.Arrays.toString(first.losses()) + ", best pdf " + bestPdf
                + ", best exafs " + bestExafs + ", best total " + r.best().orElseThrow().loss();
        System.out.println("PDF + EXAFS active loop on LiNiO2: " + summary);
        assertTrue(bestPdf < first.losses()[0] && bestExafs < first.losses()[1], summary);
        assertTrue(r.best().orElseThrow().loss() < 0.5 * first.loss(), summary);

        // the front: no candidate dominates a member, and every non-member is dominated by someone
        List<Candidate> front = Metrics.paretoFront(r);
        assertFalse(front.isEmpty());
        assertTrue(front.contains(r.best().orElseThrow()), "the best total is on the front");
        for (Candidate c : ok) {
            boolean dominated = ok.stream().anyMatch(o -> o != c && o.losses()[0] <= c.losses()[0]
                    && o.losses()[1] <= c.losses()[1] && (o.losses()[0] < c.losses()[0]
                            || o.losses()[1] < c.losses()[1]));
            assertEquals(!front.contains(c), dominated, "simulation " + (c.index() + 1));
        }

        // result.nxs: both objectives' spectra under their own names, and the same front
        Path nxs = dir.resolve(ResultFile.NAME);
        List<String> simulators = List.of("pdf", "exafs-ss");
        Candidate best = r.best().orElseThrow();
        assertEquals("best_exafs_ss2", ResultFile.group("best", 1, simulators));
        for (int j = 0; j < 2; j++) {
            assertArrayEquals(best.spectrum(j).yArray(),
                    NexusSpectra.read(nxs, "/entry/" + ResultFile.group("best", j, simulators)).yArray(), 0);
            assertArrayEquals(first.spectrum(j).yArray(),
                    NexusSpectra.read(nxs, "/entry/" + ResultFile.group("start", j, simulators)).yArray(), 0);
        }
        // read by h5py: a front of one candidate (one structure best on both) is no plottable spectrum for our reader
        double[] pdfLosses = front.stream().mapToDouble(c -> c.losses()[0]).sorted().toArray();
        assertArrayEquals(pdfLosses, h5pyVector(nxs, "/entry/pareto_front/loss_pdf1"), 0);
    }

    private static double[] h5pyVector(Path file, String dataset) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, sys\n"
                + "print(' '.join(repr(float(v)) for v in h5py.File(sys.argv[1], 'r')[sys.argv[2]][()]))",
                file.toString(), dataset).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "h5py timed out");
        assertEquals(0, p.exitValue(), "h5py could not read " + dataset + ": " + out);
        return java.util.Arrays.stream(out.split("\\s+")).mapToDouble(Double::parseDouble).sorted().toArray();
    }
}
