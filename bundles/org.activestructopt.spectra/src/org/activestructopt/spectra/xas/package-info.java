/**
 * XAS processing from mu(E) to chi(k) with the conventions and defaults of Larch 0.9.58: the edge energy E0
 * ({@link org.activestructopt.spectra.xas.Xas#findE0(double[], double[])}), pre-edge subtraction and post-edge
 * normalisation ({@link org.activestructopt.spectra.xas.PreEdge}, giving
 * {@link org.activestructopt.spectra.xas.XasNormalization}), the AUTOBK background
 * ({@link org.activestructopt.spectra.xas.Autobk}, giving {@link org.activestructopt.spectra.xas.AutobkResult}) and
 * the noise estimate epsilon_k from high R ({@link org.activestructopt.spectra.xas.NoiseEstimate}).
 * {@link org.activestructopt.spectra.xas.XasSummary} says in a few lines what was found, and
 * {@link org.activestructopt.spectra.xas.XasSpectra} turns the results into spectra.
 * <p>
 * No file reading happens here: the inputs are energy and mu arrays or a mu(E) spectrum.
 *
 * <pre>{@code
 * XasNormalization norm = PreEdge.DEFAULTS.normalize(energy, mu);
 * AutobkResult bkg = Autobk.DEFAULTS.withRbkg(1.0).withKweight(2).run(norm);
 * Spectrum k2chi = XasSpectra.chi(bkg, 2);
 * }</pre>
 */
package org.activestructopt.spectra.xas;
