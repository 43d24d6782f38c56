package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.app.internal.AsoTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code aso spectra} and {@code aso convert-spectrum} on the measured Ni and FeO foils (XDI) and the measured Si PDF,
 * against Larch 0.9.58's pre_edge/autobk on the same files (data/xas, written by the spectra tests' generate.py) and
 * h5py's reading of the NeXus written.
 */
class XasCommandsTest {

    private static final Path XAS = Path.of("data", "xas");
    private static final Path SI_GR = Path.of("..", "org.activestructopt.app", "examples", "measured-pdf",
            "si-q27r60-xray.gr");

    static Map<String, Double> scalars(String name) throws IOException {
        Map<String, Double> s = new LinkedHashMap<>();
        for (String line : Files.readAllLines(XAS.resolve(name + "_scalars.dat"))) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                String[] f = t.split("\\s+");
                s.put(f[0], f[1].equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(f[1]));
            }
        }
        return s;
    }

    /** The numeric columns of a Larch fixture file. */
    static List<double[]> columns(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                rows.add(java.util.Arrays.stream(t.split("\\s+")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        List<double[]> cols = new ArrayList<>();
        for (int c = 0; c < rows.get(0).length; c++) {
            final int j = c;
            cols.add(rows.stream().mapToDouble(r -> r[j]).toArray());
        }
        return cols;
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), regex + " in\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ni:ni_metal_rt.xdi:Ni", "feo:feo_rt1.xdi:Fe" })
    void spectraPrintsTheEdgeE0EdgeStepAndKRangeAsLarchFindsThem(String spec) throws IOException {
        String[] p = spec.split(":");
        Map<String, Double> larch = scalars(p[0]);
        Run run = aso("spectra", XAS.resolve(p[1]).toString());
        assertEquals(0, run.code(), run.err());
        System.out.println("XasCommandsTest: aso spectra " + p[1] + ":\n" + run.out());
        assertTrue(run.out().contains("element " + p[2] + ", edge K"), run.out());
        double e0 = number(run.out(), "(?m)^E0 (\\S+) eV");
        double step = number(run.out(), "(?m)^edge step (\\S+) ");
        assertEquals(larch.get("e0"), e0, 0.5, "E0 (Larch's find_e0)");
        assertEquals(larch.get("edge_step"), step, 0.01 * larch.get("edge_step"), "edge step (Larch's pre_edge)");
        double kmax = number(run.out(), "k 0 to (\\S+) angstrom\\^-1");
        assertEquals(larch.get("kmax"), kmax, 0.05, "k range of chi(k) (Larch's autobk, kstep 0.05)");
        int points = (int) number(run.out(), "angstrom\\^-1, (\\d+) points, epsilon_k");
        assertEquals(columns(XAS.resolve(p[0] + "_chi.dat")).get(0).length, points, 1, "points of chi(k)");
    }

    @Test
    void spectraPrintsThePdfRangeAndTheHeadersQmax() {
        Run run = aso("spectra", SI_GR.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("G(r): r 0.01 to 59.99 angstrom, 5999 points"), run.out());
        assertTrue(run.out().contains("Qmax 27 angstrom^-1 (from the header)"), run.out());
        assertTrue(run.out().contains("dG given"), run.out());
    }

    @Test
    void badSpectrumFilesGetOneLineNamingTheFileAndField() {
        Run noEnergy = aso("spectra", XAS.resolve("bad_no_energy.xdi").toString());
        assertEquals(Aso.EXIT_USAGE, noEnergy.code());
        assertEquals(1, noEnergy.err().lines().count(), noEnergy.err());
        assertTrue(noEnergy.err().contains("bad_no_energy.xdi") && noEnergy.err().contains("energy"),
                noEnergy.err());
        Run nan = aso("spectra", XAS.resolve("bad_nan.xdi").toString());
        assertEquals(Aso.EXIT_USAGE, nan.code());
        assertEquals(1, nan.err().lines().count(), nan.err());
        assertTrue(nan.err().contains("bad_nan.xdi") && nan.err().contains("line 40"), nan.err());
        Run noData = aso("spectra", XAS.resolve("bad_nodata.gr").toString());
        assertEquals(Aso.EXIT_USAGE, noData.code());
        assertEquals(1, noData.err().lines().count(), noData.err());
        assertTrue(noData.err().contains("bad_nodata.gr"), noData.err());
        Run missing = aso("convert-spectrum", XAS.resolve("nothing.xdi").toString(), "out.nxs");
        assertEquals(Aso.EXIT_USAGE, missing.code());
        assertTrue(missing.err().contains("nothing.xdi: no such file"), missing.err());
        Run pdf = aso("convert-spectrum", SI_GR.toString(), "out.nxs");
        assertEquals(Aso.EXIT_USAGE, pdf.code());
        assertTrue(pdf.err().contains("not XAS"), pdf.err());
    }

    /** h5py's view of the default plottable of a NeXus file (data/xas/read_nexus.py). */
    static JsonObject h5py(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", XAS.resolve("read_nexus.py").toString(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "h5py timed out");
        assertEquals(0, p.exitValue(), "h5py could not read " + file + ": " + out);
        return JsonParser.parseString(out).getAsJsonObject();
    }

    private static double[] values(JsonObject o) {
        JsonArray a = o.getAsJsonArray("values");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    @Test
    void convertSpectrumWritesK2ChiAsNexusThatAgreesWithLarch(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ni-chi.nxs");
        Run run = aso("convert-spectrum", XAS.resolve("ni_metal_rt.xdi").toString(), out.toString(), "--kweight",
                "2");
        assertEquals(0, run.code(), run.err());
        JsonObject nx = h5py(out);
        assertEquals("NXroot", nx.get("root_nx_class").getAsString());
        assertEquals("NXentry", nx.get("entry_nx_class").getAsString());
        assertEquals("NXdata", nx.get("data_nx_class").getAsString());
        assertTrue(!nx.get("creator").getAsString().startsWith("ActiveStructOpt"),
                "a measurement is not marked as this project's simulation: " + nx.get("creator"));
        JsonObject x = nx.getAsJsonObject("x");
        JsonObject y = nx.getAsJsonObject("y");
        assertEquals("angstrom^-1", x.get("units").getAsString());
        assertEquals("angstrom^-2", y.get("units").getAsString());
        assertTrue(y.get("long_name").getAsString().startsWith("k^2 chi(k)"), y.toString());
        double[] k = values(x);
        double[] chi = values(y);
        List<double[]> larch = columns(XAS.resolve("ni_chi.dat"));
        double[] kl = larch.get(0);
        double[] cl = larch.get(1);
        // over k 3-14, the issue's window: rms of the difference of k^2 chi relative to the rms of Larch's
        double num = 0;
        double den = 0;
        int n = 0;
        for (int i = 0; i < kl.length; i++) {
            if (kl[i] < 3 - 1e-9 || kl[i] > 14 + 1e-9) {
                continue;
            }
            int j = nearest(k, kl[i]);
            assertEquals(kl[i], k[j], 1e-6, "the same k grid as Larch's (kstep 0.05 from 0)");
            double larchWeighted = cl[i] * kl[i] * kl[i];
            num += Math.pow(chi[j] - larchWeighted, 2);
            den += larchWeighted * larchWeighted;
            n++;
        }
        double rel = Math.sqrt(num / den);
        System.out.printf(java.util.Locale.ROOT, "XasCommandsTest: k^2 chi(k) of ni_metal_rt.xdi vs Larch over k 3-14:"
                + " relative rms difference %.2e (%d points)%n", rel, n);
        assertTrue(n > 200, "points compared: " + n);
        assertTrue(rel < 0.02, "relative rms difference " + rel);
    }

    @Test
    void convertSpectrumWritesNormalisedMuThatAgreesWithLarch(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("ni-norm.nxs");
        Run run = aso("convert-spectrum", XAS.resolve("ni_metal_rt.xdi").toString(), out.toString(), "--to", "norm");
        assertEquals(0, run.code(), run.err());
        JsonObject nx = h5py(out);
        assertEquals("eV", nx.getAsJsonObject("x").get("units").getAsString());
        assertEquals("normalised mu(E)", nx.getAsJsonObject("y").get("long_name").getAsString());
        double[] e = values(nx.getAsJsonObject("x"));
        double[] norm = values(nx.getAsJsonObject("y"));
        List<double[]> larch = columns(XAS.resolve("ni_mu.dat"));
        assertEquals(larch.get(0).length, e.length, "every energy point");
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            assertEquals(larch.get(0)[i], e[i], 1e-9);
            worst = Math.max(worst, Math.abs(norm[i] - larch.get(4)[i]));
        }
        System.out.printf(java.util.Locale.ROOT, "XasCommandsTest: normalised mu(E) vs Larch: max |difference| %.4f%n",
                worst);
        // an edge step within 1 % of Larch's moves the normalised jump by at most about 0.01
        assertTrue(worst < 0.02, "largest difference from Larch's norm: " + worst);
        Run bad = aso("convert-spectrum", XAS.resolve("ni_metal_rt.xdi").toString(), out.toString(), "--kweight",
                "-1");
        assertEquals(Aso.EXIT_USAGE, bad.code());
        assertTrue(bad.err().contains("--kweight"), bad.err());
    }

    private static int nearest(double[] x, double v) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (Math.abs(x[i] - v) < Math.abs(x[best] - v)) {
                best = i;
            }
        }
        return best;
    }
}
