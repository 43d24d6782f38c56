package org.activestructopt.simulation.feff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.ColumnText;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;

/**
 * The contents of FEFF's {@code chi.dat}: chi(k) summed over the paths FEFF kept, with the Debye-Waller factors and
 * S02 of its input. Columns are k (1/angstrom), chi, |chi| and phase; comment lines start with '#'. FEFF 8.5L samples
 * k from 0 to 20 in steps of 0.05.
 * <p>
 * Immutable; arrays are copied out.
 */
public final class ChiDat {

    private final double[] k;
    private final double[] chi;
    private final List<String> header;

    private ChiDat(double[] k, double[] chi, List<String> header) {
        this.k = k;
        this.chi = chi;
        this.header = header;
    }

    /**
     * Reads a chi.dat file.
     *
     * @throws SimulationException {@link Reason#EXTERNAL_FAILURE} if the file is missing, unreadable, empty, ragged or
     *                             not numeric, or k does not increase; {@link Reason#NUMERICAL} for NaN values. The
     *                             message names the file and line.
     */
    public static ChiDat read(Path file) throws SimulationException {
        return parse(readText(file), file.toString());
    }

    /**
     * Parses the text of a chi.dat file.
     *
     * @param source name of the file, for messages
     * @throws SimulationException as for {@link #read(Path)}
     */
    public static ChiDat parse(String text, String source) throws SimulationException {
        ColumnText.Table t = ColumnText.read(text, source, 2, "k", "chi", "mag", "phase");
        double[] k = t.column(0);
        ColumnText.requireIncreasing(k, t.lineNumbers(), source, "k");
        return new ChiDat(k, t.column(1), t.comments());
    }

    static String readText(Path file) throws SimulationException {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF output " + file + " does not exist", e);
        } catch (IOException e) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "cannot read FEFF output " + file + ": " + e, e);
        }
    }

    /** @return k values, 1/angstrom (a copy) */
    public double[] k() {
        return k.clone();
    }

    /** @return chi(k) (a copy) */
    public double[] chi() {
        return chi.clone();
    }

    /** @return the number of data rows */
    public int size() {
        return k.length;
    }

    /** @return the comment lines, without their leading '#' */
    public List<String> header() {
        return header;
    }

    /**
     * The paths FEFF summed into this chi.dat, from the table its header lists ({@code file sig2tot ...}): FEFF 8.5L
     * leaves out of the sum the paths whose curved-wave amplitude ratio is below CRITERIA's first number, although
     * it writes their feffNNNN.dat.
     *
     * @return path index (NNNN of feffNNNN.dat) to the total sigma^2 FEFF gave it (Debye model plus SIG2), angstrom^2,
     *         in header order; empty if the header has no such table
     */
    public java.util.Map<Integer, Double> pathSigma2() {
        java.util.Map<Integer, Double> out = new java.util.LinkedHashMap<>();
        boolean table = false;
        for (String line : header) {
            String s = line.strip();
            if (s.startsWith("file") && s.contains("sig2")) {
                table = true;
                continue;
            }
            if (!table) {
                continue;
            }
            String[] t = s.split("\\s+");
            if (t.length < 6 || !t[0].matches("\\d+")) {
                break;
            }
            try {
                out.put(Integer.parseInt(t[0]), Double.parseDouble(t[1]));
            } catch (NumberFormatException e) {
                break;
            }
        }
        return out;
    }

    /** @return chi(k) as an unweighted {@link SpectrumKind#EXAFS} spectrum */
    public Spectrum spectrum() {
        return Spectrum.of(SpectrumKind.EXAFS, k, chi).withName("FEFF chi(k)");
    }

    @Override
    public String toString() {
        return "ChiDat[" + k.length + " points, k " + k[0] + "-" + k[k.length - 1] + "]";
    }
}
