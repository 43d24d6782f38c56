package org.activestructopt.refinement;

import java.time.Duration;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** The simulator services of the running Equinox, looked up by name as the engine does. */
final class Simulators {

    private Simulators() {
    }

    /** @return a registry on this bundle's context; the caller closes it */
    static SimulatorRegistry registry() {
        Bundle bundle = FrameworkUtil.getBundle(Simulators.class);
        if (bundle == null) {
            throw new IllegalStateException("not running inside OSGi: run the tests with tycho-surefire");
        }
        BundleContext context = bundle.getBundleContext();
        if (context == null) {
            throw new IllegalStateException("bundle " + bundle.getSymbolicName() + " is not active");
        }
        return SimulatorRegistry.open(context);
    }

    /** @return the simulator {@code name}, waiting up to 30 s for Declarative Services to register it */
    static Simulator await(SimulatorRegistry registry, String name) throws InterruptedException {
        return registry.await(name, Duration.ofSeconds(30)).orElseThrow(() -> new IllegalStateException(
                "simulator '" + name + "' is not registered; available: " + registry.available().keySet()));
    }
}
