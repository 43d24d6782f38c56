package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.activestructopt.app.internal.AsoTest.Run;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The commands users run, on files written by pymatgen and h5py (data/generate.py), with the services of the other
 * bundles (the PDF simulator is found through the service registry, as in the product).
 */
class CommandsTest {

    static final Path DATA = Path.of("data");

    static Stream<Arguments> pymatgenVerdicts() throws IOException {
        JsonObject expected;
        try (Reader r = Files.newBufferedReader(DATA.resolve("expected-matches.json"))) {
            expected = JsonParser.parseReader(r).getAsJsonObject();
        }
        List<Arguments> cases = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : expected.entrySet()) {
            String[] optionsAndPair = e.getKey().split(":", 2);
            String[] pair = optionsAndPair[1].split("~");
            Double rms = e.getValue().isJsonNull() ? null : e.getValue().getAsDouble();
            cases.add(Arguments.of(optionsAndPair[0], pair[0], pair[1], rms));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} ~ {2}")
    @MethodSource("pymatgenVerdicts")
    void matchAgreesWithPymatgen(String options, String a, String b, Double rms) {
        List<String> args = new ArrayList<>(List.of("match", DATA.resolve(a).toString(), DATA.resolve(b).toString()));
        if (options.equals("no-primitive")) {
            args.add("--no-primitive");
        }
        Run run = aso(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        String line = run.out().trim();
        if (rms == null) {
            assertEquals("no match", line);
        } else {
            assertTrue(line.startsWith("match rms="), line);
            assertEquals(rms, Double.parseDouble(line.substring("match rms=".length())), 1e-5, line);
        }
    }

    @Test
    void convertKeepsTheStructure(@TempDir Path tmp) {
        for (String name : List.of("LiNiO2.vasp", "LiNiO2.xyz", "LiNiO2-p1.cif")) {
            Path out = tmp.resolve(name);
            Run run = aso("convert", DATA.resolve("LiNiO2.cif").toString(), out.toString());
            assertEquals(0, run.code(), run.err());
            assertTrue(run.out().contains("12 sites, LiNiO2"), run.out());
            Run match = aso("match", DATA.resolve("LiNiO2.cif").toString(), out.toString(), "--no-primitive");
            assertEquals(0, match.code(), match.err());
            assertTrue(match.out().startsWith("match rms="), name + ": " + match.out());
            assertEquals(0, Double.parseDouble(match.out().trim().substring("match rms=".length())), 1e-5);
        }
    }

    @Test
    void aMissingOrBadStructureFileIsNamed(@TempDir Path tmp) throws IOException {
        Run missing = aso("match", tmp.resolve("nowhere.cif").toString(), DATA.resolve("NaCl.cif").toString());
        assertEquals(Aso.EXIT_USAGE, missing.code());
        assertTrue(missing.err().contains("nowhere.cif"), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());

        Path bad = Files.writeString(tmp.resolve("bad.cif"), "data_x\n_cell_length_a 3.0\n");
        Run run = aso("convert", bad.toString(), tmp.resolve("out.vasp").toString());
        assertEquals(Aso.EXIT_USAGE, run.code());
        assertTrue(run.err().contains("bad.cif"), run.err());
        assertTrue(Files.notExists(tmp.resolve("out.vasp")), "nothing written on bad input");
    }

    @Test
    void spectraListsEveryPlottable() {
        Run run = aso("spectra", DATA.resolve("two-spectra.nxs").toString());
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());
        assertTrue(lines.contains("/entry/pdf/G points=451 x=[1,10] angstrom"), run.out());
        assertTrue(lines.contains("/entry/exafs/chi points=181 x=[3,12] 1/angstrom"), run.out());
    }

