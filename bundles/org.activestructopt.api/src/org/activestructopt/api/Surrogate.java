package org.activestructopt.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * A trainable model that predicts the spectrum of a structure together with a calibrated uncertainty, and the
 * gradient of a scalar objective of that prediction with respect to the structure: the cheap stand-in for a
 * {@link Simulator} inside the active-learning loop.
 * <p>
 * A surrogate predicts spectra of one {@link #kind()} on one {@link #grid()}, fixed at creation. It is trained by
 * {@link #fit(SurrogateData, IProgressMonitor)}, usually once per round of the loop with the data grown by the
 * structures simulated since; an implementation may continue from the previous round's state (warm start).
 * <p>
 * Instances hold native resources: {@link #close()} them. They are not thread-safe; use one from one thread at a time.
 */
public interface Surrogate extends AutoCloseable {

    /** @return the kind of spectrum predicted */
    SpectrumKind kind();

    /** @return the x values of every prediction */
    Grid grid();

    /** @return the settings this surrogate was created with */
    Settings settings();

    /**
     * Trains (or re-trains) the surrogate on {@code data.training()} and calibrates its uncertainty on
     * {@code data.calibration()}, which must not be used for training.
     *
     * @param data    the examples; spectra are resampled onto {@link #grid()} when their grid differs
     * @param monitor progress and cancellation; may be {@code null}
     * @return what the training achieved, including the calibration quality
     * @throws IllegalArgumentException  if an example does not fit this surrogate (wrong spectrum kind, grid outside
     *                                   the spectrum's range, an element the model cannot represent), naming the
     *                                   example
     * @throws OperationCanceledException if the monitor was cancelled; the surrogate keeps its previous state
     */
    SurrogateFit fit(SurrogateData data, IProgressMonitor monitor);

    /** @return whether {@link #fit(SurrogateData, IProgressMonitor)} has completed at least once */
    boolean isFitted();

    /** @return the result of the last completed fit, empty before the first */
    Optional<SurrogateFit> lastFit();

    /**
     * Predicts the spectra of a batch of structures.
     *
     * @param structures the structures; they need not share lattice or size
     * @return one prediction per structure, in order, on {@link #grid()}
     * @throws IllegalStateException    before the first fit
     * @throws IllegalArgumentException naming the structure that cannot be handled (e.g. an unknown element)
     */
    List<SurrogatePrediction> predict(List<Structure> structures);

    /**
     * Evaluates {@code objective} on the prediction for each structure together with the gradient of its value with
     * respect to the fractional coordinates and the lattice matrix (fractional coordinates held fixed) of that
     * structure. This is what a gradient-based optimiser of the acquisition function calls; evaluating a batch of
     * candidates at once is much faster than one at a time.
     *
     * @param structures the candidates
     * @param objective  the scalar function of prediction and uncertainty to differentiate
     * @return one evaluation per structure, in order
     * @throws IllegalStateException    before the first fit
     * @throws IllegalArgumentException as for {@link #predict(List)}
     */
    List<SurrogateEvaluation> evaluate(List<Structure> structures, SurrogateObjective objective);

    /**
     * Writes the trained state to {@code directory} (created if missing; files of a previous save are replaced) so
     * that {@link SurrogateFactory#load(Path)} restores a surrogate giving identical predictions.
     *
     * @throws IllegalStateException before the first fit
     * @throws IOException           naming the file that could not be written
     */
    void save(Path directory) throws IOException;

    /** Releases native resources; further calls fail. Closing twice is harmless. */
    @Override
    void close();
}
