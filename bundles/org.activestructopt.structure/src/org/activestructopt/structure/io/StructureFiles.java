package org.activestructopt.structure.io;

import java.io.IOException;
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
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
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
     * Reads the (first) structure of a file; for a CIF, the first data block with atom sites, symmetry expanded.
     *
     * @throws StructureFormatException naming the file, line and field at fault, or that the file name gives no format
     * @throws IOException              when the file cannot be read
     */
    public static Structure read(Path file) throws IOException, StructureFormatException {
        return switch (requireFormat(file)) {
            case CIF -> CifReader.defaults().read(file);
            case POSCAR -> Poscar.read(file).structure();
            case EXTENDED_XYZ -> ExtendedXyz.read(file);
        };
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
