package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * One pair of atoms 2.5 angstrom apart in a 40 angstrom box (periodic images 37.5 angstrom away, outside the grid): the
 * PDF is a single Gaussian whose position, area and width can be worked out by hand, on the baseline -4 pi rho0 r.
 */
class TwoAtomTest {

    private static final double BOX = 40;
    private static final double D = 2.5;
    private static final Grid GRID = Grid.uniform(1, 10, 0.01);

    private final PdfSimulator simulator = new PdfSimulator();

    private static Structure pair(String a, String b) {
        return Structure.builder(Lattice.cubic(BOX)).add(a, 0, 0, 0).add(b, D / BOX, 0, 0).build();
    }

    private double[] g(Structure s, Map<String, String> settings) throws SimulationException {
        return simulator.simulate(s, GRID, simulator.settings(settings), null).yArray();
    }

    /** R(r) = r (G(r) / scale + 4 pi rho0 r) for qdamp = 0. */
    private static double[] rdf(double[] g, double scale) {
        double[] r = GRID.values();
        double rho0 = 2 / (BOX * BOX * BOX);
        double[] out = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            out[k] = r[k] * (g[k] / scale + 4 * Math.PI * rho0 * r[k]);
        }
        return out;
    }

    /** Moments 0, 1, 2 (area, centre, variance) of R over [1.5, 3.5] by the trapezoid rule. */
    private static double[] moments(double[] rdf) {
        double[] r = GRID.values();
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        for (int k = 0; k + 1 < r.length; k++) {
            if (r[k] < 1.5 - 1e-9 || r[k + 1] > 3.5 + 1e-9) {
                continue;
            }
            double h = r[k + 1] - r[k];
            m0 += h / 2 * (rdf[k] + rdf[k + 1]);
            m1 += h / 2 * (rdf[k] * r[k] + rdf[k + 1] * r[k + 1]);
            m2 += h / 2 * (rdf[k] * r[k] * r[k] + rdf[k + 1] * r[k + 1] * r[k + 1]);
        }
        double centre = m1 / m0;
        return new double[] { m0, centre, m2 / m0 - centre * centre };
    }

    @Test
    void equalAtomsGiveUnitAreaPeakAtTheirDistance() throws SimulationException {
        double[] rdf = rdf(g(pair("Cu", "Cu"), Map.of()), 1);
        double[] m = moments(rdf);
        // 1/N sum over the 2 ordered pairs, weight Z^2/<Z>^2 = 1: area 1
        assertEquals(1.0, m[0], 1e-9, "area");
        assertEquals(D, m[1], 1e-9, "centre");
        assertEquals(2 * 0.005, m[2], 1e-9, "variance = U_i + U_j");
        int peak = (int) Math.round((D - 1) / 0.01);
        assertEquals(1 / Math.sqrt(2 * Math.PI * 0.01), rdf[peak], 1e-9, "height of the normalised Gaussian");
    }

    @Test
    void baselineAwayFromThePeakIsMinusFourPiRho0R() throws SimulationException {
        double[] g = g(pair("Cu", "Cu"), Map.of());
        double[] r = GRID.values();
        double rho0 = 2 / (BOX * BOX * BOX);
        for (int k = 0; k < r.length; k++) {
            if (Math.abs(r[k] - D) > 1.0) {
                assertEquals(-4 * Math.PI * rho0 * r[k], g[k], 1e-15, "G at r = " + r[k]);
            }
        }
    }

    @Test
    void unlikeAtomsAreWeightedByTheirAtomicNumbers() throws SimulationException {
        double[] m = moments(rdf(g(pair("Cu", "O"), Map.of("uiso_by_element", "Cu:0.004 O:0.012")), 1));
        double favg = (29 + 8) / 2.0;
        assertEquals(29 * 8 / (favg * favg), m[0], 1e-9, "area = Z_Cu Z_O / <Z>^2");
        assertEquals(0.016, m[2], 1e-9, "variance = U_Cu + U_O");
    }

    @Test
    void delta1AndQbroadChangeTheVarianceAsDiffPysJeongPeakWidth() throws SimulationException {
        double[] m = moments(rdf(g(pair("Cu", "Cu"), Map.of("delta1", "0.5", "delta2", "1", "qbroad", "0.1")), 1));
        assertEquals(1.0, m[0], 1e-9, "broadening keeps the area");
        assertEquals(0.01 * (1 - 0.5 / D - 1 / (D * D) + 0.1 * 0.1 * D * D), m[2], 1e-9,
                "variance (U_i + U_j)(1 - delta1 / d - delta2 / d^2 + (qbroad d)^2)");
    }

    @Test
    void perElementUisoSettingsOverrideTheTextForm() throws SimulationException {
        double[] m = moments(rdf(g(pair("Cu", "O"), Map.of("uiso_by_element", "Cu:0.004 O:0.012", "uiso_O",
                "0.002")), 1));
        assertEquals(0.006, m[2], 1e-9, "variance = U_Cu (uiso_by_element) + U_O (uiso_O)");
    }

    @Test
    void delta2SharpensThePeak() throws SimulationException {
        double[] m = moments(rdf(g(pair("Cu", "Cu"), Map.of("delta2", "2")), 1));
        assertEquals(1.0, m[0], 1e-9, "sharpening keeps the area");
        assertEquals(0.01 * (1 - 2 / (D * D)), m[2], 1e-9, "variance (U_i + U_j)(1 - delta2 / d^2)");
    }

    @Test
    void scaleAndQdampMultiplyG() throws SimulationException {
        Structure s = pair("Ni", "O");
        double[] plain = g(s, Map.of());
        double[] damped = g(s, Map.of("qdamp", "0.08", "scale", "0.7"));
        double[] r = GRID.values();
        for (int k = 0; k < r.length; k++) {
            double envelope = 0.7 * Math.exp(-0.5 * Math.pow(0.08 * r[k], 2));
            assertEquals(plain[k] * envelope, damped[k], 1e-13, "r = " + r[k]);
        }
    }

    @Test
    void bisoIsEightPiSquaredU() throws SimulationException {
        Structure s = pair("Ni", "O");
        double[] u = g(s, Map.of("uiso", "0.0073"));
        double[] b = g(s, Map.of("biso", Double.toString(8 * Math.PI * Math.PI * 0.0073)));
        for (int k = 0; k < u.length; k++) {
            assertEquals(u[k], b[k], 1e-12);
        }
    }

    @Test
    void perElementUOverridesBiso() throws SimulationException {
        Settings s = simulator.settings(Map.of("biso", "100", "uiso_by_element", "Cu:0.005"));
        double[] m = moments(rdf(simulator.simulate(pair("Cu", "Cu"), GRID, s, null).yArray(), 1));
        assertEquals(0.01, m[2], 1e-9);
    }
}
