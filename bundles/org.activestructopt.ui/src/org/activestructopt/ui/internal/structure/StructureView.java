package org.activestructopt.ui.internal.structure;

import java.nio.file.Path;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.activestructopt.structure.DistanceHistogram;
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
import org.activestructopt.ui.internal.structure.StructurePanel.Role;
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
import org.eclipse.swtchart.LineStyle;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;

/**
 * The structures of a refinement side by side, each as ball-and-stick (see {@link StructureCanvas}) under its title:
 * the start, the reference (the true structure, when the job names one) and the candidate shown (the run's best as
 * it improves, or the one selected in the candidates view, or a CIF file opened with "Open CIF..."). The pictures
 * turn together, so the same view of each can be compared. Under them, the histogram of the distances between two
 * chosen elements, one line per structure.
 */
public final class StructureView extends ViewPart implements RunSessions.Listener {

    private static final RGB START_COLOUR = new RGB(120, 120, 120);
    private static final RGB REFERENCE_COLOUR = new RGB(0, 0, 0);

    /** Opening another file supersedes a load still running. */
    private final BackgroundLoad.Latest loads = new BackgroundLoad.Latest();
    private final Map<Role, StructurePanel> panels = new EnumMap<>(Role.class);
    private Composite panelRow;
    private Combo pairCombo;
    private Chart histogramChart;
    private MessageLine messages;
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
        panelRow = new Composite(sash, SWT.NONE);
        for (Role r : Role.values()) {
            StructurePanel p = new StructurePanel(panelRow, r);
            panels.put(r, p);
            p.canvas().addViewListener(() -> panels.values().stream().filter(o -> o != p)
                    .forEach(o -> o.canvas().copyView(p.canvas())));
        }
        layoutPanels();
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
        // a legend would take a third of the narrow chart: the panel titles wear the colours of their lines
        histogramChart.getLegend().setVisible(false);
        histogramChart.getPlotArea().getControl().setToolTipText(
                "One line per structure, in the colour of its title (the target's dashed)");
        histogramChart.getAxisSet().getXAxis(0).getTitle().setText("distance (Å)");
        histogramChart.getAxisSet().getYAxis(0).getTitle().setText("pairs");
        sash.setWeights(58, 42);
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

    /** One column per panel that has a structure, of equal widths. */
    private void layoutPanels() {
        int showing = (int) panels.values().stream().filter(StructurePanel::isShowing).count();
        GridLayoutFactory.fillDefaults().numColumns(Math.max(1, showing)).equalWidth(true).spacing(6, 0)
                .applyTo(panelRow);
        panelRow.layout(true, true);
    }

    // ------------------------------------------------------------------ the current run

    @Override
    public void sessionChanged(RunSession s) {
        session = s;
        shown = null;
        followBest = true;
        panels.get(Role.SHOWN).clear();
        showSessionStructures();
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
        if (s == session) {
            showSessionStructures();
        }
    }

    /** The start and reference, once the run has resolved them. */
    private void showSessionStructures() {
        if (panelRow.isDisposed()) {
            return;
        }
        boolean changed = place(Role.START, session.startStructure().orElse(null), "start");
        changed |= place(Role.REFERENCE, session.referenceStructure().orElse(null), "target (reference)");
        if (changed) {
            refresh(true);
        }
    }

    /** @return whether the panel changed */
    private boolean place(Role role, Structure s, String title) {
        StructurePanel p = panels.get(role);
        if (p.structure() == s) {
            return false;
        }
        if (s == null) {
            p.clear();
        } else {
            p.show(s, BallAndStickScene.of(s), title);
            linkView(p);
        }
        return true;
    }

    /** A panel that appears takes the orientation of those already showing. */
    private void linkView(StructurePanel appearing) {
        panels.values().stream().filter(o -> o != appearing && o.isShowing()).findFirst()
                .ifPresent(o -> appearing.canvas().copyView(o.canvas()));
    }

    private void showBest() {
        if (panelRow.isDisposed()) {
            return;
        }
        session.best().ifPresent(b -> show(b, "best"));
    }

    private void show(CandidateRecord r, String role) {
        if (r == shown) {
            return;
        }
        shown = r;
        Structure s = r.structure();
        show(s, BallAndStickScene.of(s), role + " " + r.label() + (r.isFailed() ? ", failed"
                : ", loss " + org.activestructopt.ui.internal.spectra.Units.number(r.loss())), true);
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
        canvas().setFocus();
    }

    /** @return the canvas of the candidate (or opened file) shown */
    public StructureCanvas canvas() {
        return panels.get(Role.SHOWN).canvas();
    }

    /** @return the panel of a role */
    public StructurePanel panel(Role role) {
        return panels.get(role);
    }

    /** @return the row of structure panels */
    public Composite panelRow() {
        return panelRow;
    }

    /** @return the histogram chart */
    public Chart histogramChart() {
        return histogramChart;
    }

    /** @return the message line under the view */
    public MessageLine messages() {
        return messages;
    }

    /** @return the candidate (or opened file's) structure shown, or null */
    public Structure structure() {
        return panels.get(Role.SHOWN).structure();
    }

    /** @return the histogram of the first structure shown (candidate, else start, else reference), or null */
    public DistanceHistogram histogram() {
        return histogram;
    }

    /** Replaces the error dialog (tests observe the reports). */
    public void setProblemReporter(ProblemReporter reporter) {
        messages.setReporter(reporter);
    }

