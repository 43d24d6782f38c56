package org.activestructopt.api;

import java.util.Objects;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;

/**
 * One training or calibration example of a {@link Surrogate}: a structure and its simulated (or measured) spectrum.
 *
 * @param structure the structure
 * @param spectrum  its spectrum
 */
public record SurrogateExample(Structure structure, Spectrum spectrum) {

    /** Rejects nulls. */
    public SurrogateExample {
        Objects.requireNonNull(structure, "structure of surrogate example");
        Objects.requireNonNull(spectrum, "spectrum of surrogate example");
    }
}
