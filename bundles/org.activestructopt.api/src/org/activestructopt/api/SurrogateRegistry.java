package org.activestructopt.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

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

    private final BundleContext context;
    private final ServiceTracker<SurrogateFactory, SurrogateFactory> tracker;

    private SurrogateRegistry(BundleContext context) {
        this.context = context;
        this.tracker = new ServiceTracker<>(context, SurrogateFactory.class, null);
        this.tracker.open();
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
        Objects.requireNonNull(name, "surrogate name");
        StringBuilder sb = new StringBuilder("(").append(SurrogateFactory.NAME_PROPERTY).append('=');
        for (char c : name.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append(')').toString();
    }

    /** @return the factory registered as {@code name}, if any is registered now */
    public Optional<SurrogateFactory> find(String name) {
        Objects.requireNonNull(name, "surrogate name");
        ServiceReference<SurrogateFactory>[] refs = tracker.getServiceReferences();
        if (refs == null) {
            return Optional.empty();
        }
        // ServiceReference's natural order ranks by service.ranking, then by lowest service.id
        return Arrays.stream(refs).filter(r -> name.equals(r.getProperty(SurrogateFactory.NAME_PROPERTY)))
                .max(ServiceReference::compareTo).map(tracker::getService);
    }

    /**
     * @return the factory registered as {@code name}
     * @throws IllegalArgumentException naming {@code name} and the surrogates that are registered
     */
    public SurrogateFactory get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no surrogate named '" + name
                + "'; available: " + (available().isEmpty() ? "none" : available().keySet())));
    }

    /**
     * Waits until a factory called {@code name} is registered, e.g. while bundles are still starting.
     *
     * @return the factory, or empty if none appeared within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<SurrogateFactory> await(String name, Duration timeout) throws InterruptedException {
        Optional<SurrogateFactory> now = find(name);
        if (now.isPresent()) {
            return now;
        }
        Filter filter;
        try {
            filter = FrameworkUtil
                    .createFilter("(&(objectClass=" + SurrogateFactory.class.getName() + ")" + filter(name) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("surrogate name '" + name + "' cannot be used in a filter", e);
        }
        ServiceTracker<SurrogateFactory, SurrogateFactory> waiter = new ServiceTracker<>(context, filter, null);
        waiter.open();
        try {
            waiter.waitForService(Math.max(1, timeout.toMillis()));
        } finally {
            waiter.close();
        }
        return find(name);
    }

    /** @return the registered factories by name, sorted by name (for each name the one {@link #find} returns) */
    public SortedMap<String, SurrogateFactory> available() {
        SortedMap<String, SurrogateFactory> out = new TreeMap<>();
        ServiceReference<SurrogateFactory>[] refs = tracker.getServiceReferences();
        if (refs != null) {
            for (ServiceReference<SurrogateFactory> r : refs) {
                if (r.getProperty(SurrogateFactory.NAME_PROPERTY) instanceof String n && !out.containsKey(n)) {
                    find(n).ifPresent(f -> out.put(n, f));
                }
            }
        }
        return out;
    }

    /** Stops tracking and releases the services handed out. */
    @Override
    public void close() {
        tracker.close();
    }
}
