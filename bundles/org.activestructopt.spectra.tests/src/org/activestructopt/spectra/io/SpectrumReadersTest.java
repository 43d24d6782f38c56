package org.activestructopt.spectra.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The readers against the measured files and the fixtures of data/io/generate.py (numpy, Larch). */
class SpectrumReadersTest {

    private static final Path IO = Path.of("data", "io");
    private static final Path MEASURED = Path.of("data", "measured");

    private static JsonObject expected(String file) throws IOException {
        return JsonParser.parseString(Files.readString(IO.resolve("expected.json"))).getAsJsonObject()
                .getAsJsonObject(file);
    }

    private static double at(JsonObject o, String key, int i) {
        JsonArray a = o.getAsJsonArray(key);
        return a.get(i).getAsDouble();
    }

    private static void assertEnds(JsonObject e, SpectrumFile f, double tol) {
        double[] x = f.spectrum().xArray();
        double[] y = f.spectrum().yArray();
        assertEquals(e.get("points").getAsInt(), x.length);
        assertEquals(at(e, "first", 0), x[0], tol);
        assertEquals(at(e, "first", 1), y[0], tol);
        assertEquals(at(e, "last", 0), x[x.length - 1], tol);
        assertEquals(at(e, "last", 1), y[y.length - 1], tol);
    }

    @Test
    void pdfgetx2FileOfMeasuredSiGivesGrWithDgAndQmax() throws Exception {
        JsonObject e = expected("si-q27r60-xray.gr");
        SpectrumFile f = SpectrumReaders.read(MEASURED.resolve("si-q27r60-xray.gr"), ReadOptions.DEFAULTS);
        assertEquals(TextFormat.PDF_GR, f.format());
        assertEquals("PDFgetX2", f.program());
        assertEquals(SpectrumKind.PDF, f.spectrum().kind());
        assertEnds(e, f, 1e-12);
        assertEquals(e.get("qmax").getAsDouble(), f.qmax().getAsDouble(), 0);
        assertEquals(60, f.get(Stated.RMAX).getAsDouble(), 0);
        double[] dg = f.spectrum().uncertainties().orElseThrow();
        assertEquals(at(e, "first", 3), dg[0], 1e-15);
        assertEquals(at(e, "last", 3), dg[dg.length - 1], 1e-15);
        assertTrue(f.qdamp().isEmpty(), "PDFgetX2 does not state Qdamp");
        assertTrue(TargetCheck.of(SpectrumKind.PDF).withRange(1.5, 20).problems(f).isEmpty());
    }

    @Test
    void pdfgetx3AndGsas2FilesGiveTheirHeaderFacts() throws Exception {
        for (String name : List.of("si_pdfgetx3.gr", "si_gsas2.gr", "si_gsas2_pdfgui.gr")) {
            JsonObject e = expected(name);
            SpectrumFile f = SpectrumReaders.read(IO.resolve(name).toString());
            assertEnds(e, f, 1e-5); // %g writes 6 significant digits
            assertEquals(e.get("program").getAsString(), f.program(), name);
            if (e.has("qmax")) {
                assertEquals(e.get("qmax").getAsDouble(), f.qmax().getAsDouble(), 0, name);
            } else {
                assertTrue(f.qmax().isEmpty(), name);
            }
            assertTrue(f.spectrum().uncertainties().isEmpty(), name);
        }
        SpectrumFile x3 = SpectrumReaders.read(IO.resolve("si_pdfgetx3.gr").toString());
        assertEquals(27.5, x3.get(Stated.QMAX_INSTRUMENT).getAsDouble(), 0);
        assertEquals("xray", x3.header().get("mode"));
    }

    @Test
    void xdiFilesOfMeasuredFoilsGiveMuOfE() throws Exception {
        for (String name : List.of("ni_metal_rt.xdi", "feo_rt1.xdi")) {
            JsonObject e = expected(name);
            SpectrumFile f = SpectrumReaders.read(MEASURED.resolve(name).toString());
            assertEquals(TextFormat.XDI, f.format());
            assertEquals(SpectrumKind.XANES, f.spectrum().kind());
            assertEnds(e, f, 1e-9);
            assertEquals(e.get("element").getAsString(), f.element().orElseThrow());
            assertEquals(e.get("edge").getAsString(), f.edge().orElseThrow());
            assertEquals(e.get("d_spacing").getAsDouble(), f.get(Stated.MONO_D_SPACING).getAsDouble(), 0);
            assertEquals("eV", f.spectrum().xUnits());
        }
    }

    @Test
    void xdiWithIntensitiesOnlyGivesLnI0OverItrans() throws Exception {
        JsonObject e = expected("ni_intensities.xdi");
        SpectrumFile f = SpectrumReaders.read(IO.resolve("ni_intensities.xdi").toString());
        assertEquals(e.get("points").getAsInt(), f.spectrum().size());
        assertEquals(e.get("mu_first").getAsDouble(), f.spectrum().yArray()[0], 1e-9);
        JsonObject ni = expected("ni_metal_rt.xdi");
        assertEquals(at(ni, "last", 1), f.spectrum().yArray()[f.spectrum().size() - 1], 1e-6);
        assertTrue(f.notes().contains("mu = ln(i0/itrans)"));
    }

    @Test
    void athenaProjectWrittenByLarchGivesTheGroupsMuOfE() throws Exception {
        JsonObject e = expected("ni_foil.prj");
        SpectrumFile f = SpectrumReaders.read(IO.resolve("ni_foil.prj").toString());
        assertEquals(TextFormat.ATHENA, f.format());
        assertEnds(e, f, 1e-9);
        assertEquals("Ni", f.element().orElseThrow());
        assertTrue(f.get(Stated.EDGE_ENERGY).getAsDouble() > 8300);
    }

