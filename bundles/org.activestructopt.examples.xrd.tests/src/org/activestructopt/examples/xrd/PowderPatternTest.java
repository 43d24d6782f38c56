package org.activestructopt.examples.xrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The physics of {@link PowderPattern} against cctbx (structure factors) and pymatgen (powder lines). */
class PowderPatternTest {

    private static final double CU_KA1 = 1.54056;

    /** f0(0) = Σa + c is the number of electrons of the neutral atom, to the accuracy of the tables' fits. */
    @Test
    void formFactorsAtZeroAngleCountTheElectrons() {
        for (Element e : Element.values()) {
            if (FormFactors.has(e)) {
                assertEquals(e.z(), FormFactors.f0(e, 0), 0.01 * e.z() + 0.01, e.symbol());
            }
        }
        assertTrue(FormFactors.has(Element.of("Ti")) && FormFactors.has(Element.of("O")));
        assertTrue(FormFactors.f0(Element.of("O"), 0.25) < FormFactors.f0(Element.of("O"), 0), "f falls with s");
    }

    /** |F(hkl)|² of every reflection to d = 1.2 Å, as cctbx sums it with the same (IT1992) form factors. */
    @ParameterizedTest
    @ValueSource(strings = {"NaCl.cif", "rutile.cif", "distorted.cif"})
    void structureFactorsAgreeWithCctbx(String file) {
        Structure s = Reference.structure(file);
        List<String[]> refs = Reference.rows("structure_factors.tsv", file);
        assertTrue(refs.size() > 20, "reference reflections of " + file);
        int checked = 0;
        for (String[] r : refs) {
            int h = Integer.parseInt(r[0]);
            int k = Integer.parseInt(r[1]);
            int l = Integer.parseInt(r[2]);
            double expected = Double.parseDouble(r[3]);
            double got = PowderPattern.structureFactorSquared(s, h, k, l, 0);
            assertEquals(expected, got, 1e-5 * Math.max(expected, 1) + 1e-6, file + " " + h + " " + k + " " + l);
            checked++;
        }
        assertEquals(refs.size(), checked);
    }

    /**
     * Positions and relative intensities of the lines as pymatgen's XRDCalculator gives them. pymatgen fits the form
     * factors its own way (not the IT1992 Cromer–Mann coefficients used here); recomputing its lines with IT1992
     * moves them by at most 0.3 on the scale of 100 for these structures, so the intensities agree to 0.5.
     */
    @ParameterizedTest
    @ValueSource(strings = {"NaCl.cif", "rutile.cif", "distorted.cif"})
    void linesAgreeWithPymatgen(String file) {
        Structure s = Reference.structure(file);
        List<Reflection> lines = PowderPattern.of(s, CU_KA1, 90, 0).lines().stream()
                .filter(r -> r.twoTheta() >= 10).toList();
        double max = lines.stream().mapToDouble(Reflection::intensity).max().orElseThrow();
        List<String[]> ref = Reference.rows("pymatgen_lines.tsv", file);
        List<Reflection> visible = lines.stream().filter(r -> r.intensity() / max * 100 > 1e-3).toList();
        assertEquals(ref.size(), visible.size(), "number of lines of " + file);
        for (int i = 0; i < ref.size(); i++) {
            double x = Double.parseDouble(ref.get(i)[0]);
            double y = Double.parseDouble(ref.get(i)[1]);
            assertEquals(x, visible.get(i).twoTheta(), 1e-6, file + " line " + i + " position");
            assertEquals(y, visible.get(i).intensity() / max * 100, 0.5, file + " line " + i + " at " + x);
        }
    }

    @Test
    void rockSaltHasItsTextbookLinesAndMultiplicities() {
        // fcc: h, k, l all even or all odd; 111 (8 hkl), 200 (6 x 2 signs = 6), 220 (12)
        List<Reflection> lines = PowderPattern.of(Reference.structure("NaCl.cif"), CU_KA1, 60, 0).lines();
        assertEquals(List.of(8, 6, 12, 24), lines.stream().map(Reflection::multiplicity).toList().subList(0, 4));
        double a = 5.6402;
        double d111 = a / Math.sqrt(3);
        assertEquals(Math.toDegrees(2 * Math.asin(CU_KA1 / (2 * d111))), lines.get(0).twoTheta(), 1e-9);
        assertEquals(d111, lines.get(0).d(), 1e-9);
    }

    @Test
    void aSupercellOrAShiftedOriginGivesTheSameNormalisedPattern() {
        Structure s = Reference.structure("rutile.cif");
        double[] x = grid(15, 85, 0.01);
        double[] base = normalised(PowderPattern.of(s, CU_KA1, 86, 0.3).profile(x, 0.1));
        double[] supercell = normalised(PowderPattern.of(s.supercell(2, 1, 3), CU_KA1, 86, 0.3).profile(x, 0.1));
        double[][] frac = s.fracCoords();
        for (double[] f : frac) {
            f[0] += 0.137;
            f[1] -= 0.291;
            f[2] += 0.5;
        }
        double[] shifted = normalised(PowderPattern.of(s.withFracCoords(frac), CU_KA1, 86, 0.3).profile(x, 0.1));
        for (int i = 0; i < x.length; i++) {
            assertEquals(base[i], supercell[i], 1e-9, "supercell at " + x[i]);
            assertEquals(base[i], shifted[i], 1e-9, "origin shift at " + x[i]);
        }
    }

    @Test
    void eachLineContributesItsIntensityAsTheAreaOfAGaussianOfTheGivenWidth() {
        Structure cu = Structure.builder(Lattice.cubic(3.615)).add("Cu", 0, 0, 0).add("Cu", 0, .5, .5)
                .add("Cu", .5, 0, .5).add("Cu", .5, .5, 0).build();
        PowderPattern p = PowderPattern.of(cu, CU_KA1, 60, 0);
        Reflection first = p.lines().get(0);
        double step = 0.001;
        double[] x = grid(first.twoTheta() - 1, first.twoTheta() + 1, step);
        double[] y = p.profile(x, 0.2);
        double area = 0;
        int peak = 0;
        for (int i = 0; i < y.length; i++) {
            area += y[i] * step;
            peak = y[i] > y[peak] ? i : peak;
        }
        assertEquals(first.intensity(), area, 1e-6 * first.intensity());
        assertEquals(first.twoTheta(), x[peak], step);
        // half maximum at +-FWHM/2
        double half = y[peak] / 2;
        int right = peak;
        while (y[right] > half) {
            right++;
        }
        assertEquals(first.twoTheta() + 0.1, x[right], 2 * step);
    }

    @Test
    void anElementWithoutFormFactorIsNamed() {
        Structure es = Structure.builder(Lattice.cubic(4)).add("Es", 0, 0, 0).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PowderPattern.of(es, CU_KA1, 60, 0));
        assertTrue(e.getMessage().contains("Es"), e.getMessage());
    }

    private static double[] grid(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + i * step;
        }
        return x;
    }

    private static double[] normalised(double[] y) {
        double max = 0;
        for (double v : y) {
            max = Math.max(max, v);
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] / max;
        }
        return out;
    }
}
