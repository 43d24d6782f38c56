package org.activestructopt.api;

import java.io.IOException;
import java.nio.file.Path;

import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.SpectrumKind;

/**
 * Creates and loads {@link Surrogate} models of one kind (a GNN ensemble, a Gaussian process, a pre-trained network,
 * ...): the service through which the refinement engine finds a surrogate by name.
 * <p>
 * Implementations are OSGi services registered under this interface with the service property {@link #NAME_PROPERTY}
 * equal to {@link SurrogateDescriptor#name()}; a third party adds a surrogate with one bundle holding one DS component.
 * Callers find factories through {@link SurrogateRegistry}. Factories are thread-safe; the surrogates they create are
 * not (see {@link Surrogate}).
 *
 * <pre>{@code
 * SurrogateFactory gnn = registry.get("gnn");
 * Settings settings = gnn.descriptor().settings().parse(Map.of("ensemble_size", "5", "cutoff", "6"));
 * try (Surrogate model = gnn.create(SpectrumKind.PDF, target.grid(), settings)) {
 *     SurrogateFit fit = model.fit(data, monitor);
 *     List<SurrogatePrediction> p = model.predict(candidates);
 * }
 * }</pre>
 */
public interface SurrogateFactory {

    /** Service property naming the surrogate, e.g. {@code surrogate.name=gnn}. */
    String NAME_PROPERTY = "surrogate.name";

    /**
     * Conventional name of the integer setting that holds the number of members of an ensemble surrogate (k in the
     * k-fold ensemble). The refinement engine sets it from the job when the schema declares it.
     */
    String ENSEMBLE_SIZE_SETTING = "ensemble_size";

    /** @return what this factory creates and which settings it accepts; the same object on every call */
    SurrogateDescriptor descriptor();

    /** @return {@code descriptor().name()} */
    default String name() {
        return descriptor().name();
    }

    /**
     * Creates an untrained surrogate that predicts spectra of {@code kind} on {@code grid}.
     *
     * @param kind     the kind of spectrum predicted; training spectra must be of this kind
     * @param grid     the x values of every prediction; training spectra on other grids are resampled onto it
     * @param settings values of {@code descriptor().settings()}
     * @throws IllegalArgumentException if the settings belong to another schema or are inconsistent (the message names
     *                                  the setting)
     */
    Surrogate create(SpectrumKind kind, Grid grid, Settings settings);

    /**
     * Loads a surrogate written by {@link Surrogate#save(Path)}; it predicts exactly what the saved one predicted and
     * continues training from the saved state.
     *
     * @param directory the directory given to {@code save}
     * @throws IOException if the directory cannot be read or does not hold a surrogate of this factory (the message
     *                     names the file at fault)
     */
    Surrogate load(Path directory) throws IOException;
}
