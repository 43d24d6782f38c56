package org.activestructopt.api;

import java.util.Map;

import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Computes the spectrum of a structure: the forward model of a refinement (X-ray PDF, EXAFS, XANES, ...).
 * <p>
 * Implementations are OSGi services registered under this interface with the service property
 * {@link #NAME_PROPERTY} equal to {@link SimulatorDescriptor#name()}; callers find them by name through
 * {@link SimulatorRegistry} or a DS reference with target {@link SimulatorRegistry#filter(String)}.
 * <p>
 * Implementations must be thread-safe and stateless between calls (like ASE calculators without their cache): the
 * engine may simulate several structures concurrently with the same instance.
 *
 * @see DifferentiableSimulator
 */
public interface Simulator {

    /** Service property naming the simulator, e.g. {@code simulator.name=pdf}. */
    String NAME_PROPERTY = "simulator.name";

    /** @return what this simulator produces and accepts; the same object on every call */
    SimulatorDescriptor descriptor();

    /** @return {@code descriptor().name()} */
    default String name() {
        return descriptor().name();
    }

    /**
     * Simulates the spectrum of {@code structure} on {@code grid}.
     *
     * @param structure the structure; not modified
     * @param grid      the x values at which the spectrum is wanted (the returned spectrum has exactly these x values)
     * @param settings  values of {@code descriptor().settings()}
     * @param monitor   progress and cancellation; may be {@code null}
     * @return a spectrum of kind {@code descriptor().kind()} on {@code grid}
     * @throws SimulationException with a {@link SimulationException.Reason} telling what failed; settings from a
     *                             different schema are rejected with {@link SimulationException.Reason#INVALID_REQUEST}
     */
    Spectrum simulate(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException;

    /**
     * Simulates on the default grid with default settings.
     *
     * @see #simulate(Structure, Grid, Settings, IProgressMonitor)
     */
    default Spectrum simulate(Structure structure) throws SimulationException {
        SimulatorDescriptor d = descriptor();
        return simulate(structure, d.defaultGrid(), d.settings().defaults(), null);
    }

    /**
     * Parses settings given as strings, e.g. from a command line or job file.
     *
     * @throws IllegalArgumentException naming an unknown setting or an invalid value
     */
    default Settings settings(Map<String, String> values) {
        return descriptor().settings().parse(values);
    }
}
