package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.ColumnText;
import org.activestructopt.structure.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** chi.dat, xmu.dat and feffNNNN.dat parsing on real FEFF output and on broken files. */
class OutputParserTest {

    @Test
    void readsFeffChiDat() throws Exception {
        ChiDat chi = ChiDat.read(TestData.data("feff", "cu-chi.dat"));
        // feff8l samples k = 0, 0.05, ..., 20
        assertEquals(401, chi.size());
        assertEquals(0, chi.k()[0]);
        assertEquals(20, chi.k()[400], 1e-12);
        assertEquals(3.0, chi.k()[60], 1e-12);
        // the row "3.0000  1.694896E-02 ..." of the file
        assertEquals(1.694896e-2, chi.chi()[60], 1e-12);
        assertTrue(chi.header().stream().anyMatch(h -> h.contains("paths used")));
    }

    @Test
    void readsFeff9StyleXmuDat() throws Exception {
        // hand-made in FEFF 9's layout (data/fake/feff9/make_xmu.py): negative k below the Fermi level, '# #' headers
        XmuDat x = XmuDat.read(TestData.data("fake", "feff9", "xmu.dat"));
        assertEquals(101, x.size());
        assertEquals(-15, x.energy()[0]);
        assertEquals(-1.722, x.k()[0]);
        assertEquals(8992.0, x.edgeEnergy(), 1e-9);
        assertEquals(-3.7, x.fermiLevel().orElseThrow(), 1e-12);
        double[] mu = x.normalizedMu();
        double[] mu0 = x.mu0();
        double norm = mu0[x.size() - 11]; // e = 50 eV
        assertEquals(50, x.energy()[x.size() - 11]);
        for (int i = 0; i < mu.length; i++) {
            assertEquals(x.mu()[i] / norm, mu[i], 1e-12);
        }
    }

    @Test
    void readsFeff85lXmuDatWrittenAlongTheChiDat() throws Exception {
        // the header and first rows of a feff8l xmu.dat (fcc Cu), as the reference notes show them
        String text = """
                # fcc Cu a=3.615 K edge                        Feff8L (EXAFS)       0.1
                # Mu=-3.733E+00 kf=1.821E+00 Vint=-1.637E+01 Rs_int= 1.992
                #  xsedge+50, used to normalize mu           2.4820E-04
                #  omega    e    k    mu    mu0     chi     @#
                    8988.428     -3.733   0.000  2.97271E-01  4.85490E-01 -1.97240E-01
                    8988.438     -3.723   0.050  2.98854E-01  4.92278E-01 -2.02634E-01
                    9042.006     49.845   3.750  9.37065E-01  9.94728E-01 -5.74247E-02
                    9043.445     51.283   3.800  9.40215E-01  9.95753E-01 -5.52191E-02
                """;
        XmuDat x = XmuDat.parse(text, "xmu.dat");
        assertEquals(-3.733, x.fermiLevel().orElseThrow(), 1e-12);
        assertEquals(8992.161, x.edgeEnergy(), 1e-9);
        double mu0At50 = 9.94728E-01 + (50 - 49.845) / (51.283 - 49.845) * (9.95753E-01 - 9.94728E-01);
        assertEquals(2.97271E-01 / mu0At50, x.normalizedMu()[0], 1e-12);
    }

    @Test
    void readsFeffPathFile() throws Exception {
        FeffDat p = FeffDat.read(TestData.data("feff", "cu-feff0001.dat"));
        assertEquals("cu-feff0001.dat", p.name());
        assertEquals(2, p.nleg());
        assertEquals(12, p.degeneracy());
        assertEquals(2.5562, p.reff(), 1e-12);
        assertEquals(Element.Cu, p.absorber());
        assertEquals(Element.Cu, p.scatterer());
        assertEquals(2.5562, Math.hypot(p.atoms().get(1).y(), p.atoms().get(1).z()), 1e-4);
        assertEquals(p.k().length, p.amplitude().length);
        assertTrue(p.k().length > 50);
        // Larch's amp = mag[feff] * red factor, pha = real[2*phc] + phase[feff]
        String row = Files.readAllLines(TestData.data("feff", "cu-feff0001.dat")).stream()
                .filter(l -> l.startsWith("  1.000 ")).findFirst().orElseThrow();
        double[] v = ColumnText.numbers(row, "row", 0);
        int i = indexOf(p.k(), 1.0);
        assertEquals(v[2] * v[4], p.amplitude()[i], 1e-12);
        assertEquals(v[1] + v[3], p.phase()[i], 1e-12);
        assertEquals(v[5], p.lambda()[i], 1e-12);
        assertEquals(v[6], p.realP()[i], 1e-12);
    }

