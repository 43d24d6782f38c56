package org.activestructopt.spectra.exafs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.activestructopt.spectra.ColumnFile;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Compares against Larch 0.9.58's xftf and ftwindow, run by data/exafs/generate.py. */
class XftfTest {

    private static final Path DIR = Path.of("data", "exafs");

    @ParameterizedTest
    @ValueSource(strings = { "default", "kaiser", "parzen", "sine" })
    void matchesLarchXftf(String name) throws IOException {
        ColumnFile ref = ColumnFile.read(DIR.resolve("xftf_" + name + ".dat"));
        Map<String, String> kw = ref.keywords("xftf");
        ColumnFile in = ColumnFile.read(DIR.resolve(kw.get("input")));
        Xftf ft = new Xftf(d(kw, "kmin"), d(kw, "kmax"), d(kw, "kweight"), d(kw, "dk"), d(kw, "dk2"),
                FtWindow.fromName(kw.get("window")), d(kw, "rmax_out"), d(kw, "kstep"),
                Integer.parseInt(kw.get("nfft")));
        ChiR out = ft.transform(Spectrum.of(SpectrumKind.EXAFS, in.column(0), in.column(1)));

        double[] mag = ref.column(3);
        double scale = Arrays.stream(mag).max().orElseThrow();
        double tol = 1e-9 * scale;
        assertEquals(ref.column(0).length, out.r().length, "number of R points");
        assertArrayEquals(ref.column(0), out.r(), 1e-12, "r");
        assertArrayEquals(ref.column(1), out.real(), tol, "chir_re");
        assertArrayEquals(ref.column(2), out.imaginary(), tol, "chir_im");
        assertArrayEquals(mag, out.magnitude(), tol, "chir_mag");
    }

    private static double d(Map<String, String> kw, String key) {
        return Double.parseDouble(kw.get(key));
    }

    @Test
    void defaultsAreTheIssuesConventions() {
        Xftf d = Xftf.DEFAULTS;
        assertEquals(List.of(3.0, 12.0, 2.0, 1.0, 1.0, 10.0, 0.05),
                List.of(d.kmin(), d.kmax(), d.kweight(), d.dk(), d.dk2(), d.rmaxOut(), d.kstep()));
        assertEquals(FtWindow.HANNING, d.window());
        assertEquals(2048, d.nfft());
        assertEquals(Math.PI / 102.4, d.rstep(), 1e-15);
    }

    @Test
    void magnitudeSpectrumPeaksNearTheShellDistanceOfASingleSine() {
        // chi = sin(2 k R) has |chi(R)| peaking at R, up to the window's resolution of about pi/(2*9) angstrom
        double[] k = new double[301];
        double[] chi = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = 0.05 * i;
            chi[i] = Math.sin(2 * k[i] * 2.5);
        }
        Spectrum mag = Xftf.DEFAULTS.transform(k, chi).magnitudeSpectrum();
        double[] r = mag.xArray();
        double[] m = mag.yArray();
        int best = 0;
        for (int i = 1; i < m.length; i++) {
            if (m[i] > m[best]) {
                best = i;
            }
        }
        assertEquals(2.5, r[best], Math.PI / 102.4);
        assertEquals("R", mag.xName());
        assertEquals("angstrom^-3", mag.yUnits());
    }

    @Test
    void kGridWindowAndWeightingAreExposed() {
        double[] k = { 0, 5, 10, 15 };
        double[] chi = { 1, 1, 1, 1 };
        ChiR out = Xftf.DEFAULTS.withKWeight(1).transform(k, chi);
        assertEquals(301, out.k().length);
        assertEquals(10.0, out.k()[200], 1e-12);
        assertEquals(10.0, out.weightedChi()[200], 1e-12);
        assertEquals(1.0, out.kWindow()[150], 0);
        assertEquals(0.0, out.kWindow()[20], 0);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> Xftf.DEFAULTS.withKRange(12, 3));
        assertThrows(IllegalArgumentException.class, () -> Xftf.DEFAULTS.withSampling(0.05, 1000));
        assertThrows(IllegalArgumentException.class, () -> Xftf.DEFAULTS.withKWeight(-1));
        assertThrows(IllegalArgumentException.class, () -> Xftf.DEFAULTS.withRmaxOut(Double.NaN));
        // k up to 200 needs 4001 points at kstep 0.05: more than nfft
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Xftf.DEFAULTS.transform(new double[] { 0, 200 }, new double[] { 0, 0 }));
        assertTrue(e.getMessage().contains("nfft"), e.getMessage());
    }
}
