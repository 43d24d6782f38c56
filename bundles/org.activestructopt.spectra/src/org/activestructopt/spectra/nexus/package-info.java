/**
 * NeXus (HDF5) input and output of spectra through jHDF: {@link org.activestructopt.spectra.nexus.NexusSpectra}
 * lists and reads plottables, {@link org.activestructopt.spectra.nexus.NexusSource} parses
 * {@code file.nxs#/entry/data/G} specs, and {@link org.activestructopt.spectra.nexus.NexusResultWriter} writes the
 * results of a refinement.
 */
package org.activestructopt.spectra.nexus;
