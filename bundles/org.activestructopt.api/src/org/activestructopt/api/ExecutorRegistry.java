package org.activestructopt.api;

import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

import org.osgi.framework.BundleContext;

/**
 * Finds {@link ProgramExecutor} services by name ({@code local}, {@code slurm}, a facility's own), as
 * {@link SimulatorRegistry} finds simulators. Keep it open while the executors are in use, then close it.
 */
public final class ExecutorRegistry implements AutoCloseable {

    private final NamedServices<ProgramExecutor> services;

    private ExecutorRegistry(BundleContext context) {
        this.services = new NamedServices<>(context, ProgramExecutor.class, ProgramExecutor.NAME_PROPERTY,
                "executor");
    }

    /** @param context the context of the calling bundle */
    public static ExecutorRegistry open(BundleContext context) {
        return new ExecutorRegistry(Objects.requireNonNull(context, "bundle context"));
    }

    /** @return the executor registered as {@code name}, if any is registered now */
    public Optional<ProgramExecutor> find(String name) {
        return services.find(name);
    }

    /** @throws IllegalArgumentException naming {@code name} and the executors that are registered */
    public ProgramExecutor get(String name) {
        return services.get(name);
    }

    /** @return the registered executors by name */
    public SortedMap<String, ProgramExecutor> available() {
        return services.available();
    }

    @Override
    public void close() {
        services.close();
    }
}
