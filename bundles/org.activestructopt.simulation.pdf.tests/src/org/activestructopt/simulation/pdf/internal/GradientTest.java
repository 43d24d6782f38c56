package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.api.StructureGradient;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analytic Jacobian against central finite differences of G(r). */
class GradientTest {

    private static final double STEP = 1e-5;
    private static final Grid GRID = Grid.uniform(1, 8, 0.02);

    private final PdfSimulator simulator = new PdfSimulator();

    private Settings settings(String name) {
        return switch (name) {
            case "defaults" -> simulator.descriptor().settings().defaults();
            case "full" -> simulator.settings(Map.of("scale", "0.9", "uiso_by_element", "Ni:0.004 Li:0.012 O:0.008",
                    "qdamp", "0.035", "delta2", "1.2"));
            case "qmax" -> simulator.settings(Map.of("scale", "0.9", "uiso_by_element", "Ni:0.004 Li:0.012 O:0.008",
                    "qdamp", "0.035", "delta2", "1.2", "qmax", "18"));
            case "broadened" -> simulator.settings(Map.of("scale", "0.9", "uiso_Ni", "0.004", "uiso_Li", "0.012",
                    "uiso_O", "0.008", "qdamp", "0.035", "delta1", "0.4", "delta2", "0.6", "qbroad", "0.02"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private double[] g(Structure s, Settings settings) throws SimulationException {
        return simulator.simulate(s, GRID, settings, null).yArray();
    }

    @ParameterizedTest
    @ValueSource(strings = { "defaults", "full", "qmax", "broadened" })
    void jacobianMatchesFiniteDifferences(String name) throws SimulationException {
        Settings settings = settings(name);
        Structure s = Fixtures.triclinic();
        SpectrumJacobian jac = simulator.simulateWithJacobian(s, GRID, settings, null);
        assertArrayEquals(g(s, settings), jac.spectrum().yArray(), 0, "the Jacobian comes with the same G(r)");

        double[][] frac = jac.fracMatrix();
        for (int i = 0; i < s.size(); i++) {
            for (int a = 0; a < 3; a++) {
                double[] plus = s.frac(i);
                double[] minus = s.frac(i);
                plus[a] += STEP;
                minus[a] -= STEP;
                double[] fd = difference(g(s.withFrac(i, plus), settings), g(s.withFrac(i, minus), settings));
                assertColumn(fd, frac, 3 * i + a, name + ": d G / d frac[" + i + "][" + a + "]");
            }
        }
        double[][] lat = jac.latticeMatrix();
        double[][] m = s.lattice().matrix();
        for (int b = 0; b < 3; b++) {
            for (int c = 0; c < 3; c++) {
                double[][] plus = copy(m);
                double[][] minus = copy(m);
                plus[b][c] += STEP;
                minus[b][c] -= STEP;
                double[] fd = difference(g(s.withLattice(Lattice.of(plus)), settings),
                        g(s.withLattice(Lattice.of(minus)), settings));
                assertColumn(fd, lat, 3 * b + c, name + ": d G / d lattice[" + b + "][" + c + "]");
            }
        }
    }

    /** The chain rule in pullBack against a finite difference of a scalar misfit. */
    @ParameterizedTest
    @ValueSource(strings = { "full", "qmax" })
    void pullBackGivesMisfitGradient(String name) throws SimulationException {
        Settings settings = settings(name);
        Structure s = Fixtures.triclinic();
        Structure target = s.withFrac(1, new double[] { 0.50, 0.45, 0.51 });
        double[] t = g(target, settings);
        SpectrumJacobian jac = simulator.simulateWithJacobian(s, GRID, settings, null);
        double[] y = jac.spectrum().yArray();
        double[] w = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            w[k] = 2 * (y[k] - t[k]) / y.length; // d(mse)/dy
        }
        StructureGradient grad = jac.pullBack(w);
        for (int i = 0; i < s.size(); i++) {
            for (int a = 0; a < 3; a++) {
                double[] plus = s.frac(i);
                double[] minus = s.frac(i);
                plus[a] += STEP;
                minus[a] -= STEP;
                double fd = (mse(g(s.withFrac(i, plus), settings), t) - mse(g(s.withFrac(i, minus), settings), t))
                        / (2 * STEP);
                assertEquals(fd, grad.frac(i)[a], 1e-6 * Math.max(1, Math.abs(fd)), "d mse / d frac[" + i + "][" + a + "]");
            }
        }
    }

    private static double mse(double[] y, double[] t) {
        double s = 0;
        for (int k = 0; k < y.length; k++) {
            s += (y[k] - t[k]) * (y[k] - t[k]);
        }
        return s / y.length;
    }

    private static double[] difference(double[] plus, double[] minus) {
        double[] d = new double[plus.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = (plus[k] - minus[k]) / (2 * STEP);
        }
        return d;
    }

    /** Compares a whole column: the error norm relative to the column norm, which is dominated by the peaks. */
    private static void assertColumn(double[] fd, double[][] jac, int col, String what) {
        double err = 0;
        double norm = 0;
        for (int k = 0; k < fd.length; k++) {
            err += (jac[k][col] - fd[k]) * (jac[k][col] - fd[k]);
            norm += fd[k] * fd[k];
        }
        err = Math.sqrt(err);
        norm = Math.sqrt(norm);
        assertTrue(norm > 1e-3, what + " should not vanish, |fd| = " + norm);
        assertTrue(err <= 1e-6 * norm, what + ": |analytic - fd| = " + err + ", |fd| = " + norm);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
