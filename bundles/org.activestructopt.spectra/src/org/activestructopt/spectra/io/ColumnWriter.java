package org.activestructopt.spectra.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

import org.activestructopt.spectra.Spectrum;

/**
 * Writes a spectrum as two text columns that numpy.loadtxt, gnuplot, Larch and {@link SpectrumReaders} read as they
 * are: provenance as '#' comments, a '#' line naming the axes, then x y rows.
 */
public final class ColumnWriter {

    private ColumnWriter() {
    }

    /** Writes to a stream (e.g. stdout); the caller flushes. */
    public static void write(Spectrum spectrum, PrintWriter w, Map<String, String> provenance) {
        provenance.forEach((k, v) -> w.println("# " + k + ": " + v));
        w.println("# " + spectrum.xName() + " [" + spectrum.xUnits() + "]  " + spectrum.yName() + " ["
                + spectrum.yUnits() + "]");
        double[] x = spectrum.xArray();
        double[] y = spectrum.yArray();
        for (int i = 0; i < x.length; i++) {
            w.println(String.format(Locale.ROOT, "%.6f %.10g", x[i], y[i]));
        }
    }

    /**
     * Writes to a file next to {@code out} and moves it into place, so a failure never leaves half a file behind.
     *
     * @throws IOException if the directory does not exist or the file cannot be written
     */
    public static void write(Spectrum spectrum, Path out, Map<String, String> provenance) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); PrintWriter pw = new PrintWriter(w)) {
                write(spectrum, pw, provenance);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