    /**
     * Reads a CIF file in the background and shows its (first) structure in the candidate's place, beside the run's
     * start and reference if there is a run. A file that cannot be read or parsed is reported with the reader's
     * reason (file, line, tag) and leaves the view as it was.
     *
     * @return the reading job
     */
    public Job openCif(Path file) {
        messages.info("Reading " + file.getFileName() + " ...");
        record Loaded(Structure structure, BallAndStickScene scene) {
        }
        return loads.start("Reading " + file.getFileName(), canvas(), monitor -> {
            Structure s = CifReader.defaults().read(file);
            return new Loaded(s, BallAndStickScene.of(s));
        }, loaded -> {
            // a file replaces the run's candidate until the user picks one or the run improves
            shown = null;
            show(loaded.structure(), loaded.scene(), file.getFileName().toString(), false);
        }, reason -> messages.error("Cannot open CIF file", reason));
    }

    /**
     * Shows a structure in the candidate's place (on the UI thread; for large cells prefer building the scene in a
     * job).
     *
     * @param name where it comes from, shown as its title and in the message line
     */
    public void setStructure(Structure s, String name) {
        show(Objects.requireNonNull(s, "structure"), BallAndStickScene.of(s), name, false);
    }

    /** @param keepPair keep the pair chosen for the histogram (a run's next candidate), else the default pair */
    private void show(Structure s, BallAndStickScene scene, String name, boolean keepPair) {
        source = name;
        StructurePanel p = panels.get(Role.SHOWN);
        boolean appearing = !p.isShowing();
        p.show(s, scene, name);
        if (appearing) {
            linkView(p);
        }
        refresh(keepPair);
        Lattice l = s.lattice();
        messages.info(String.format(Locale.ROOT,
                "%s: %s, %d atoms, a=%.4g b=%.4g c=%.4g Å, α=%.4g β=%.4g γ=%.4g°, %d bonds drawn", name,
                s.reducedFormula(), s.size(), l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma(),
                scene.bonds().size()));
    }

    /** Lays the panels out again and redoes the pair list and the histogram. */
    private void refresh(boolean keepPair) {
        layoutPanels();
        Structure primary = primary();
        if (primary == null) {
            pairs = List.of();
            pairCombo.removeAll();
            histogram = null;
            clearHistogram();
            return;
        }
        String chosen = keepPair && pairCombo.getSelectionIndex() >= 0 ? pairCombo.getText() : null;
        pairs = DistanceHistogram.pairs(primary);
        pairCombo.removeAll();
        int select = 0;
        for (int i = 0; i < pairs.size(); i++) {
            String label = DistanceHistogram.label(pairs.get(i)[0], pairs.get(i)[1]);
            pairCombo.add(label);
            if (label.equals(chosen)) {
                select = i;
            }
        }
        if (!pairs.isEmpty()) {
            pairCombo.select(select);
            showHistogram(select);
        }
        pairCombo.getParent().getParent().layout(true, true);
    }

    /** The structure whose pairs are listed: the candidate shown, else the start, else the reference. */
    private Structure primary() {
        for (Role r : List.of(Role.SHOWN, Role.START, Role.REFERENCE)) {
            if (panels.get(r).isShowing()) {
                return panels.get(r).structure();
            }
        }
        return null;
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

    private void clearHistogram() {
        for (ISeries<?> s : histogramChart.getSeriesSet().getSeries()) {
            histogramChart.getSeriesSet().deleteSeries(s.getId());
        }
    }

    /** One step line per structure shown, the primary one first and filled. */
    private void showHistogram(int index) {
        Structure primary = primary();
        if (primary == null || index < 0 || index >= pairs.size()) {
            return;
        }
        Element[] p = pairs.get(index);
        clearHistogram();
        histogram = null;
        for (Role r : List.of(Role.SHOWN, Role.START, Role.REFERENCE)) {
            StructurePanel panel = panels.get(r);
            if (!panel.isShowing()) {
                continue;
            }
            DistanceHistogram h = DistanceHistogram.of(panel.structure(), p[0], p[1], DistanceHistogram.DEFAULT_RMAX,
                    DistanceHistogram.DEFAULT_WIDTH);
            boolean first = histogram == null;
            if (first) {
                histogram = h;
            }
            RGB colour = first ? darker(ElementColours.of(p[0])) : r == Role.START ? START_COLOUR : REFERENCE_COLOUR;
            steps(r.word(), h, colour, first, r == Role.REFERENCE && !first);
            panel.setTitleColour(colour);
        }
        histogramChart.getAxisSet().getXAxis(0).getTitle().setText(histogram.label() + " distance (Å)");
        histogramChart.getAxisSet().adjustRange();
        histogramChart.getAxisSet().getXAxis(0).setRange(new Range(0, DistanceHistogram.DEFAULT_RMAX));
        histogramChart.redraw();
    }

    /** A step line over the bin edges reads as a histogram at any width; bars would be 1-2 px thin. */
    private void steps(String id, DistanceHistogram h, RGB colour, boolean filled, boolean dashed) {
        int[] counts = h.counts();
        double[] x = new double[counts.length + 1];
        double[] y = new double[counts.length + 1];
        for (int k = 0; k <= counts.length; k++) {
            x[k] = k * h.width();
            y[k] = counts[Math.min(k, counts.length - 1)];
        }
        ILineSeries<?> steps = (ILineSeries<?>) histogramChart.getSeriesSet().createSeries(SeriesType.LINE, id);
        steps.setXSeries(x);
        steps.setYSeries(y);
        steps.enableStep(true);
        steps.enableArea(filled);
        steps.setSymbolType(PlotSymbolType.NONE);
        steps.setLineColor(new Color(colour));
        steps.setLineWidth(filled ? 1 : 2);
        if (dashed) {
            steps.setLineStyle(LineStyle.DASH);
        }
    }

    /** Light element colours (Na yellow, Ni grey) vanish as thin lines on white; darken them for the histogram. */
    private static RGB darker(RGB c) {
        return new RGB(c.red * 7 / 10, c.green * 7 / 10, c.blue * 7 / 10);
    }
}
