package org.activestructopt.ui.internal.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;

/**
 * An immutable copy of one simulated candidate, made on the thread that recorded it. The views hold these instead
 * of the EMF candidates, which a running refinement keeps writing on its own thread (EMF objects are not
 * thread-safe).
 *
 * @param index         0-based number of the simulation in the run
 * @param phase         why the candidate was simulated
 * @param loss          total loss, NaN for a failed simulation
 * @param losses        per-objective losses in the job's order, empty for a failure (do not modify)
 * @param seconds       wall time of the simulations
 * @param failureReason reason code of a failure, e.g. {@code INVALID_STRUCTURE}
 * @param failure       message of a failure
 * @param structure     the simulated structure
 * @param spectra       one simulated spectrum per objective, empty for a failure
 */
public record CandidateRecord(int index, Phase phase, double loss, double[] losses, double seconds,
        Optional<String> failureReason, Optional<String> failure, Structure structure, List<Spectrum> spectra) {

    public CandidateRecord {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(losses, "losses");
        Objects.requireNonNull(failureReason, "failureReason");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(structure, "structure");
        spectra = List.copyOf(spectra);
    }

    /** Copies a candidate; call on the thread that owns its job. */
    public static CandidateRecord of(Candidate c) {
        List<Spectrum> spectra = new ArrayList<>(c.spectrumCount());
        for (int i = 0; i < c.spectrumCount(); i++) {
            spectra.add(c.spectrum(i));
        }
        return new CandidateRecord(c.index(), c.phase(), c.loss(), c.losses(), c.seconds(), c.failureReason(),
                c.failure(), c.structure(), spectra);
    }

    /** @return whether the simulation failed (no spectra, NaN loss) */
    public boolean isFailed() {
        return failureReason.isPresent() || failure.isPresent();
    }

    /** @return the loss of objective {@code i}, NaN for a failure */
    public double loss(int objective) {
        return isFailed() || objective >= losses.length ? Double.NaN : losses[objective];
    }

    /** @return "ok", or the failure reason and message */
    public String statusText() {
        if (!isFailed()) {
            return "ok";
        }
        String reason = failureReason.orElse("failed");
        return failure.map(m -> reason + ": " + m).orElse(reason);
    }

    /** @return e.g. "candidate 12 (explore)", numbering from 1 as the tables do */
    public String label() {
        return "candidate " + (index + 1) + " (" + phase + ")";
    }
}
