package org.activestructopt.structure.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Reads the extended XYZ files of data/poscar written by ASE (data/poscar/generate.py) and compares with ASE's own
 * reading; round trips; errors for malformed input.
 */
class ExtendedXyzTest {

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(PoscarTest.DIR)) {
            List<Path> list = s.filter(p -> p.toString().endsWith(".extxyz")).sorted().toList();
            assertTrue(list.size() >= 3, "fixtures missing: " + list);
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsWhatAseReads(Path file) throws Exception {
        JsonArray frames = PoscarTest.expectation(file).getAsJsonArray("frames");
        List<Structure> ours = ExtendedXyz.readAll(file);
        assertEquals(frames.size(), ours.size(), "frames");
        for (int k = 0; k < frames.size(); k++) {
            Structure expected = StructureFixtures.fromJson(frames.get(k).getAsJsonObject());
            StructureFixtures.assertSame(expected, ours.get(k), 1e-9, file + " frame " + k);
        }
        StructureFixtures.assertSame(ours.get(0), ExtendedXyz.read(file), 0, "read() is the first frame");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripKeepsEveryFrame(Path file) throws Exception {
        List<Structure> frames = ExtendedXyz.readAll(file);
        List<Structure> back = ExtendedXyz.parse(ExtendedXyz.toText(frames), "round trip");
        assertEquals(frames.size(), back.size());
        for (int k = 0; k < frames.size(); k++) {
            // positions are written in Angstrom to 12 decimals
            StructureFixtures.assertSame(frames.get(k), back.get(k), 1e-11, file + " frame " + k);
        }
        Files.createDirectories(PoscarTest.WRITTEN);
        ExtendedXyz.writeAll(frames, PoscarTest.WRITTEN.resolve(file.getFileName()));
    }

    @Test
    void poscarAndExtendedXyzDescribeTheSameStructure() throws Exception {
        Structure fromPoscar = Poscar.read(PoscarTest.DIR.resolve("LiNiO2_ase.vasp")).structure();
        Structure fromXyz = ExtendedXyz.read(PoscarTest.DIR.resolve("LiNiO2_ase.extxyz"));
        // ASE writes extended XYZ positions with 8 decimals (Angstrom), POSCAR ones with 16
        StructureFixtures.assertSame(fromPoscar, fromXyz, 1e-8, "LiNiO2 written by ASE in both formats");
    }

    @Test
    void keyValueLineHandlesQuotesFlagsAndBrackets() throws Exception {
        var kv = ExtendedXyz.keyValues(
                "Lattice = \"1 0 0 0 1 0 0 0 1\" flag name='a \\'b\\'' arr={1 2 3} PBC=[T, T, T] energy=-1.5", "x", 2);
        assertEquals("1 0 0 0 1 0 0 0 1", kv.get("lattice"));
        assertEquals("T", kv.get("flag"));
        assertEquals("a 'b'", kv.get("name"));
        assertEquals("1 2 3", kv.get("arr"));
        assertEquals("T, T, T", kv.get("pbc"));
        assertEquals("-1.5", kv.get("energy"));
    }

    @Test
    void atomicNumbersAndDefaultPropertiesAreAccepted() throws Exception {
        String z = "1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=Z:I:1:pos:R:3\n29 1.5 1.5 1.5\n";
        assertEquals("Cu", ExtendedXyz.parse(z, "z.xyz").get(0).reducedFormula());
        String plain = "1\nLattice=\"3 0 0 0 3 0 0 0 3\"\nCu 1.5 1.5 1.5\n";
        assertEquals(0.5, ExtendedXyz.parse(plain, "p.xyz").get(0).frac(0)[2], 1e-15);
    }

    @Test
    void writesAseStyleHeader() {
        Structure cu = Structure.builder(Lattice.cubic(3.615)).add("Cu", 0, 0, 0).build();
        List<String> lines = ExtendedXyz.toText(cu).lines().toList();
        assertEquals("1", lines.get(0));
        assertTrue(lines.get(1).startsWith("Lattice=\"3.615000000000 0.000000000000 0.000000000000 "), lines.get(1));
        assertTrue(lines.get(1).endsWith("Properties=species:S:1:pos:R:3 pbc=\"T T T\""), lines.get(1));
        assertThrows(IllegalArgumentException.class, () -> ExtendedXyz.toText(List.of()));
    }

    // ------------------------------------------------------------------------------------------------ errors

    private static final String HEADER = "Lattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"";

    private static void assertAt(String text, int line, String field, String contains) {
        StructureFormatException e = assertThrows(StructureFormatException.class,
                () -> ExtendedXyz.parse(text, "traj.extxyz"));
        assertEquals("traj.extxyz", e.source());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(contains), e.getMessage());
    }

    @Test
    void errorsNameLineAndField() {
        String ok = "2\n" + HEADER + "\nNa 0 0 0\nCl 1.5 1.5 1.5\n";
        assertAt("two\n" + HEADER + "\nNa 0 0 0\n", 1, "atom count", "expected the number of atoms");
        assertAt("0\n" + HEADER + "\n", 1, "atom count", "at least one atom");
        assertAt(ok + "1\n", 6, "comment line", "file ends");
        assertAt("1\nProperties=species:S:1:pos:R:3\nNa 0 0 0\n", 2, "Lattice", "non-periodic");
        assertAt("1\nLattice=\"3 0 0 0 3 0 0 0\"\nNa 0 0 0\n", 2, "Lattice", "expected 9 numbers");
        assertAt("1\nLattice=\"3 0 0 0 3 0 0 0 0\"\nNa 0 0 0\n", 2, "Lattice", "");
        assertAt("1\nLattice=\"3 0 0 0 3 0 0 0 3\" pbc=\"T T F\"\nNa 0 0 0\n", 2, "pbc", "fully periodic");
        assertAt("1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1\nNa\n", 2, "Properties", "no positions");
        assertAt("1\nLattice=\"3 0 0 0 3 0 0 0 3\" Properties=species:S:1:pos:X:3\nNa 0 0 0\n", 2, "Properties",
                "bad entry");
        assertAt("1\nLattice=\"3 0 0 0 3 0 0 0 3\" comment=\"open\nNa 0 0 0\n", 2, "comment", "unterminated");
        assertAt("2\n" + HEADER + "\nNa 0 0 0\nCl 1.5 1.5\n", 4, "atom 2", "expected 4 columns");
        assertAt("2\n" + HEADER + "\nNa 0 0 0\nQq 1.5 1.5 1.5\n", 4, "species", "unknown element 'Qq'");
        assertAt("2\n" + HEADER + "\nNa 0 0 0\nCl 1.5 1.5 y\n", 4, "pos", "not a number: 'y'");
        assertAt("3\n" + HEADER + "\nNa 0 0 0\nCl 1.5 1.5 1.5\n", 4, "atoms", "announces 3 atoms");
        assertAt("", 0, null, "empty");
    }

    @Test
    void readNamesTheFile() throws IOException {
        Path dir = Files.createTempDirectory("structure-io");
        Path file = dir.resolve("frames.xyz");
        try {
            Files.writeString(file, "1\nenergy=-3.2\nCu 0 0 0\n");
            StructureFormatException e = assertThrows(StructureFormatException.class,
                    () -> ExtendedXyz.readAll(file));
            assertTrue(e.getMessage().startsWith("frames.xyz, line 2, Lattice: "), e.getMessage());
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }
}
