package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.activestructopt.api.SimulationException;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares with G(r) computed independently by data/pdf/generate.py (numpy: brute-force image loop, Gaussians on the
 * whole grid, Qmax termination in Q space) for a triclinic three-element crystal.
 */
class ReferenceTest {

    private final PdfSimulator simulator = new PdfSimulator();

    @ParameterizedTest
    @ValueSource(strings = { "defaults", "full", "qmax", "qmax_sharp" })
    void matchesNumpyReference(String name) throws SimulationException {
        Fixtures.Reference ref = Fixtures.readReference("triclinic_" + name + ".dat");
        Spectrum g = simulator.simulate(Fixtures.triclinic(), Grid.of(ref.r()), simulator.settings(ref.settings()),
                null);
        double[] y = g.yArray();
        double scale = 0;
        for (double v : ref.g()) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int at = 0;
        for (int k = 0; k < y.length; k++) {
            double e = Math.abs(y[k] - ref.g()[k]);
            if (e > worst) {
                worst = e;
                at = k;
            }
        }
        assertEquals(ref.r().length, y.length);
        assertTrue(worst <= 1e-8 * scale, String.format("case %s: |G - G_numpy| = %.3g at r = %.2f (max |G| %.3f)",
                name, worst, ref.r()[at], scale));
    }
}
