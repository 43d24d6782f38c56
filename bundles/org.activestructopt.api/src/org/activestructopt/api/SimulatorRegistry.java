package org.activestructopt.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

import org.osgi.framework.BundleContext;

/**
 * Finds {@link Simulator} services by name in the OSGi service registry. Open it once, keep it while simulators are
 * in use and {@link #close()} it when done (it holds the services it hands out until then).
 *
 * <pre>{@code
 * try (SimulatorRegistry registry = SimulatorRegistry.open(bundleContext)) {
 *     Simulator pdf = registry.get("pdf");
 *     Spectrum g = pdf.simulate(structure);
 * }
 * }</pre>
 *
 * When several services share a name, the one with the highest {@code service.ranking} (then the lowest
 * {@code service.id}) wins.
 */
public final class SimulatorRegistry implements AutoCloseable {

    private final NamedServices<Simulator> services;

    private SimulatorRegistry(BundleContext context) {
        this.services = new NamedServices<>(context, Simulator.class, Simulator.NAME_PROPERTY, "simulator");
    }

    /**
     * Starts tracking simulator services.
     *
     * @param context the context of the calling bundle
     */
    public static SimulatorRegistry open(BundleContext context) {
        return new SimulatorRegistry(Objects.requireNonNull(context, "bundle context"));
    }

    /**
     * @return an LDAP filter matching the simulator called {@code name}, e.g. {@code (simulator.name=pdf)}, for DS
     *         reference targets and {@link BundleContext#getServiceReferences(Class, String)}
     */
    public static String filter(String name) {
        return NamedServices.filter(Simulator.NAME_PROPERTY, Objects.requireNonNull(name, "simulator name"));
    }

    /** @return the simulator registered as {@code name}, if any is registered now */
    public Optional<Simulator> find(String name) {
        return services.find(name);
    }

    /**
     * @return the simulator registered as {@code name}
     * @throws IllegalArgumentException naming {@code name} and the simulators that are registered
     */
    public Simulator get(String name) {
        return services.get(name);
    }

    /**
     * Waits until a simulator called {@code name} is registered, e.g. while bundles are still starting.
     *
     * @return the simulator, or empty if none appeared within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<Simulator> await(String name, Duration timeout) throws InterruptedException {
        return services.await(name, timeout);
    }

    /** @return the registered simulators by name, sorted by name (for each name the one {@link #find} returns) */
    public SortedMap<String, Simulator> available() {
        return services.available();
    }

    /** Stops tracking and releases the services handed out. */
    @Override
    public void close() {
        services.close();
    }
}
