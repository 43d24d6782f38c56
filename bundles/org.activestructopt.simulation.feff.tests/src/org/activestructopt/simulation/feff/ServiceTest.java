package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The Declarative Services components, found by name in the running Equinox through the {@link SimulatorRegistry} and
 * run. Outside OSGi (a plain JUnit run of the classes) there is no registry and the test is skipped.
 */
class ServiceTest {

    @Test
    void feffSimulatorsAreRegisteredByNameAndRun() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(ServiceTest.class);
        assumeTrue(bundle != null, "not running inside an OSGi framework");
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start(); // lazy activation: DS only sees the components of a started bundle
        }
        try (SimulatorRegistry registry = SimulatorRegistry.open(bundle.getBundleContext())) {
            Simulator exafs = registry.await("exafs", Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no 'exafs' service; registered: " + registry.available()));
            Simulator xanes = registry.await("xanes", Duration.ofSeconds(5)).orElseThrow();
            Simulator ss = registry.await("exafs-ss", Duration.ofSeconds(5)).orElseThrow();
            assertEquals(SpectrumKind.EXAFS, exafs.descriptor().kind());
            assertEquals(SpectrumKind.XANES, xanes.descriptor().kind());
            assertEquals(CostClass.EXPENSIVE, exafs.descriptor().cost());
            assertEquals(CostClass.CHEAP, ss.descriptor().cost());
            assertTrue(registry.available().keySet().containsAll(java.util.Set.of("exafs", "xanes", "exafs-ss")));

            Spectrum chi = exafs.simulate(TestData.cu(), exafs.descriptor().defaultGrid(),
                    exafs.settings(Map.of("radius", "5")), null);
            assertEquals(Grid.uniform(3, 12, 0.05), chi.grid());
            Spectrum mu = xanes.simulate(TestData.cu(), Grid.uniform(0, 40, 1), xanes.settings(Map.of("radius", "5")),
                    null);
            assertEquals(41, mu.size());
            assertTrue(mu.yArray()[40] > 0.5, "edge step at 40 eV: " + mu.yArray()[40]);
        }
    }
}
