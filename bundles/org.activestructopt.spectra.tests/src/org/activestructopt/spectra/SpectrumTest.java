package org.activestructopt.spectra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.january.dataset.DatasetFactory;
import org.eclipse.january.dataset.DoubleDataset;
import org.eclipse.january.dataset.FloatDataset;
import org.eclipse.january.dataset.IntegerDataset;
import org.junit.jupiter.api.Test;

class SpectrumTest {

    private static Spectrum line(SpectrumKind kind, double a, double b, double... x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = a + b * x[i];
        }
        return Spectrum.of(kind, x, y);
    }

    @Test
    void kindDefaultsNameAxesAndUnits() {
        Spectrum s = line(SpectrumKind.PDF, 0, 1, 1, 2, 3);
        assertEquals("r", s.xName());
        assertEquals("angstrom", s.xUnits());
        assertEquals("G(r)", s.yName());
        assertEquals("angstrom^-2", s.yUnits());
        assertEquals("G(r)", s.name());
        assertEquals("eV", SpectrumKind.XANES.xUnits());
        assertEquals("angstrom^-1", SpectrumKind.EXAFS.xUnits());
        assertEquals("", SpectrumKind.EXAFS.yUnits());
    }

    @Test
    void copiesInAndOut() {
        double[] x = { 1, 2, 3 };
        double[] y = { 4, 5, 6 };
        Spectrum s = Spectrum.of(SpectrumKind.OTHER, x, y);
        x[0] = -1;
        y[0] = -1;
        s.xArray()[1] = 99;
        s.y().set(99.0, 2);
        assertArrayEquals(new double[] { 1, 2, 3 }, s.xArray());
        assertArrayEquals(new double[] { 4, 5, 6 }, s.yArray());
    }

    @Test
    void januaryDatasetsInAndOut() {
        Spectrum s = Spectrum.of(SpectrumKind.XANES,
                DatasetFactory.createFromObject(FloatDataset.class, new float[] { 8979f, 8980f, 8981.5f }),
                DatasetFactory.createFromObject(IntegerDataset.class, (Object) new int[] { 1, 4, 9 }));
        assertArrayEquals(new double[] { 8979, 8980, 8981.5 }, s.xArray());
        DoubleDataset y = s.y();
        assertArrayEquals(new int[] { 3 }, y.getShape());
        assertEquals(4.0, y.getDouble(1));
        assertEquals("E", s.x().getName());
        assertThrows(IllegalArgumentException.class, () -> Spectrum.of(SpectrumKind.OTHER,
                DatasetFactory.createFromObject(DoubleDataset.class, new double[] { 1, 2, 3, 4 }, 2, 2),
                DatasetFactory.createFromObject(DoubleDataset.class, new double[] { 1, 2, 3, 4 }, 2, 2)));
    }

    @Test
    void rejectsMalformedArraysNamingTheIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Spectrum.of(SpectrumKind.PDF, new double[] { 1, 2, 2 }, new double[] { 0, 0, 0 }));
        assertTrue(e.getMessage().contains("x[1] = 2.0 and x[2] = 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Spectrum.of(SpectrumKind.PDF, new double[] { 1, 2, 3 }, new double[] { 0, Double.NaN, 0 }));
        assertTrue(e.getMessage().contains("y[1] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Spectrum.of(SpectrumKind.PDF, new double[] { 1, 2, 3 }, new double[] { 0, 0 }));
        assertTrue(e.getMessage().contains("3 points but y has 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Spectrum.of(SpectrumKind.PDF, new double[] { 1 }, new double[] { 0 }));
        Spectrum s = line(SpectrumKind.PDF, 0, 1, 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> s.withUncertainties(new double[] { 1, 0, 1 }));
        assertThrows(IllegalArgumentException.class, () -> s.withUncertainties(new double[] { 1, 1 }));
    }

    @Test
    void resampleIsExactForLinearData() {
        Spectrum s = line(SpectrumKind.PDF, 0.5, -2, 0, 0.7, 1.1, 2.9, 4);
        Spectrum r = s.resample(Grid.uniform(0, 4, 0.25));
        assertEquals(17, r.size());
        double[] x = r.xArray();
        double[] y = r.yArray();
        for (int i = 0; i < x.length; i++) {
            assertEquals(0.5 - 2 * x[i], y[i], 1e-12, "at x = " + x[i]);
        }
        assertEquals(s.kind(), r.kind());
        assertEquals(s.yUnits(), r.yUnits());
    }

    @Test
    void resampleInterpolatesBetweenPoints() {
        Spectrum s = Spectrum.of(SpectrumKind.OTHER, new double[] { 0, 1, 3 }, new double[] { 0, 10, 30 * 0 + 0 });
        assertArrayEquals(new double[] { 5, 10, 7.5, 0 },
                s.resample(new double[] { 0.5, 1, 1.5, 3 }).yArray(), 1e-12);
    }

    @Test
    void resampleOutsideTheDataNamesBothRanges() {
        Spectrum s = line(SpectrumKind.PDF, 0, 1, 1, 2, 3).withName("target");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.resample(Grid.uniform(0.5, 3, 0.5)));
        assertTrue(e.getMessage().contains("[1, 3]") && e.getMessage().contains("[0.5, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("'target'"), e.getMessage());
        // a rounding error beyond the end is not extrapolation
        assertEquals(3.0, s.resample(new double[] { 1, 3 + 1e-12 }).yArray()[1], 1e-15);
    }

    @Test
    void resampleCarriesUncertainties() {
        Spectrum s = line(SpectrumKind.OTHER, 0, 1, 0, 1, 2).withUncertainties(new double[] { 1, 3, 5 });
        assertArrayEquals(new double[] { 2, 4 }, s.resample(new double[] { 0.5, 1.5 }).uncertainties().get(), 1e-12);
    }

    @Test
    void cropKeepsInclusiveRange() {
        Spectrum s = line(SpectrumKind.PDF, 0, 1, 1, 2, 3, 4, 5).withUncertainties(new double[] { 1, 2, 3, 4, 5 });
        Spectrum c = s.crop(2, 4);
        assertArrayEquals(new double[] { 2, 3, 4 }, c.xArray());
        assertArrayEquals(new double[] { 2, 3, 4 }, c.uncertainties().get());
        assertArrayEquals(new double[] { 2, 3 }, s.crop(1.5, 3.5).xArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.crop(2.5, 3.5));
        assertTrue(e.getMessage().contains("leaves 1 point"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.crop(4, 2));
    }

    @Test
    void mseAndMaeOnTheSameGrid() {
        Spectrum a = Spectrum.of(SpectrumKind.PDF, new double[] { 1, 2, 3, 4 }, new double[] { 1, 2, 3, 4 });
        Spectrum b = Spectrum.of(SpectrumKind.PDF, new double[] { 1, 2, 3, 4 }, new double[] { 1, 4, 3, 3 });
        assertEquals((0 + 4 + 0 + 1) / 4.0, a.mse(b), 1e-15);
        assertEquals((0 + 2 + 0 + 1) / 4.0, a.mae(b), 1e-15);
        assertEquals(0, a.mse(a));
    }

    @Test
    void mseResamplesTheTargetOntoThisGrid() {
        Spectrum target = line(SpectrumKind.PDF, 1, 2, 0, 0.5, 1, 1.5, 2, 2.5, 3);
        Spectrum model = Spectrum.of(SpectrumKind.PDF, new double[] { 0.25, 1.75, 2.2 }, new double[] { 1.5, 4.5, 6 });
        // target at model's x: 1.5, 4.5, 5.4 -> differences 0, 0, 0.6
        assertEquals(0.36 / 3, model.mse(target), 1e-12);
        assertEquals(0.6 / 3, model.mae(target), 1e-12);
        // the other way round the model would have to extrapolate
        assertThrows(IllegalArgumentException.class, () -> target.mse(model));
    }

    @Test
    void uncertaintiesWeightTheError() {
        double[] x = { 1, 2, 3 };
        Spectrum model = Spectrum.of(SpectrumKind.EXAFS, x, new double[] { 1, 1, 1 });
        Spectrum target = Spectrum.of(SpectrumKind.EXAFS, x, new double[] { 2, 3, 1 })
                .withUncertainties(new double[] { 1, 2, 0.5 });
        double w1 = 1, w2 = 0.25, w3 = 4;
        assertEquals((w1 * 1 + w2 * 4 + w3 * 0) / (w1 + w2 + w3), model.mse(target), 1e-12);
        assertEquals((w1 * 1 + w2 * 2) / (w1 + w2 + w3), model.mae(target), 1e-12);
        // equal sigmas give the plain mean
        Spectrum equal = target.withUncertainties(new double[] { 0.3, 0.3, 0.3 });
        assertEquals(5 / 3.0, model.mse(equal), 1e-12);
        // only the target's uncertainties count
        assertEquals(5 / 3.0, target.withUncertainties(null).mse(model.withUncertainties(null)), 1e-12);
    }

    @Test
    void refusesToCompareDifferentKnownKinds() {
        Spectrum pdf = line(SpectrumKind.PDF, 0, 1, 1, 2, 3);
        Spectrum exafs = line(SpectrumKind.EXAFS, 0, 1, 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> pdf.mse(exafs));
        assertEquals(0, pdf.mse(exafs.withKind(SpectrumKind.OTHER)));
    }

    @Test
    void withersReturnChangedCopies() {
        Spectrum s = line(SpectrumKind.OTHER, 0, 1, 1, 2, 3);
        Spectrum t = s.withName("best").withAxis("q", "1/angstrom").withValues("S(q)", "");
        assertEquals("best", t.name());
        assertEquals("q", t.xName());
        assertEquals("1/angstrom", t.xUnits());
        assertEquals("S(q)", t.yName());
        assertEquals("y", s.yName());
        assertNotEquals(s, t);
        assertEquals(t, s.withName("best").withAxis("q", "1/angstrom").withValues("S(q)", ""));
        assertEquals(t.hashCode(), s.withName("best").withAxis("q", "1/angstrom").withValues("S(q)", "").hashCode());
    }
}
