package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.ExafsSimulator;
import org.activestructopt.simulation.feff.internal.XanesSimulator;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.ChiR;
import org.activestructopt.spectra.exafs.Xftf;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exafs simulator on real FEFF 8.5L runs (6 A clusters, RPATH 6, no SCF: 1-2 s per run). */
class ExafsSimulatorTest {

    private final ExafsSimulator exafs = new ExafsSimulator();

    @TempDir
    Path scratch;

    private Settings settings(String... pairs) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("radius", "6");
        m.put("workdir", scratch.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return exafs.settings(m);
    }

    @Test
    void cuFirstPeakOfChiRIsWhereLarchPutsItForFeffsOwnChiDat() throws Exception {
        // chi(k) from k = 0 and unweighted, so that the transform sees what Larch saw in data/feff/cu-chi.dat
        // FEFF's convention: Larch transformed FEFF's chi.dat, not a feffit-style sum
        Spectrum chi = exafs.simulate(TestData.cu(), Grid.uniform(0, 20, 0.05),
                settings("kweight", "0", "paths.convention", "feff"), null);
        ChiR ft = Xftf.DEFAULTS.transform(chi); // k 3-12, k-weight 2, Hanning dk 1: the parameters Larch used
        double[] r = ft.r();
        double[] mag = ft.magnitude();

        List<double[]> larch = new ArrayList<>();
        double larchPeak = Double.NaN;
        for (String line : Files.readAllLines(TestData.data("larch", "cu-chir.dat"))) {
            if (line.startsWith("# peak_r")) {
                larchPeak = Double.parseDouble(line.substring(8).strip());
            } else if (!line.startsWith("#")) {
                larch.add(java.util.Arrays.stream(line.strip().split("\\s+")).mapToDouble(Double::parseDouble)
                        .toArray());
            }
        }
        int ours = 0;
        for (int i = 1; i < mag.length; i++) {
            ours = mag[i] > mag[ours] ? i : ours;
        }
        assertEquals(larchPeak, r[ours], 1e-4, "first-shell peak of |chi(R)| (no phase correction)");
        assertEquals(2.209, r[ours], 0.001);
        double top = larch.stream().mapToDouble(row -> row[1]).max().orElseThrow();
        for (double[] row : larch) {
            int i = (int) Math.round(row[0] / ft.parameters().rstep());
            assertEquals(row[0], r[i], 1e-6);
            assertEquals(row[1], mag[i], 2e-3 * top, "|chi(R)| at R = " + row[0]);
        }
    }

    @Test
    void linio2NiKRunsOnceForTheThreeEquivalentNi() throws Exception {
        Spectrum s = exafs.simulate(TestData.linio2(), exafs.descriptor().defaultGrid(),
                settings("absorber", "Ni", "keep", "true"), null);
        assertEquals(SpectrumKind.EXAFS, s.kind());
        assertEquals(181, s.size(), "k 3-12 in steps of 0.05");
        assertEquals("k^2 chi(k)", s.yName());
        double max = 0;
        for (double y : s.yArray()) {
            assertTrue(Double.isFinite(y));
            max = Math.max(max, Math.abs(y));
        }
        assertTrue(max > 0.1 && max < 10, "k^2 chi amplitude " + max);
        List<Path> runs = TestData.runDirectories(scratch);
        assertEquals(1, runs.size(), "one FEFF run for 3 symmetry-equivalent Ni: " + runs);
        String inp = Files.readString(runs.get(0).resolve("feff.inp"));
        assertTrue(inp.contains("\nRPATH 6.0\n") && inp.contains("\nNLEG 4\n") && inp.contains("\nDEBYE 300.0 315.0\n"),
                inp);
        assertEquals(93, TestData.atoms(inp).size(), "LiNiO2 atoms within 6 A of Ni");
    }

