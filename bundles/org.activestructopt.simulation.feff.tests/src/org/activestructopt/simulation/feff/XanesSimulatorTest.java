package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.XanesSimulator;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The xanes simulator: on Debian's FEFF 8.5L (path expansion only) and on a stand-in FEFF 9 that checks the XANES
 * cards and answers with the hand-made FEFF 9-style xmu.dat of data/fake/feff9.
 */
class XanesSimulatorTest {

    private final XanesSimulator xanes = new XanesSimulator();

    @TempDir
    Path scratch;

    private Settings settings(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("radius", "6");
        m.put("workdir", scratch.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return xanes.settings(m);
    }

    @Test
    void feff85lGivesANormalisedEdgeAboveTheFermiLevel() throws Exception {
        Spectrum mu = xanes.simulate(TestData.cu(), xanes.descriptor().defaultGrid(), settings("keep", "true"), null);
        assertEquals(SpectrumKind.XANES, mu.kind());
        assertEquals(-10, mu.xMin());
        assertEquals(70, mu.xMax());
        XmuDat feff = XmuDat.read(TestData.runDirectories(scratch).get(0).resolve("xmu.dat"));
        double fermi = feff.fermiLevel().orElseThrow();
        assertEquals(feff.energy()[0], fermi, 0.01, "FEFF 8.5L starts at the Fermi level");
        double[] e = mu.xArray();
        double[] y = mu.yArray();
        for (int i = 0; i < e.length; i++) {
            if (e[i] < fermi) {
                assertEquals(0, y[i], "no absorption computed below the Fermi level, e = " + e[i]);
            } else if (e[i] > 30) {
                assertEquals(1, y[i], 0.1, "edge step 1 above the edge, e = " + e[i]);
            }
        }
        // the edge rises within a few eV of the Fermi level
        int i5 = (int) Math.round((fermi + 5 - e[0]) / 0.5);
        assertTrue(y[i5] > 0.7, "mu 5 eV above the Fermi level: " + y[i5]);
    }

    @Test
    void feff9GetsXanesFmsAndCoreholeCardsAndItsXmuDatIsUsed() throws Exception {
        String fake = TestData.fake("feff9", "feff").toString();
        Grid grid = Grid.uniform(-15, 60, 0.5);
        Spectrum mu = xanes.simulate(TestData.cu(), grid, settings("executable", fake, "fms", "5", "corehole", "RPA",
                "keep", "true"), null);
        XmuDat ref = XmuDat.read(TestData.data("fake", "feff9", "xmu.dat"));
        double[] expected = ref.normalizedMu();
        double[] e = ref.energy();
        for (int i = 0; i < e.length; i++) {
            int j = (int) Math.round((e[i] - grid.start()) / 0.5);
            assertEquals(e[i], mu.xArray()[j], 1e-9);
            assertEquals(expected[i], mu.yArray()[j], 1e-12, "mu at e = " + e[i]);
        }
        String inp = Files.readString(TestData.runDirectories(scratch).get(0).resolve("feff.inp"));
        for (String card : List.of("FMS 5.0 0", "COREHOLE RPA", "XANES 5.0 ")) {
            assertTrue(inp.contains("\n" + card), card + " in\n" + inp);
        }
    }

    @Test
    void fullMultipleScatteringSettingsAreRefusedForFeff85l() throws Exception {
        SimulationException e = assertThrows(SimulationException.class,
                () -> xanes.simulate(TestData.cu(), xanes.descriptor().defaultGrid(), settings("fms", "7"), null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("'fms' needs FEFF 9/10"), e.getMessage());
    }

    @Test
    void feff9InputGivenToFeff85lIsRejectedByFeffAndReported() throws Exception {
        SimulationException e = assertThrows(SimulationException.class, () -> xanes.simulate(TestData.cu(),
                xanes.descriptor().defaultGrid(), settings("feff.version", "9"), null));
        assertEquals(Reason.EXTERNAL_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("COREHOLE") && e.getMessage().contains("Keyword unrecognized"),
                e.getMessage());
        assertEquals(List.of(), TestData.runDirectories(scratch));
    }
}
