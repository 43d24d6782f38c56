package org.activestructopt.spectra.nexus;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.internal.Texts;

/**
 * A 1-D spectrum found in a NeXus file, described without its values: where its signal and axis are, how many
 * points it has and the x range it covers. Read it with {@link NexusSpectra#read(SpectrumRef)}.
 *
 * @param file       the file
 * @param signalPath HDF5 path of the signal, as seen from its NXdata group (before following links)
 * @param axisPath   HDF5 path of the x axis; empty when the signal has none and x is the point index
 * @param points     number of points
 * @param xMin       smallest x
 * @param xMax       largest x
 * @param xUnits     {@code @units} of the axis ("" when absent)
 * @param yUnits     {@code @units} of the signal ("" when absent)
 * @param kind       kind guessed from axis name and units (see {@link NexusSpectra})
 */
public record SpectrumRef(Path file, String signalPath, Optional<String> axisPath, int points, double xMin,
        double xMax, String xUnits, String yUnits, SpectrumKind kind) {

    public SpectrumRef {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(signalPath, "signalPath");
        Objects.requireNonNull(axisPath, "axisPath");
        Objects.requireNonNull(xUnits, "xUnits");
        Objects.requireNonNull(yUnits, "yUnits");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * One line for listings: {@code <signal path> points=<n> x=[<min>,<max>] <x units>}, e.g.
     * {@code /entry/pdf/G points=1999 x=[0.01,19.99] angstrom} (no trailing units when the axis has none).
     * The range is rounded to 7 significant digits.
     */
    public String summaryLine() {
        String line = signalPath + " points=" + points + " x=[" + Texts.compact(xMin) + "," + Texts.compact(xMax)
                + "]";
        return xUnits.isEmpty() ? line : line + " " + xUnits;
    }

    /** @return a source that reads exactly this spectrum again */
    public NexusSource source() {
        return new NexusSource(file, Optional.of(signalPath), axisPath);
    }
}
