package org.activestructopt.api;

import java.util.List;

import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A {@link Simulator} some of whose real settings are {@link NuisanceParameter}s, and which can split a simulation
 * into the expensive part that depends on the structure (FEFF's scattering paths, a PDF's pair table) and the cheap
 * part that applies the nuisance values. A fit of the nuisance parameters of one structure then calls
 * {@link PreparedSimulation#spectrum(Settings)} many times after one {@link #prepare}: "the loss of a structure is its
 * loss at its own best nuisance values", as PDFgui and feffit refine them. Register it as a {@link Simulator}
 * service as usual; callers test {@code simulator instanceof NuisanceSimulator}.
 */
public interface NuisanceSimulator extends Simulator {

    /**
     * @return the parameters a fit may refine, each a real setting of {@code descriptor().settings()}, with their
     *         default bounds; the same list on every call
     */
    List<NuisanceParameter> nuisanceParameters();

    /**
     * Does the structure-dependent part of a simulation once.
     *
     * @param settings values of {@code descriptor().settings()}; later calls of
     *                 {@link PreparedSimulation#spectrum(Settings)} may change only the nuisance parameters' values
     * @throws SimulationException as {@link #simulate} does
     */
    PreparedSimulation prepare(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException;
}
