package org.activestructopt.examples.xrd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.CifReader;
import org.activestructopt.structure.io.StructureFormatException;

/** The files of data/, written by data/generate.py (pymatgen, cctbx). */
final class Reference {

    private Reference() {
    }

    static Structure structure(String file) {
        try {
            return CifReader.defaults().read(Path.of("data", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (StructureFormatException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** @return rows of a tab-separated reference for one structure file, without the file column */
    static List<String[]> rows(String table, String file) {
        try {
            return Files.readAllLines(Path.of("data", table)).stream().filter(l -> !l.startsWith("#"))
                    .map(l -> l.split("\t")).filter(f -> f[0].equals(file))
                    .map(f -> java.util.Arrays.copyOfRange(f, 1, f.length)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
