/**
 * The refinement engine: {@link org.activestructopt.refinement.Refinement#run} runs a job with its method, either the
 * active-learning loop ({@link org.activestructopt.refinement.ActiveLearningRunner}: surrogates trained on the fly,
 * the {@link org.activestructopt.refinement.Acquisition} minimised by the
 * {@link org.activestructopt.refinement.AcquisitionOptimiser}) or a baseline on the real simulators (reverse Monte
 * Carlo, random search, Levenberg-Marquardt least squares); samplers that draw candidate structures under the hard
 * constraints, the objective function on the real simulators and the metrics (best loss so far, structure match,
 * Pareto front). The job and result model is in {@link org.activestructopt.refinement.model}.
 * <p>
 * Long-running methods take an {@link org.eclipse.core.runtime.IProgressMonitor} (null allowed), report progress
 * through {@link org.eclipse.core.runtime.SubMonitor} and stop with
 * {@link org.eclipse.core.runtime.OperationCanceledException} when it is cancelled.
 */
package org.activestructopt.refinement;