    @Test
    void chiFilesSayTheirKWeightAndUnweightTheSameWay() throws Exception {
        JsonObject e = expected("ni.chi");
        SpectrumFile plain = SpectrumReaders.read(IO.resolve("ni.chi").toString());
        assertEquals(TextFormat.CHI, plain.format());
        assertEquals(0, plain.kweight(), 0);
        assertEquals(e.get("points").getAsInt(), plain.spectrum().size());
        SpectrumFile byName = SpectrumReaders.read(IO.resolve("ni_k2.chi").toString());
        SpectrumFile byKey = SpectrumReaders.read(IO.resolve("ni_kweight2_header.chi").toString());
        SpectrumFile byOption = SpectrumReaders.read(IO.resolve("ni_k2.chi") + "#kweight=2");
        for (SpectrumFile w : List.of(byName, byKey, byOption)) {
            assertEquals(2, w.kweight(), 0);
            double[] k = w.unweighted().xArray();
            double[] chi = w.unweighted().yArray();
            int i = 0;
            while (Math.abs(k[i] - e.get("k5").getAsDouble()) > 1e-9) {
                i++;
            }
            assertEquals(e.get("chi5").getAsDouble(), chi[i], 1e-6);
        }
        SpectrumFormatException x = assertThrows(SpectrumFormatException.class,
                () -> SpectrumReaders.read(IO.resolve("ni_kweight2_header.chi") + "#kweight=0"));
        assertTrue(x.getMessage().contains("line 2, kweight") && x.getMessage().contains("k-weight 2"),
                x.getMessage());
    }

    @Test
    void decimalCommasAreReadNotSplit() throws Exception {
        JsonObject e = expected("si_decimal_comma.csv");
        for (String name : List.of("si_decimal_comma.csv", "si_decimal_comma_spaces.dat")) {
            SpectrumFile f = SpectrumReaders.read(IO.resolve(name) + "#format=columns");
            assertEnds(e, f, 1e-12);
            assertTrue(f.notes().contains("decimal commas read as decimal points"), name);
        }
    }

    @Test
    void plainColumnsChosenByNameOrNumber(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("scan.dat");
        Files.writeString(p, "# energy i0 mu\n8300 1 0.5\n8310 1 0.6\n8320 1 0.9\n");
        SpectrumFile byName = SpectrumReaders.read(p + "#energy,mu");
        SpectrumFile byNumber = SpectrumReaders.read(p + "#1,3");
        assertEquals(0.9, byName.spectrum().yArray()[2], 0);
        assertEquals(byName.spectrum().yArray()[1], byNumber.spectrum().yArray()[1], 0);
        assertEquals(SpectrumKind.XANES, byName.spectrum().kind());
        String m = assertThrows(SpectrumFormatException.class, () -> SpectrumReaders.read(p + "#energy,mux"))
                .getMessage();
        assertTrue(m.contains("no column named 'mux'") && m.contains("energy, i0, mu"), m);
    }

    private static String error(String spec) {
        return assertThrows(SpectrumFormatException.class, () -> SpectrumReaders.read(spec)).getMessage();
    }

    @Test
    void badFilesGetOneLineNamingFileLineAndField() {
        String nodata = error(IO.resolve("bad_nodata.gr").toString());
        assertTrue(nodata.startsWith(IO.resolve("bad_nodata.gr").toString()) && nodata.contains("no data rows"),
                nodata);
        String trunc = error(IO.resolve("bad_truncated.gr").toString());
        assertTrue(trunc.contains("line 180") && trunc.contains("truncated"), trunc);
        String nan = error(IO.resolve("bad_nan.gr").toString());
        assertTrue(nan.contains("line 150, column 2 (G(r))") && nan.contains("NaN"), nan);
        String marker = error(IO.resolve("bad_noheader_marker.gr").toString());
        assertTrue(marker.contains("is a header setting") && marker.contains("start data"), marker);
        String energy = error(IO.resolve("bad_no_energy.xdi").toString());
        assertTrue(energy.contains("Column.N") && energy.contains("no energy column")
                && energy.contains("mono_angle"), energy);
        String prj = error(IO.resolve("bad_truncated.prj").toString());
        assertTrue(prj.contains("truncated"), prj);
        for (String m : List.of(nodata, trunc, nan, marker, energy, prj)) {
            assertFalse(m.contains("\n"), m);
            assertFalse(m.contains("does not increase"), m);
        }
    }

    @Test
    void targetChecksNameWrongUnitsAndSpaces() throws Exception {
        SpectrumFile nm = SpectrumReaders.read(IO.resolve("si_nm.gr").toString());
        List<String> p = TargetCheck.of(SpectrumKind.PDF).problems(nm);
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("r axis looks like nm, expected angstrom"), p.get(0));
        SpectrumFile rel = SpectrumReaders.read(IO.resolve("ni_relative.dat").toString());
        assertTrue(TargetCheck.of(SpectrumKind.XANES).problems(rel).get(0).contains("relative to E0"));
        assertTrue(TargetCheck.of(SpectrumKind.XANES).relativeEnergy().problems(rel).isEmpty());
        SpectrumFile ni = SpectrumReaders.read(MEASURED.resolve("ni_metal_rt.xdi").toString());
        assertTrue(TargetCheck.of(SpectrumKind.EXAFS).problems(ni).get(0).contains("convert mu(E) to chi(k)"));
        SpectrumFile si = SpectrumReaders.read(MEASURED.resolve("si-q27r60-xray.gr").toString());
        String range = TargetCheck.of(SpectrumKind.PDF).withRange(1, 80).problems(si).get(0);
        assertTrue(range.contains("the fit needs r from 1 to 80 but the data cover 0.01 to 59.99"), range);
    }
}
