package org.activestructopt.refinement;

import org.activestructopt.testing.HostileHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.testing.HostileHarness.Expect;
import org.activestructopt.testing.HostileHarness.Format;
import org.activestructopt.spectra.io.ReadOptions;
import org.activestructopt.spectra.io.SpectrumReaders;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.JobFormatException;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite for job files (EMF XMI, loaded and resolved against the registered simulators as
 * {@code aso refine} does) and for the text column reader (through its public entry only, {@link ColumnFiles#read},
 * so that the text spectrum readers can replace it by changing {@link #COLUMNS}): bad inputs generated from a valid
 * job by one edit each, each ending in a {@link JobFormatException} naming the file, line and key (one line per
 * problem) or a {@link SpectrumFormatException} on one line; then a fuzzer over both.
 */
class HostileJobTest {

    static SimulatorRegistry registry;

    @BeforeAll
    static void open() {
        registry = Simulators.registry();
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    /** Loads and resolves the job: the XMI, its start structure, its target, its simulator and settings. */
    static final Format JOB = new Format("job", JobFormatException.class,
            file -> RefinementProblem.fromJob(Job.load(file), registry), 22);

    /** Text spectra (x y columns) through the spectra bundle's readers, as a job's target is read. */
    static final Format COLUMNS = new Format("columns", SpectrumFormatException.class,
            file -> SpectrumReaders.read(file, ReadOptions.DEFAULTS.withKind(SpectrumKind.PDF)));

    static final String JOB_SEED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <aso:Job xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI" xmlns:aso="http://www.activestructopt.org/refinement/1.0"
                name="NaCl from its PDF" seed="7" method="rmc" variation="coordinates">
              <start>
                <crystal lattice="5.64 0 0  0 5.64 0  0 0 5.64" species="Na Na Na Na Cl Cl Cl Cl"
                    frac="0 0 0  0 0.5 0.5  0.5 0 0.5  0.5 0.5 0  0.5 0.5 0.5  0.5 0 0  0 0.5 0  0 0 0.5"/>
              </start>
              <objectives simulator="pdf" weight="1.0">
                <target file="target.gr" xmin="1.5" xmax="10"/>
                <settings key="qmax" value="25"/>
                <settings key="uiso" value="0.008"/>
              </objectives>
              <constraints factor="0.8">
                <pairs a="Na" b="Cl" distance="2.2"/>
              </constraints>
              <budget simulations="100" initial="5" calibration="10" exploit="20"/>
              <rmc maxStep="0.05"/>
            </aso:Job>
            """;

    /** A G(r)-like curve; its values do not matter, only that it is a valid two-column file. */
    static String columns() {
        StringBuilder sb = new StringBuilder("# r G\n");
        for (int k = 0; k <= 1000; k++) {
            double r = 0.5 + 0.01 * k;
            sb.append(String.format(java.util.Locale.ROOT, "%.2f %.6f%n", r, Math.sin(3 * r) / r));
        }
        return sb.toString();
    }

    record Case(Format format, String name, String text, Expect expect, String[] mustName) {
        @Override
        public String toString() {
            return format.name() + " " + name;
        }
    }

    private static String job(String from, String to) {
        if (!JOB_SEED.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return JOB_SEED.replace(from, to);
    }

    private static Case badJob(String name, String text, String... mustName) {
        return new Case(JOB, name, text, Expect.ERROR, mustName);
    }

    private static Case badColumns(String name, String text, String... mustName) {
        return new Case(COLUMNS, name, text, Expect.ERROR, mustName);
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case(JOB, "valid.xmi", JOB_SEED, Expect.RESULT, new String[0]));
        c.add(badJob("empty.xmi", ""));
        c.add(badJob("not_xml.xmi", "this is not a job\n"));
        c.add(badJob("truncated.xmi", JOB_SEED.substring(0, JOB_SEED.length() / 2)));
        c.add(badJob("binary.xmi", "\u0000\u0001PK\u0003\u0004\u00ff"));
        c.add(badJob("wrong_namespace.xmi", job("refinement/1.0", "refinement/9.9")));
        c.add(badJob("unknown_attribute.xmi", job("seed=\"7\"", "seed=\"7\" speed=\"9\""), "speed"));
        c.add(badJob("seed_text.xmi", job("seed=\"7\"", "seed=\"seven\""), "seed"));
        c.add(badJob("unknown_method.xmi", job("method=\"rmc\"", "method=\"magic\""), "method"));
        c.add(badJob("unknown_variation.xmi", job("variation=\"coordinates\"", "variation=\"everything\""),
                "variation"));
        c.add(badJob("simulations_huge.xmi", job("simulations=\"100\"", "simulations=\"99999999999\""),
                "simulations"));
        c.add(badJob("simulations_negative.xmi", job("simulations=\"100\"", "simulations=\"-5\""), "simulations"));
        c.add(badJob("simulations_nan.xmi", job("simulations=\"100\"", "simulations=\"NaN\""), "simulations"));
        c.add(badJob("phases_exceed_budget.xmi", job("exploit=\"20\"", "exploit=\"2000\"")));
        c.add(badJob("weight_negative.xmi", job("weight=\"1.0\"", "weight=\"-1\""), "weight"));
        c.add(badJob("weight_nan.xmi", job("weight=\"1.0\"", "weight=\"NaN\""), "weight"));
        c.add(badJob("unknown_simulator.xmi", job("simulator=\"pdf\"", "simulator=\"pfd\""), "pfd"));
        c.add(badJob("unknown_setting.xmi", job("key=\"qmax\"", "key=\"qmaxx\""), "qmaxx"));
        c.add(badJob("setting_text.xmi", job("value=\"25\"", "value=\"twenty\""), "qmax"));
        c.add(badJob("setting_negative.xmi", job("key=\"uiso\" value=\"0.008\"", "key=\"uiso\" value=\"-1\""),
                "uiso"));
        c.add(badJob("target_missing.xmi", job("target.gr", "no_such_target.gr"), "no_such_target.gr"));
        c.add(badJob("target_directory.xmi", job("target.gr", "."), "target"));
        c.add(badJob("xmin_above_xmax.xmi", job("xmin=\"1.5\" xmax=\"10\"", "xmin=\"10\" xmax=\"1.5\""), "xmin"));
        c.add(badJob("lattice_short.xmi", job("0 0 5.64\" species", "0 5.64\" species"), "lattice"));
        c.add(badJob("lattice_singular.xmi", job("0 0 5.64\" species", "0 5.64 0\" species"), "lattice"));
        c.add(badJob("lattice_nan.xmi", job("0 5.64 0  0 0", "0 NaN 0  0 0"), "lattice"));
        c.add(badJob("species_unknown.xmi", job("species=\"Na Na", "species=\"Xq Na"), "Xq"));
        c.add(badJob("species_count.xmi", job("Cl Cl Cl Cl\"", "Cl Cl Cl\""), "species"));
        c.add(badJob("frac_text.xmi", job("0 0 0.5\"/>", "0 0 half\"/>"), "frac"));
        c.add(badJob("frac_inf.xmi", job("0 0 0.5\"/>", "0 0 1e999\"/>"), "frac"));
        // accepted when loaded; its first simulation then fails with "sites ... coincide", recorded with the reason
        c.add(new Case(JOB, "coincident_atoms.xmi", job("0 0 0  0 0.5 0.5", "0 0 0  0 0 0"), Expect.EITHER,
                new String[0]));
        c.add(badJob("constraint_unknown_element.xmi", job("a=\"Na\" b=\"Cl\"", "a=\"Na\" b=\"Qx\""), "Qx"));
        c.add(badJob("constraint_negative.xmi", job("distance=\"2.2\"", "distance=\"-2\""), "distance"));
        c.add(badJob("rmc_step_negative.xmi", job("maxStep=\"0.05\"", "maxStep=\"-0.05\""), "maxStep"));
        String noStart = JOB_SEED.substring(0, JOB_SEED.indexOf("  <start>")) + "  <start file=\"missing.cif\"/>"
                + JOB_SEED.substring(JOB_SEED.indexOf("</start>") + "</start>".length());
        c.add(badJob("start_file_missing.xmi", noStart, "missing.cif"));
        c.add(badJob("xxe.xmi", job("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>")
                .replace("name=\"NaCl from its PDF\"", "name=\"&e;\"")));
        c.add(badJob("billion_laughs.xmi", job("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY f \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                        + "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>")
                .replace("name=\"NaCl from its PDF\"", "name=\"&h;\"")));
        c.add(badJob("duplicate_budget.xmi", job("<rmc maxStep", "<budget simulations=\"5\"/>\n  <rmc maxStep")));
        // text columns (the target's reader)
        c.add(new Case(COLUMNS, "valid.gr", columns(), Expect.RESULT, new String[0]));
        c.add(badColumns("empty.gr", ""));
        c.add(badColumns("header_only.gr", "# r G\nr G\n"));
        c.add(badColumns("one_row.gr", "1.0 2.0\n"));
        c.add(badColumns("one_column.gr", "1.0\n2.0\n3.0\n", "line 1"));
        c.add(badColumns("text_in_data.gr", columns().replace("1.00 ", "one "), "line"));
        c.add(badColumns("nan.gr", columns().replace("1.00 ", "NaN "), "line"));
        c.add(badColumns("inf.gr", columns().replace("1.00 ", "1e999 "), "line"));
        c.add(badColumns("decreasing.gr", columns().replace("1.00 ", "0.70 "), "line"));
        c.add(badColumns("duplicate_x.gr", columns().replace("1.00 ", "0.99 "), "line"));
        c.add(new Case(COLUMNS, "decimal_comma.gr", "1,0 2,0\n1,1 2,5\n1,2 2,7\n", Expect.EITHER, new String[0]));
        c.add(new Case(COLUMNS, "crlf.gr", columns().replace("\n", "\r\n"), Expect.RESULT, new String[0]));
        return c.stream();
    }

    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleanErrorOrCorrectResult(Case c) throws IOException {
        Path d = dir.resolve(c.name());
        Files.createDirectories(d);
        Files.writeString(d.resolve("target.gr"), columns());
        Path file = d.resolve(c.name());
        Files.writeString(file, c.text(), StandardCharsets.ISO_8859_1);
        HostileHarness.assertClean(c.format(), "refinement", file, c.expect(), null, c.mustName());
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

    /** Every crash the fuzzer ever found: job files (.xmi) and columns (anything else). */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("regressions")
    void fuzzRegressions(Path file) throws IOException {
        Path d = dir.resolve("regression-" + file.getFileName());
        Files.createDirectories(d);
        Files.writeString(d.resolve("target.gr"), columns());
        Path copy = Files.copy(file, d.resolve(file.getFileName()));
        HostileHarness.assertClean(file.toString().endsWith(".xmi") ? JOB : COLUMNS, "refinement-regressions", copy,
                Expect.EITHER, null);
    }

    @Test
    void fuzzJobFiles(@TempDir Path scratch) throws IOException {
        Files.writeString(scratch.resolve("target.gr"), columns());
        Path seed = Files.writeString(scratch.resolve("seed.xmi"), JOB_SEED);
        HostileHarness.fuzz(JOB, List.of(seed), 18, Duration.ofSeconds(5), false, scratch);
    }

    /**
     * The old column reader failed at once on bytes that are not UTF-8 (an IOException without file or line); those
     * mutants are kept in data/fuzz-regressions.
     */
    @Test
    void fuzzColumns(@TempDir Path scratch) throws IOException {
        Path seed = Files.writeString(scratch.resolve("seed.gr"), columns());
        HostileHarness.fuzz(COLUMNS, List.of(seed), 18, Duration.ofSeconds(3), false, scratch);
    }
}
