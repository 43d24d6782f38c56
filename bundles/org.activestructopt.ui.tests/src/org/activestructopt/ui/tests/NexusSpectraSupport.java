package org.activestructopt.ui.tests;

import java.nio.file.Path;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.nexus.NexusSpectra;

/** Reads fixture spectra without the checked exception. */
final class NexusSpectraSupport {

    private NexusSpectraSupport() {
    }

    static Spectrum read(Path file, String signal) {
        try {
            return NexusSpectra.read(file, signal);
        } catch (SpectrumFormatException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
