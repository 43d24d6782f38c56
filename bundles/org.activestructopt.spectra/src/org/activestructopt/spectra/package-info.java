/**
 * Spectra as immutable values: {@link org.activestructopt.spectra.Spectrum} (x and values on Eclipse January
 * datasets, kind, names, units, optional uncertainties), {@link org.activestructopt.spectra.Grid}, resampling,
 * cropping and error metrics. File formats live in {@code org.activestructopt.spectra.nexus}, EXAFS transforms in
 * {@code org.activestructopt.spectra.exafs}.
 */
package org.activestructopt.spectra;
