package org.activestructopt.refinement.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;

/**
 * Reads a spectrum from a text file of columns x y [...] (white space or commas between columns; blank lines and
 * lines starting with '#', '!' or ';' are comments; extra columns are ignored), the format PDFgetX3 (.gr), Larch and
 * most plotting programs write. Belongs in the spectra bundle next to the NeXus reader; kept here until it is there.
 */
public final class ColumnFiles {

    private ColumnFiles() {
    }

    /**
     * @param kind the kind to give the spectrum (text files do not say)
     * @throws SpectrumFormatException naming the file and line of a malformed or non-increasing row
     */
    public static Spectrum read(Path file, SpectrumKind kind) throws IOException, SpectrumFormatException {
        double[] x = new double[256];
        double[] y = new double[256];
        int n = 0;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#") || t.startsWith("!") || t.startsWith(";")) {
                    continue;
                }
                String[] f = t.split("[\\s,]+");
                if (f.length < 2) {
                    throw new SpectrumFormatException(file, "line " + lineNo, "expected two columns x y, got '" + t
                            + "'");
                }
                double xi;
                double yi;
                try {
                    xi = Double.parseDouble(f[0]);
                    yi = Double.parseDouble(f[1]);
                } catch (NumberFormatException e) {
                    if (n == 0) {
                        continue; // a header line of column names
                    }
                    throw new SpectrumFormatException(file, "line " + lineNo, "'" + t + "' is not two numbers", e);
                }
                if (!Double.isFinite(xi) || !Double.isFinite(yi)) {
                    throw new SpectrumFormatException(file, "line " + lineNo, "non-finite value in '" + t + "'");
                }
                if (n > 0 && !(xi > x[n - 1])) {
                    throw new SpectrumFormatException(file, "line " + lineNo, "x = " + f[0]
                            + " does not increase (previous " + x[n - 1] + ")");
                }
                if (n == x.length) {
                    x = Arrays.copyOf(x, 2 * n);
                    y = Arrays.copyOf(y, 2 * n);
                }
                x[n] = xi;
                y[n++] = yi;
            }
        }
        if (n < 2) {
            throw new SpectrumFormatException(file, null, "found " + n + " data row(s); a spectrum needs at least 2");
        }
        return Spectrum.of(kind, Arrays.copyOf(x, n), Arrays.copyOf(y, n)).withName(file.getFileName().toString());
    }
}
