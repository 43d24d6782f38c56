package org.activestructopt.structure.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reads the POSCARs of data/poscar, written by pymatgen, ASE and by hand (data/poscar/generate.py), and compares with
 * what pymatgen or ASE read from the same files; round trips; errors for malformed input.
 */
class PoscarTest {

    static final Path DIR = Path.of("data", "poscar");
    /** Written files, for data/poscar/check_written.py (pymatgen and ASE must read them). */
    static final Path WRITTEN = Path.of("target", "poscar-written");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<Path> list = s.filter(p -> p.toString().endsWith(".vasp")).sorted().toList();
            assertTrue(list.size() >= 8, "fixtures missing: " + list);
            return list.stream();
        }
    }

    static JsonObject expectation(Path file) throws IOException {
        Path json = file.resolveSibling(file.getFileName() + ".json");
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsWhatPymatgenOrAseRead(Path file) throws Exception {
        JsonObject expected = expectation(file);
        Poscar p = Poscar.read(file);
        Structure reference = StructureFixtures.fromJson(expected.getAsJsonArray("frames").get(0).getAsJsonObject());
        StructureFixtures.assertSame(reference, p.structure(), 1e-9, file.toString());
        if (!expected.get("comment").isJsonNull()) {
            assertEquals(expected.get("comment").getAsString(), p.comment());
        }
        if (expected.get("selective_dynamics").isJsonNull()) {
            assertTrue(p.selectiveDynamics().isEmpty(), "no selective dynamics");
        } else {
            JsonArray rows = expected.getAsJsonArray("selective_dynamics");
            boolean[][] flags = p.selectiveDynamics().orElseThrow();
            for (int i = 0; i < rows.size(); i++) {
                JsonArray r = rows.get(i).getAsJsonArray();
                assertArrayEquals(new boolean[] { r.get(0).getAsBoolean(), r.get(1).getAsBoolean(),
                        r.get(2).getAsBoolean() }, flags[i], "selective dynamics of atom " + (i + 1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripKeepsStructureCommentAndFlags(Path file) throws Exception {
        Poscar p = Poscar.read(file);
        Poscar back = Poscar.parse(p.toText(), "round trip");
        StructureFixtures.assertSame(p.structure(), back.structure(), 1e-14, file + " round trip");
        assertEquals(p.comment(), back.comment());
        assertEquals(p.selectiveDynamics().isPresent(), back.selectiveDynamics().isPresent());
        p.selectiveDynamics().ifPresent(f -> assertArrayEquals(f, back.selectiveDynamics().get()));
        Files.createDirectories(WRITTEN);
        p.write(WRITTEN.resolve(file.getFileName()));
    }

    @Test
    void writerKeepsSiteOrderWithRepeatedElementGroups() throws Exception {
        Structure s = Structure.builder(Lattice.cubic(4)).add("O", 0, 0, 0).add("Ti", 0.5, 0.5, 0.5)
                .add("O", 0.5, 0, 0).add("O", 0, 0.5, 0).build();
        String text = Poscar.of(s).toText();
        List<String> lines = text.lines().toList();
        assertEquals("TiO3", lines.get(0).strip(), "comment is the reduced formula");
        assertEquals(List.of("O", "Ti", "O"), List.of(lines.get(5).strip().split("\\s+")));
        assertEquals(List.of("1", "1", "2"), List.of(lines.get(6).strip().split("\\s+")));
        StructureFixtures.assertSame(s, Poscar.parse(text, "x").structure(), 1e-15, "order kept");
    }

    @Test
    void threeScaleFactorsScaleLatticeAndCartesianComponents() throws Exception {
        String text = """
                three factors
                 2.0 3.0 4.0
                 1 0 0
                 0 1 0
                 0 0 1
                 Cu
                 1
                Cartesian
                 0.5 0.5 0.5
                """;
        Structure s = Poscar.parse(text, "POSCAR").structure();
        assertArrayEquals(new double[] { 2, 3, 4 }, new double[] { s.lattice().a(), s.lattice().b(), s.lattice().c() },
                1e-15);
        assertArrayEquals(new double[] { 0.5, 0.5, 0.5 }, s.frac(0), 1e-15);
    }

    @Test
    void potcarStyleNamesFortranExponentsAndCommentsAreAccepted() throws Exception {
        String text = """
                VASP 6 CONTCAR
                1.0D0 ! scale
                 3.0 0 0
                 0 3.0 0
                 0 0 3.0
                 Li_sv/abc123 O_h
                 1 1 # counts
                direct
                 0 0 0
                 5.0d-1 0.5 0.5
                """;
        Structure s = Poscar.parse(text, "CONTCAR").structure();
        assertEquals(List.of(Element.of("Li"), Element.of("O")), s.species());
        assertArrayEquals(new double[] { 0.5, 0.5, 0.5 }, s.frac(1), 1e-15);
    }

    @Test
    void withSelectiveDynamicsChecksShapeAndCopies() {
        Structure s = Structure.builder(Lattice.cubic(3)).add("Cu", 0, 0, 0).build();
        assertThrows(IllegalArgumentException.class,
                () -> Poscar.of(s).withSelectiveDynamics(new boolean[][] { { true, true } }));
        assertThrows(IllegalArgumentException.class, () -> Poscar.of(s).withComment("two\nlines"));
        boolean[][] flags = { { true, false, true } };
        Poscar p = Poscar.of(s).withSelectiveDynamics(flags);
        flags[0][0] = false;
        assertTrue(p.selectiveDynamics().get()[0][0], "copied in");
        p.selectiveDynamics().get()[0][0] = false;
        assertTrue(p.selectiveDynamics().get()[0][0], "copied out");
    }

    // ------------------------------------------------------------------------------------------------ errors

    private static final String GOOD = """
            comment
            1.0
             3.0 0 0
             0 3.0 0
             0 0 3.0
             Na Cl
             1 1
            Direct
             0 0 0
             0.5 0.5 0.5
            """;

    /** GOOD with line {@code line} (1-based) replaced; null removes it. */
    private static String replaceLine(int line, String replacement) {
        List<String> lines = new java.util.ArrayList<>(GOOD.lines().toList());
        if (replacement == null) {
            lines.remove(line - 1);
        } else {
            lines.set(line - 1, replacement);
        }
        return String.join("\n", lines) + "\n";
    }

    private static StructureFormatException fails(String text) {
        return assertThrows(StructureFormatException.class, () -> Poscar.parse(text, "POSCAR"));
    }

    private static void assertAt(StructureFormatException e, int line, String field) {
        assertEquals("POSCAR", e.source());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("POSCAR" + (line > 0 ? ", line " + line : "")), e.getMessage());
    }

    @Test
    void theGoodExampleParses() throws Exception {
        assertEquals("NaCl", Poscar.parse(GOOD, "POSCAR").structure().reducedFormula());
    }

    @Test
    void errorsNameLineAndField() {
        assertAt(fails(replaceLine(2, "abc")), 2, "scale");
        assertAt(fails(replaceLine(2, "0.0")), 2, "scale");
        assertAt(fails(replaceLine(2, "1.0 -1.0 1.0")), 2, "scale");
        assertAt(fails(replaceLine(2, "1.0 2.0")), 2, "scale");
        assertAt(fails(replaceLine(4, " 0 3.0")), 4, "lattice vector b");
        assertAt(fails(replaceLine(5, " 0 6.0 0")), 3, "lattice");
        assertAt(fails(replaceLine(6, " Na Xx")), 6, "element symbols");
        assertAt(fails(replaceLine(7, " 1 1 1")), 7, "atom counts");
        assertAt(fails(replaceLine(7, " 1 two")), 7, "atom counts");
        assertAt(fails(replaceLine(7, " 1 -1")), 7, "atom counts");
        assertAt(fails(replaceLine(8, null)), 8, "coordinate mode");
        assertAt(fails(replaceLine(10, " 0.5 x 0.5")), 10, "position of atom 2");
        assertAt(fails(replaceLine(10, " 0.5 NaN 0.5")), 10, "position of atom 2");
        assertAt(fails(replaceLine(10, " 0.5 0.5")), 10, "position of atom 2");
        assertAt(fails(replaceLine(10, null)), 0, "position of atom 2");
        assertTrue(fails(replaceLine(10, null)).getMessage().contains("file ends after line 9"));
        assertAt(fails(""), 0, null);
    }

    @Test
    void selectiveDynamicsFlagsAreChecked() {
        String selective = replaceLine(8, "Selective dynamics\nDirect");
        assertAt(fails(selective), 10, "selective dynamics of atom 1");
        String bad = selective.replace(" 0 0 0\n", " 0 0 0 T X F\n").replace(" 0.5 0.5 0.5\n", " 0.5 0.5 0.5 T T T\n");
        assertAt(fails(bad), 10, "selective dynamics of atom 1");
    }

    @Test
    void vasp4WithoutSymbolsAnywhereIsRefusedWithAHint() {
        StructureFormatException e = fails(replaceLine(6, null));
        assertAt(e, 6, "element symbols");
        assertTrue(e.getMessage().contains("VASP 4"), e.getMessage());
    }

    @Test
    void readNamesTheFile() throws IOException {
        Path dir = Files.createTempDirectory("structure-io");
        Path file = dir.resolve("CONTCAR_bad");
        try {
            Files.writeString(file, replaceLine(3, " 3.0 zero 0"));
            StructureFormatException e = assertThrows(StructureFormatException.class, () -> Poscar.read(file));
            assertEquals("CONTCAR_bad, line 3, lattice vector a: not a number: 'zero'", e.getMessage());
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }
}
