package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** G(r) is a property of the crystal, not of how its cell and sites are written down. */
class InvarianceTest {

    private static final Grid GRID = Grid.uniform(1, 10, 0.01);

    private final PdfSimulator simulator = new PdfSimulator();

    private Settings settings(boolean qmax) {
        return simulator.settings(qmax
                ? Map.of("uiso_by_element", "Ni:0.004 Li:0.012 O:0.008", "delta2", "1.2", "qdamp", "0.03", "qmax", "20")
                : Map.of("uiso_by_element", "Ni:0.004 Li:0.012 O:0.008", "delta2", "1.2", "qdamp", "0.03"));
    }

    private void assertSameG(Structure expected, Structure actual, boolean qmax, String what)
            throws SimulationException {
        double[] a = simulator.simulate(expected, GRID, settings(qmax), null).yArray();
        double[] b = simulator.simulate(actual, GRID, settings(qmax), null).yArray();
        double max = 0;
        double diff = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k]));
            diff = Math.max(diff, Math.abs(a[k] - b[k]));
        }
        assertTrue(diff <= 1e-11 * max, what + ": max |dG| = " + diff);
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void permutationOfSites(boolean qmax) throws SimulationException {
        Structure s = Fixtures.triclinic();
        assertSameG(s, s.permuted(new int[] { 2, 0, 3, 1 }), qmax, "permuted");
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void rigidTranslationAndUnwrappedCoordinates(boolean qmax) throws SimulationException {
        Structure s = Fixtures.triclinic();
        double[][] f = s.fracCoords();
        double[] shift = { 0.13, -0.27, 0.41 };
        for (double[] site : f) {
            for (int a = 0; a < 3; a++) {
                site[a] += shift[a];
            }
        }
        f[2][0] += 1;
        f[2][1] -= 2;
        assertSameG(s, s.withFracCoords(f), qmax, "translated and unwrapped");
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void supercells(boolean qmax) throws SimulationException {
        Structure s = Fixtures.triclinic();
        assertSameG(s, s.supercell(2, 1, 3), qmax, "2x1x3 supercell");
        assertSameG(s, s.supercell(new int[][] { { 1, 1, 0 }, { -1, 1, 0 }, { 0, 0, 1 } }), qmax,
                "non-diagonal supercell");
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void rotationOfTheCartesianFrame(boolean qmax) throws SimulationException {
        Structure s = Fixtures.triclinic();
        double c = Math.cos(0.7);
        double sn = Math.sin(0.7);
        double[][] rot = { { c, -sn, 0 }, { sn, c, 0 }, { 0, 0, 1 } }; // about z, then tilt about x below
        double[][] tilt = { { 1, 0, 0 }, { 0, Math.cos(0.3), -Math.sin(0.3) }, { 0, Math.sin(0.3), Math.cos(0.3) } };
        double[][] m = s.lattice().matrix();
        double[][] rotated = new double[3][3];
        for (int i = 0; i < 3; i++) {
            double[] v = apply(tilt, apply(rot, m[i]));
            rotated[i] = v;
        }
        assertSameG(s, s.withLattice(Lattice.of(rotated)), qmax, "rotated frame");
    }

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void jacobianColumnsFollowAPermutation(boolean qmax) throws SimulationException {
        Structure s = Fixtures.triclinic();
        int[] order = { 2, 0, 3, 1 };
        SpectrumJacobian a = simulator.simulateWithJacobian(s, GRID, settings(qmax), null);
        SpectrumJacobian b = simulator.simulateWithJacobian(s.permuted(order), GRID, settings(qmax), null);
        for (int k = 0; k < a.points(); k += 7) {
            for (int i = 0; i < order.length; i++) {
                for (int x = 0; x < 3; x++) {
                    assertEquals(a.dFrac(k, order[i], x), b.dFrac(k, i, x), 1e-9);
                    assertEquals(a.dLattice(k, i % 3, x), b.dLattice(k, i % 3, x), 1e-9);
                }
            }
        }
    }

    private static double[] apply(double[][] r, double[] v) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = r[i][0] * v[0] + r[i][1] * v[1] + r[i][2] * v[2];
        }
        return out;
    }
}
