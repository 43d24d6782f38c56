package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.ExafsSimulator;
import org.activestructopt.simulation.feff.internal.SingleScatteringSimulator;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The correlated Debye model and the single-scattering sum against FEFF 8.5L itself. */
class SingleScatteringTest {

    @TempDir
    Path scratch;

    @Test
    void correlatedDebyeSigma2IsFeffs() throws Exception {
        // FEFF lists sigma^2 of every path in the header of chi.dat; its Norman radius is in feff0001.dat
        double rs = FeffDat.read(TestData.data("feff", "cu-feff0001.dat")).rnrmav();
        assertEquals(2.6387, rs);
        int checked = 0;
        for (String line : Files.readAllLines(TestData.data("feff", "cu-chi.dat"))) {
            String[] t = line.substring(1).strip().split("\\s+");
            if (line.startsWith("#") && t.length == 6 && t[4].equals("2") && t[0].matches("\\d+")) {
                double feff = Double.parseDouble(t[1]);
                double r = Double.parseDouble(t[5]);
                double ours = CorrelatedDebye.sigma2(300, 315, r, Element.Cu.mass(), Element.Cu.mass(), rs);
                assertEquals(feff, ours, 6e-6, "sigma^2 of the Cu-Cu pair at " + r + " A");
                checked++;
            }
        }
        assertEquals(5, checked, "single-scattering paths in the header");
        // limits: zero-point motion at 0 K, and more disorder when hotter
        double cold = CorrelatedDebye.sigma2(0, 315, 2.556, 63.546, 63.546, rs);
        assertTrue(cold > 0.002 && cold < CorrelatedDebye.sigma2(300, 315, 2.556, 63.546, 63.546, rs));
        assertThrows(IllegalArgumentException.class, () -> CorrelatedDebye.sigma2(300, 0, 2.5, 1, 1, 1));
    }

    @Test
    void correlatedDebyeSigma2OfUnlikePairsIsFeffs() throws Exception {
        // LiNiO2: Ni-O, Ni-Ni and Ni-Li pairs, whose masses differ by up to a factor of 8
        Structure s = TestData.linio2();
        FeffCards cards = FeffCards.builder().rpath(6).nleg(2).criteria(0, 0).debye(300, 400).pathFiles(true)
                .build();
        FeffRun run = FeffRunner.of(FeffExecutable.locate("", "auto")).withScratchDirectory(scratch).run(
                new FeffInput(cards, Cluster.cut(s, 0, 6), FeffVersion.FEFF85L),
                EnumSet.of(FeffRunner.Output.CHI, FeffRunner.Output.PATHS), null);
        Map<Integer, Double> feffSigma2 = new LinkedHashMap<>();
        for (String h : run.chi().orElseThrow().header()) {
            String[] t = h.strip().split("\\s+");
            if (t.length == 6 && t[0].matches("\\d+") && t[4].equals("2")) {
                feffSigma2.put(Integer.parseInt(t[0]), Double.parseDouble(t[1]));
            }
        }
        assertEquals(run.paths().size(), feffSigma2.size());
        java.util.Set<Element> seen = new java.util.HashSet<>();
        for (FeffDat p : run.paths()) {
            int index = Integer.parseInt(p.name().substring(4, 8));
            double ours = CorrelatedDebye.sigma2(300, 400, p.reff(), p.absorber().mass(), p.scatterer().mass(),
                    p.rnrmav());
            assertEquals(feffSigma2.get(index), ours, 2e-5, p.toString());
            seen.add(p.scatterer());
        }
        assertEquals(java.util.Set.of(Element.Ni, Element.Li, Element.O), seen);
    }

