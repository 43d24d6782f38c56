package org.activestructopt.structure.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.symmetry.SpaceGroup;
import org.junit.jupiter.api.Test;

class CifWriterTest {

    static Structure liNiO2() {
        return SpaceGroup.of(166).expand(Lattice.hexagonal(2.88, 14.19),
                List.of(Element.of("Ni"), Element.of("Li"), Element.of("O")),
                new double[][] {{0, 0, 0}, {0, 0, 0.5}, {0, 0, 0.258}});
    }

    /** A random triclinic cell with several elements, built in the standard orientation. */
    static Structure randomTriclinic(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Lattice lattice = Lattice.fromParameters(4 + rng.nextDouble(4), 4 + rng.nextDouble(4), 4 + rng.nextDouble(4),
                70 + rng.nextDouble(40), 70 + rng.nextDouble(40), 70 + rng.nextDouble(40));
        Structure.Builder b = Structure.builder(lattice);
        String[] elements = {"Zr", "O", "Co", "C", "H", "U"};
        for (int i = 0; i < 12; i++) {
            b.add(elements[i % elements.length], rng.nextDouble(), rng.nextDouble(), rng.nextDouble());
        }
        return b.build();
    }

    @Test
    void roundTripKeepsLatticeSpeciesOrderAndCoordinates() throws Exception {
        for (Structure s : List.of(liNiO2(), randomTriclinic(1), randomTriclinic(2))) {
            Structure back = CifReader.defaults().read(CifWriter.toCif(s), "round-trip");
            // 8 decimals in the file: 1e-7 is the resolution
            assertTrue(s.approxEquals(back, 1e-7, 1e-7), s + "\nvs\n" + back);
        }
    }

    @Test
    void fileHasP1OperationTypeSymbolsAndLabels() throws Exception {
        String text = CifWriter.toCif(liNiO2(), "Li Ni O2");
        assertTrue(text.contains("data_Li_Ni_O2\n"), text);
        assertTrue(text.contains("'x, y, z'"), text);
        assertTrue(text.contains("  Ni  Ni1 ") && text.contains("  Ni  Ni3 ") && text.contains("  O   O6 "), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("data_")).count());
    }

    @Test
    void writesAFile() throws Exception {
        // Also leaves files for data/cif/check_written.py, which reads them with pymatgen and ASE.
        Path dir = Files.createDirectories(Path.of("target", "cif-written"));
        Structure s = liNiO2();
        CifWriter.write(s, dir.resolve("LiNiO2.cif"));
        CifWriter.write(randomTriclinic(3), dir.resolve("triclinic.cif"));
        Structure back = CifReader.defaults().read(dir.resolve("LiNiO2.cif"));
        assertTrue(s.approxEquals(back, 1e-7, 1e-7));
    }

    @Test
    void emptyStructureIsRejected() {
        Structure empty = Structure.of(Lattice.cubic(3), List.of(), new double[0][]);
        assertThrows(IllegalArgumentException.class, () -> CifWriter.toCif(empty));
    }
}
