package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

/** The simulator as the refinement engine and the command line use it. */
class SimulatorContractTest {

    private final PdfSimulator simulator = new PdfSimulator();

    @Test
    void describesItself() {
        assertEquals("pdf", simulator.name());
        assertEquals(SpectrumKind.PDF, simulator.descriptor().kind());
        assertEquals(CostClass.CHEAP, simulator.descriptor().cost());
        Grid grid = simulator.descriptor().defaultGrid();
        assertEquals(901, grid.size());
        assertEquals(1.0, grid.start());
        assertEquals(10.0, grid.stop(), 1e-12);
        assertEquals(0.01, grid.step(), 1e-12);
    }

    @Test
    void defaultSimulationIsOnTheDefaultGrid() throws SimulationException {
        Spectrum g = simulator.simulate(Fixtures.triclinic());
        assertEquals(SpectrumKind.PDF, g.kind());
        assertArrayEquals(simulator.descriptor().defaultGrid().values(), g.xArray(), 0);
        assertEquals("angstrom^-2", g.yUnits());
        assertTrue(g.name().contains("LiNiO2"), g.name());
    }

    @Test
    void arbitraryIncreasingGridsAreHonoured() throws SimulationException {
        Structure s = Fixtures.triclinic();
        Settings settings = simulator.descriptor().settings().defaults();
        double[] uniform = simulator.simulate(s).yArray();
        double[] picked = { 1.0, 1.37, 2.5, 2.51, 7.77, 10.0 };
        double[] g = simulator.simulate(s, Grid.of(picked), settings, null).yArray();
        for (int k = 0; k < picked.length; k++) {
            int onDefault = (int) Math.round((picked[k] - 1) / 0.01);
            if (Math.abs(1 + onDefault * 0.01 - picked[k]) < 1e-12) {
                assertEquals(uniform[onDefault], g[k], 1e-12, "r = " + picked[k]);
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
        Structure s = Fixtures.triclinic().supercell(2, 2, 2);
        Settings settings = simulator.settings(Map.of("qmax", "20", "qdamp", "0.02"));
        Grid grid = simulator.descriptor().defaultGrid();
        SpectrumJacobian one = inPool(1, s, grid, settings);
        SpectrumJacobian four = inPool(4, s, grid, settings);
        assertArrayEquals(one.spectrum().yArray(), four.spectrum().yArray(), 0, "bit-for-bit equal G");
        for (int k = 0; k < one.points(); k += 50) {
            assertArrayEquals(one.fracMatrix()[k], four.fracMatrix()[k], 0);
        }
        assertArrayEquals(one.spectrum().yArray(), simulator.simulate(s, grid, settings, null).yArray(), 0);
    }

    private SpectrumJacobian inPool(int threads, Structure s, Grid grid, Settings settings)
            throws InterruptedException, ExecutionException {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> simulator.simulateWithJacobian(s, grid, settings, null)).get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void cancellationIsReportedAsSuch() {
        NullProgressMonitor monitor = new NullProgressMonitor();
        monitor.setCanceled(true);
        SimulationException e = assertThrows(SimulationException.class, () -> simulator.simulate(
                Fixtures.triclinic(), simulator.descriptor().defaultGrid(),
                simulator.descriptor().settings().defaults(), monitor));
        assertEquals(Reason.CANCELLED, e.reason());
    }

    @Test
    void coincidentSitesAreAnInvalidStructure() {
        Structure s = Structure.builder(Lattice.cubic(5)).add("Ni", 0.1, 0.2, 0.3).add("O", 0.5, 0.5, 0.5)
                .add("O", 1.1, 0.2, -0.7).build();
        SimulationException e = assertThrows(SimulationException.class, () -> simulator.simulate(s));
        assertEquals(Reason.INVALID_STRUCTURE, e.reason());
        assertTrue(e.reason().isStructureSpecific());
        assertTrue(e.getMessage().contains("sites 0 (Ni) and 2 (O) coincide"), e.getMessage());
    }

    @Test
    void delta2BeyondTheShortestPairIsAnInvalidStructure() {
        Settings s = simulator.settings(Map.of("delta2", "9"));
        SimulationException e = assertThrows(SimulationException.class,
                () -> simulator.simulate(Fixtures.triclinic(), simulator.descriptor().defaultGrid(), s, null));
        assertEquals(Reason.INVALID_STRUCTURE, e.reason());
        assertTrue(e.getMessage().contains("delta2"), e.getMessage());
    }

    @Test
    void zeroDisplacementIsRefused() {
        Settings s = simulator.settings(Map.of("uiso", "0"));
        SimulationException e = assertThrows(SimulationException.class,
                () -> simulator.simulate(Fixtures.triclinic(), simulator.descriptor().defaultGrid(), s, null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());
    }

    @Test
    void badGridsAreRefused() {
        Settings s = simulator.descriptor().settings().defaults();
        SimulationException negative = assertThrows(SimulationException.class,
                () -> simulator.simulate(Fixtures.triclinic(), Grid.uniform(-1, 5, 0.1), s, null));
        assertEquals(Reason.INVALID_REQUEST, negative.reason());
        assertTrue(negative.getMessage().contains("r must be >= 0"), negative.getMessage());
        SimulationException single = assertThrows(SimulationException.class,
                () -> simulator.simulate(Fixtures.triclinic(), Grid.of(new double[] { 2 }), s, null));
        assertEquals(Reason.INVALID_REQUEST, single.reason());
    }

    @Test
    void gridMayStartAtZero() throws SimulationException {
        double[] g = simulator.simulate(Fixtures.triclinic(), Grid.uniform(0, 3, 0.01),
                simulator.settings(Map.of("qmax", "20")), null).yArray();
        assertEquals(0, g[0], 1e-12, "G is odd in r");
    }
}