    @Test
    void singleScatteringSumReproducesFeffsOwnSingleScatteringChi() throws Exception {
        for (Structure s : List.of(TestData.cu(), TestData.linio2())) {
            Element absorber = s.species().contains(Element.Ni) ? Element.Ni : Element.Cu;
            Cluster c = Cluster.cut(s, s.species().indexOf(absorber), 6);
            FeffCards cards = FeffCards.builder().rpath(6).nleg(2).criteria(0, 0).debye(300, 400).pathFiles(true)
                    .build();
            FeffRun run = FeffRunner.of(FeffExecutable.locate("", "auto")).withScratchDirectory(scratch).run(
                    new FeffInput(cards, c, FeffVersion.FEFF85L),
                    EnumSet.of(FeffRunner.Output.CHI, FeffRunner.Output.PATHS), null);
            SingleScatteringModel model = SingleScatteringModel.of(run.paths());
            assertEquals(absorber, model.absorber());
            double[] k = Grid.uniform(3, 12, 0.05).values();
            double[] ours = model.chi(c, k, 6, 1.0, SingleScatteringModel.DebyeWaller.correlatedDebye(300, 400));
            Spectrum feff = run.chi().orElseThrow().spectrum().resample(Grid.uniform(3, 12, 0.05));
            double[] ref = feff.yArray();
            double top = 0;
            double worst = 0;
            for (int i = 0; i < k.length; i++) {
                top = Math.max(top, Math.abs(ref[i] * k[i] * k[i]));
                worst = Math.max(worst, Math.abs((ours[i] - ref[i]) * k[i] * k[i]));
            }
            // about what Larch's ff2chi achieves on FEFF's path files (0.0016 of 0.24 in chi for Cu without damping)
            assertTrue(worst < 0.015 * top, s.reducedFormula() + ": largest k^2 chi error " + worst + " of " + top);
        }
    }

