package org.activestructopt.structure.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.activestructopt.structure.Structure;

/**
 * Reads and writes structures in the format their file names say: CIF ({@code .cif}), POSCAR/CONTCAR (VASP 5:
 * {@code .vasp}, {@code .poscar}, {@code POSCAR*}, {@code CONTCAR*}) and extended XYZ ({@code .xyz}, {@code .extxyz}).
 * The one place that maps file names to formats, for the command line, job files and the workbench alike.
 */
public final class StructureFiles {

    /** The structure file formats. */
    public enum Format {
        CIF, POSCAR, EXTENDED_XYZ
    }

    private StructureFiles() {
    }

    /** @return the format the file name says, if it says one */
    public static Optional<Format> formatOf(Path file) {
        String name = withoutBlock(file).getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".cif")) {
            return Optional.of(Format.CIF);
        }
        if (name.endsWith(".xyz") || name.endsWith(".extxyz")) {
            return Optional.of(Format.EXTENDED_XYZ);
        }
        if (name.endsWith(".vasp") || name.endsWith(".poscar") || name.startsWith("poscar")
                || name.startsWith("contcar")) {
            return Optional.of(Format.POSCAR);
        }
        return Optional.empty();
    }

    /**
     * Reads the (first) structure of a file; for a CIF, the only data block with atom sites, symmetry expanded. A CIF
     * whose blocks hold several structures is named with the block: {@code file.cif#blockname} (case-insensitive).
     *
     * @throws StructureFormatException naming the file, line and field at fault, or that the file name gives no format
     * @throws IOException              when the file cannot be read
     */
    public static Structure read(Path file) throws IOException, StructureFormatException {
        Path f = withoutBlock(file);
        String block = f == file ? null : file.getFileName().toString().substring(f.getFileName().toString().length() + 1);
        Format format = requireFormat(f);
        if (block != null && format != Format.CIF) {
            throw new StructureFormatException(file.getFileName().toString(), 0, null,
                    "only CIF files have named data blocks; remove '#" + block + "'");
        }
        return switch (format) {
            case CIF -> CifReader.defaults().block(block).read(f);
            case POSCAR -> Poscar.read(f).structure();
            case EXTENDED_XYZ -> ExtendedXyz.read(f);
        };
    }

    /**
     * The file of {@code file.cif#block}: the name without its {@code #block} suffix, unless a file of the full name
     * exists.
     */
    static Path withoutBlock(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return file;
        }
        String s = name.toString();
        int hash = s.lastIndexOf('#');
        if (hash <= 0 || hash == s.length() - 1 || Files.exists(file)) {
            return file;
        }
        return file.resolveSibling(s.substring(0, hash));
    }

    /**
     * Writes a structure (CIF in P1) in the format the file name says.
     *
     * @throws StructureFormatException when the file name gives no format
     */
    public static void write(Structure structure, Path file) throws IOException, StructureFormatException {
        switch (requireFormat(file)) {
            case CIF -> CifWriter.write(structure, file);
            case POSCAR -> Poscar.of(structure).write(file);
            case EXTENDED_XYZ -> ExtendedXyz.write(structure, file);
        }
    }

    private static Format requireFormat(Path file) throws StructureFormatException {
        return formatOf(file).orElseThrow(() -> new StructureFormatException(file.toString(), 0, null,
                "unknown structure format; use .cif, .vasp/POSCAR/CONTCAR or .xyz/.extxyz"));
    }
}
