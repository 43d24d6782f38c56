package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.activestructopt.api.NuisanceParameter;
import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.ExafsSimulator;
import org.activestructopt.simulation.feff.internal.SingleScatteringSimulator;
import org.activestructopt.simulation.feff.internal.XanesSimulator;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exafs and xanes simulators as {@link NuisanceSimulator}s, on real FEFF 8.5L runs of fcc Ni and rock-salt FeO:
 * the path sum against FEFF's own chi.dat, prepared spectra without FEFF runs, bad values, XANES shift and
 * broadening.
 */
class NuisanceSimulatorTest {

    private final ExafsSimulator exafs = new ExafsSimulator();
    private final XanesSimulator xanes = new XanesSimulator();

    @TempDir
    Path scratch;

    private Settings settings(NuisanceSimulator sim, String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("radius", "5.5");
        m.put("workdir", scratch.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return sim.settings(m);
    }

    @Test
    void parametersAreTheContractsOnes() {
        List<NuisanceParameter> p = exafs.nuisanceParameters();
        assertEquals(List.of("s02", "delta_e0", "sigma2"), p.stream().map(NuisanceParameter::name).toList());
        assertTrue(p.get(0).proportional());
        assertEquals(0.5, p.get(0).lower());
        assertEquals(1.2, p.get(0).upper());
        assertEquals(-15, p.get(1).lower());
        assertEquals(0.03, p.get(2).upper());
        for (NuisanceParameter n : p) {
            assertTrue(exafs.descriptor().settings().contains(n.setting()), n.name());
        }
        List<NuisanceParameter> x = xanes.nuisanceParameters();
        assertEquals(List.of("energy_shift", "scale", "broadening.lorentzian", "broadening.gaussian"),
                x.stream().map(NuisanceParameter::name).toList());
        assertTrue(x.get(1).proportional());
        for (NuisanceParameter n : x) {
            assertTrue(xanes.descriptor().settings().contains(n.setting()), n.name());
        }
    }

    /** k^2 chi of the path sum in FEFF's convention against FEFF's chi.dat of the same (kept) run. */
    private void pathSumIsChiDat(Structure s, String absorber, String... more) throws Exception {
        String[] pairs = new String[more.length + 8];
        System.arraycopy(new String[] { "absorber", absorber, "kweight", "0", "paths.convention", "feff", "keep",
                "true" }, 0, pairs, 0, 8);
        System.arraycopy(more, 0, pairs, 8, more.length);
        Grid grid = Grid.uniform(1, 18, 0.05);
        Spectrum sum = exafs.simulate(s, grid, settings(exafs, pairs), null);
        List<Path> runs = TestData.runDirectories(scratch);
        assertEquals(1, runs.size(), "one absorber group: " + runs);
        ChiDat chi = ChiDat.read(runs.get(0).resolve("chi.dat"));
        double[] k = chi.k();
        double[] feff = chi.chi();
        double[] ours = sum.yArray();
        double top = 0;
        double worst = 0;
        for (int i = 0; i < grid.size(); i++) {
            int j = (int) Math.round(grid.values()[i] / 0.05);
            assertEquals(k[j], grid.values()[i], 1e-9);
            top = Math.max(top, Math.abs(k[j] * k[j] * feff[j]));
            worst = Math.max(worst, Math.abs(k[j] * k[j] * (ours[i] - feff[j])));
        }
        System.out.printf("measured: %s %s exafs (FEFF convention) vs chi.dat: max |k^2 diff| %.3g of %.3g (%.2g)%n",
                s.reducedFormula(), List.of(more), worst, top, worst / top);
        assertTrue(worst <= 1e-3 * top, s.reducedFormula() + " " + List.of(more) + ": k^2 chi differs from chi.dat "
                + "by " + worst + " of " + top);
        for (Path p : runs) {
            TestData.deleteTree(p);
        }
    }

    @Test
    void pathSumIsFeffsChiDatForNiAndFeO() throws Exception {
        // FEFF's correlated Debye sigma^2 per path (read from chi.dat's header) and, separately, a fixed one
        pathSumIsChiDat(TestData.sites("ni"), "Ni", "debye.theta", "450");
        pathSumIsChiDat(TestData.sites("ni"), "Ni", "debye.theta", "0", "sig2", "0.006");
        pathSumIsChiDat(TestData.sites("feo"), "Fe", "debye.theta", "400");
    }

    @Test
    void preparedSpectraRunNoFeffAndAgreeWithSimulate() throws Exception {
        Structure ni = TestData.sites("ni");
        Grid grid = Grid.uniform(3, 14, 0.05);
        Settings base = settings(exafs, "keep", "true", "debye.theta", "450");
        PreparedSimulation prepared = exafs.prepare(ni, grid, base, null);
        int runs = TestData.runDirectories(scratch).size();
        assertEquals(1, runs);
        Spectrum start = prepared.spectrum(base);
        Settings moved = base.with(FeffSettings.SIGMA2, 0.004).with(FeffSettings.DELTA_E0, -6.5)
                .with(FeffSettings.S02, 0.8);
        Spectrum other = prepared.spectrum(moved);
        assertEquals(runs, TestData.runDirectories(scratch).size(), "no FEFF run for new nuisance values");
        assertNotEquals(start.yArray()[50], other.yArray()[50]);
        assertArrayEquals(start.yArray(), exafs.simulate(ni, grid, base, null).yArray(), 0,
                "simulate is prepare and spectrum");
        assertArrayEquals(other.yArray(), exafs.simulate(ni, grid, moved, null).yArray(), 0);
        Spectrum half = prepared.spectrum(moved.with(FeffSettings.S02, 0.4));
        for (int i = 0; i < grid.size(); i++) {
            assertEquals(0.5 * other.yArray()[i], half.yArray()[i], 1e-14 * Math.abs(other.yArray()[i]));
        }
        // more disorder damps the high-k end
        double a = 0;
        double b = 0;
        Spectrum damped = prepared.spectrum(base.with(FeffSettings.SIGMA2, 0.006));
        for (int i = grid.size() - 40; i < grid.size(); i++) {
            a += Math.abs(start.yArray()[i]);
            b += Math.abs(damped.yArray()[i]);
        }
        assertTrue(b < 0.6 * a, "sigma2 0.006 more damps k 12-14: " + b + " vs " + a);
    }

    @Test
    void badNuisanceValuesAndChangedSettingsAreRefusedByName() throws Exception {
        Settings base = settings(exafs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.with(FeffSettings.SIGMA2, -0.001));
        assertTrue(e.getMessage().contains("'sigma2'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base.with("delta_e0", "31"));
        assertTrue(e.getMessage().contains("'delta_e0'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base.with("s02", "NaN"));
        assertTrue(e.getMessage().contains("'s02'"), e.getMessage());

        Grid grid = Grid.uniform(3, 19.5, 0.05);
        PreparedSimulation prepared = exafs.prepare(TestData.sites("ni"), grid, base, null);
        SimulationException se = assertThrows(SimulationException.class,
                () -> prepared.spectrum(base.with(FeffSettings.RADIUS, 6.0)));
        assertEquals(Reason.INVALID_REQUEST, se.reason());
        assertTrue(se.getMessage().contains("setting 'radius'"), se.getMessage());
        se = assertThrows(SimulationException.class,
                () -> prepared.spectrum(xanes.descriptor().settings().defaults()));
        assertEquals(Reason.INVALID_REQUEST, se.reason());
        // the tables reach k 21 here; -30 eV needs k 19.7 at the grid's 19.5 and passes, a wider grid would not
        prepared.spectrum(base.with(FeffSettings.DELTA_E0, -30.0));
    }

    @Test
    void xanesShiftMovesTheEdgeByExactlyTheShift() throws Exception {
        Grid grid = Grid.uniform(-10, 60, 0.5);
        Settings base = settings(xanes, "absorber", "Ni");
        PreparedSimulation p = xanes.prepare(TestData.sites("ni"), grid, base, null);
        for (Settings s : List.of(base, base.with(FeffSettings.BROADENING_GAUSSIAN, 1.5))) {
            double[] x = grid.values();
            double[] before = p.spectrum(s).yArray();
            double[] after = p.spectrum(s.with(FeffSettings.ENERGY_SHIFT, 2.5)).yArray();
            double level = 0.5 * before[(int) Math.round((40 - x[0]) / (x[1] - x[0]))];
            double e0 = crossing(x, before, level);
            double e1 = crossing(x, after, level);
            assertTrue(e0 > -10 && e0 < 10, "edge at " + e0);
            assertEquals(2.5, e1 - e0, 1e-9, "edge (half of mu at +40 eV) moves by the shift");
            Spectrum scaled = p.spectrum(s.with(FeffSettings.SCALE, 1.7));
            for (int i = 0; i < x.length; i++) {
                assertEquals(1.7 * before[i], scaled.yArray()[i], 1e-12);
            }
        }
    }

    /** First energy at which mu reaches {@code half}, by linear interpolation. */
    private static double crossing(double[] x, double[] mu, double half) {
        for (int i = 1; i < x.length; i++) {
            if (mu[i] >= half) {
                return x[i - 1] + (half - mu[i - 1]) / (mu[i] - mu[i - 1]) * (x[i] - x[i - 1]);
            }
        }
        throw new AssertionError("no edge");
    }

    @Test
    void xanesBroadeningPreservesTheAreaAndSmoothsTheEdge() throws Exception {
        Grid grid = Grid.uniform(-20, 80, 0.05);
        Settings base = settings(xanes, "absorber", "Ni");
        PreparedSimulation p = xanes.prepare(TestData.sites("ni"), grid, base, null);
        double[] sharp = p.spectrum(base).yArray();
        // a fit tries tiny widths first: they must neither blow the fine grid up nor change the area
        double[] tiny = p.spectrum(base.with(FeffSettings.BROADENING_GAUSSIAN, 1e-6)).yArray();
        double ta = 0;
        double tb = 0;
        for (int i = 0; i < sharp.length; i++) {
            ta += sharp[i];
            tb += tiny[i];
        }
        assertEquals(ta, tb, 1e-3 * ta, "area with a 1e-6 eV Gaussian");
        for (Settings s : List.of(base.with(FeffSettings.BROADENING_GAUSSIAN, 2.0),
                base.with(FeffSettings.BROADENING_LORENTZIAN, 1.5),
                base.with(FeffSettings.BROADENING_LORENTZIAN, 1.0).with(FeffSettings.BROADENING_GAUSSIAN, 1.0))) {
            double[] wide = p.spectrum(s).yArray();
            double a = 0;
            double b = 0;
            double slopeA = 0;
            double slopeB = 0;
            for (int i = 0; i < sharp.length; i++) {
                a += sharp[i];
                b += wide[i];
                if (i > 0) {
                    slopeA = Math.max(slopeA, sharp[i] - sharp[i - 1]);
                    slopeB = Math.max(slopeB, wide[i] - wide[i - 1]);
                }
            }
            System.out.printf("measured: %s area ratio %.6f, max step ratio %.3f%n", s.explicitValues(), b / a,
                    slopeB / slopeA);
            assertEquals(a, b, 0.005 * a, s.explicitValues() + ": area of mu(E) over -20..80 eV");
            assertTrue(slopeB < 0.5 * slopeA, "broadening smooths the edge: " + slopeB + " vs " + slopeA);
        }
    }

    @Test
    void exafsSsTakesTheSameParametersWithoutFeffRuns() throws Exception {
        SingleScatteringSimulator ss = new SingleScatteringSimulator();
        assertEquals(exafs.nuisanceParameters(), ss.nuisanceParameters());
        Structure ni = TestData.sites("ni");
        Grid grid = Grid.uniform(3, 14, 0.05);
        Settings base = settings(ss, "keep", "true");
        PreparedSimulation p = ss.prepare(ni, grid, base, null);
        int runs = TestData.runDirectories(scratch).size();
        assertEquals(1, runs, "the reference run");
        double[] start = p.spectrum(base).yArray();
        assertArrayEquals(start, ss.simulate(ni, grid, base, null).yArray(), 0);
        double[] half = p.spectrum(base.with(FeffSettings.S02, 0.5)).yArray();
        for (int i = 0; i < start.length; i++) {
            assertEquals(0.5 * start[i], half[i], 1e-14 * Math.abs(start[i]));
        }
        // an E0 shift evaluates the unshifted model at q = sqrt(k^2 - dE0 / KTOE), weighted by k^2 instead of q^2
        Settings shifted = base.with(FeffSettings.DELTA_E0, 4.0).with(FeffSettings.SIGMA2, 0.002);
        double[] moved = p.spectrum(shifted).yArray();
        double[] k = grid.values();
        double[] q = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            q[i] = Math.sqrt(k[i] * k[i] - 4.0 / PathSum.KTOE);
        }
        double[] atQ = ss.simulate(ni, Grid.of(q), base.with(FeffSettings.SIGMA2, 0.002), null).yArray();
        for (int i = 0; i < k.length; i++) {
            assertEquals(atQ[i] / (q[i] * q[i]), moved[i] / (k[i] * k[i]), 1e-12 * (1 + Math.abs(atQ[i])));
        }
        assertEquals(runs, TestData.runDirectories(scratch).size(), "no FEFF run after the reference");
        SimulationException e = assertThrows(SimulationException.class,
                () -> p.spectrum(base.with(FeffSettings.SS_MS, false)));
        assertTrue(e.getMessage().contains("setting 'ss.ms'"), e.getMessage());
    }
}
