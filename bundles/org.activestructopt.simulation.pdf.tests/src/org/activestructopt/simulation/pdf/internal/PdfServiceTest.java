package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Collection;

import org.activestructopt.api.DifferentiableSimulator;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The simulator is found by name in the OSGi service registry, as Declarative Services registers it from the
 * {@code @Component} annotation. Runs only inside an OSGi framework (tycho-surefire); skipped on a plain class path.
 */
class PdfServiceTest {

    private static BundleContext context() {
        Bundle bundle = FrameworkUtil.getBundle(PdfServiceTest.class);
        assumeTrue(bundle != null, "not running inside an OSGi framework");
        BundleContext context = bundle.getBundleContext();
        assertNotNull(context, "bundle " + bundle.getSymbolicName() + " is in state " + bundle.getState()
                + "; it should have been activated lazily when this class was loaded");
        return context;
    }

    @Test
    void registeredUnderItsNameByDeclarativeServices() throws InvalidSyntaxException, InterruptedException {
        BundleContext context = context();
        try (SimulatorRegistry registry = SimulatorRegistry.open(context)) {
            Simulator pdf = registry.await("pdf", Duration.ofSeconds(20)).orElseThrow(
                    () -> new AssertionError("no simulator 'pdf' registered; available: " + registry.available()));
            assertInstanceOf(DifferentiableSimulator.class, pdf);
            assertEquals("pdf", pdf.descriptor().name(), "service property and descriptor agree");
        }
        Collection<ServiceReference<Simulator>> refs = context.getServiceReferences(Simulator.class,
                SimulatorRegistry.filter("pdf"));
        assertEquals(1, refs.size());
        assertEquals("pdf", refs.iterator().next().getProperty(Simulator.NAME_PROPERTY));
    }

    @Test
    void theServiceSimulates() throws SimulationException, InterruptedException {
        try (SimulatorRegistry registry = SimulatorRegistry.open(context())) {
            Simulator pdf = registry.await("pdf", Duration.ofSeconds(20)).orElseThrow();
            Structure s = Fixtures.triclinic();
            assertArrayEquals(new PdfSimulator().simulate(s).yArray(), pdf.simulate(s).yArray(), 0);
        }
    }
}
