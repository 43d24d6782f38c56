package org.activestructopt.refinement;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;

/**
 * The outcome of simulating one structure for every term of an {@link ObjectiveFunction}: the spectra, the loss of
 * each term and their sum, the wall time, and, for a structure-specific simulator failure, the exception instead.
 *
 * @param structure the simulated structure
 * @param spectra   one spectrum per term (empty if failed)
 * @param losses    one loss per term (empty if failed)
 * @param loss      the sum of {@code losses}; NaN if failed
 * @param seconds   wall time of the simulations
 * @param failure   the structure-specific failure, if the simulation failed
 * @param jacobians one Jacobian per term when asked for (empty otherwise and on failure)
 * @param fits      per term the nuisance values its spectrum is at (fitted or fixed) and its fit statistics (empty
 *                  on failure)
 */
public record Evaluation(Structure structure, List<Spectrum> spectra, double[] losses, double loss, double seconds,
        Optional<SimulationException> failure, List<SpectrumJacobian> jacobians, List<TermFit> fits) {

    /**
     * What one term's spectrum is at.
     *
     * @param parameters    the nuisance parameters with the values used
     * @param uncertainties standard uncertainty per parameter, NaN if fixed
     * @param statistics    {@link FitStatistics} by name
     * @param nuisanceColumns derivatives of the spectrum w.r.t. the refined nuisance values, one array per refined
     *                      parameter (for the joint least-squares step; empty unless asked for)
     */
    public record TermFit(List<Nuisance> parameters, double[] uncertainties, Map<String, Double> statistics,
            List<double[]> nuisanceColumns) {
        public TermFit {
            parameters = List.copyOf(parameters);
            uncertainties = uncertainties.clone();
            statistics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statistics));
            nuisanceColumns = List.copyOf(nuisanceColumns);
        }
    }

    /** An evaluation without nuisance parameters or statistics. */
    public Evaluation(Structure structure, List<Spectrum> spectra, double[] losses, double loss, double seconds,
            Optional<SimulationException> failure, List<SpectrumJacobian> jacobians) {
        this(structure, spectra, losses, loss, seconds, failure, jacobians, List.of());
    }

    public Evaluation {
        Objects.requireNonNull(structure, "structure");
        spectra = List.copyOf(spectra);
        losses = losses.clone();
        Objects.requireNonNull(failure, "failure");
        jacobians = List.copyOf(jacobians);
        fits = List.copyOf(fits);
    }

    /** @return whether the simulation failed (no spectra, loss NaN) */
    public boolean isFailed() {
        return failure.isPresent();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }
}
