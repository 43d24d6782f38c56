package org.activestructopt.api;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;

/**
 * The structure-dependent part of one simulation, done once by {@link NuisanceSimulator#prepare}, that gives the
 * spectrum for any values of the simulator's nuisance parameters cheaply. Thread-confined: one fit uses it.
 */
public interface PreparedSimulation {

    /** @return the structure that was prepared */
    Structure structure();

    /**
     * @param settings the settings given to {@code prepare} with other values of nuisance parameters only
     * @return the spectrum on the prepared grid; equal (to rounding) to what
     *         {@link Simulator#simulate(Structure, org.activestructopt.spectra.Grid, Settings,
     *         org.eclipse.core.runtime.IProgressMonitor)} gives for the same structure and settings
     * @throws SimulationException with {@link SimulationException.Reason#INVALID_REQUEST} if a setting other than a
     *                             nuisance parameter differs from the prepared ones, or a value is out of range
     */
    Spectrum spectrum(Settings settings) throws SimulationException;
}
