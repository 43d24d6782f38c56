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
     * The parameters that matter for one structure (a subset of {@link #nuisanceParameters()}): e.g. the PDF's U of
     * the elements present, instead of every element's. A fit refines these by default. Added after the first
     * version of this interface, as a default method, so existing implementations keep compiling.
     *
     * @return by default {@link #nuisanceParameters()}
     */
    default List<NuisanceParameter> nuisanceParameters(Structure structure) {
        return nuisanceParameters();
    }

    /**
     * The value a simulation with {@code settings} uses for {@code parameter}: the setting's value, or for an
     * optional setting that is not given the value it falls back to (the PDF's {@code uiso_Si} falls back to
     * {@code uiso}). A fit starts from it. Added as a default method, like {@link #nuisanceParameters(Structure)}.
     *
     * @throws java.util.NoSuchElementException if the settings give no value
     */
    default double value(NuisanceParameter parameter, Settings settings) {
        return settings.get(parameter.setting());
    }

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
