/**
 * EXAFS helpers with Larch's conventions: k-weighting ({@link org.activestructopt.spectra.exafs.Exafs}), the
 * Fourier-transform windows ({@link org.activestructopt.spectra.exafs.FtWindow}) and the forward transform chi(k) to
 * chi(R) ({@link org.activestructopt.spectra.exafs.Xftf}, {@link org.activestructopt.spectra.exafs.ChiR}).
 */
package org.activestructopt.spectra.exafs;
