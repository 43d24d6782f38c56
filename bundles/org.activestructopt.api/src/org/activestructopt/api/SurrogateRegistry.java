package org.activestructopt.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

import org.osgi.framework.BundleContext;

/**
 * Finds {@link SurrogateFactory} services by name in the OSGi service registry, with the same rules as
 * {@link SimulatorRegistry}: open it once, keep it while the factories are in use, {@link #close()} it when done; when
 * several services share a name, the highest {@code service.ranking} (then the lowest {@code service.id}) wins.
 *
 * <pre>{@code
 * try (SurrogateRegistry registry = SurrogateRegistry.open(bundleContext)) {
 *     SurrogateFactory gnn = registry.get("gnn");
 *     ...
 * }
 * }</pre>
 */
public final class SurrogateRegistry implements AutoCloseable {

    private final NamedServices<SurrogateFactory> services;

    private SurrogateRegistry(BundleContext context) {
        this.services = new NamedServices<>(context, SurrogateFactory.class, SurrogateFactory.NAME_PROPERTY, "surrogate");
    }

    /**
     * Starts tracking surrogate factories.
     *
     * @param context the context of the calling bundle
     */
    public static SurrogateRegistry open(BundleContext context) {
        return new SurrogateRegistry(Objects.requireNonNull(context, "bundle context"));
    }

    /**
     * @return an LDAP filter matching the factory called {@code name}, e.g. {@code (surrogate.name=gnn)}, for DS
     *         reference targets and {@link BundleContext#getServiceReferences(Class, String)}
     */
    public static String filter(String name) {
        return NamedServices.filter(SurrogateFactory.NAME_PROPERTY, Objects.requireNonNull(name, "surrogate name"));
    }

    /** @return the factory registered as {@code name}, if any is registered now */
    public Optional<SurrogateFactory> find(String name) {
        return services.find(name);
    }

    /**
     * @return the factory registered as {@code name}
     * @throws IllegalArgumentException naming {@code name} and the surrogates that are registered
     */
    public SurrogateFactory get(String name) {
        return services.get(name);
    }

    /**
     * Waits until a factory called {@code name} is registered, e.g. while bundles are still starting.
     *
     * @return the factory, or empty if none appeared within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<SurrogateFactory> await(String name, Duration timeout) throws InterruptedException {
        return services.await(name, timeout);
    }

    /** @return the registered factories by name, sorted by name (for each name the one {@link #find} returns) */
    public SortedMap<String, SurrogateFactory> available() {
        return services.available();
    }

    /** Stops tracking and releases the services handed out. */
    @Override
    public void close() {
        services.close();
    }
}
