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

    private final BundleContext context;
    private final ServiceTracker<Simulator, Simulator> tracker;

    private SimulatorRegistry(BundleContext context) {
        this.context = context;
        this.tracker = new ServiceTracker<>(context, Simulator.class, null);
        this.tracker.open();
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
        Objects.requireNonNull(name, "simulator name");
        StringBuilder sb = new StringBuilder("(").append(Simulator.NAME_PROPERTY).append('=');
        for (char c : name.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append(')').toString();
    }

    /** @return the simulator registered as {@code name}, if any is registered now */
    public Optional<Simulator> find(String name) {
        Objects.requireNonNull(name, "simulator name");
        ServiceReference<Simulator>[] refs = tracker.getServiceReferences();
        if (refs == null) {
            return Optional.empty();
        }
        // ServiceReference's natural order ranks by service.ranking, then by lowest service.id
        return Arrays.stream(refs).filter(r -> name.equals(r.getProperty(Simulator.NAME_PROPERTY)))
                .max(ServiceReference::compareTo).map(tracker::getService);
    }

    /**
     * @return the simulator registered as {@code name}
     * @throws IllegalArgumentException naming {@code name} and the simulators that are registered
     */
    public Simulator get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no simulator named '" + name + "'; available: " + (available().isEmpty() ? "none" : available().keySet())));
    }

    /**
     * Waits until a simulator called {@code name} is registered, e.g. while bundles are still starting.
     *
     * @return the simulator, or empty if none appeared within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public Optional<Simulator> await(String name, Duration timeout) throws InterruptedException {
        Optional<Simulator> now = find(name);
        if (now.isPresent()) {
            return now;
        }
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(objectClass=" + Simulator.class.getName() + ")" + filter(name) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("simulator name '" + name + "' cannot be used in a filter", e);
        }
        ServiceTracker<Simulator, Simulator> waiter = new ServiceTracker<>(context, filter, null);
        waiter.open();
        try {
            waiter.waitForService(Math.max(1, timeout.toMillis()));
        } finally {
            waiter.close();
        }
        return find(name);
    }

    /** @return the registered simulators by name, sorted by name (for each name the one {@link #find} returns) */
    public SortedMap<String, Simulator> available() {
        SortedMap<String, Simulator> out = new TreeMap<>();
        ServiceReference<Simulator>[] refs = tracker.getServiceReferences();
        if (refs != null) {
            for (ServiceReference<Simulator> r : refs) {
                if (r.getProperty(Simulator.NAME_PROPERTY) instanceof String n && !out.containsKey(n)) {
                    find(n).ifPresent(s -> out.put(n, s));
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
