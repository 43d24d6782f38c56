package org.activestructopt.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.activestructopt.structure.DistanceHistogram;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.structure.BallAndStickScene.LegendEntry;
import org.activestructopt.ui.internal.structure.ElementColours;
import org.activestructopt.ui.internal.structure.StructureView;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StructureViewTest {

    private StructureView view;
    private Ui.RecordingReporter reporter;

    @BeforeEach
    void openView() throws Exception {
        view = (StructureView) Ui.refinementPage().showView(AsoUi.STRUCTURE_VIEW_ID);
        reporter = new Ui.RecordingReporter();
        view.setProblemReporter(reporter);
    }

    private void load(String name) {
        view.openCif(Path.of("data", name + ".cif"));
        Ui.settle();
        assertTrue(reporter.statuses.isEmpty(), () -> "no error: " + reporter.statuses);
    }

    @ParameterizedTest
    @CsvSource({"LiNiO2, Ni, O", "NaCl, Na, Cl"})
    void cifIsShownWithPymatgensAtomsLegendAndDistanceHistogram(String name, String centre, String neighbour)
            throws Exception {
        load(name);
        Structure s = view.structure();
        assertNotNull(s);
        assertEquals(Reference.sites(name), s.size(), "sites after symmetry expansion");
        Map<String, Integer> legend = new LinkedHashMap<>();
        for (LegendEntry e : view.canvas().scene().legend()) {
            legend.put(e.element().symbol(), e.sites());
        }
        assertEquals(Reference.elements(name), legend, "legend: elements by Z with site counts");

        DistanceHistogram h = view.histogram();
        assertSame(Element.of(centre), h.first(), "default pair");
        assertSame(Element.of(neighbour), h.second());
        double[] ref = Reference.distances(name);
        int[] counts = h.counts();
        assertEquals(ref.length, h.total(), "pairs within 6 Å");
        for (int k = 0; k < counts.length; k++) {
            double lo = k * h.width();
            double hi = lo + h.width();
            long expected = java.util.Arrays.stream(ref).filter(d -> d >= lo && d < hi).count();
            assertEquals(expected, counts[k], "bin " + lo + "-" + hi);
        }
        double[] bars = view.histogramChart().getSeriesSet().getSeries()[0].getYSeries();
        for (int k = 0; k < counts.length; k++) {
            assertEquals(counts[k], bars[k], 0, "plotted bar " + k);
        }

        ImageData shot = Ui.screenshot(view.canvas().getParent().getParent(), "structure-" + name);
        // every element's colour is on screen (its spheres' shaded discs pass through the base colour)
        for (LegendEntry e : view.canvas().scene().legend()) {
            assertTrue(contains(shot, ElementColours.of(e.element()), 40),
                    () -> "colour of " + e.element() + " drawn");
        }
    }

    @Test
    void dragRotatesTheView() throws Exception {
        load("LiNiO2");
        double[] before = view.canvas().rotation();
        view.canvas().rotate(0.6, 0.3);
        double[] after = view.canvas().rotation();
        assertFalse(java.util.Arrays.equals(before, after));
        // still a rotation: orthonormal rows
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = after[3 * i] * after[3 * j] + after[3 * i + 1] * after[3 * j + 1]
                        + after[3 * i + 2] * after[3 * j + 2];
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
        }
        Ui.screenshot(view.canvas(), "structure-LiNiO2-rotated");
        view.canvas().resetView();
    }

    @Test
    void anotherPairCanBeHistogrammed() {
        load("LiNiO2");
        view.setHistogramPair(Element.Li, Element.O);
        assertSame(Element.Li, view.histogram().first());
        // Li in LiNiO2 is octahedral: 6 O neighbours per Li, 3 Li per cell, all below 2.2 Å
        int first = 0;
        int[] c = view.histogram().counts();
        for (int k = 0; k < (int) (2.2 / view.histogram().width()); k++) {
            first += c[k];
        }
        assertEquals(18, first);
    }

    @Test
    void aBrokenCifIsReportedWithLineAndTagAndTheViewKeepsItsStructure() {
        load("NaCl");
        view.openCif(Path.of("data", "broken.cif"));
        Ui.settle();
        assertEquals(1, reporter.statuses.size());
        IStatus s = reporter.statuses.get(0);
        assertEquals(IStatus.ERROR, s.getSeverity());
        assertTrue(s.getMessage().contains("broken.cif") && s.getMessage().contains("_cell_length_b"),
                () -> "names file and tag: " + s.getMessage());
        assertEquals("Cannot open CIF file", reporter.titles.get(0));
        assertEquals(s.getMessage(), view.messages().status().getMessage());
        assertEquals(8, view.structure().size(), "NaCl still shown");
    }

    @Test
    void aNewerOpenSupersedesOneStillRunning() {
        view.openCif(Path.of("data", "broken.cif"));
        view.openCif(Path.of("data", "LiNiO2.cif"));
        Ui.settle();
        assertTrue(reporter.statuses.isEmpty(), () -> "superseded load not reported: " + reporter.statuses);
        assertEquals(Reference.sites("LiNiO2"), view.structure().size());
    }

    /** @return true when some pixel is within tol (per channel) of the colour */
    private static boolean contains(ImageData img, RGB c, int tol) {
        for (int y = 0; y < img.height; y++) {
            for (int x = 0; x < img.width; x++) {
                RGB p = img.palette.getRGB(img.getPixel(x, y));
                if (Math.abs(p.red - c.red) <= tol && Math.abs(p.green - c.green) <= tol
                        && Math.abs(p.blue - c.blue) <= tol) {
                    return true;
                }
            }
        }
        return false;
    }
}
