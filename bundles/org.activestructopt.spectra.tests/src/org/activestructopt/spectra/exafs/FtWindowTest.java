package org.activestructopt.spectra.exafs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.activestructopt.spectra.ColumnFile;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.api.Test;

/** Compares every window against Larch 0.9.58's ftwindow (data/exafs/windows.dat, from generate.py). */
class FtWindowTest {

    @Test
    void everyWindowMatchesLarch() throws IOException {
        ColumnFile ref = ColumnFile.read(Path.of("data", "exafs", "windows.dat"));
        double[] k = ref.column(0);
        List<String> lines = ref.header().stream().filter(h -> h.startsWith("window ")).toList();
        assertEquals(FtWindow.values().length, lines.size(), "one reference column per window");
        for (int c = 0; c < lines.size(); c++) {
            String name = lines.get(c).split("\\s+")[1];
            Map<String, String> kw = ColumnFile.parseKeywords(lines.get(c));
            FtWindow w = FtWindow.fromName(name);
            double[] got = w.values(k, d(kw, "xmin"), d(kw, "xmax"), d(kw, "dx"), d(kw, "dx2"));
            assertArrayEquals(ref.column(c + 1), got, 1e-12, name);
        }
    }

    private static double d(Map<String, String> kw, String key) {
        return Double.parseDouble(kw.get(key));
    }

    @Test
    void namesAreMatchedLikeLarch() {
        assertEquals(FtWindow.HANNING, FtWindow.fromName("Hanning"));
        assertEquals(FtWindow.KAISER, FtWindow.fromName("kaiser-bessel"));
        assertEquals(FtWindow.FHANNING, FtWindow.fromName("fha"));
        assertThrows(IllegalArgumentException.class, () -> FtWindow.fromName("ha"));
        assertThrows(IllegalArgumentException.class, () -> FtWindow.fromName("boxcar"));
    }

    @Test
    void gridsNotStartingAtZeroGetTheSameWindowAsTheMatchingSlice() {
        double[] full = new double[321];
        for (int i = 0; i < full.length; i++) {
            full[i] = 0.05 * i;
        }
        double[] tail = Arrays.copyOfRange(full, 40, full.length);
        double[] onFull = FtWindow.HANNING.values(full, 3, 12, 1);
        double[] onTail = FtWindow.HANNING.values(tail, 3, 12, 1);
        assertArrayEquals(Arrays.copyOfRange(onFull, 40, full.length), onTail, 1e-12);
    }

    @Test
    void kWeightMultipliesAndRenames() {
        Spectrum chi = Spectrum.of(SpectrumKind.EXAFS, new double[] { 1, 2, 3 }, new double[] { 1, -1, 0.5 })
                .withUncertainties(new double[] { 0.1, 0.1, 0.1 });
        Spectrum w = Exafs.kWeight(chi, 2);
        assertArrayEquals(new double[] { 1, -4, 4.5 }, w.yArray(), 1e-15);
        assertArrayEquals(new double[] { 0.1, 0.4, 0.9 }, w.uncertainties().get(), 1e-15);
        assertEquals("k^2 chi(k)", w.yName());
        assertEquals("angstrom^-2", w.yUnits());
        assertEquals(chi, Exafs.kWeight(chi, 0));
        assertThrows(IllegalArgumentException.class, () -> Exafs.kWeight(chi, -1));
    }
}
