package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.activestructopt.api.SimulationException;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;

/**
 * Cubic crystals: peaks at the known neighbour-shell distances, the area under each peak equals the number of
 * neighbours in the shell, and the running integral of R(r) counts neighbours (with the baseline below the first shell
 * exactly -4 pi rho0 r).
 */
class CubicCrystalTest {

    private static final double A = 3.615; // Cu
    /** Small U, so that even the shells 0.33 angstrom apart near 10 angstrom are separated by 10 sigma. */
    private static final double U = 0.0005;
    private static final Grid GRID = Grid.uniform(0.5, 9.95, 0.005);

    private final PdfSimulator simulator = new PdfSimulator();

    private static Structure fcc() {
        return Structure.builder(Lattice.cubic(A)).add("Cu", 0, 0, 0).add("Cu", 0.5, 0.5, 0).add("Cu", 0.5, 0, 0.5)
                .add("Cu", 0, 0.5, 0.5).build();
    }

    /**
     * Neighbour shells of a Bravais lattice by enumeration: distance -> count. Lattice vectors are (h, k, l) a/2 with
     * h + k + l even for fcc, with h, k, l all even for simple cubic.
     */
    private static TreeMap<Double, Integer> shells(double a, boolean fcc, double rmax) {
        TreeMap<Long, Integer> bySquare = new TreeMap<>();
        int n = (int) Math.ceil(2 * rmax / a) + 1;
        for (int h = -n; h <= n; h++) {
            for (int k = -n; k <= n; k++) {
                for (int l = -n; l <= n; l++) {
                    long sq = (long) h * h + (long) k * k + (long) l * l;
                    boolean ok = fcc ? (h + k + l) % 2 == 0 : h % 2 == 0 && k % 2 == 0 && l % 2 == 0;
                    if (sq > 0 && ok && Math.sqrt(sq) * a / 2 <= rmax) {
                        bySquare.merge(sq, 1, Integer::sum);
                    }
                }
            }
        }
        TreeMap<Double, Integer> out = new TreeMap<>();
        bySquare.forEach((sq, count) -> out.put(Math.sqrt(sq) * a / 2, count));
        return out;
    }

    private double[] rdf(Structure s) throws SimulationException {
        double[] g = simulator.simulate(s, GRID, simulator.settings(Map.of("uiso", Double.toString(U))), null)
                .yArray();
        double rho0 = s.size() / s.volume();
        double[] r = GRID.values();
        double[] out = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            out[k] = r[k] * (g[k] + 4 * Math.PI * rho0 * r[k]);
        }
        return out;
    }

    @Test
    void textbookFirstShellsOfFcc() {
        TreeMap<Double, Integer> s = shells(A, true, 6);
        List<Integer> counts = new ArrayList<>(s.values()).subList(0, 5);
        assertEquals(List.of(12, 6, 24, 12, 24), counts, "the enumeration itself");
        assertEquals(A / Math.sqrt(2), s.firstKey(), 1e-12);
    }

    @Test
    void fccPeaksSitAtShellDistancesWithShellCountsAsAreas() throws SimulationException {
        checkShells(fcc(), shells(A, true, 9.6));
    }

    @Test
    void simpleCubicOneAtomCell() throws SimulationException {
        double a = 3.35; // alpha-Po
        Structure po = Structure.builder(Lattice.cubic(a)).add("Po", 0, 0, 0).build();
        TreeMap<Double, Integer> sc = shells(a, false, 9.6);
        assertEquals(List.of(6, 12, 8, 6), new ArrayList<>(sc.values()).subList(0, 4), "the enumeration itself");
        checkShells(po, sc);
    }

    private void checkShells(Structure s, TreeMap<Double, Integer> expected) throws SimulationException {
        double[] rdf = rdf(s);
        double[] r = GRID.values();
        double sigma = Math.sqrt(2 * U);
        for (Map.Entry<Double, Integer> shell : expected.entrySet()) {
            double d = shell.getKey();
            double area = 0;
            double first = 0;
            int argmax = -1;
            for (int k = 0; k + 1 < r.length; k++) {
                if (Math.abs(r[k] - d) <= 5 * sigma && Math.abs(r[k + 1] - d) <= 5 * sigma) {
                    double h = r[k + 1] - r[k];
                    area += h / 2 * (rdf[k] + rdf[k + 1]);
                    first += h / 2 * (rdf[k] * r[k] + rdf[k + 1] * r[k + 1]);
                    if (argmax < 0 || rdf[k] > rdf[argmax]) {
                        argmax = k;
                    }
                }
            }
            assertEquals(shell.getValue(), area, 1e-4 * shell.getValue(), "neighbours at " + d);
            assertEquals(d, first / area, 1e-6, "centre of the peak at " + d);
            assertTrue(Math.abs(r[argmax] - d) <= 0.0025 + 1e-9, "maximum at " + r[argmax] + " for shell " + d);
        }
    }

    @Test
    void runningIntegralCountsNeighboursAndBaselineIsExactBelowFirstShell() throws SimulationException {
        Structure s = fcc();
        double[] rdf = rdf(s);
        double[] r = GRID.values();
        TreeMap<Double, Integer> shells = shells(A, true, 9.95);
        List<Double> d = new ArrayList<>(shells.keySet());
        double running = 0;
        int counted = 0;
        int next = 0;
        for (int k = 0; k + 1 < r.length && next + 1 < d.size(); k++) {
            running += (r[k + 1] - r[k]) / 2 * (rdf[k] + rdf[k + 1]);
            double mid = (d.get(next) + d.get(next + 1)) / 2;
            if (r[k + 1] >= mid) {
                counted += shells.get(d.get(next));
                assertEquals(counted, running, 1e-4 * counted, "neighbours within " + r[k + 1]);
                next++;
            }
        }
        assertTrue(next > 10, "checked " + next + " shells");

        double[] g = simulator.simulate(s, GRID, simulator.settings(Map.of("uiso", Double.toString(U))), null)
                .yArray();
        double rho0 = 4 / (A * A * A);
        for (int k = 0; r[k] < d.get(0) - 10 * Math.sqrt(2 * U); k++) {
            assertEquals(-4 * Math.PI * rho0 * r[k], g[k], 1e-14, "baseline at r = " + r[k]);
        }
    }
}
