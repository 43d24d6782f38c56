package org.activestructopt.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.activestructopt.spectra.exafs.FtWindow;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.spectra.nexus.SpectrumRef;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.spectra.Curve;
import org.activestructopt.ui.internal.spectra.PlotSpace;
import org.activestructopt.ui.internal.spectra.SpectraView;
import org.activestructopt.ui.internal.spectra.SpectrumChooserDialog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.Range;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpectraViewTest {

    private static final Path SEVERAL = Path.of("data", "several.nxs");

    private SpectraView view;
    private Ui.RecordingReporter reporter;
    private final List<List<String>> offered = new ArrayList<>();
    private final List<Optional<String>> offeredDefaults = new ArrayList<>();

    @BeforeEach
    void openView() throws Exception {
        view = (SpectraView) Ui.refinementPage().showView(AsoUi.SPECTRA_VIEW_ID);
        for (Curve c : Curve.values()) {
            view.clearCurve(c);
        }
        view.setSpace(PlotSpace.K);
        view.setKWeight(2);
        view.setWindow(FtWindow.HANNING);
        view.setDk(1);
        reporter = new Ui.RecordingReporter();
        view.setProblemReporter(reporter);
    }

    /** Loads a signal of several.nxs as the target, choosing it as a user would in the dialog. */
    private void loadTarget(Path file, String signal) {
        view.setChooser((shell, f, refs, defaultSignal) -> {
            offered.add(refs.stream().map(SpectrumRef::signalPath).toList());
            offeredDefaults.add(defaultSignal);
            return refs.stream().filter(r -> r.signalPath().equals(signal)).findFirst();
        });
        view.openNexusTarget(file);
        Ui.settle();
    }

    private ISeries<?> target() {
        ISeries<?> s = view.chart().getSeriesSet().getSeries(Curve.TARGET.label());
        assertNotNull(s, "target series plotted");
        return s;
    }

    @Test
    void exafsTargetIsPlottedAsReadByH5pyWithKWeightAndUnits() throws Exception {
        loadTarget(SEVERAL, "/exafs/chik/chi");
        assertEquals(List.of(Reference.nexusSignals("several.nxs")), offered, "every 1-D signal offered once");
        assertEquals(List.of(Optional.of(Reference.nexusDefault("several.nxs"))), offeredDefaults,
                "the file's NeXus default is offered first");
        assertTrue(reporter.statuses.isEmpty(), () -> "no error: " + reporter.statuses);
        Reference.Curve ref = Reference.nexus("several.nxs", "/exafs/chik/chi");

        view.setKWeight(0);
        assertArrayEquals(ref.x(), target().getXSeries(), 0);
        assertArrayEquals(ref.y(), target().getYSeries(), 0);
        assertEquals("k (Å⁻¹)", view.chart().getAxisSet().getXAxis(0).getTitle().getText());

        view.setKWeight(2);
        double[] k2chi = new double[ref.x().length];
        for (int i = 0; i < k2chi.length; i++) {
            k2chi[i] = ref.x()[i] * ref.x()[i] * ref.y()[i];
        }
        assertArrayEquals(k2chi, target().getYSeries(), 1e-12);
        assertEquals("k²·chi (Å⁻²)", view.chart().getAxisSet().getYAxis(0).getTitle().getText());
        Ui.screenshot(view.chart().getParent(), "spectra-exafs-k");
    }

    @Test
    void rSpacePeaksAtTheSingleShellDistance() throws Exception {
        loadTarget(SEVERAL, "/exafs/chik/chi");
        view.setSpace(PlotSpace.R);
        // The fixture is chi(k) ~ sin(2 * 2.55 k - 1): one shell at 2.55 Å with a constant phase, so |chi(R)|
        // peaks there (within the FT's R resolution, pi / (2 * 9 Å⁻¹) ~ 0.17 Å).
        double[] r = target().getXSeries();
        double[] mag = target().getYSeries();
        int peak = 0;
        for (int i = 1; i < mag.length; i++) {
            if (mag[i] > mag[peak]) {
                peak = i;
            }
        }
        assertEquals(2.55, r[peak], 0.1, "peak R");
        assertEquals("R (Å)", view.chart().getAxisSet().getXAxis(0).getTitle().getText());
        assertEquals("|χ(R)| (Å⁻³)", view.chart().getAxisSet().getYAxis(0).getTitle().getText());
        Ui.screenshot(view.chart().getParent(), "spectra-exafs-r");
    }

    private static final Path NI_FOIL = Path.of("data", "measured", "ni_metal_rt.xdi");

    /** Larch's |chi(R)| of the Ni foil: column 1 Hanning dk 1, column 2 Kaiser-Bessel dk 4 (generate_chir.py). */
    private static double[][] larchChiR() throws Exception {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("data", "measured", "ni_chir.dat"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.strip().split("\\s+");
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        }
        double[][] out = new double[3][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 3; c++) {
                out[c][i] = rows.get(i)[c];
            }
        }
        return out;
    }

    private static int argmax(double[] y) {
        int peak = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[peak]) {
                peak = i;
            }
        }
        return peak;
    }

    /**
     * The measured Ni foil (mu(E), XDI) becomes chi(k) by AUTOBK and its |chi(R)| is Larch's: pre_edge, autobk
     * (rbkg 1, k-weight 2) and xftf (k 3-12, k-weight 2) with both windows the view offers. Our AUTOBK's chi(k) is
     * within 2 % rms of Larch's (the xas tests), so the peak may differ by that much; its position is the same grid
     * point (R step pi / (0.05 * 2048) = 0.031 Å).
     */
    @ParameterizedTest
    @ValueSource(strings = {"HANNING", "KAISER"})
    void theChiROfTheMeasuredNiFoilIsLarchs(String windowName) throws Exception {
        FtWindow window = FtWindow.valueOf(windowName);
        view.openTarget(NI_FOIL);
        Ui.settle();
        assertTrue(reporter.statuses.isEmpty(), () -> "no error: " + reporter.statuses);
        assertTrue(view.model().isExafs(), "mu(E) of a full EXAFS scan is shown as chi(k)");
        assertTrue(view.messages().status().getMessage().contains("AUTOBK"), view.messages().status().getMessage());
        view.setSpace(PlotSpace.R);
        view.setWindow(window);
        view.setDk(window == FtWindow.KAISER ? 4 : 1);
        assertEquals("R (Å)", view.chart().getAxisSet().getXAxis(0).getTitle().getText());
        assertEquals("|χ(R)| (Å⁻³)", view.chart().getAxisSet().getYAxis(0).getTitle().getText());

        double[][] larch = larchChiR();
        double[] larchMag = larch[window == FtWindow.KAISER ? 2 : 1];
        double[] r = target().getXSeries();
        double[] mag = target().getYSeries();
        assertEquals(larch[0].length, r.length, "Larch's R grid up to rmax_out 10");
        for (int i = 0; i < r.length; i++) {
            assertEquals(larch[0][i], r[i], 1e-9);
        }
        int peak = argmax(mag);
        int larchPeak = argmax(larchMag);
        assertEquals(larch[0][larchPeak], r[peak], 1e-9, "first-shell peak at Larch's R");
        assertEquals(larchMag[larchPeak], mag[peak], 0.02 * larchMag[larchPeak], "peak magnitude");
        double sum = 0;
        int n = 0;
        for (int i = 0; i < r.length && r[i] <= 6; i++) {
            sum += (mag[i] - larchMag[i]) * (mag[i] - larchMag[i]);
            n++;
        }
        double rms = Math.sqrt(sum / n);
        assertTrue(rms < 0.02 * larchMag[larchPeak], "rms difference over R 0-6 Å " + rms + " vs peak "
                + larchMag[larchPeak]);
        assertTrue(view.model().transformDescription().contains(window.larchName()),
                view.model().transformDescription());
        Ui.screenshot(view.chart().getParent(), "spectra-ni-foil-r-" + window.larchName());
    }

    @Test
    void aMeasuredFileWithoutEnergyColumnIsReportedInOneLineAndThePlotSurvives() throws Exception {
        view.openTarget(NI_FOIL);
        Ui.settle();
        double[] before = target().getYSeries();
        view.openTarget(Path.of("data", "measured", "bad_no_energy.xdi"));
        Ui.settle();
        assertEquals(1, reporter.statuses.size(), () -> "one report: " + reporter.statuses);
        String m = reporter.statuses.get(0).getMessage();
        assertTrue(m.contains("bad_no_energy.xdi"), m);
        assertFalse(m.contains("\n") || m.contains("\tat "), m);
        assertEquals("Cannot open target", reporter.titles.get(0));
        assertArrayEquals(before, target().getYSeries(), 0, "previous target still plotted");
    }

    @Test
    void pdfTargetIsPlottedUnchangedWithoutExafsControls() throws Exception {
        loadTarget(SEVERAL, "/pdf/gr/G");
        Reference.Curve ref = Reference.nexus("several.nxs", "/pdf/gr/G");
        assertArrayEquals(ref.x(), target().getXSeries(), 0);
        assertArrayEquals(ref.y(), target().getYSeries(), 0);
        assertFalse(view.model().isExafs());
        assertEquals("r (Å)", view.chart().getAxisSet().getXAxis(0).getTitle().getText());
        Ui.screenshot(view.chart().getParent(), "spectra-pdf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not_hdf5.nxs", "truncated_header.nxs", "no_such_file.nxs"})
    void aBrokenFileIsReportedWithItsReasonAndThePlotSurvives(String name) throws Exception {
        loadTarget(SEVERAL, "/pdf/gr/G");
        double[] before = target().getYSeries();
        view.openNexusTarget(Path.of("data", name));
        Ui.settle();
        assertEquals(1, reporter.statuses.size(), () -> "one report: " + reporter.statuses);
        IStatus s = reporter.statuses.get(0);
        assertEquals(IStatus.ERROR, s.getSeverity());
        assertTrue(s.getMessage().contains(name), () -> "names the file: " + s.getMessage());
        assertFalse(s.getMessage().contains("\tat "), "no stack trace");
        assertEquals(null, s.getException(), "no exception for the details pane");
        assertEquals("Cannot open NeXus file", reporter.titles.get(0));
        assertEquals(s.getMessage(), view.messages().status().getMessage(), "message line shows the reason");
        assertEquals(IStatus.ERROR, view.messages().status().getSeverity());
        assertArrayEquals(before, target().getYSeries(), 0, "previous target still plotted");
        if (name.equals("not_hdf5.nxs")) {
            Ui.screenshot(view.chart().getParent(), "spectra-error");
        }
        loadTarget(SEVERAL, "/exafs/chik/chi");
        assertEquals(IStatus.INFO, view.messages().status().getSeverity(), "a good file clears the error");
    }

    @Test
    void aFileWithOneSpectrumIsPlottedWithoutAskingWithItsUnits() {
        loadTarget(Path.of("data", "default_chain.nxs"), "never asked");
        assertEquals(List.of(), offered, "no chooser for a single spectrum");
        Reference.Curve ref = Reference.nexus("default_chain.nxs", Reference.nexusDefault("default_chain.nxs"));
        assertArrayEquals(ref.x(), target().getXSeries(), 0);
        assertArrayEquals(ref.y(), target().getYSeries(), 0);
        // @units angstrom on r and angstrom^-2 on G in the file
        assertEquals("r (Å)", view.chart().getAxisSet().getXAxis(0).getTitle().getText());
        assertEquals("G (Å⁻²)", view.chart().getAxisSet().getYAxis(0).getTitle().getText());
    }

    @Test
    void aNewerOpenSupersedesOneStillRunning() {
        loadTarget(SEVERAL, "/pdf/gr/G");
        view.openNexusTarget(Path.of("data", "not_hdf5.nxs"));
        view.setChooser((shell, f, refs, d) -> refs.stream()
                .filter(r -> r.signalPath().equals("/exafs/chik/chi")).findFirst());
        view.openNexusTarget(SEVERAL);
        Ui.settle();
        assertEquals(List.of(), reporter.statuses, "the superseded broken file is not reported");
        assertEquals("/exafs/chik/chi", view.model().get(Curve.TARGET).orElseThrow().name());
    }

    @Test
    void startAndBestCurvesShareTheTargetTransform() {
        loadTarget(SEVERAL, "/exafs/chik/chi");
        var best = NexusSpectraSupport.read(SEVERAL, "/exafs/chik/chi_fit");
        view.setCurve(Curve.BEST, best);
        view.setSpace(PlotSpace.R);
        double[] t = target().getYSeries();
        double[] b = view.chart().getSeriesSet().getSeries(Curve.BEST.label()).getYSeries();
        assertEquals(t.length, b.length);
        // chi_fit = 0.95 chi in the fixture, and the transform is linear
        for (int i = 0; i < t.length; i++) {
            assertEquals(0.95 * t[i], b[i], 1e-12 + 1e-9 * t[i]);
        }
    }

    @Test
    void csvExportHoldsThePlottedNumbersWithUnits(@TempDir Path tmp) throws Exception {
        loadTarget(SEVERAL, "/pdf/gr/G");
        Path csv = tmp.resolve("plot.csv");
        view.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("curve,r (Å),G", lines.get(0));
        Reference.Curve ref = Reference.nexus("several.nxs", "/pdf/gr/G");
        assertEquals(ref.x().length + 1, lines.size());
        for (int i = 0; i < ref.x().length; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals("target", f[0]);
            assertEquals(ref.x()[i], Double.parseDouble(f[1]), 0);
            assertEquals(ref.y()[i], Double.parseDouble(f[2]), 0);
        }
    }

    @Test
    void pngExportIsAnImageOfTheChart(@TempDir Path tmp) throws Exception {
        loadTarget(SEVERAL, "/pdf/gr/G");
        Path png = tmp.resolve("plot.png");
        view.exportPng(png);
        ImageData[] data = new ImageLoader().load(png.toString());
        assertEquals(view.chart().getSize().x, data[0].width);
        assertEquals(view.chart().getSize().y, data[0].height);
        Files.copy(png, Path.of("target", "screenshots", "spectra-export.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void dragZoomsIntoTheRectangleWheelZoomsAndDoubleClickShowsAllAgain() {
        loadTarget(SEVERAL, "/pdf/gr/G");
        IAxis x = view.chart().getAxisSet().getXAxis(0);
        IAxis y = view.chart().getAxisSet().getYAxis(0);
        view.resetZoom();
        Ui.settle();
        Range fullX = x.getRange();
        String state = "range " + fullX + ", chart " + view.chart().getSize() + ", plot area "
                + view.chart().getPlotArea().getControl().getSize() + ", visible " + view.chart().isVisible();
        assertTrue(fullX.lower <= 0.5 && fullX.upper >= 4.95, "all data shown: " + state);
        Control area = view.chart().getPlotArea().getControl();
        double pixelX = (fullX.upper - fullX.lower) / area.getSize().x;
        int x1 = x.getPixelCoordinate(2.0);
        int x2 = x.getPixelCoordinate(3.0);
        int y1 = y.getPixelCoordinate(3.0);
        int y2 = y.getPixelCoordinate(-0.5);
        mouse(area, SWT.MouseDown, x1, y1, 1, 0);
        mouse(area, SWT.MouseMove, (x1 + x2) / 2, (y1 + y2) / 2, 0, SWT.BUTTON1);
        mouse(area, SWT.MouseMove, x2, y2, 0, SWT.BUTTON1);
        mouse(area, SWT.MouseUp, x2, y2, 1, SWT.BUTTON1);
        assertEquals(2.0, x.getRange().lower, 2 * pixelX);
        assertEquals(3.0, x.getRange().upper, 2 * pixelX);
        assertEquals(-0.5, y.getRange().lower, 0.05);
        assertEquals(3.0, y.getRange().upper, 0.05);

        Event wheel = new Event();
        wheel.x = x.getPixelCoordinate(2.5);
        wheel.y = y.getPixelCoordinate(1.0);
        wheel.count = 1;
        area.notifyListeners(SWT.MouseVerticalWheel, wheel);
        assertEquals(1.0 / 1.25, x.getRange().upper - x.getRange().lower, 4 * pixelX, "zoomed in around 2.5");
        assertEquals(2.5, (x.getRange().upper + x.getRange().lower) / 2, 4 * pixelX);

        mouse(area, SWT.MouseDoubleClick, x2, y2, 1, 0);
        // adjustRange leaves a margin of a few pixels, so "all again" is equal to the pixel
        assertEquals(fullX.lower, x.getRange().lower, 2 * pixelX);
        assertEquals(fullX.upper, x.getRange().upper, 2 * pixelX);
    }

    private static void mouse(Control c, int type, int x, int y, int button, int stateMask) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = button;
        e.stateMask = stateMask;
        e.count = type == SWT.MouseDoubleClick ? 2 : 1;
        c.notifyListeners(type, e);
    }

    @Test
    void chooserDialogListsTheOneDimensionalSpectra() throws Exception {
        List<SpectrumRef> refs = NexusSpectra.list(SEVERAL);
        SpectrumChooserDialog d = new SpectrumChooserDialog(view.getSite().getShell(), SEVERAL, refs);
        d.setBlockOnOpen(false);
        d.open();
        try {
            assertEquals(Reference.nexusSignals("several.nxs"), d.rows().stream().map(r -> r[0]).toList());
            assertEquals("120", d.rows().get(0)[1]);
            assertEquals("0 – 11.9 Å⁻¹", d.rows().get(0)[2]);
            Ui.screenshot(d.getShell(), "spectra-chooser");
            d.select("/pdf/sq/S");
            Optional<SpectrumRef> chosen = d.selection();
            d.accept();
            assertEquals("/pdf/sq/S", chosen.orElseThrow().signalPath());
        } finally {
            d.close();
        }
    }
}