    @Test
    void spectraOnAFileThatIsNotHdf5SaysSoInOneLine() {
        Run run = aso("spectra", DATA.resolve("not-hdf5.nxs").toString());
        assertEquals(Aso.EXIT_USAGE, run.code());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("not-hdf5.nxs"), run.err());
    }

    /** The PDF simulator is a DS component of another bundle; the command line finds it in the service registry. */
    @Test
    void simulateFindsThePdfServiceAndWritesColumns(@TempDir Path tmp) throws IOException {
        Run help = aso("simulate", "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("pdf"), help.out());

        Path out = tmp.resolve("g.txt");
        Run run = aso("simulate", "pdf", "--structure", DATA.resolve("Cu.cif").toString(), "--rmin", "2",
                "--rmax", "3", "--rstep", "0.01", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        List<double[]> rows = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#"))
                .map(l -> Stream.of(l.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray()).toList();
        assertEquals(101, rows.size());
        double[] peak = rows.stream().max((p, q) -> Double.compare(p[1], q[1])).orElseThrow();
        // fcc Cu, a = 3.615: nearest neighbours at a / sqrt(2)
        assertEquals(3.615 / Math.sqrt(2), peak[0], 0.011);
    }

    @Test
    void simulateWritesNexusThatReadsBack(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("g.nxs");
        Run run = aso("simulate", "pdf", "--structure", DATA.resolve("LiNiO2.cif").toString(), "--out",
                out.toString());
        assertEquals(0, run.code(), run.err());
        Spectrum g = NexusSpectra.readDefault(out);
        assertEquals(901, g.size());
        assertEquals(1.0, g.xArray()[0], 1e-9);
        assertEquals(10.0, g.xArray()[900], 1e-9);
    }

    /** Real FEFF (Debian's feff85exafs) behind the exafs service; the option names come from its settings. */
    @Test
    void simulateExafsRunsFeffOnLiNiO2(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("chi.nxs");
        Run run = aso("simulate", "exafs", "--structure", DATA.resolve("LiNiO2.cif").toString(), "--absorber", "Ni",
                "--edge", "K", "--radius", "6", "--kmin", "3", "--kmax", "12", "--kweight", "2", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        Spectrum chi = NexusSpectra.readDefault(out);
        assertEquals(181, chi.size());
        double[] y = chi.yArray();
        double max = 0;
        for (double v : y) {
            max = Math.max(max, Math.abs(v));
        }
        // k^2 chi(k) of an oxide at the Ni K edge: oscillations of order 0.1 to a few, never flat, never NaN
        assertTrue(max > 0.05 && max < 20, "max |k^2 chi| = " + max);
    }

    @Test
    void anUnknownSimulatorSettingIsNamed() {
        Run run = aso("simulate", "pdf", "--structure", DATA.resolve("Cu.cif").toString(), "--uisoo", "0.01");
        assertEquals(Aso.EXIT_USAGE, run.code());
        assertTrue(run.err().contains("Unknown options: '--uisoo'"), run.err());
        assertTrue(run.err().contains("Possible solutions: --uiso"), run.err());
    }

    /** The LAMMPS energy calculator is a DS component too; `simulate energy` is built from its settings. */
    @Test
    void simulateEnergyRunsLammpsOnSeveralStructuresInOneBatch() {
        Run help = aso("simulate", "energy", "--help");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("--pair_style") && !help.err().contains("WARN"), help.out() + help.err());
        Run run = aso("simulate", "energy", "--structure", DATA.resolve("Cu.cif").toString(),
                DATA.resolve("Cu.cif").toString(), "--forces");
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().filter(l -> l.contains("energy_per_atom=")).toList();
        assertEquals(2, lines.size(), run.out());
        double e = Double.parseDouble(lines.get(0).replaceAll(".*energy_per_atom=(\\S+).*", "$1"));
        // Foiles-Baskes-Daw EAM (Cu_u3.eam) at pymatgen's a = 3.615 A: the cohesive energy 3.54 eV
        assertEquals(-3.54, e, 0.01);
        assertTrue(run.out().contains("site 1 Cu force"), run.out());
        Run bad = aso("simulate", "energy", "--structure", DATA.resolve("NaCl.cif").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("[Cl, Na]") && bad.err().contains("pair_coeff"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }
}
