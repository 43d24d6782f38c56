package org.activestructopt.spectra.nexus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Writes result files and checks them with an independent reader, h5py (through data/nexus/dump_nexus.py run by
 * Debian's /usr/bin/python3), and with our own reader.
 */
class NexusResultWriterTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final OffsetDateTime DATE = OffsetDateTime.parse("2025-03-04T05:06:07+01:00");

    @TempDir
    Path dir;

    private static Spectrum pdf(double shift) {
        double[] r = new double[200];
        double[] g = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = 1 + 0.05 * i;
            g[i] = Math.exp(-(r[i] - 2.55 - shift) * (r[i] - 2.55 - shift) / 0.02) - 0.1 * r[i];
        }
        return Spectrum.of(SpectrumKind.PDF, r, g);
    }

    private NexusResultWriter writer() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("simulator", "pdf");
        params.put("qmax", "25.0");
        params.put("structure", "LiNiO2 (Å, ≈ R-3m)");
        params.put("note", "");
        double[] sigma = new double[200];
        java.util.Arrays.fill(sigma, 0.02);
        return NexusResultWriter.create().title("LiNiO2 test job").date(DATE)
                .process("activestructopt", "0.1.0", params)
                .spectrum("target", pdf(0).withName("measured G(r)").withUncertainties(sigma))
                .spectrum("start", pdf(0.2)).spectrum("best", pdf(0.01))
                .history(new int[] { 1, 2, 5, 9 }, new double[] { 0.8, 0.5, 0.1, 0.02 });
    }

    @Test
    void readsBackThroughOurReader() throws IOException, SpectrumFormatException {
        Path f = dir.resolve("result.nxs");
        writer().write(f);
        List<String> signals = NexusSpectra.list(f).stream().map(SpectrumRef::signalPath).toList();
        assertEquals(List.of("/entry/best/G", "/entry/history/best_mse", "/entry/start/G", "/entry/target/G"),
                signals);
        Spectrum best = NexusSpectra.readDefault(f);
        assertEquals("/entry/best/G", best.name());
        assertArrayEquals(pdf(0.01).xArray(), best.xArray(), 0);
        assertArrayEquals(pdf(0.01).yArray(), best.yArray(), 0);
        assertEquals(SpectrumKind.PDF, best.kind());
        assertEquals("angstrom", best.xUnits());
        assertEquals("angstrom^-2", best.yUnits());
        Spectrum target = NexusSpectra.read(f, "/entry/target/G");
        assertEquals(0.02, target.uncertainties().orElseThrow()[17], 0);
        Spectrum history = NexusSpectra.read(f, "/entry/history");
        assertArrayEquals(new double[] { 1, 2, 5, 9 }, history.xArray(), 0);
        assertArrayEquals(new double[] { 0.8, 0.5, 0.1, 0.02 }, history.yArray(), 0);
    }

    @Test
    void h5pySeesTheNexusStructure() throws IOException, InterruptedException {
        Path f = dir.resolve("result.nxs");
        writer().defaultData("target").write(f);
        JsonObject dump = h5pyDump(f);

        JsonObject root = attrs(dump, "/");
        assertEquals("NXroot", root.get("NX_class").getAsString());
        assertEquals("entry", root.get("default").getAsString());
        assertEquals("result.nxs", root.get("file_name").getAsString());
        assertEquals("2025-03-04T05:06:07+01:00", root.get("file_time").getAsString());
        JsonObject entry = attrs(dump, "/entry");
        assertEquals("NXentry", entry.get("NX_class").getAsString());
        assertEquals("target", entry.get("default").getAsString());
        assertEquals("LiNiO2 test job", value(dump, "/entry/title").getAsString());

        assertEquals("NXprocess", attrs(dump, "/entry/process").get("NX_class").getAsString());
        assertEquals("activestructopt", value(dump, "/entry/process/program").getAsString());
        assertEquals("0.1.0", value(dump, "/entry/process/version").getAsString());
        assertEquals("2025-03-04T05:06:07+01:00", value(dump, "/entry/process/date").getAsString());
        assertEquals("NXparameters", attrs(dump, "/entry/process/parameters").get("NX_class").getAsString());
        assertEquals("pdf", value(dump, "/entry/process/parameters/simulator").getAsString());
        assertEquals("25.0", value(dump, "/entry/process/parameters/qmax").getAsString());
        assertEquals("LiNiO2 (Å, ≈ R-3m)", value(dump, "/entry/process/parameters/structure").getAsString());
        assertEquals("", value(dump, "/entry/process/parameters/note").getAsString());

        for (String name : List.of("target", "start", "best")) {
            String g = "/entry/" + name;
            JsonObject a = attrs(dump, g);
            assertEquals("NXdata", a.get("NX_class").getAsString(), g);
            assertEquals("G", a.get("signal").getAsString(), g);
            assertEquals("r", a.get("axes").getAsJsonArray().get(0).getAsString(), g);
            assertEquals(0, a.get("r_indices").getAsInt(), g);
            JsonObject ds = dump.getAsJsonObject(g + "/G");
            assertEquals("float64", ds.get("dtype").getAsString());
            assertEquals("angstrom^-2", ds.getAsJsonObject("attrs").get("units").getAsString());
            assertEquals("G(r) (angstrom^-2)", ds.getAsJsonObject("attrs").get("long_name").getAsString());
            assertEquals("angstrom", attrs(dump, g + "/r").get("units").getAsString());
        }
        assertArrayEquals(pdf(0.2).yArray(), doubles(value(dump, "/entry/start/G").getAsJsonArray()), 0);
        assertArrayEquals(pdf(0.2).xArray(), doubles(value(dump, "/entry/start/r").getAsJsonArray()), 0);
        assertEquals("measured G(r)", value(dump, "/entry/target/title").getAsString());
        assertEquals(200, value(dump, "/entry/target/G_errors").getAsJsonArray().size());
        assertTrue(!dump.has("/entry/best/G_errors"));

        JsonObject h = attrs(dump, "/entry/history");
        assertEquals("best_mse", h.get("signal").getAsString());
        assertEquals("simulations", h.get("axes").getAsJsonArray().get(0).getAsString());
        assertEquals("int32", dump.getAsJsonObject("/entry/history/simulations").get("dtype").getAsString());
        assertArrayEquals(new double[] { 1, 2, 5, 9 },
                doubles(value(dump, "/entry/history/simulations").getAsJsonArray()), 0);
        assertArrayEquals(new double[] { 0.8, 0.5, 0.1, 0.02 },
                doubles(value(dump, "/entry/history/best_mse").getAsJsonArray()), 0);
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaries() throws IOException, SpectrumFormatException {
        Path f = dir.resolve("result.nxs");
        NexusResultWriter w = writer();
        w.write(f);
        w.history(new int[] { 1, 2, 5, 9, 12 }, new double[] { 0.8, 0.5, 0.1, 0.02, 0.01 }).write(f);
        assertEquals(5, NexusSpectra.read(f, "/entry/history/best_mse").size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void namesValuesAfterTheSpectrumAxes() throws IOException, SpectrumFormatException {
        Path f = dir.resolve("exafs.nxs");
        Spectrum chi = Spectrum.of(SpectrumKind.EXAFS, new double[] { 2, 3, 4 }, new double[] { 0.1, -0.2, 0.05 });
        Spectrum weighted = chi.withValues("k^2 chi(k)", "angstrom^-2");
        NexusResultWriter.create().spectrum("chi", chi).spectrum("kw", weighted).write(f);
        assertEquals(List.of("/entry/chi/chi", "/entry/kw/k_2_chi"),
                NexusSpectra.list(f).stream().map(SpectrumRef::signalPath).toList());
        assertEquals(SpectrumKind.EXAFS, NexusSpectra.readDefault(f).kind());
        assertEquals("chi", NexusResultWriter.datasetName("|chi(R)|", "y"));
        assertEquals("y", NexusResultWriter.datasetName("(?)", "y"));
    }

    @Test
    void theParetoFrontIsAScatterOfTheSecondLossAgainstTheFirstReadableByH5py() throws Exception {
        Path f = dir.resolve("front.nxs");
        writer().paretoFront(new int[] { 4, 9, 2 }, List.of("pdf1", "exafs_ss2"),
                new double[][] { { 0.3, 0.01 }, { 0.1, 0.05 }, { 0.9, 0.002 } }).write(f);
        JsonObject dump = h5pyDump(f);
        JsonObject a = attrs(dump, "/entry/pareto_front");
        assertEquals("NXdata", a.get("NX_class").getAsString());
        assertEquals("loss_exafs_ss2", a.get("signal").getAsString());
        assertEquals("loss_pdf1", a.get("axes").getAsJsonArray().get(0).getAsString());
        // sorted by the first objective's loss, so that the front draws as a line
        assertArrayEquals(new double[] { 0.1, 0.3, 0.9 },
                doubles(value(dump, "/entry/pareto_front/loss_pdf1").getAsJsonArray()), 0);
        assertArrayEquals(new double[] { 0.05, 0.01, 0.002 },
                doubles(value(dump, "/entry/pareto_front/loss_exafs_ss2").getAsJsonArray()), 0);
        assertArrayEquals(new double[] { 9, 4, 2 },
                doubles(value(dump, "/entry/pareto_front/simulations").getAsJsonArray()), 0);
        assertEquals("best", attrs(dump, "/entry").get("default").getAsString(), "the front is not the default");
    }

    @Test
    void rejectsWhatCannotBeWritten() {
        NexusResultWriter w = NexusResultWriter.create();
        assertThrows(IllegalArgumentException.class, () -> w.spectrum("a/b", pdf(0)));
        assertThrows(IllegalArgumentException.class, () -> w.spectrum("history", pdf(0)));
        assertThrows(IllegalArgumentException.class, () -> w.process("p", "1", Map.of("a/b", "x")));
        assertThrows(IllegalArgumentException.class, () -> w.history(new int[] { 1, 2 }, new double[] { 1 }));
        assertThrows(IllegalArgumentException.class, () -> w.history(new int[] { 2, 1 }, new double[] { 1, 1 }));
        assertThrows(IllegalArgumentException.class,
                () -> w.history(new int[] { 1, 2 }, new double[] { 1, Double.NaN }));
        assertThrows(IllegalArgumentException.class, () -> w.paretoFront(new int[] { 1 }, List.of("a"),
                new double[][] { { 1 } }));
        assertThrows(IllegalArgumentException.class, () -> w.paretoFront(new int[] { 1 }, List.of("a", "a"),
                new double[][] { { 1, 2 } }));
        assertThrows(IllegalArgumentException.class, () -> w.paretoFront(new int[] { 1 }, List.of("a", "b c"),
                new double[][] { { 1, 2 } }));
        assertThrows(IllegalArgumentException.class, () -> w.paretoFront(new int[] { 1 }, List.of("a", "b"),
                new double[][] { { 1, Double.NaN } }));
        assertThrows(IllegalArgumentException.class, () -> w.paretoFront(new int[] { 1, 2 }, List.of("a", "b"),
                new double[][] { { 1, 2 } }));
        assertThrows(IllegalStateException.class, () -> w.write(dir.resolve("empty.nxs")));
        w.spectrum("best", pdf(0)).defaultData("target");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(dir.resolve("x.nxs")));
        assertTrue(e.getMessage().contains("'target'"), e.getMessage());
    }

    private static JsonObject h5pyDump(Path f) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(PYTHON), "Debian's /usr/bin/python3 with python3-h5py is needed");
        Process p = new ProcessBuilder(PYTHON.toString(), Path.of("data", "nexus", "dump_nexus.py").toString(),
                f.toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "h5py dump timed out");
        assumeTrue(!err.contains("No module named 'h5py'"), "python3-h5py is not installed");
        assertEquals(0, p.exitValue(), () -> "h5py could not read the file: " + err);
        return JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static JsonObject attrs(JsonObject dump, String path) {
        assertTrue(dump.has(path), () -> path + " missing; have " + dump.keySet());
        return dump.getAsJsonObject(path).getAsJsonObject("attrs");
    }

    private static com.google.gson.JsonElement value(JsonObject dump, String path) {
        assertTrue(dump.has(path), () -> path + " missing; have " + dump.keySet());
        return dump.getAsJsonObject(path).get("value");
    }

    private static double[] doubles(JsonArray a) {
        return NexusFixtures.doubles(a);
    }
}