    @Test
    void allSitesAverageEqualsTheDistinctSiteResult() throws Exception {
        Structure s = TestData.linio2();
        Spectrum distinct = exafs.simulate(s, exafs.descriptor().defaultGrid(), settings("absorber", "Ni"), null);
        Spectrum all = exafs.simulate(s, exafs.descriptor().defaultGrid(),
                settings("absorber", "Ni", "sites", "all"), null);
        double[] a = distinct.yArray();
        double[] b = all.yArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 2e-3 * Math.max(1, Math.abs(a[i])), "k^2 chi at k = " + distinct.xArray()[i]);
        }
        assertEquals(List.of(), TestData.runDirectories(scratch), "run directories are deleted by default");
    }

    @Test
    void shorterNiOMovesTheFirstShellPeakIn() throws Exception {
        // O on 6c (0, 0, u): u = 0.258 gives Ni-O 1.977 A; a larger u pulls the O layers towards the Ni layers
        double[] us = { 0.258, 0.266 };
        double[] niO = new double[2];
        double[] peak = new double[2];
        for (int j = 0; j < 2; j++) {
            Structure s = linio2(us[j]);
            int ni = s.species().indexOf(Element.Ni);
            Cluster c = Cluster.cut(s, ni, 3);
            niO[j] = c.atoms().stream().filter(a -> a.element() == Element.O).mapToDouble(Cluster.Atom::distance)
                    .min().orElseThrow();
            Spectrum chi = exafs.simulate(s, Grid.uniform(0, 20, 0.05), settings("absorber", "Ni", "kweight", "0"),
                    null);
            ChiR ft = Xftf.DEFAULTS.transform(chi);
            peak[j] = TestData.peak(ft.r(), ft.magnitude(), 1.0, 2.0);
        }
        assertEquals(1.97674, niO[0], 1e-4);
        assertTrue(niO[1] < niO[0] - 0.05, "u = 0.266 shortens Ni-O: " + niO[1]);
        assertTrue(peak[1] < peak[0] - 0.5 * (niO[0] - niO[1]),
                "first-shell peak moves in with Ni-O: " + peak[0] + " -> " + peak[1] + " A for Ni-O " + niO[0]
                        + " -> " + niO[1] + " A");
    }

    /** LiNiO2 (R-3m, hexagonal setting): Ni 3a (0, 0, 0), Li 3b (0, 0, 1/2), O 6c (0, 0, +-u). */
    static Structure linio2(double u) throws IOException {
        Lattice hex = TestData.linio2().lattice();
        double[][] centring = { { 0, 0, 0 }, { 2 / 3.0, 1 / 3.0, 1 / 3.0 }, { 1 / 3.0, 2 / 3.0, 2 / 3.0 } };
        Structure.Builder b = Structure.builder(hex);
        for (double[] t : centring) {
            b.add("Ni", t[0], t[1], t[2]);
        }
        for (double[] t : centring) {
            b.add("Li", t[0], t[1], t[2] + 0.5);
        }
        for (double[] t : centring) {
            b.add("O", t[0], t[1], t[2] + u).add("O", t[0], t[1], t[2] - u);
        }
        return b.build().wrapped();
    }

    @Test
    void badRequestsFailBeforeFeffRuns() throws Exception {
        Structure cu = TestData.cu();
        Grid grid = exafs.descriptor().defaultGrid();
        SimulationException e = assertThrows(SimulationException.class,
                () -> exafs.simulate(cu, grid, settings("absorber", "Ni"), null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("no Ni site"), e.getMessage());

        e = assertThrows(SimulationException.class,
                () -> exafs.simulate(cu, grid, new XanesSimulator().descriptor().settings().defaults(), null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());

        e = assertThrows(SimulationException.class, () -> exafs.simulate(cu, Grid.uniform(-1, 12, 0.05),
                settings(), null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());

        e = assertThrows(SimulationException.class, () -> exafs.simulate(cu, grid,
                settings("executable", scratch.resolve("no-feff-here").toString()), null));
        assertEquals(Reason.ENVIRONMENT, e.reason());
        assertTrue(e.getMessage().contains("apt-get install feff85exafs"), e.getMessage());

        e = assertThrows(SimulationException.class, () -> exafs.simulate(TestData.linio2(), grid,
                settings("absorber", "Ni", "radius", "16"), null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("at most 1000"), e.getMessage());

        Structure crushed = cu.withFrac(1, new double[] { 0.02, 0, 0 });
        e = assertThrows(SimulationException.class, () -> exafs.simulate(crushed, grid, settings(), null));
        assertEquals(Reason.INVALID_STRUCTURE, e.reason());
        assertTrue(e.getMessage().contains("sites 0 (Cu) and 1 (Cu) are 0.072 A apart"), e.getMessage());
        assertEquals(List.of(), TestData.runDirectories(scratch));
    }

    @Test
    void unknownSettingsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> exafs.settings(Map.of("radus", "6")));
        assertTrue(e.getMessage().contains("did you mean 'radius'"), e.getMessage());
    }
}
