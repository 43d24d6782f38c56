package org.activestructopt.ui.internal.structure;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.io.CifReader;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.BackgroundLoad;
import org.activestructopt.ui.internal.MessageLine;
import org.activestructopt.ui.internal.ProblemReporter;
import org.activestructopt.ui.internal.run.CandidateRecord;
import org.activestructopt.ui.internal.run.RunSession;
import org.activestructopt.ui.internal.run.RunSessions;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;

/**
 * A crystal structure as ball-and-stick (see {@link StructureCanvas}) over a histogram of the distances between two
 * chosen elements. Structures come from CIF files (command "Open CIF...") and, later, from refinement runs through
 * {@link #setStructure(Structure, String)}.
 */
public final class StructureView extends ViewPart implements RunSessions.Listener {

    /** Opening another file supersedes a load still running. */
    private final BackgroundLoad.Latest loads = new BackgroundLoad.Latest();
    private StructureCanvas canvas;
    private Combo pairCombo;
    private Chart histogramChart;
    private MessageLine messages;
    private Structure structure;
    private String source = "";
    private List<Element[]> pairs = List.of();
    private DistanceHistogram histogram;
    private RunSession session;
    /** The candidate shown: the selected one, else the run's best (followed as it improves). */
    private CandidateRecord shown;
    private boolean followBest = true;
    private final ISelectionListener selectionListener = (part, selection) -> candidateSelected(selection);

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        canvas = new StructureCanvas(sash);
        Composite lower = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 2).applyTo(lower);
        Composite header = new Composite(lower, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(header);
        new Label(header, SWT.NONE).setText("Distances");
        pairCombo = new Combo(header, SWT.READ_ONLY | SWT.DROP_DOWN);
        pairCombo.addListener(SWT.Selection, e -> showHistogram(pairCombo.getSelectionIndex()));
        new Label(header, SWT.NONE).setText(String.format(Locale.ROOT, "up to %.0f Å, bins of %.2f Å",
                DistanceHistogram.DEFAULT_RMAX, DistanceHistogram.DEFAULT_WIDTH));
        histogramChart = new Chart(lower, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(histogramChart);
        histogramChart.getTitle().setVisible(false);
        histogramChart.getLegend().setVisible(false);
        histogramChart.getAxisSet().getXAxis(0).getTitle().setText("distance (Å)");
        histogramChart.getAxisSet().getYAxis(0).getTitle().setText("pairs/cell");
        sash.setWeights(64, 36);
        messages = new MessageLine(parent);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(messages.control());
        messages.info("No structure loaded.");
        getSite().getPage().addSelectionListener(AsoUi.CANDIDATES_VIEW_ID, selectionListener);
        RunSessions.get().addListener(this);
        RunSessions.get().current().ifPresent(this::sessionChanged);
    }

    @Override
    public void dispose() {
        RunSessions.get().removeListener(this);
        getSite().getPage().removeSelectionListener(AsoUi.CANDIDATES_VIEW_ID, selectionListener);
        super.dispose();
    }

    // ------------------------------------------------------------------ the current run

    @Override
    public void sessionChanged(RunSession s) {
        session = s;
        shown = null;
        followBest = true;
        showBest();
    }

    @Override
    public void candidatesAdded(RunSession s, List<CandidateRecord> added) {
        if (s == session && followBest) {
            showBest();
        }
    }

    @Override
    public void stateChanged(RunSession s) {
        if (s == session && followBest && shown == null && s.startStructure().isPresent()) {
            setStructure(s.startStructure().get(), s.name() + ": start");
        }
    }

    private void showBest() {
        if (canvas.isDisposed()) {
            return;
        }
        session.best().ifPresentOrElse(b -> show(b, "best"), () -> session.startStructure().ifPresent(
                st -> setStructure(st, session.name() + ": start")));
    }

    private void show(CandidateRecord r, String role) {
        if (r == shown) {
            return;
        }
        shown = r;
        setStructure(r.structure(), role + " " + r.label() + (r.isFailed() ? ", failed"
                : ", loss " + org.activestructopt.ui.internal.spectra.Units.number(r.loss())));
    }

    private void candidateSelected(ISelection selection) {
        Object first = selection instanceof IStructuredSelection s && s.size() == 1 ? s.getFirstElement() : null;
        if (first instanceof CandidateRecord r) {
            followBest = false;
            show(r, "selected");
        } else if (session != null) {
            followBest = true;
            showBest();
        }
    }

    /** @return the candidate shown, if the structure comes from a run */
    public CandidateRecord shownCandidate() {
        return shown;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    /** @return the ball-and-stick canvas */
    public StructureCanvas canvas() {
        return canvas;
    }

    /** @return the histogram chart */
    public Chart histogramChart() {
        return histogramChart;
    }

    /** @return the message line under the view */
    public MessageLine messages() {
        return messages;
    }

    /** @return the structure shown, or null */
    public Structure structure() {
        return structure;
    }

    /** @return the histogram shown, or null */
    public DistanceHistogram histogram() {
        return histogram;
    }

    /** Replaces the error dialog (tests observe the reports). */
    public void setProblemReporter(ProblemReporter reporter) {
        messages.setReporter(reporter);
    }

    /**
     * Reads a CIF file in the background and shows its (first) structure. A file that cannot be read or parsed is
     * reported with the reader's reason (file, line, tag) and leaves the view as it was.
     *
     * @return the reading job
     */
    public Job openCif(Path file) {
        messages.info("Reading " + file.getFileName() + " ...");
        record Loaded(Structure structure, BallAndStickScene scene) {
        }
        return loads.start("Reading " + file.getFileName(), canvas, monitor -> {
            Structure s = CifReader.defaults().read(file);
            return new Loaded(s, BallAndStickScene.of(s));
        }, loaded -> show(loaded.structure(), loaded.scene(), file.getFileName().toString()),
                reason -> messages.error("Cannot open CIF file", reason));
    }

    /**
     * Shows a structure (on the UI thread; for large cells prefer building the scene in a job).
     *
     * @param name where it comes from, shown in the message line
     */
    public void setStructure(Structure s, String name) {
        show(Objects.requireNonNull(s, "structure"), BallAndStickScene.of(s), name);
    }

    private void show(Structure s, BallAndStickScene scene, String name) {
        structure = s;
        source = name;
        canvas.setScene(scene);
        pairs = DistanceHistogram.pairs(s);
        pairCombo.removeAll();
        for (Element[] p : pairs) {
            pairCombo.add(DistanceHistogram.label(p[0], p[1]));
        }
        if (!pairs.isEmpty()) {
            pairCombo.select(0);
            showHistogram(0);
        }
        pairCombo.getParent().getParent().layout(true, true);
        Lattice l = s.lattice();
        messages.info(String.format(Locale.ROOT,
                "%s: %s, %d atoms, a=%.4g b=%.4g c=%.4g Å, α=%.4g β=%.4g γ=%.4g°, %d bonds drawn", name,
                s.reducedFormula(), s.size(), l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma(),
                scene.bonds().size()));
    }

    /** Shows the histogram of a pair "A–B" from the pair list. */
    public void setHistogramPair(Element a, Element b) {
        for (int i = 0; i < pairs.size(); i++) {
            Element[] p = pairs.get(i);
            if ((p[0] == a && p[1] == b) || (p[0] == b && p[1] == a)) {
                pairCombo.select(i);
                showHistogram(i);
                return;
            }
        }
        throw new IllegalArgumentException("No " + a + "-" + b + " pairs in " + source);
    }

    private void showHistogram(int index) {
        if (structure == null || index < 0 || index >= pairs.size()) {
            return;
        }
        Element[] p = pairs.get(index);
        histogram = DistanceHistogram.of(structure, p[0], p[1], DistanceHistogram.DEFAULT_RMAX,
                DistanceHistogram.DEFAULT_WIDTH);
        for (ISeries<?> s : histogramChart.getSeriesSet().getSeries()) {
            histogramChart.getSeriesSet().deleteSeries(s.getId());
        }
        // A filled step line over the bin edges reads as a histogram at any width; bars would be 1-2 px thin.
        int[] counts = histogram.counts();
        double[] x = new double[counts.length + 1];
        double[] y = new double[counts.length + 1];
        for (int k = 0; k <= counts.length; k++) {
            x[k] = k * histogram.width();
            y[k] = counts[Math.min(k, counts.length - 1)];
        }
        ILineSeries<?> steps = (ILineSeries<?>) histogramChart.getSeriesSet().createSeries(SeriesType.LINE,
                histogram.label());
        steps.setXSeries(x);
        steps.setYSeries(y);
        steps.enableStep(true);
        steps.enableArea(true);
        steps.setSymbolType(PlotSymbolType.NONE);
        steps.setLineColor(new Color(darker(ElementColours.of(p[0]))));
        histogramChart.getAxisSet().getXAxis(0).getTitle().setText(histogram.label() + " distance (Å)");
        histogramChart.getAxisSet().adjustRange();
        histogramChart.getAxisSet().getXAxis(0).setRange(new Range(0,
                DistanceHistogram.DEFAULT_RMAX));
        histogramChart.redraw();
    }

    /** Light element colours (Na yellow, Ni grey) vanish as thin lines on white; darken them for the histogram. */
    private static RGB darker(RGB c) {
        return new RGB(c.red * 7 / 10, c.green * 7 / 10, c.blue * 7 / 10);
    }
}
