package org.activestructopt.app.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.activestructopt.spectra.Spectrum;

/** Writes a spectrum where the user asked: two text columns, or NeXus for a {@code .nxs} file. */
final class SpectrumFiles {

    private SpectrumFiles() {
    }

    /**
     * @param out        the file, or {@code null} for {@code stdout}
     * @param provenance what made the spectrum, written as comments or as the NXprocess parameters
     */
    static void write(Spectrum spectrum, Path out, PrintWriter stdout, Map<String, String> provenance)
            throws IOException, UserException {
        if (out == null) {
            writeColumns(spectrum, stdout, provenance);
            stdout.flush();
            return;
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".nxs") || name.endsWith(".h5") || name.endsWith(".hdf5")) {
            NexusOutput.write(spectrum, out, provenance);
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException("--out " + out + ": directory " + parent + " does not exist");
        }
        // Written next to the target and moved into place, so a failure never leaves half a file behind.
        Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); PrintWriter pw = new PrintWriter(w)) {
                writeColumns(spectrum, pw, provenance);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Columns that numpy.loadtxt, gnuplot and Larch read as they are: comments start with '#'. */
    static void writeColumns(Spectrum spectrum, PrintWriter w, Map<String, String> provenance) {
        provenance.forEach((k, v) -> w.println("# " + k + ": " + v));
        w.println("# " + spectrum.xName() + " [" + spectrum.xUnits() + "]  " + spectrum.yName() + " ["
                + spectrum.yUnits() + "]");
        double[] x = spectrum.xArray();
        double[] y = spectrum.yArray();
        for (int i = 0; i < x.length; i++) {
            w.println(String.format(Locale.ROOT, "%.6f %.10g", x[i], y[i]));
        }
    }
}
