/**
 * The refinement engine: samplers that draw candidate structures under the hard constraints, the objective function
 * on the real simulators, the baselines (reverse Monte Carlo, random search, Levenberg-Marquardt least squares) and
 * their metrics. The job and result model is in {@link org.activestructopt.refinement.model}.
 * <p>
 * Long-running methods take an {@link org.eclipse.core.runtime.IProgressMonitor} (null allowed), report progress
 * through {@link org.eclipse.core.runtime.SubMonitor} and stop with
 * {@link org.eclipse.core.runtime.OperationCanceledException} when it is cancelled.
 */
package org.activestructopt.refinement;
