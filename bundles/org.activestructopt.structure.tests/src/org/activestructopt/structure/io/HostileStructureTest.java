package org.activestructopt.structure.io;

import org.activestructopt.testing.HostileHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.activestructopt.structure.Structure;
import org.activestructopt.testing.HostileHarness.Expect;
import org.activestructopt.testing.HostileHarness.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite for structure files: bad CIF, POSCAR and extended XYZ inputs generated from valid seeds by
 * one edit each, every one ending in a one-line {@link StructureFormatException} that names the file (and the field
 * or line at fault) or in a correct structure, within {@link HostileHarness#LIMIT}; then the fuzzer over the seeds, and
 * the crashes it found, kept under {@code data/fuzz-regressions/}.
 */
class HostileStructureTest {

    static final Format CIF = new Format("cif", StructureFormatException.class, StructureFiles::read);
    static final Format POSCAR = new Format("poscar", StructureFormatException.class, StructureFiles::read);
    static final Format XYZ = new Format("extxyz", StructureFormatException.class, StructureFiles::read);

    static final String CIF_SEED = """
            data_NaCl
            _cell_length_a   5.64
            _cell_length_b   5.64
            _cell_length_c   5.64
            _cell_angle_alpha   90
            _cell_angle_beta   90
            _cell_angle_gamma   90
            _symmetry_space_group_name_H-M   'F m -3 m'
            loop_
             _atom_site_type_symbol
             _atom_site_label
             _atom_site_fract_x
             _atom_site_fract_y
             _atom_site_fract_z
             _atom_site_occupancy
              Na  Na0  0.0  0.0  0.0  1
              Cl  Cl1  0.0  0.0  0.5  1
            """;

    static final String POSCAR_SEED = """
            NaCl
             1.0
               5.64 0.0 0.0
               0.0 5.64 0.0
               0.0 0.0 5.64
             Na Cl
             1 1
            Direct
              0.0 0.0 0.0
              0.5 0.5 0.5
            """;

    static final String XYZ_SEED = """
            2
            Lattice="5.64 0.0 0.0 0.0 5.64 0.0 0.0 0.0 5.64" Properties=species:S:1:pos:R:3 pbc="T T T"
            Na 0.0 0.0 0.0
            Cl 2.82 2.82 2.82
            """;

    /** One generated case: the format, a file name, its text, what must happen, what the message must name. */
    record Case(Format format, String name, String text, Expect expect, String[] mustName) {
        @Override
        public String toString() {
            return format.name() + " " + name;
        }
    }

    private static Case bad(Format f, String name, String text, String... mustName) {
        return new Case(f, name, text, Expect.ERROR, mustName);
    }

    private static Case either(Format f, String name, String text) {
        return new Case(f, name, text, Expect.EITHER, new String[0]);
    }

    private static String cif(String from, String to) {
        if (!CIF_SEED.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return CIF_SEED.replace(from, to);
    }

    private static String poscar(String from, String to) {
        if (!POSCAR_SEED.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return POSCAR_SEED.replace(from, to);
    }

    private static String xyz(String from, String to) {
        if (!XYZ_SEED.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return XYZ_SEED.replace(from, to);
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // CIF
        c.add(bad(CIF, "empty.cif", ""));
        c.add(bad(CIF, "only_comment.cif", "# nothing here\n"));
        c.add(bad(CIF, "binary.cif", "\u0000\u0001\u0002PK\u0003\u0004"));
        c.add(bad(CIF, "no_cell_a.cif", cif("_cell_length_a   5.64\n", ""), "_cell_length_a"));
        c.add(bad(CIF, "cell_a_text.cif", cif("_cell_length_a   5.64", "_cell_length_a   five"), "_cell_length_a"));
        c.add(bad(CIF, "cell_a_nan.cif", cif("_cell_length_a   5.64", "_cell_length_a   NaN"), "_cell_length_a"));
        c.add(bad(CIF, "cell_a_negative.cif", cif("_cell_length_a   5.64", "_cell_length_a   -5.64"), "_cell_length_a"));
        c.add(bad(CIF, "cell_a_zero.cif", cif("_cell_length_a   5.64", "_cell_length_a   0"), "_cell_length_a"));
        c.add(bad(CIF, "cell_a_huge.cif", cif("_cell_length_a   5.64", "_cell_length_a   1e308"), "cell"));
        c.add(bad(CIF, "cell_a_decimal_comma.cif", cif("_cell_length_a   5.64", "_cell_length_a   5,64"),
                "_cell_length_a"));
        c.add(bad(CIF, "angle_180.cif", cif("_cell_angle_beta   90", "_cell_angle_beta   180"), "angle"));
        c.add(bad(CIF, "angles_flat.cif", cif("_cell_angle_alpha   90\n_cell_angle_beta   90\n_cell_angle_gamma   90",
                "_cell_angle_alpha   120\n_cell_angle_beta   120\n_cell_angle_gamma   120")));
        c.add(bad(CIF, "unknown_element.cif", cif("Na  Na0", "Xx  Xx0"), "Xx"));
        c.add(bad(CIF, "partial_occupancy.cif", cif("0.0  0.0  0.5  1", "0.0  0.0  0.5  0.5"), "occupancy"));
        c.add(bad(CIF, "coordinate_text.cif", cif("0.0  0.0  0.5  1", "0.0  zero  0.5  1"), "_atom_site_fract_y"));
        c.add(bad(CIF, "coordinate_nan.cif", cif("0.0  0.0  0.5  1", "0.0  NaN  0.5  1"), "_atom_site_fract_y"));
        c.add(bad(CIF, "coordinate_inf.cif", cif("0.0  0.0  0.5  1", "0.0  1e999  0.5  1"), "_atom_site_fract_y"));
        c.add(bad(CIF, "loop_short_row.cif", cif("Cl  Cl1  0.0  0.0  0.5  1", "Cl  Cl1  0.0  0.0  0.5")));
        c.add(bad(CIF, "unterminated_quote.cif", cif("'F m -3 m'", "'F m -3 m")));
        c.add(bad(CIF, "unterminated_text_field.cif", cif("data_NaCl\n", "data_NaCl\n_publ_section_title\n;\nno end\n")));
        c.add(bad(CIF, "unknown_space_group.cif", cif("'F m -3 m'", "'Q 9 z'"), "Q 9 z"));
        c.add(bad(CIF, "bad_symop.cif", cif("_symmetry_space_group_name_H-M   'F m -3 m'",
                "loop_\n_symmetry_equiv_pos_as_xyz\n'x, y, q'"), "x, y, q"));
        c.add(bad(CIF, "coincident_sites.cif", cif("0.0  0.0  0.5  1", "0.0  0.0  0.001  1")));
        c.add(bad(CIF, "no_sites.cif", CIF_SEED.substring(0, CIF_SEED.indexOf("loop_")), "_atom_site_fract_x"));
        c.add(bad(CIF, "two_structures.cif", CIF_SEED + CIF_SEED.replace("data_NaCl", "data_NaCl_b"), "NaCl_b",
                "#NaCl"));
        c.add(bad(CIF, "duplicate_tag.cif", cif("_cell_length_b   5.64\n", "_cell_length_b   5.64\n_cell_length_b   6\n"),
                "_cell_length_b"));
        c.add(bad(CIF, "no_data_block.cif", CIF_SEED.replace("data_NaCl\n", "")));
        c.add(new Case(CIF, "two_structures.cif#NaCl_b", CIF_SEED + CIF_SEED.replace("data_NaCl", "data_NaCl_b"),
                Expect.RESULT, new String[0]));
        // POSCAR
        c.add(bad(POSCAR, "empty.vasp", ""));
        c.add(bad(POSCAR, "only_title.vasp", "NaCl\n"));
        c.add(bad(POSCAR, "scale_text.vasp", poscar(" 1.0\n", " one\n"), "line 2"));
        c.add(bad(POSCAR, "scale_zero.vasp", poscar(" 1.0\n", " 0\n"), "line 2"));
        c.add(bad(POSCAR, "scale_nan.vasp", poscar(" 1.0\n", " NaN\n"), "line 2"));
        c.add(bad(POSCAR, "lattice_short.vasp", poscar("   5.64 0.0 0.0\n", "   5.64 0.0\n"), "line 3"));
        c.add(bad(POSCAR, "lattice_nan.vasp", poscar("   0.0 5.64 0.0\n", "   0.0 NaN 0.0\n"), "line 4"));
        c.add(bad(POSCAR, "lattice_singular.vasp", poscar("   0.0 0.0 5.64\n", "   0.0 5.64 0.0\n")));
        c.add(bad(POSCAR, "counts_text.vasp", poscar(" 1 1\n", " 1 one\n"), "line 7"));
        c.add(bad(POSCAR, "counts_negative.vasp", poscar(" 1 1\n", " 1 -1\n"), "line 7"));
        c.add(bad(POSCAR, "counts_huge.vasp", poscar(" 1 1\n", " 1 99999999999\n"), "line 7"));
        c.add(bad(POSCAR, "counts_mismatch.vasp", poscar(" 1 1\n", " 1 1 1\n")));
        c.add(bad(POSCAR, "unknown_element.vasp", poscar(" Na Cl\n", " Na Qq\n"), "Qq"));
        c.add(bad(POSCAR, "missing_coordinates.vasp", poscar("  0.5 0.5 0.5\n", "")));
        c.add(bad(POSCAR, "coordinate_text.vasp", poscar("  0.5 0.5 0.5\n", "  0.5 half 0.5\n"), "line 10"));
        c.add(bad(POSCAR, "coordinate_inf.vasp", poscar("  0.5 0.5 0.5\n", "  0.5 Infinity 0.5\n"), "line 10"));
        c.add(bad(POSCAR, "mode_missing.vasp", poscar("Direct\n", "")));
        c.add(either(POSCAR, "trailing_garbage.vasp", POSCAR_SEED + "\u0000\u0000garbage\n"));
        // extended XYZ
        c.add(bad(XYZ, "empty.xyz", ""));
        c.add(bad(XYZ, "count_text.xyz", xyz("2\n", "two\n"), "line 1"));
        c.add(bad(XYZ, "count_negative.xyz", xyz("2\n", "-2\n"), "line 1"));
        c.add(bad(XYZ, "count_huge.xyz", xyz("2\n", "2147483648\n"), "line 1"));
        c.add(bad(XYZ, "count_too_many.xyz", xyz("2\n", "5\n")));
        c.add(bad(XYZ, "lattice_short.xyz", xyz("0.0 0.0 5.64\"", "0.0 5.64\""), "Lattice"));
        c.add(bad(XYZ, "lattice_nan.xyz", xyz("0.0 5.64 0.0 0.0", "0.0 NaN 0.0 0.0"), "Lattice"));
        c.add(bad(XYZ, "lattice_unterminated.xyz", xyz("0.0 0.0 5.64\"", "0.0 0.0 5.64")));
        c.add(bad(XYZ, "properties_unknown_type.xyz", xyz("pos:R:3", "pos:Z:3"), "Properties"));
        c.add(bad(XYZ, "properties_zero_columns.xyz", xyz("pos:R:3", "pos:R:0"), "Properties"));
        c.add(bad(XYZ, "row_short.xyz", xyz("Cl 2.82 2.82 2.82", "Cl 2.82 2.82"), "line 4"));
        c.add(bad(XYZ, "row_nan.xyz", xyz("Cl 2.82 2.82 2.82", "Cl 2.82 NaN 2.82"), "line 4"));
        c.add(bad(XYZ, "unknown_element.xyz", xyz("Cl 2.82", "Zz 2.82"), "Zz"));
        c.add(bad(XYZ, "no_lattice_no_pbc.xyz", xyz(
                "Lattice=\"5.64 0.0 0.0 0.0 5.64 0.0 0.0 0.0 5.64\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"",
                "just a comment")));
        return c.stream();
    }

    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleanErrorOrCorrectResult(Case c) throws IOException {
        String fileName = c.name().contains("#") ? c.name().substring(0, c.name().indexOf('#')) : c.name();
        Path file = dir.resolve(c.format().name()).resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, c.text(), StandardCharsets.ISO_8859_1);
        Path asNamed = file.resolveSibling(c.name());
        HostileHarness.assertClean(c.format(), "structure", asNamed, c.expect(),
                r -> r instanceof Structure s && s.size() > 0 ? null : "no sites", c.mustName());
    }

    static Stream<Path> regressions() throws IOException {
        Path root = Path.of("data", "fuzz-regressions");
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    /** Every crash the fuzzer ever found, kept with its format's file name. */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("regressions")
    void fuzzRegressions(Path file) {
        HostileHarness.assertClean(CIF, "structure-regressions", file, Expect.EITHER, null);
    }

    @Test
    void fuzzCif(@TempDir Path scratch) throws IOException {
        HostileHarness.fuzz(CIF, seeds(scratch, "seed.cif", CIF_SEED, "data/cif/LiNiO2_pmg_sym.cif",
                "data/cif/ZrO2_ase.cif"), 18, Duration.ofSeconds(4), false, scratch);
    }

    @Test
    void fuzzPoscar(@TempDir Path scratch) throws IOException {
        HostileHarness.fuzz(POSCAR, seeds(scratch, "seed.vasp", POSCAR_SEED, "data/poscar/LiNiO2_ase.vasp",
                "data/poscar/Cu_rattled_ase_direct.vasp"), 18, Duration.ofSeconds(4), false, scratch);
    }

    @Test
    void fuzzExtendedXyz(@TempDir Path scratch) throws IOException {
        HostileHarness.fuzz(XYZ, seeds(scratch, "seed.xyz", XYZ_SEED, "data/poscar/LiNiO2_ase.extxyz",
                "data/poscar/Cu_trajectory_ase.extxyz"), 18, Duration.ofSeconds(4), false, scratch);
    }

    private static List<Path> seeds(Path scratch, String name, String text, String... files) throws IOException {
        List<Path> out = new ArrayList<>();
        Path s = scratch.resolve(name);
        Files.writeString(s, text);
        out.add(s);
        for (String f : files) {
            out.add(Path.of(f));
        }
        return out;
    }
}
