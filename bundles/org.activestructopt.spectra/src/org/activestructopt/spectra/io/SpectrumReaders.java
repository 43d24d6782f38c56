package org.activestructopt.spectra.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.nexus.NexusSpectra;

/**
 * Reads a measured spectrum from any file format this project knows ({@link TextFormat}), recognised from the file
 * name and its first lines unless the options name it.
 *
 * <pre>{@code
 * SpectrumFile si = SpectrumReaders.read(Path.of("si.gr"), ReadOptions.DEFAULTS);   // G(r) with dG, Qmax 27
 * SpectrumFile ni = SpectrumReaders.read("ni_metal_rt.xdi");                         // mu(E), Ni K edge
 * SpectrumFile cu = SpectrumReaders.read("cu.chi#kweight=2");                        // k^2 chi(k)
 * SpectrumFile d = SpectrumReaders.read("scan.dat#energy,mu");                       // plain columns by name
 * }</pre>
 */
public final class SpectrumReaders {

    /** Larger than any spectrum file; guards against reading a disk image as a spectrum. */
    private static final long MAX_BYTES = 512L << 20;
    private static final List<String> NEXUS = List.of(".nxs", ".nx5", ".h5", ".hdf5", ".hdf");

    private SpectrumReaders() {
    }

    /**
     * @param spec a file name, optionally followed by '#' and options (see {@link ReadOptions#parse(String)})
     * @throws SpectrumFormatException naming the file, and line and column where that applies
     */
    public static SpectrumFile read(String spec) throws SpectrumFormatException {
        int hash = spec.lastIndexOf('#');
        if (hash <= 0 || Files.exists(Path.of(spec))) {
            return read(Path.of(spec), ReadOptions.DEFAULTS);
        }
        Path file = Path.of(spec.substring(0, hash));
        ReadOptions o;
        try {
            o = ReadOptions.DEFAULTS.parse(spec.substring(hash + 1));
        } catch (IllegalArgumentException e) {
            throw new SpectrumFormatException(file, "options '" + spec.substring(hash + 1) + "'", e.getMessage());
        }
        return read(file, o);
    }

    /**
     * @throws SpectrumFormatException naming the file, and line and column where that applies, for every file that
     *                                 does not hold a spectrum (including files that cannot be read)
     */
    public static SpectrumFile read(Path file, ReadOptions options) throws SpectrumFormatException {
        TextFormat f = options.format().orElse(null);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (f == null && NEXUS.stream().anyMatch(name::endsWith)) {
            f = TextFormat.NEXUS;
        }
        if (f == TextFormat.NEXUS || f == TextFormat.NXXAS) {
            Spectrum s = NexusSpectra.readDefault(file);
            return SpectrumFile.plain(file, TextFormat.NEXUS, s, List.of());
        }
        byte[] bytes = bytes(file);
        if (f == null && (name.endsWith(".prj") || AthenaReader.isGzip(bytes))) {
            f = TextFormat.ATHENA;
        }
        if (f == TextFormat.ATHENA) {
            return AthenaReader.read(file, AthenaReader.text(file, bytes), options);
        }
        String text = decode(file, bytes);
        List<String> lines = Arrays.asList(text.split("\\R", -1));
        if (f == null) {
            f = detect(name, lines, text);
        }
        try {
            return switch (f) {
            case PDF_GR -> GrReader.read(file, lines, options);
            case XDI -> XdiReader.read(file, lines, options);
            case CHI -> ChiReader.read(file, lines, options);
            case ATHENA -> AthenaReader.read(file, text, options);
            default -> ColumnReader.read(file, lines, options);
            };
        } catch (IllegalArgumentException e) {
            // what the rows make no spectrum of (a single row, say) is the file's fault, said as Spectrum says it
            throw new SpectrumFormatException(file, null, e.getMessage(), e);
        }
    }

    private static TextFormat detect(String name, List<String> lines, String text) {
        if (XdiReader.looksLike(lines)) {
            return TextFormat.XDI;
        }
        if (AthenaReader.looksLike(text)) {
            return TextFormat.ATHENA;
        }
        if (name.endsWith(".chi") || name.endsWith(".chik")) {
            return TextFormat.CHI;
        }
        if (name.endsWith(".gr") || name.endsWith(".pdf") || text.contains("start data")
                || lines.stream().limit(5).anyMatch(l -> l.strip().equals("[DEFAULT]") || l.startsWith("#T G(R)"))) {
            return TextFormat.PDF_GR;
        }
        return TextFormat.COLUMNS;
    }

    private static byte[] bytes(Path file) throws SpectrumFormatException {
        try {
            if (Files.isDirectory(file)) {
                throw new SpectrumFormatException(file, null, "is a directory, not a spectrum file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new SpectrumFormatException(file, null, "is " + (size >> 20) + " MB, too large for a spectrum"
                        + " file");
            }
            byte[] b = Files.readAllBytes(file);
            if (b.length == 0) {
                throw new SpectrumFormatException(file, null, "is empty");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new SpectrumFormatException(file, null, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new SpectrumFormatException(file, null, "permission denied", e);
        } catch (IOException e) {
            throw new SpectrumFormatException(file, null, "cannot read: " + e.getMessage(), e);
        }
    }

    /** UTF-8, or Latin-1 as Windows programs (PDFgetX2) write 'Å'; binary data refused. */
    private static String decode(Path file, byte[] b) throws SpectrumFormatException {
        for (int i = 0; i < Math.min(b.length, 4096); i++) {
            if (b[i] == 0) {
                throw new SpectrumFormatException(file, null, "holds binary data, not text columns (NeXus files need"
                        + " the .nxs or .h5 extension, or format=nexus)");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
