package org.activestructopt.ui.internal.conventions;

import java.util.Objects;
import java.util.Optional;

import org.activestructopt.spectra.SpectrumKind;

/**
 * How the spectra of one simulator, or of one spectrum kind, are labelled in plots: the names and units of the x
 * axis and of the values. Contributed through the extension point {@code org.activestructopt.ui.plotConventions}.
 *
 * @param simulator   the registered simulator name it applies to, or empty
 * @param kind        the spectrum kind it applies to, or empty (one of the two is given)
 * @param xName       e.g. {@code 2θ}
 * @param xUnits      units as NeXus writes them, e.g. {@code degrees}; empty when dimensionless
 * @param yName       e.g. {@code intensity}
 * @param yUnits      units of the values; empty when dimensionless
 * @param contributor symbolic name of the contributing bundle, for messages
 */
public record PlotConvention(Optional<String> simulator, Optional<SpectrumKind> kind, String xName, String xUnits,
        String yName, String yUnits, String contributor) {

    public PlotConvention {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(xName, "xName");
        Objects.requireNonNull(xUnits, "xUnits");
        Objects.requireNonNull(yName, "yName");
        Objects.requireNonNull(yUnits, "yUnits");
        Objects.requireNonNull(contributor, "contributor");
        if (simulator.isEmpty() && kind.isEmpty()) {
            throw new IllegalArgumentException("a plot convention applies to a simulator or a spectrum kind");
        }
    }
}