    private static int indexOf(double[] a, double v) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - v) < 1e-9) {
                return i;
            }
        }
        throw new AssertionError(v + " not in the k grid");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "3-digit exponent without E | 1.5-100 | 1.5E-100",
            "Fortran D exponent         | 2.5D+01 | 25",
            "lower-case d               | -2.5d-01 | -0.25",
            "plain                      | 0.0500 | 0.05" })
    void fortranNumbers(String what, String token, double value) {
        assertEquals(value, ColumnText.parseNumber(token), Math.abs(value) * 1e-15);
    }

    @Test
    void fortranOverflowIsNotANumber() {
        assertThrows(NumberFormatException.class, () -> ColumnText.parseNumber("**********"));
        assertThrows(NumberFormatException.class, () -> ColumnText.parseNumber("2026-11-25"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing column   | EXTERNAL_FAILURE | line 3 |  0.0 1.0 1.0 0.0\\n  0.05 1.1",
            "overflow marker  | EXTERNAL_FAILURE | line 3 |  0.0 1.0 1.0 0.0\\n  0.05 ******** 1.0 0.0",
            "NaN              | NUMERICAL        | line 3 |  0.0 1.0 1.0 0.0\\n  0.05 NaN 1.0 0.0",
            "k not increasing | EXTERNAL_FAILURE | line 4 |  0.0 1.0 1.0 0.0\\n 0.05 1 1 0\\n 0.05 1 1 0",
            "no data          | EXTERNAL_FAILURE | no data |  # nothing\\n",
            "one column       | EXTERNAL_FAILURE | at least 2 | 0.0\\n 0.05" })
    void brokenChiDatIsATypedFailure(String what, Reason reason, String where, String body) {
        String text = "# k chi mag phase\n" + body.replace("\\n", "\n");
        SimulationException e = assertThrows(SimulationException.class, () -> ChiDat.parse(text, "broken/chi.dat"));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith("broken/chi.dat"), e.getMessage());
        assertTrue(e.getMessage().contains(where), e.getMessage());
    }

    @Test
    void missingFileIsAnExternalFailure(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        SimulationException e = assertThrows(SimulationException.class, () -> ChiDat.read(dir.resolve("chi.dat")));
        assertEquals(Reason.EXTERNAL_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void truncatedPathFileIsNamed() throws IOException {
        List<String> lines = Files.readAllLines(TestData.data("feff", "cu-feff0001.dat"));
        String cut = String.join("\n", lines.subList(0, 11));
        SimulationException e = assertThrows(SimulationException.class, () -> FeffDat.parse(cut, "feff0001.dat"));
        assertEquals(Reason.EXTERNAL_FAILURE, e.reason());
        assertTrue(e.getMessage().startsWith("feff0001.dat"), e.getMessage());
        SimulationException notPath = assertThrows(SimulationException.class,
                () -> FeffDat.parse(Files.readString(TestData.data("feff", "cu-chi.dat")), "chi.dat"));
        assertTrue(notPath.getMessage().contains("not a FEFF path file"), notPath.getMessage());
    }

    @Test
    void headerValuesAreFound() {
        assertArrayEquals(new double[] { -3.733 },
                new double[] { ColumnText.headerValue(List.of(" Mu=-3.733E+00 kf=1.821E+00"), "Mu").orElseThrow() });
        assertTrue(ColumnText.headerValue(List.of(" nothing"), "Mu").isEmpty());
    }
}
