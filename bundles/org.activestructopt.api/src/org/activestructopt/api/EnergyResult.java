package org.activestructopt.api;

import java.util.Objects;

/**
 * The energy of one structure from an {@link EnergyCalculator}, with the forces on its sites.
 *
 * @param energy total potential energy of the cell, eV
 * @param sites  number of sites of the structure
 * @param forces force on each site, eV/angstrom, in the structure's own Cartesian frame ({@code [sites][3]})
 */
public record EnergyResult(double energy, int sites, double[][] forces) {

    public EnergyResult {
        if (!Double.isFinite(energy)) {
            throw new IllegalArgumentException("energy must be finite, got " + energy);
        }
        Objects.requireNonNull(forces, "forces");
        if (forces.length != sites) {
            throw new IllegalArgumentException(forces.length + " forces for " + sites + " sites");
        }
        double[][] copy = new double[sites][];
        for (int i = 0; i < sites; i++) {
            if (forces[i].length != 3) {
                throw new IllegalArgumentException("force of site " + i + " has " + forces[i].length + " components");
            }
            copy[i] = forces[i].clone();
        }
        forces = copy;
    }

    /** @return the energy per site, eV/atom: the objective the method minimises */
    public double energyPerAtom() {
        return energy / sites;
    }

    /** @return the force on site {@code i}, eV/angstrom (a copy) */
    public double[] force(int i) {
        return forces[i].clone();
    }

    @Override
    public double[][] forces() {
        double[][] out = new double[sites][];
        for (int i = 0; i < sites; i++) {
            out[i] = forces[i].clone();
        }
        return out;
    }
}
