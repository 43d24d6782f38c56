package org.activestructopt.spectra.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.internal.Texts;

/**
 * A spectrum read from a file, with what the file states about it: the program that wrote it, numeric facts in
 * fixed units ({@link Stated}: Qmax, Qdamp, edge energy, k-weight, ...), the absorbing element and edge, every
 * header key as written, and notes on what the reader did (decimal commas read, keV converted to eV, mu computed from
 * intensities).
 *
 * @param file     the file read
 * @param format   its format
 * @param program  the program that wrote it as far as the file says ("PDFgetX2", "PDFgetX3 2.1.2", "Larch", ...),
 *                 or "" when it does not
 * @param spectrum the spectrum, as the file holds it (a chi(k) file's values keep their k-weight: see
 *                 {@link #unweighted()})
 * @param stated   numeric facts the file states
 * @param header   the header keys and values as written (insertion order)
 * @param element  the absorbing element's symbol, when the file says
 * @param edge     the absorption edge ("K", "L3"), when the file says
 * @param notes    what the reader did beyond copying numbers
 */
public record SpectrumFile(Path file, TextFormat format, String program, Spectrum spectrum, Map<Stated, Double> stated,
        Map<String, String> header, Optional<String> element, Optional<String> edge, List<String> notes) {

    public SpectrumFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(spectrum, "spectrum");
        stated = stated.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(stated));
        header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(edge, "edge");
        notes = List.copyOf(notes);
    }

    /** A file that states nothing beyond its numbers. */
    static SpectrumFile plain(Path file, TextFormat format, Spectrum spectrum, List<String> notes) {
        return new SpectrumFile(file, format, "", spectrum, Map.of(), Map.of(), Optional.empty(), Optional.empty(),
                notes);
    }

    /** A spectrum read by other means (a NeXus signal chosen by path), stating nothing. */
    public static SpectrumFile of(Path file, TextFormat format, Spectrum spectrum) {
        return plain(file, format, spectrum, List.of());
    }

    /** @return a copy holding another spectrum (e.g. the same data given the kind a caller expects) */
    public SpectrumFile withSpectrum(Spectrum s) {
        return new SpectrumFile(file, format, program, s, stated, header, element, edge, notes);
    }

    /** @return the value the file states for {@code key}, if it does */
    public OptionalDouble get(Stated key) {
        Double v = stated.get(key);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** @return the Qmax of the PDF's Fourier transform, when the file states it */
    public OptionalDouble qmax() {
        return get(Stated.QMAX);
    }

    /** @return the instrument's Qdamp, when the file states it */
    public OptionalDouble qdamp() {
        return get(Stated.QDAMP);
    }

    /** @return the k-weight of an EXAFS spectrum's values (0 unless the file or the caller said otherwise) */
    public double kweight() {
        return get(Stated.KWEIGHT).orElse(0);
    }

    /**
     * The spectrum as a simulator writes it: for chi(k) with k-weight w, chi = values / k^w (points at k = 0 dropped
     * when w != 0), so that a k-weight can be applied to simulation and data alike; any other spectrum as it is.
     */
    public Spectrum unweighted() {
        double w = kweight();
        if (spectrum.kind() != SpectrumKind.EXAFS || w == 0) {
            return spectrum;
        }
        double[] k = spectrum.xArray();
        double[] y = spectrum.yArray();
        Optional<double[]> s = spectrum.uncertainties();
        int from = 0;
        while (from < k.length && k[from] <= 0) {
            from++;
        }
        int n = k.length - from;
        double[] kk = new double[n];
        double[] yy = new double[n];
        double[] ss = s.isPresent() ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            double f = Math.pow(k[from + i], w);
            kk[i] = k[from + i];
            yy[i] = y[from + i] / f;
            if (ss != null) {
                ss[i] = s.get()[from + i] / f;
            }
        }
        Spectrum out = Spectrum.of(SpectrumKind.EXAFS, kk, yy).withName(spectrum.name())
                .withAxis(spectrum.xName(), spectrum.xUnits()).withValues("chi(k)", "");
        return ss == null ? out : out.withUncertainties(ss);
    }

    /** @return one line for a user: file, format and program, points, axis range, the stated facts */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(file.getFileName() + ": " + (program.isEmpty() ? format.key() : program + " " + format.key()) + " "
                + spectrum.yName() + ", " + spectrum.size() + " points, " + spectrum.xName() + " "
                + Texts.compact(spectrum.xMin()) + " to " + Texts.compact(spectrum.xMax())
                + (spectrum.xUnits().isEmpty() ? "" : " " + spectrum.xUnits())
                + (spectrum.uncertainties().isPresent() ? ", with uncertainties" : ""));
        element.ifPresent(e -> parts.add(e + edge.map(x -> " " + x).orElse("") + " edge"));
        stated.forEach((k, v) -> parts.add(k.name().toLowerCase(java.util.Locale.ROOT) + " " + Texts.compact(v)
                + (k.units().isEmpty() ? "" : " " + k.units())));
        parts.addAll(notes);
        return String.join("; ", parts);
    }
}
