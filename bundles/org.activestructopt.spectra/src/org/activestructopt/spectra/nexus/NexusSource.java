package org.activestructopt.spectra.nexus;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;

/**
 * Where to read a spectrum from, as users write it: {@code file.nxs} (the file's default plottable) or
 * {@code file.nxs#/entry/data/G} (that signal, or that group's default), optionally with an explicit x-axis path.
 *
 * @param file       the NeXus/HDF5 file
 * @param signalPath HDF5 path after the '#', if given
 * @param axisPath   explicit x-axis path (absolute, or relative to the signal's group), if given
 */
public record NexusSource(Path file, Optional<String> signalPath, Optional<String> axisPath) {

    public NexusSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(signalPath, "signalPath");
        Objects.requireNonNull(axisPath, "axisPath");
        if (axisPath.isPresent() && signalPath.isEmpty()) {
            throw new IllegalArgumentException("an x-axis path (" + axisPath.get() + ") needs a signal path too");
        }
    }

    /**
     * Parses {@code FILE} or {@code FILE#/HDF5/PATH}. The split is at the last "#/" so that '#' may appear in
     * directory names; a spec that names an existing file as a whole is taken as that file.
     *
     * @throws IllegalArgumentException if the spec is blank, the file part is empty or not a valid path
     */
    public static NexusSource parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty spectrum source; expected FILE or FILE#/hdf5/path");
        }
        int hash = s.lastIndexOf("#/");
        if (hash < 0 || Files.isRegularFile(path(s, spec))) {
            if (s.endsWith("#")) {
                s = s.substring(0, s.length() - 1);
            }
            return new NexusSource(path(s, spec), Optional.empty(), Optional.empty());
        }
        String file = s.substring(0, hash);
        if (file.isEmpty()) {
            throw new IllegalArgumentException("no file before '#' in '" + spec + "'");
        }
        return new NexusSource(path(file, spec), Optional.of(s.substring(hash + 1)), Optional.empty());
    }

    /**
     * Parses {@code FILE#/signal} with an explicit x-axis path (absolute, or relative to the signal's group).
     *
     * @param axisPath the axis, or null/blank for the one the file declares
     */
    public static NexusSource parse(String spec, String axisPath) {
        NexusSource s = parse(spec);
        if (axisPath == null || axisPath.isBlank()) {
            return s;
        }
        return new NexusSource(s.file, s.signalPath, Optional.of(axisPath.strip()));
    }

    private static Path path(String file, String spec) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + spec + "' does not start with a valid file path: " + e.getReason());
        }
    }

    /** Reads the spectrum this source names. */
    public Spectrum read() throws SpectrumFormatException {
        if (signalPath.isEmpty()) {
            return NexusSpectra.readDefault(file);
        }
        return NexusSpectra.read(file, signalPath.get(), axisPath.orElse(null));
    }

    /** The spec this source was parsed from (the axis path is not part of it). */
    @Override
    public String toString() {
        return signalPath.map(p -> file + "#" + p).orElse(file.toString());
    }
}
