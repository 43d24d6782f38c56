package org.activestructopt.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

class RepulsionPenaltyTest {

    private static final RepulsionPenalty PER_SITE = RepulsionPenalty.of(MinimumDistances.defaults());

    private static Map<String, Structure> squeezed() {
        Map<String, Structure> map = new LinkedHashMap<>();
        for (String[] r : Fixtures.rows("violations.tsv")) {
            if (r[0].equals("S")) {
                map.put(r[1], Structure.of(Lattice.of(Fixtures.matrix(r[2], 3)), Fixtures.species(r[3]),
                        Fixtures.matrix(r[4], 3)));
            }
        }
        return map;
    }

    /** data/penalties.tsv: ActiveStructOpt's formula evaluated in Python on pymatgen's 8 A neighbour list. */
    @Test
    void valuesMatchTheIndependentPythonFormula() {
        Map<String, Structure> structures = squeezed();
        for (String[] r : Fixtures.rows("penalties.tsv")) {
            Structure s = structures.get(r[0]);
            double perEdge = Double.parseDouble(r[1]);
            double perSite = Double.parseDouble(r[2]);
            assertEquals(perEdge, PER_SITE.normalisedPerEdge(8.0).value(s), 1e-9 * perEdge, r[0]);
            assertEquals(perSite, PER_SITE.value(s), 1e-9 * perSite, r[0]);
            assertEquals(perSite, PER_SITE.evaluate(s).value(), 1e-9 * perSite, r[0]);
            assertEquals(perSite * 4, PER_SITE.withScale(10).value(s), 1e-9 * perSite, r[0]);
        }
    }

    @Test
    void satisfiedStructuresCostNothing() {
        Structure nacl = Fixtures.structures().get("NaCl");
        RepulsionPenalty.Evaluation e = PER_SITE.evaluate(nacl);
        assertEquals(0, e.value());
        for (double[] g : e.fracGradient()) {
            assertEquals(0, Math.abs(g[0]) + Math.abs(g[1]) + Math.abs(g[2]));
        }
        assertEquals(0, PER_SITE.normalisedPerEdge(8).value(nacl));
    }

    /**
     * Analytic gradients against central finite differences on a squeezed triclinic cell, for every fractional
     * coordinate and every lattice matrix entry.
     */
    @Test
    void gradientsMatchCentralFiniteDifferences() {
        Structure base = squeezed().get("LiFeO_triclinic");
        checkGradients(PER_SITE, base);
        checkGradients(PER_SITE.normalisedPerEdge(8.0), base);
        Structure sc = Structure.builder(Lattice.fromParameters(1.8, 2.0, 2.1, 75, 100, 65)).add("Si", 0.1, 0.2, 0.3)
                .add("O", 0.45, 0.5, 0.4).build();
        checkGradients(PER_SITE, sc);
        // perturbed copies of a larger squeezed cell
        Structure big = squeezed().get("NaCl_squeezed").supercell(new int[][] { { 1, 1, 0 }, { 0, 1, 0 },
                { 0, 0, 1 } }).perturbed(new SplittableRandom(3), 0.05, 0.2);
        checkGradients(PER_SITE, big);
    }

    private static void checkGradients(RepulsionPenalty p, Structure s) {
        RepulsionPenalty.Evaluation e = p.evaluate(s);
        assertTrue(e.value() > 0, "the structure violates the limits");
        double h = 1e-6;
        double[][] gf = e.fracGradient();
        double scale = maxAbs(gf);
        for (int i = 0; i < s.size(); i++) {
            for (int a = 0; a < 3; a++) {
                int site = i;
                int axis = a;
                double fd = central(p, x -> {
                    double[] f = s.frac(site);
                    f[axis] += x;
                    return s.withFrac(site, f);
                }, h);
                assertEquals(fd, gf[i][a], 1e-6 * scale, "d/dfrac[" + i + "][" + a + "] in " + s);
            }
        }
        double[][] gl = e.latticeGradient();
        double lscale = maxAbs(gl);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                int row = a;
                int col = b;
                double fd = central(p, x -> {
                    double[][] m = s.lattice().matrix();
                    m[row][col] += x;
                    return s.withLattice(Lattice.of(m));
                }, h);
                assertEquals(fd, gl[a][b], 1e-6 * lscale, "d/dM[" + a + "][" + b + "] in " + s);
            }
        }
        double[][] gc = e.cartesianGradient();
        double cscale = maxAbs(gc);
        for (int i = 0; i < s.size(); i++) {
            for (int c = 0; c < 3; c++) {
                int site = i;
                int axis = c;
                double fd = central(p, x -> {
                    double[] r = s.cart(site);
                    r[axis] += x;
                    return s.withFrac(site, s.lattice().toFractional(r));
                }, h);
                assertEquals(fd, gc[i][c], 1e-6 * cscale, "d/dcart[" + i + "][" + c + "]");
            }
        }
    }

    private static double central(RepulsionPenalty p, java.util.function.DoubleFunction<Structure> moved, double h) {
        ToDoubleFunction<Structure> v = p::value;
        return (v.applyAsDouble(moved.apply(h)) - v.applyAsDouble(moved.apply(-h))) / (2 * h);
    }

    private static double maxAbs(double[][] g) {
        double m = 0;
        for (double[] row : g) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    @Test
    void coincidentSitesAndBadSettingsAreReported() {
        Structure s = Structure.builder(Lattice.cubic(5)).add("O", 0.1, 0.1, 0.1).add("O", 0.1, 0.1, 1.1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PER_SITE.value(s));
        assertTrue(e.getMessage().contains("coincide"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PER_SITE.withScale(0));
        assertThrows(IllegalArgumentException.class, () -> PER_SITE.normalisedPerEdge(-1));
        assertTrue(Double.isNaN(PER_SITE.graphCutoff()));
        assertEquals(8, PER_SITE.normalisedPerEdge(8).graphCutoff());
        assertTrue(Double.isNaN(PER_SITE.normalisedPerEdge(8).normalisedPerSite().graphCutoff()));
    }
}
