package org.activestructopt.ui.internal.spectra;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.activestructopt.spectra.nexus.SpectrumRef;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

/** Picks one of the 1-D spectra of a NeXus file; the view asks only when the file holds more than one. */
@FunctionalInterface
public interface SpectrumChooser {

    /**
     * @param refs          at least two spectra, sorted by signal path
     * @param defaultSignal the signal path of the file's NeXus default plottable, offered first; empty when the
     *                      file names none
     * @return the chosen spectrum, empty when the user cancelled
     */
    Optional<SpectrumRef> choose(Shell shell, Path file, List<SpectrumRef> refs, Optional<String> defaultSignal);

    /** Asks the user with a {@link SpectrumChooserDialog}. */
    SpectrumChooser DIALOG = (shell, file, refs, defaultSignal) -> {
        SpectrumChooserDialog d = new SpectrumChooserDialog(shell, file, refs);
        defaultSignal.filter(s -> refs.stream().anyMatch(r -> r.signalPath().equals(s))).ifPresent(d::select);
        return d.open() == Window.OK ? d.selection() : Optional.empty();
    };
}