    @Test
    void neighboursWithoutReferencePathAreNamed() throws Exception {
        FeffCards cards = FeffCards.builder().rpath(3).nleg(2).criteria(0, 0).pathFiles(true).build();
        Structure cu = TestData.cu();
        FeffRun run = FeffRunner.of(FeffExecutable.locate("", "auto")).withScratchDirectory(scratch)
                .run(new FeffInput(cards, Cluster.cut(cu, 0, 4), FeffVersion.FEFF85L),
                        EnumSet.of(FeffRunner.Output.PATHS), null);
        SingleScatteringModel model = SingleScatteringModel.of(run.paths());
        Structure alloy = cu.withSpecies(1, Element.Ni).withSpecies(0, Element.Cu);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.chi(
                Cluster.cut(alloy, 0, 4), new double[] { 3, 4 }, 4, 1, SingleScatteringModel.DebyeWaller.fixed(0)));
        assertTrue(e.getMessage().contains("no reference FEFF path for Ni"), e.getMessage());
    }

    @Test
    void exafsSsReproducesFullFeffOnTheReferenceAndFollowsPerturbations() throws Exception {
        SingleScatteringSimulator ss = new SingleScatteringSimulator();
        ExafsSimulator exafs = new ExafsSimulator();
        Structure start = TestData.linio2();
        Map<String, String> common = new LinkedHashMap<>();
        common.put("absorber", "Ni");
        common.put("radius", "6");
        common.put("workdir", scratch.toString());
        Settings ssSettings = ss.settings(common);
        Map<String, String> single = new LinkedHashMap<>(common);
        single.put("nleg", "2");
        single.put("criteria.cw", "0");
        single.put("criteria.pw", "0");
        single.put("paths.convention", "feff"); // the model sums single scattering as FEFF's ff2chi does
        Settings feffSingle = exafs.settings(single);
        Grid grid = ss.descriptor().defaultGrid();

        // the reference: single-scattering sum plus FEFF's multiple-scattering remainder is FEFF's chi.dat
        double[] ref = ss.simulate(start, grid, ssSettings, null).yArray();
        // exafs sums FEFF's path files (5 digits) in FEFF's convention, exafs-ss adds its remainder to chi.dat itself
        Map<String, String> feffWay = new LinkedHashMap<>(common);
        feffWay.put("paths.convention", "feff");
        double[] fullRef = exafs.simulate(start, grid, exafs.settings(feffWay), null).yArray();
        assertTrue(rms(ref, fullRef) < 1e-3 * rms(fullRef, new double[fullRef.length]), "exafs-ss at the reference");

        Structure moved = start.perturbed(new SplittableRandom(11), 0.03, 0.06);
        long t0 = System.nanoTime();
        double[] bare = ss.simulate(moved, grid, ssSettings.with("ss.ms", "false").with("keep", "true"), null)
                .yArray();
        double ms = (System.nanoTime() - t0) / 1e6;
        assertEquals(List.of(), TestData.runDirectories(scratch), "no FEFF run after the reference");
        assertTrue(ms < 2000, "exafs-ss took " + ms + " ms");

        // the bare single-scattering sum against FEFF's own single scattering on the moved structure
        double[] feffSs = exafs.simulate(moved, grid, feffSingle, null).yArray();
        double modelError = rms(bare, feffSs);
        double bareRef = rms(ss.simulate(start, grid, ssSettings.with("ss.ms", "false"), null).yArray(),
                new double[grid.size()]);
        assertTrue(modelError < 0.05 * rms(feffSs, new double[feffSs.length]),
                "single-scattering sum vs FEFF single scattering on the perturbed structure: rms " + modelError
                        + " of " + rms(feffSs, new double[feffSs.length]));
        double change = rms(bare, ss.simulate(start, grid, ssSettings.with("ss.ms", "false"), null).yArray());
        assertTrue(change > 3 * modelError, "the perturbation changes the spectrum (rms " + change
                + ") well beyond the model error (" + modelError + "); reference rms " + bareRef);
    }

    @Test
    void anotherSpeciesListGetsItsOwnReference() throws Exception {
        SingleScatteringSimulator ss = new SingleScatteringSimulator();
        Settings s = ss.settings(Map.of("radius", "5", "workdir", scratch.toString()));
        Structure cu = TestData.cu();
        ss.simulate(cu, ss.descriptor().defaultGrid(), s, null);
        // another species list is another reference; a site that was not an absorber has no phases
        Structure two = cu.supercell(2, 1, 1);
        Spectrum s2 = ss.simulate(two, ss.descriptor().defaultGrid(), s, null);
        assertEquals(181, s2.size());
        SimulationException e = assertThrows(SimulationException.class,
                () -> ss.simulate(cu, Grid.uniform(3, 25, 0.05), s, null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());
    }

    @Test
    void nearStructuresShareTheReferenceAndAFarOneGetsItsOwn() throws Exception {
        SingleScatteringSimulator ss = new SingleScatteringSimulator();
        Settings s = ss.settings(Map.of("absorber", "Ni", "radius", "5", "workdir", scratch.toString(), "keep",
                "true"));
        Grid grid = ss.descriptor().defaultGrid();
        Structure start = TestData.linio2();
        ss.simulate(start, grid, s, null);
        int runs = TestData.runDirectories(scratch).size();
        assertTrue(runs > 0, "the reference ran FEFF");
        ss.simulate(start.perturbed(new SplittableRandom(3), 0.05, 0.15), grid, s, null);
        assertEquals(runs, TestData.runDirectories(scratch).size(), "a candidate near the start uses its paths");

        // another job's start, 8 % larger: its own reference, so it gets exactly what it gets on a fresh service
        org.activestructopt.structure.Lattice l = start.lattice();
        Structure larger = start.withLattice(org.activestructopt.structure.Lattice.fromParameters(1.08 * l.a(),
                1.08 * l.b(), 1.08 * l.c(), l.alpha(), l.beta(), l.gamma()));
        assertFalse(SingleScatteringSimulator.near(start, larger));
        double[] afterStart = ss.simulate(larger, grid, s, null).yArray();
        assertTrue(TestData.runDirectories(scratch).size() > runs, "FEFF ran for the far structure");
        double[] fresh = new SingleScatteringSimulator().simulate(larger, grid, s, null).yArray();
        assertArrayEquals(fresh, afterStart, 1e-12);
        // and a site moved by more than the limit is far too
        double[] f = start.frac(0);
        Structure moved = start.withFrac(0, new double[] {f[0], f[1], f[2] + 0.1}); // 1.4 A along c
        assertFalse(SingleScatteringSimulator.near(start, moved));
        assertTrue(SingleScatteringSimulator.near(start, start.perturbed(new SplittableRandom(4), 0.3, 0.5)));
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
