package org.activestructopt.api;

import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

import org.osgi.framework.BundleContext;

/** Finds {@link EnergyCalculator} services by name, as {@link SimulatorRegistry} finds simulators. */
public final class EnergyRegistry implements AutoCloseable {

    private final NamedServices<EnergyCalculator> services;

    private EnergyRegistry(BundleContext context) {
        this.services = new NamedServices<>(context, EnergyCalculator.class, EnergyCalculator.NAME_PROPERTY,
                "energy calculator");
    }

    /** @param context the context of the calling bundle */
    public static EnergyRegistry open(BundleContext context) {
        return new EnergyRegistry(Objects.requireNonNull(context, "bundle context"));
    }

    /** @return the calculator registered as {@code name}, if any is registered now */
    public Optional<EnergyCalculator> find(String name) {
        return services.find(name);
    }

    /** @throws IllegalArgumentException naming {@code name} and the calculators that are registered */
    public EnergyCalculator get(String name) {
        return services.get(name);
    }

    /** @return the registered calculators by name */
    public SortedMap<String, EnergyCalculator> available() {
        return services.available();
    }

    @Override
    public void close() {
        services.close();
    }
}
