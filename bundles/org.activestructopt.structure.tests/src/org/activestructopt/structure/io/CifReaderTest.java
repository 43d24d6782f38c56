package org.activestructopt.structure.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Reads the CIFs in data/cif (written by pymatgen, ASE, by hand and by journals) and compares with what pymatgen
 * (or the tool named in each JSON) reads from the same file; see data/cif/generate.py.
 */
class CifReaderTest {

    static final Path DIR = Path.of("data", "cif");
    static final double TOL = 1e-4;

    /** Every CIF with an expectation file next to it. */
    static Stream<Path> cifsWithExpectations() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(DIR, DIR.resolve("wild"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".cif"))
                        .filter(p -> Files.exists(expectation(p)))
                        .sorted()
                        .forEach(out::add);
            }
        }
        assertTrue(out.size() >= 20, "fixtures missing: " + out);
        return out.stream();
    }

    static Path expectation(Path cif) {
        String name = cif.getFileName().toString();
        return cif.resolveSibling(name.substring(0, name.length() - 4) + ".json");
    }

    static JsonArray expectedStructures(Path cif) throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(expectation(cif))).getAsJsonObject();
        return root.getAsJsonArray("structures");
    }

    @ParameterizedTest
    @MethodSource("cifsWithExpectations")
    void defaultBlockMatchesTheIndependentReading(Path cif) throws Exception {
        JsonArray expected = expectedStructures(cif);
        if (expected.size() > 1) {
            StructureFormatException e = assertThrows(StructureFormatException.class,
                    () -> CifReader.defaults().read(cif));
            for (int k = 0; k < expected.size(); k++) {
                JsonObject b = expected.get(k).getAsJsonObject();
                if (!b.get("block").isJsonNull()) {
                    assertTrue(e.getMessage().contains(b.get("block").getAsString()), e.getMessage());
                }
            }
            return;
        }
        Structure ours = CifReader.defaults().read(cif);
        assertSameStructure(expected.get(0).getAsJsonObject(), ours, cif.toString());
    }

    @ParameterizedTest
    @MethodSource("cifsWithExpectations")
    void everyBlockMatchesWhenChosenByName(Path cif) throws Exception {
        JsonArray expected = expectedStructures(cif);
        Map<String, Structure> all = CifReader.defaults().readAll(cif);
        assertEquals(expected.size(), all.size(), cif + ": blocks with atoms");
        for (int k = 0; k < expected.size(); k++) {
            JsonObject e = expected.get(k).getAsJsonObject();
            if (e.get("block").isJsonNull()) {
                continue;
            }
            String block = e.get("block").getAsString();
            assertSameStructure(e, CifReader.defaults().block(block).read(cif), cif + " block " + block);
            assertSameStructure(e, all.get(block), cif + " readAll " + block);
        }
    }

    /**
     * Same lattice parameters within 1e-4 (Angstrom, degrees) and the same atoms up to order and lattice translations
     * (fractional coordinates within 1e-4 modulo 1, matched one to one).
     */
    static void assertSameStructure(JsonObject expected, Structure ours, String what) {
        JsonArray rows = expected.getAsJsonArray("lattice");
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = rows.get(i).getAsJsonArray().get(j).getAsDouble();
            }
        }
        Lattice exp = Lattice.of(m);
        Lattice got = ours.lattice();
        double[] e = {exp.a(), exp.b(), exp.c(), exp.alpha(), exp.beta(), exp.gamma()};
        double[] g = {got.a(), got.b(), got.c(), got.alpha(), got.beta(), got.gamma()};
        for (int i = 0; i < 6; i++) {
            assertEquals(e[i], g[i], TOL, what + ": lattice parameter " + i);
        }
        JsonArray species = expected.getAsJsonArray("species");
        JsonArray frac = expected.getAsJsonArray("frac");
        assertEquals(species.size(), ours.size(), what + ": number of atoms");
        boolean[] used = new boolean[ours.size()];
        for (int k = 0; k < species.size(); k++) {
            Element el = Element.of(species.get(k).getAsString());
            double[] p = new double[3];
            for (int i = 0; i < 3; i++) {
                p[i] = frac.get(k).getAsJsonArray().get(i).getAsDouble();
            }
            int match = -1;
            for (int s = 0; s < ours.size() && match < 0; s++) {
                if (!used[s] && ours.species(s) == el && sameModuloLattice(p, ours.frac(s))) {
                    match = s;
                }
            }
            if (match < 0) {
                fail(what + ": expected " + el + " at " + java.util.Arrays.toString(p) + " not found in " + ours);
            }
            used[match] = true;
        }
    }

    static boolean sameModuloLattice(double[] p, double[] q) {
        for (int i = 0; i < 3; i++) {
            double d = p[i] - q[i];
            if (Math.abs(d - Math.rint(d)) > TOL) {
                return false;
            }
        }
        return true;
    }

    // -------------------------------------------------------------------------------------------- specific facts

    @Test
    void multiBlockFileIsRefusedUnlessABlockIsChosen() throws Exception {
        Path cif = DIR.resolve("multi_block.cif");
        assertEquals(List.of("global", "rocksalt", "LiNiO2"), CifReader.blockNames(cif));
        StructureFormatException refused = assertThrows(StructureFormatException.class,
                () -> CifReader.defaults().read(cif));
        assertTrue(refused.getMessage().contains("rocksalt, LiNiO2") && refused.getMessage().contains("multi_block.cif#"),
                refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
        assertEquals("NaCl", CifReader.defaults().block("rocksalt").read(cif).reducedFormula());
        assertEquals("NaCl", StructureFiles.read(DIR.resolve("multi_block.cif#ROCKSALT")).reducedFormula());
        assertEquals("LiNiO2", StructureFiles.read(DIR.resolve("multi_block.cif#LiNiO2")).reducedFormula());
        StructureFormatException wrong = assertThrows(StructureFormatException.class,
                () -> StructureFiles.read(DIR.resolve("multi_block.cif#nothere")));
        assertTrue(wrong.getMessage().contains("rocksalt"), wrong.getMessage());
        assertEquals("LiNiO2", CifReader.defaults().block("linio2").read(cif).reducedFormula());
        StructureFormatException e = assertThrows(StructureFormatException.class,
                () -> CifReader.defaults().block("global").read(cif));
        assertEquals("_cell_length_a", e.field());
        e = assertThrows(StructureFormatException.class, () -> CifReader.defaults().block("nothere").read(cif));
        assertTrue(e.getMessage().contains("rocksalt"), e.getMessage());
    }

    @Test
    void rhombohedralAxesAreRecognisedFromTheCell() throws Exception {
        Structure s = CifReader.defaults().read(DIR.resolve("LiNiO2_rhombohedral.cif"));
        assertEquals(4, s.size());
        assertEquals("LiNiO2", s.reducedFormula());
    }

    @Test
    void publishedFileWithUncertaintiesAndHydrogens() throws Exception {
        Structure s = CifReader.defaults().read(DIR.resolve("wild").resolve("cu3182sup1.cif"));
        assertEquals(368, s.size());
        assertEquals(7.2057, s.lattice().a(), 1e-12);
        assertEquals(41.2346, s.lattice().c(), 1e-12);
    }

    @Test
    void publishedDisorderedStructureIsRefusedAtTheOccupancy() {
        StructureFormatException e = assertThrows(StructureFormatException.class,
                () -> CifReader.defaults().read(DIR.resolve("wild").resolve("thpp.cif")));
        assertEquals("_atom_site_occupancy", e.field());
        assertEquals(36, e.line());
        assertEquals("thpp.cif", e.source());
        assertTrue(e.getMessage().contains("N3") && e.getMessage().contains("0.500016"), e.getMessage());
    }

    // -------------------------------------------------------------------------------------------- bad files

    static StructureFormatException bad(String file) {
        return assertThrows(StructureFormatException.class,
                () -> CifReader.defaults().read(DIR.resolve("bad").resolve(file)));
    }

    @Test
    void partialOccupancyNamesSiteFieldAndLine() {
        StructureFormatException e = bad("partial_occupancy.cif");
        assertEquals("_atom_site_occupancy", e.field());
        assertEquals(20, e.line());
        assertTrue(e.getMessage().startsWith("partial_occupancy.cif, line 20, _atom_site_occupancy: site Li1"),
                e.getMessage());
    }

    @Test
    void unknownElementNamesTheSymbol() {
        StructureFormatException e = bad("unknown_element.cif");
        assertEquals("_atom_site_type_symbol", e.field());
        assertEquals(17, e.line());
        assertTrue(e.getMessage().contains("'Xx'") && e.getMessage().contains("Ti1"), e.getMessage());
    }

    @Test
    void missingCellLengthIsNamed() {
        StructureFormatException e = bad("missing_cell_b.cif");
        assertEquals("_cell_length_b", e.field());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void malformedNumberNamesFieldAndLine() {
        StructureFormatException e = bad("bad_number.cif");
        assertEquals("_atom_site_fract_z", e.field());
        assertEquals(16, e.line());
        assertTrue(e.getMessage().contains("'0.25.8'"), e.getMessage());
    }

    /** A minimal valid CIF around the given atom-site lines and extra items, for syntax error tests. */
    static String cif(String extra, String sites) {
        return "data_t\n_cell_length_a 4\n_cell_length_b 4\n_cell_length_c 4\n_cell_angle_alpha 90\n"
                + "_cell_angle_beta 90\n_cell_angle_gamma 90\n" + extra
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n" + sites;
    }

    static StructureFormatException badText(String text) {
        return assertThrows(StructureFormatException.class, () -> CifReader.defaults().read(text, "t.cif"));
    }

    @Test
    void syntaxErrorsNameTheirLine() {
        StructureFormatException e = badText(cif("_publ_section_title\n;\nnever closed\n", "Cu1 0 0 0\n"));
        assertEquals(9, e.line()); // the line of the opening ';'
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
        e = badText(cif("_chemical_name_common 'open quote\n", "Cu1 0 0 0\n"));
        assertEquals(8, e.line());
        e = badText(cif("", "Cu1 0 0 0\nCu2 0.5 0.5\n"));
        assertEquals(14, e.line());
        assertEquals("_atom_site_label", e.field());
        assertTrue(e.getMessage().contains("4 tags but 7 values"), e.getMessage());
        e = badText(cif("_cell_volume\n", "Cu1 0 0 0\n"));
        assertEquals("_cell_volume", e.field());
        e = badText("_cell_length_a 4\n");
        assertTrue(e.getMessage().contains("before the first data block"), e.getMessage());
        e = badText(cif("_cell_length_a 5\n", "Cu1 0 0 0\n"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void symmetryProblemsAreReported() {
        StructureFormatException e = badText(cif("loop_\n_symmetry_equiv_pos_as_xyz\n'x,y,z'\n'x,y'\n",
                "Cu1 0 0 0\n"));
        assertEquals("_symmetry_equiv_pos_as_xyz", e.field());
        assertEquals(11, e.line());
        e = badText(cif("_symmetry_space_group_name_H-M 'P 1 21/n 1'\n", "Cu1 0 0 0\n"));
        assertEquals("_symmetry_space_group_name_h-m", e.field());
        assertTrue(e.getMessage().contains("must list its symmetry operations"), e.getMessage());
        e = badText(cif("_symmetry_space_group_name_H-M 'P 63/m m c'\n", "Cu1 0 0 0\n"));
        assertTrue(e.getMessage().contains("does not have the symmetry"), e.getMessage());
        e = badText(cif("_space_group_IT_number 221\n_symmetry_space_group_name_H-M 'F m -3 m'\n", "Cu1 0 0 0\n"));
        assertTrue(e.getMessage().contains("225") && e.getMessage().contains("221"), e.getMessage());
        // a site listed twice: (0,0,1/2) is an image of (1/2,0,0) in Pm-3m
        e = badText(cif("_space_group_IT_number 221\n", "O1 0.5 0 0\nO2 0 0 0.5\n"));
        assertTrue(e.getMessage().contains("site O2 coincides with a symmetry image of site O1"), e.getMessage());
        assertEquals(15, e.line());
    }

    @Test
    void elementsFromLabelsAndTypeSymbols() throws Exception {
        Structure s = CifReader.defaults().read(cif("", "Co1 0 0 0\nOW1 0.5 0.5 0.5\nCA 0.25 0.25 0.25\n"), "t.cif");
        assertEquals(List.of(Element.of("Co"), Element.of("O"), Element.of("Ca")), s.species());
        StructureFormatException e = badText(cif("", "1X 0 0 0\n"));
        assertEquals("_atom_site_label", e.field());
    }

    @Test
    void unknownValuesWhereNumbersAreNeeded() {
        StructureFormatException e = badText(cif("", "Cu1 0 ? 0\n"));
        assertEquals("_atom_site_fract_y", e.field());
        assertTrue(e.getMessage().contains("unknown ('?')"), e.getMessage());
        e = badText(cif("", "Cu1 0 0 0\n").replace("_cell_length_c 4", "_cell_length_c ."));
        assertEquals("_cell_length_c", e.field());
        assertEquals(4, e.line());
    }

    @Test
    void ddl2StyleTagsAreTheSameTags() throws Exception {
        String text = cif("", "Cu1 0 0 0\n").replace("_cell_length_a", "_cell.length_a")
                .replace("_atom_site_fract_x", "_atom_site.fract_x");
        assertEquals(1, CifReader.defaults().read(text, "t.cif").size());
    }

    @Test
    void noSymmetryInformationMeansP1() throws Exception {
        Structure s = CifReader.defaults().read(cif("", "Cu1 0 0 0\nCu2 0.5 0.5 0\n"), "t.cif");
        assertEquals(2, s.size());
    }

    @Test
    void originChoiceOneOnRequest() throws Exception {
        // diamond: 8 atoms with the origin-choice-1 coordinates (0,0,0) when ":1" is given; with the default origin
        // choice 2 the same site is 16c and gives 16
        String sites = "C1 0 0 0\n";
        assertEquals(8, CifReader.defaults().read(cif("_space_group_name_H-M_alt 'F d -3 m :1'\n", sites), "t")
                .size());
        assertEquals(16, CifReader.defaults().read(cif("_space_group_IT_number 227\n", sites), "t").size());
    }
}
