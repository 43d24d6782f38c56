package org.activestructopt.api;

import java.util.List;

import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Computes the potential energy of structures and the forces on their sites (an interatomic potential through
 * LAMMPS, a machine-learned model, ...): the energy objective beside the spectra. Unlike a {@link Simulator} it
 * gives one number per structure, so it has no grid and no target.
 * <p>
 * Implementations are OSGi services registered under this interface with the service property
 * {@link #NAME_PROPERTY}; callers find them by name through {@link EnergyRegistry}. Thread-safe.
 */
public interface EnergyCalculator {

    /** Service property naming the calculator, e.g. {@code energy.name=energy}. */
    String NAME_PROPERTY = "energy.name";

    /** @return the registered name */
    String name();

    /** @return one line for help texts */
    String description();

    /** @return the settings this calculator accepts; the same object on every call */
    SettingsSchema settings();

    /**
     * Computes the energies of several structures at once, which lets a calculator that starts a program pay for
     * the start once.
     *
     * @param settings values of {@link #settings()}
     * @param monitor  progress and cancellation; may be {@code null}
     * @return one result per structure, in order
     * @throws SimulationException if a structure cannot be computed (the message names its index and why) or the
     *                             calculator is not usable
     */
    List<EnergyResult> energies(List<Structure> structures, Settings settings, IProgressMonitor monitor)
            throws SimulationException;

    /** @see #energies(List, Settings, IProgressMonitor) */
    default EnergyResult energy(Structure structure, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        return energies(List.of(structure), settings, monitor).get(0);
    }
}
