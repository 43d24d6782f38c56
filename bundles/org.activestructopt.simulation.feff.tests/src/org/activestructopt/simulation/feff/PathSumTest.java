package org.activestructopt.simulation.feff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.activestructopt.simulation.feff.PathSum.Convention;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PathSum} on FEFF 8.5L path files of fcc Ni and rock-salt FeO (data/paths, written by generate_paths.py):
 * the feffit convention against Larch's ff2chi with nonzero S0^2, E0 shift and per-path sigma^2, the FEFF convention
 * against FEFF's own chi.dat.
 */
class PathSumTest {

    private record Fixture(List<FeffDat> paths, double s02, double e0, double[] sigma2) {
    }

    private static Fixture fixture(String name) throws Exception {
        Path dir = TestData.data("paths", name);
        List<FeffDat> paths = new ArrayList<>();
        List<Double> sigma2 = new ArrayList<>();
        double s02 = Double.NaN;
        double e0 = Double.NaN;
        for (String line : Files.readAllLines(dir.resolve("larch-params.dat"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] t = line.strip().split("\\s+");
            switch (t[0]) {
                case "s02" -> s02 = Double.parseDouble(t[1]);
                case "e0" -> e0 = Double.parseDouble(t[1]);
                default -> {
                    paths.add(FeffDat.read(dir.resolve(t[0])));
                    sigma2.add(Double.parseDouble(t[1]));
                }
            }
        }
        return new Fixture(paths, s02, e0, sigma2.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double[][] columns(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] t = line.strip().split("\\s+");
                rows.add(new double[] { Double.parseDouble(t[0]), Double.parseDouble(t[1]) });
            }
        }
        double[][] out = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            out[0][i] = rows.get(i)[0];
            out[1][i] = rows.get(i)[1];
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = { "ni", "feo" })
    void feffitConventionIsLarchsFf2chi(String name) throws Exception {
        Fixture f = fixture(name);
        double[][] larch = columns(TestData.data("paths", name, "larch-chi.dat"));
        // from k = 1.5: Larch extrapolates its first point, and below k = 1.1 its E0-shifted q is imaginary
        int from = 30;
        double[] k = java.util.Arrays.copyOfRange(larch[0], from, larch[0].length);
        double[] ours = PathSum.of(f.paths()).chi(k, Convention.FEFFIT, f.s02(), f.e0(), f.sigma2());
        double top = 0;
        for (int i = 0; i < k.length; i++) {
            top = Math.max(top, Math.abs(larch[1][from + i]));
        }
        double worst = 0;
        for (int i = 0; i < k.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - larch[1][from + i]));
        }
        System.out.printf("measured: %s feffit vs Larch ff2chi: max |diff| %.3g of max |chi| %.3g (%.2g)%n", name, worst,
                top, worst / top);
        assertTrue(worst <= 1e-6 * top, name + ": largest difference from Larch " + worst + " of max |chi| " + top);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ni", "feo" })
    void feffConventionIsFeffsChiDat(String name) throws Exception {
        Path dir = TestData.data("paths", name);
        ChiDat chi = ChiDat.read(dir.resolve("chi.dat"));
        Map<Integer, Double> used = chi.pathSigma2();
        List<FeffDat> paths = new ArrayList<>();
        double[] s2 = new double[used.size()];
        int n = 0;
        for (Map.Entry<Integer, Double> e : used.entrySet()) {
            paths.add(FeffDat.read(dir.resolve(String.format("feff%04d.dat", e.getKey()))));
            s2[n++] = e.getValue();
        }
        double[] k = chi.k();
        double[] feff = chi.chi();
        double[] ours = PathSum.of(paths).chi(k, Convention.FEFF, 1, 0, s2);
        double top = 0;
        double worst = 0;
        for (int i = 0; i < k.length; i++) {
            if (k[i] >= 1 && k[i] <= 18) {
                top = Math.max(top, Math.abs(k[i] * k[i] * feff[i]));
                worst = Math.max(worst, Math.abs(k[i] * k[i] * (ours[i] - feff[i])));
            }
        }
        System.out.printf("measured: %s FEFF convention vs fixture chi.dat: max |k^2 diff| %.3g of %.3g (%.2g)%n", name,
                worst, top, worst / top);
        // the path files carry 5 digits; FEFF sums its full-precision tables
        assertTrue(worst <= 1e-3 * top, name + ": k^2 chi differs from FEFF's chi.dat by " + worst + " of " + top);
        assertTrue(worst > 0, "the comparison must see FEFF's own numbers");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ni", "feo" })
    void conventionsAgreeWithoutDisorderAndDifferByTheSphericalWaveTermWithIt(String name) throws Exception {
        Fixture f = fixture(name);
        PathSum sum = PathSum.of(f.paths());
        double[] k = new double[200];
        for (int i = 0; i < k.length; i++) {
            k[i] = 2 + 0.05 * i;
        }
        double[] zero = new double[f.paths().size()];
        double[] a = sum.chi(k, Convention.FEFFIT, 1, 0, zero);
        double[] b = sum.chi(k, Convention.FEFF, 1, 0, zero);
        double top = 0;
        double diff = 0;
        for (int i = 0; i < k.length; i++) {
            top = Math.max(top, Math.abs(a[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        // interpolation alone (cubic splines of the tables against linear of amplitude and phase)
        assertTrue(diff < 0.05 * top, "interpolation alone: " + diff + " of " + top);
        double[] withDisorder = sum.chi(k, Convention.FEFFIT, 1, 0, f.sigma2());
        double[] feffWay = sum.chi(k, Convention.FEFF, 1, 0, f.sigma2());
        double d2 = 0;
        for (int i = 0; i < k.length; i++) {
            d2 = Math.max(d2, Math.abs(withDisorder[i] - feffWay[i]));
        }
        System.out.printf("measured: %s feffit - feff convention: %.3g at sigma2 0, %.3g with the fixture's sigma2, "
                + "of max |chi| %.3g%n", name, diff, d2, top);
        assertTrue(d2 > diff, "the -4 p sigma^2 / R phase term must show: " + d2 + " vs " + diff);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ni" })
    void s02IsAnExactScaleAndE0MovesChiToHigherK(String name) throws Exception {
        Fixture f = fixture(name);
        PathSum sum = PathSum.of(f.paths());
        double[] k = { 4, 6, 8, 10 };
        double[] one = sum.chi(k, Convention.FEFFIT, 1, 0, f.sigma2());
        double[] scaled = sum.chi(k, Convention.FEFFIT, 0.7, 0, f.sigma2());
        for (int i = 0; i < k.length; i++) {
            assertEquals(0.7 * one[i], scaled[i], 1e-15 * Math.abs(one[i]) + 1e-300);
        }
        // chi at k with E0 shift dE equals chi without shift at q = sqrt(k^2 - dE / KTOE)
        double de = 5;
        double[] shifted = sum.chi(k, Convention.FEFFIT, 1, de, f.sigma2());
        double[] q = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            q[i] = Math.sqrt(k[i] * k[i] - de / PathSum.KTOE);
        }
        double[] atQ = sum.chi(q, Convention.FEFFIT, 1, 0, f.sigma2());
        for (int i = 0; i < k.length; i++) {
            assertEquals(atQ[i], shifted[i], 1e-12);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sum.chi(new double[] { 19.9 }, Convention.FEFFIT, 1, -30, f.sigma2()));
        assertTrue(e.getMessage().contains("beyond their end"), e.getMessage());
    }
}
