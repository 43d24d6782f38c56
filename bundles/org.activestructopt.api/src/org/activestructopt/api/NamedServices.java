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
 * Services of one type found by a name service property: the one lookup behind {@link SimulatorRegistry} and
 * {@link SurrogateRegistry}. When several services share a name, the highest {@code service.ranking} (then the lowest
 * {@code service.id}) wins.
 */
final class NamedServices<S> implements AutoCloseable {

    private final BundleContext context;
    private final Class<S> type;
    private final String nameProperty;
    private final String what;
    private final ServiceTracker<S, S> tracker;

    /** @param what how messages call the services, e.g. "simulator" */
    NamedServices(BundleContext context, Class<S> type, String nameProperty, String what) {
        this.context = Objects.requireNonNull(context, "bundle context");
        this.type = type;
        this.nameProperty = nameProperty;
        this.what = what;
        this.tracker = new ServiceTracker<>(context, type, null);
        this.tracker.open();
    }

    /** @return an LDAP filter matching {@code property=name}, with the filter's special characters escaped */
    static String filter(String property, String name) {
        StringBuilder sb = new StringBuilder("(").append(property).append('=');
        for (char c : name.toCharArray()) {
            if (c == '\\' || c == '(' || c == ')' || c == '*') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append(')').toString();
    }

    Optional<S> find(String name) {
        Objects.requireNonNull(name, what + " name");
        ServiceReference<S>[] refs = tracker.getServiceReferences();
        if (refs == null) {
            return Optional.empty();
        }
        // ServiceReference's natural order ranks by service.ranking, then by lowest service.id
        return Arrays.stream(refs).filter(r -> name.equals(r.getProperty(nameProperty)))
                .max(ServiceReference::compareTo).map(tracker::getService);
    }

    S get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no " + what + " named '" + name
                + "'; available: " + (available().isEmpty() ? "none" : available().keySet())));
    }

    Optional<S> await(String name, Duration timeout) throws InterruptedException {
        Optional<S> now = find(name);
        if (now.isPresent()) {
            return now;
        }
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(objectClass=" + type.getName() + ")" + filter(nameProperty, name)
                    + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(what + " name '" + name + "' cannot be used in a filter", e);
        }
        ServiceTracker<S, S> waiter = new ServiceTracker<>(context, filter, null);
        waiter.open();
        try {
            waiter.waitForService(Math.max(1, timeout.toMillis()));
        } finally {
            waiter.close();
        }
        return find(name);
    }

    SortedMap<String, S> available() {
        SortedMap<String, S> out = new TreeMap<>();
        ServiceReference<S>[] refs = tracker.getServiceReferences();
        if (refs != null) {
            for (ServiceReference<S> r : refs) {
                if (r.getProperty(nameProperty) instanceof String n && !out.containsKey(n)) {
                    find(n).ifPresent(s -> out.put(n, s));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        tracker.close();
    }
}
