package org.activestructopt.spectra.nexus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.internal.HdfReader;
import org.activestructopt.spectra.internal.NexusReader;
import org.activestructopt.spectra.internal.NexusReader.Loaded;
import org.activestructopt.spectra.internal.NexusReader.Plottable;

/**
 * Reads 1-D spectra from NeXus (HDF5) files the way NeXus defines a plottable.
 * <ul>
 * <li>The file's default: the {@code @default} attribute chain from the root through NXentry to an NXdata group;
 * where the chain is missing, the first plottable (by HDF5 path) below the point where it stops.</li>
 * <li>In an NXdata group: {@code @signal} names the signal dataset ({@code @auxiliary_signals} more of them),
 * {@code @axes} (or an {@code AXISNAME_indices} attribute equal to 0) the x axis; {@code "."} means no axis. Legacy
 * files are understood too: {@code signal=1} on the signal dataset, with its {@code axes} attribute or a dataset
 * carrying {@code axis=1}.</li>
 * <li>Soft links are followed (NXxas files link the energy axis into the monochromator), {@code @units} become the
 * spectrum's units, {@code SIGNAL_errors} (or legacy {@code errors}) its uncertainties. Any integer or float width,
 * contiguous or chunked and compressed, is accepted. An axis stored in decreasing order is reversed together with
 * the signal.</li>
 * </ul>
 * The spectrum is named after the signal's HDF5 path, its axis and values after the datasets, and its kind is
 * guessed from those names and units (eV or an axis called energy/E: XANES; an axis k: EXAFS; an axis r with a
 * G-like signal: PDF; otherwise OTHER). Set it with {@link Spectrum#withKind} when the guess is not good enough.
 * <p>
 * Every problem is a {@link SpectrumFormatException} with a one-line message naming the file and the HDF5 path:
 * not HDF5, truncated, missing signal, empty dataset, axis length unlike the signal's, NaN or infinite values,
 * dangling or looping soft links, groups that contain themselves through hard links, data that is not 1-D.
 */
public final class NexusSpectra {

    private NexusSpectra() {
    }

    /**
     * Lists every 1-D plottable in the file, sorted by signal path. Plottables whose signal has another rank (images,
     * scalars) are left out; anything broken (missing signal, bad axis, non-finite values ...) is an error, so the
     * listing shows exactly what {@link #read(SpectrumRef)} will return.
     *
     * @return the spectra, possibly none
     */
    public static List<SpectrumRef> list(Path file) throws SpectrumFormatException {
        Objects.requireNonNull(file, "file");
        try (NexusReader r = NexusReader.open(file)) {
            List<SpectrumRef> out = new ArrayList<>();
            for (Plottable p : r.plottables()) {
                if (r.isOneD(p)) {
                    out.add(ref(file, r.load(p, null)));
                }
            }
            return out;
        }
    }

    /**
     * The lines {@code aso spectra FILE} prints: one {@link SpectrumRef#summaryLine()} per 1-D spectrum.
     *
     * @throws SpectrumFormatException if the file cannot be read or holds no 1-D spectrum (the message then says what
     *                                 it found instead, e.g. a 2-D signal)
     */
    public static List<String> summary(Path file) throws SpectrumFormatException {
        List<SpectrumRef> refs = list(file);
        if (refs.isEmpty()) {
            try (NexusReader r = NexusReader.open(file)) {
                List<Plottable> all = r.plottables();
                if (!all.isEmpty()) {
                    throw new SpectrumFormatException(file, all.get(0).signalPath(),
                            HdfReader.describeShape(r.signalShape(all.get(0))) + "; the file holds no 1-D spectrum");
                }
            }
            throw new SpectrumFormatException(file, null, "no 1-D spectra found (no NXdata group with @signal and no "
                    + "dataset with signal=1)");
        }
        return refs.stream().map(SpectrumRef::summaryLine).toList();
    }

    /**
     * The whole {@code aso spectra FILE} command: prints {@link #summary(Path)} to {@code out}, or one error line to
     * {@code err}.
     *
     * @return the exit status: 0 when the file holds 1-D spectra, 1 otherwise
     */
    public static int printSummary(Path file, PrintStream out, PrintStream err) {
        try {
            summary(file).forEach(out::println);
            return 0;
        } catch (SpectrumFormatException e) {
            err.println(e.getMessage());
        } catch (RuntimeException e) {
            // a reader bug must still end in one line, not a stack trace
            err.println(file + ": cannot read: " + HdfReader.describe(e));
        }
        return 1;
    }

    /**
     * The root attribute {@code creator} (NeXus's name of the program that wrote the file), e.g. {@code
     * "ActiveStructOpt aso 0.1.0"} for this project's own simulations; empty when absent.
     */
    public static Optional<String> creator(Path file) throws SpectrumFormatException {
        Objects.requireNonNull(file, "file");
        try (HdfReader h5 = HdfReader.open(file)) {
            return h5.stringAttribute("/", h5.root(), "creator").filter(c -> !c.isEmpty());
        }
    }

    /** Reads the file's default plottable (see the class comment). */
    public static Spectrum readDefault(Path file) throws SpectrumFormatException {
        Objects.requireNonNull(file, "file");
        try (NexusReader r = NexusReader.open(file)) {
            r.checkNoCycles();
            return r.load(r.defaultPlottable(), null).spectrum();
        }
    }

    /**
     * Reads the signal at {@code signalPath} with the axis its NXdata group declares. A path naming a group reads
     * that group's default plottable.
     */
    public static Spectrum read(Path file, String signalPath) throws SpectrumFormatException {
        return read(file, signalPath, null);
    }

    /**
     * Reads the signal at {@code signalPath} against an explicit x axis.
     *
     * @param axisPath absolute HDF5 path of the axis, a path relative to the signal's group, or null for the declared
     *                 axis
     */
    public static Spectrum read(Path file, String signalPath, String axisPath) throws SpectrumFormatException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(signalPath, "signalPath");
        try (NexusReader r = NexusReader.open(file)) {
            r.checkNoCycles();
            String axis = axisPath == null || axisPath.isBlank() ? null : axisPath.strip();
            return r.load(r.plottableAt(signalPath), axis).spectrum();
        }
    }

    /** Reads a listed spectrum. */
    public static Spectrum read(SpectrumRef ref) throws SpectrumFormatException {
        return read(ref.file(), ref.signalPath(), ref.axisPath().orElse(null));
    }

    /** Reads a spectrum named as {@code file.nxs} or {@code file.nxs#/entry/data/G}. */
    public static Spectrum read(String spec) throws SpectrumFormatException {
        return NexusSource.parse(spec).read();
    }

    private static SpectrumRef ref(Path file, Loaded l) {
        Spectrum s = l.spectrum();
        return new SpectrumRef(file, l.where().signalPath(), l.where().axisPath(), s.size(), s.xMin(), s.xMax(),
                s.xUnits(), s.yUnits(), s.kind());
    }
}
