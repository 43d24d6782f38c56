package org.activestructopt.simulation.feff;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outputs of one successful FEFF run by {@link FeffRunner}: the parsed files that were asked for, FEFF's log, the
 * wall-clock time, and the working directory if it was kept.
 *
 * @param input     what FEFF was given
 * @param chi       chi.dat, if it was asked for
 * @param xmu       xmu.dat, if it was asked for
 * @param paths     the feffNNNN.dat files in file order, if they were asked for (else empty)
 * @param log       FEFF's log (feff8l.log, or standard output and error of other versions)
 * @param elapsed   wall-clock time of the FEFF process
 * @param directory the working directory, present only when it was kept
 */
public record FeffRun(FeffInput input, Optional<ChiDat> chi, Optional<XmuDat> xmu, List<FeffDat> paths, String log,
        Duration elapsed, Optional<Path> directory) {

    /** Requires every component and copies the path list. */
    public FeffRun {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(chi, "chi");
        Objects.requireNonNull(xmu, "xmu");
        paths = List.copyOf(paths);
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(directory, "directory");
    }
}
