package org.activestructopt.ui.internal.convergence;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.activestructopt.refinement.model.Phase;
import org.activestructopt.ui.internal.MessageLine;
import org.activestructopt.ui.internal.run.CandidateRecord;
import org.activestructopt.ui.internal.run.RunSession;
import org.activestructopt.ui.internal.run.RunSessions;
import org.activestructopt.ui.internal.spectra.Units;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.ui.part.ViewPart;

/**
 * How the current run converges: the loss of every candidate and the best loss so far against the number of
 * simulations on a logarithmic loss axis, with the simulations of each phase (initial, calibration, explore,
 * exploit, baseline) shaded and named, and per-objective best curves when the job has several objectives. For
 * several objectives a second tab shows the candidates in the plane of two objectives' losses with their Pareto
 * front. The plots follow the run live.
 */
public final class ConvergenceView extends ViewPart implements RunSessions.Listener {

    /** Series ids, also the legend entries. */
    public static final String LOSSES = "loss of each candidate";
    public static final String BEST = "best so far";
    public static final String CANDIDATES = "candidates";
    public static final String FRONT = "Pareto front";
    public static final String BEST_TOTAL = "best total";

    private static final RGB[] OBJECTIVE_COLOURS = {new RGB(31, 119, 180), new RGB(44, 160, 44),
        new RGB(148, 103, 189), new RGB(140, 86, 75), new RGB(227, 119, 194)};
    private static final Map<Phase, RGB> PHASE_COLOURS = new EnumMap<>(Map.of(Phase.INITIAL, new RGB(214, 230, 244),
            Phase.CALIBRATION, new RGB(233, 222, 243), Phase.EXPLORE, new RGB(222, 241, 222), Phase.EXPLOIT,
            new RGB(253, 232, 211), Phase.BASELINE, new RGB(238, 238, 238)));

    private Label header;
    private CTabFolder tabs;
    private CTabItem paretoTab;
    private Chart history;
    private Chart pareto;
    private Combo paretoX;
    private Combo paretoY;
    private MessageLine messages;
    private RunSession session;
    private ConvergenceModel model = ConvergenceModel.of(List.of(), 0);

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        header = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).indent(4, 2).applyTo(header);
        tabs = new CTabFolder(parent, SWT.BOTTOM | SWT.FLAT);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        history = newChart(tabs, "simulations", "loss");
        history.getPlotArea().addCustomPaintListener(new PhaseBands());
        CTabItem historyTab = new CTabItem(tabs, SWT.NONE);
        historyTab.setText("Best loss");
        historyTab.setControl(history);
        tabs.setSelection(historyTab);
        messages = new MessageLine(parent);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(messages.control());
        RunSessions.get().addListener(this);
        RunSessions.get().current().ifPresentOrElse(this::sessionChanged, () -> {
            header.setText("No run.");
            refresh();
        });
    }

    private static Chart newChart(Composite parent, String x, String y) {
        Chart c = new Chart(parent, SWT.NONE);
        c.getTitle().setVisible(false);
        c.getLegend().setPosition(SWT.BOTTOM);
        c.getAxisSet().getXAxis(0).getTitle().setText(x);
        c.getAxisSet().getYAxis(0).getTitle().setText(y);
        return c;
    }

    @Override
    public void dispose() {
        RunSessions.get().removeListener(this);
        super.dispose();
    }

    @Override
    public void setFocus() {
        tabs.setFocus();
    }

    /** @return the best-loss chart */
    public Chart historyChart() {
        return history;
    }

    /** @return the Pareto chart, or null while the run has fewer than two objectives */
    public Chart paretoChart() {
        return pareto;
    }

    /** @return what is plotted */
    public ConvergenceModel model() {
        return model;
    }

    /** @return the header: run, simulations, best */
    public String headerText() {
        return header.getText();
    }

    /** Shows the best-loss tab ({@code false}) or the Pareto tab ({@code true}, only with several objectives). */
    public void showPareto(boolean show) {
        tabs.setSelection(show && paretoTab != null ? paretoTab : tabs.getItem(0));
    }

    /** Chooses the objectives of the Pareto plot (x, y). */
    public void setParetoObjectives(int x, int y) {
        paretoX.select(x);
        paretoY.select(y);
        refresh();
    }

    // ------------------------------------------------------------------ run sessions

    @Override
    public void sessionChanged(RunSession s) {
        session = s;
        if (s.objectives().size() > 1 && paretoTab == null) {
            createParetoTab();
        } else if (s.objectives().size() < 2 && paretoTab != null) {
            paretoTab.getControl().dispose();
            paretoTab.dispose();
            paretoTab = null;
            pareto = null;
        }
        if (paretoTab != null) {
            String[] names = new String[s.objectives().size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = s.objectiveLabel(i);
            }
            paretoX.setItems(names);
            paretoY.setItems(names);
            paretoX.select(0);
            paretoY.select(1);
            paretoX.getParent().getParent().layout(true, true);
        }
        rebuild();
    }

    @Override
    public void candidatesAdded(RunSession s, List<CandidateRecord> added) {
        if (s == session) {
            rebuild();
        }
    }

    @Override
    public void stateChanged(RunSession s) {
        if (s == session) {
            updateHeader();
        }
    }

    private void createParetoTab() {
        Composite c = new Composite(tabs, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(c);
        Composite choice = new Composite(c, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).margins(4, 2).applyTo(choice);
        new Label(choice, SWT.NONE).setText("x:");
        paretoX = new Combo(choice, SWT.READ_ONLY);
        new Label(choice, SWT.NONE).setText("  y:");
        paretoY = new Combo(choice, SWT.READ_ONLY);
        paretoX.addListener(SWT.Selection, e -> refresh());
        paretoY.addListener(SWT.Selection, e -> refresh());
        pareto = newChart(c, "loss", "loss");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(pareto);
        paretoTab = new CTabItem(tabs, SWT.NONE);
        paretoTab.setText("Pareto");
        paretoTab.setControl(c);
    }

    private void rebuild() {
        model = ConvergenceModel.of(session.records(), session.objectives().size());
        updateHeader();
        refresh();
    }

    private void updateHeader() {
        if (header.isDisposed() || session == null) {
            return;
        }
        StringBuilder b = new StringBuilder(session.name()).append(" (").append(session.method()).append("): ")
                .append(session.records().size()).append('/').append(session.budget()).append(" simulations");
        session.best().ifPresent(best -> b.append(", best loss ").append(Units.number(best.loss())).append(" at #")
                .append(best.index() + 1));
        b.append(", ").append(session.isRunning() ? "running" : session.status().toString());
        header.setText(b.toString());
        String m = session.message().orElse(null);
        if (m != null && !session.isRunning()) {
            messages.info(m);
        } else {
            messages.info(session.file().toString());
        }
    }

    // ------------------------------------------------------------------ plotting

    private void refresh() {
        plotHistory();
        if (pareto != null) {
            plotPareto();
        }
    }

    private void plotHistory() {
        clear(history);
        ConvergenceModel.Points losses = model.losses();
        ConvergenceModel.Points best = model.bestSoFar();
        scatter(history, LOSSES, losses, new RGB(130, 130, 130), 3);
        if (model.objectives() > 1) {
            for (int i = 0; i < model.objectives(); i++) {
                ILineSeries<?> s = line(history, BEST + ": " + session.objectiveLabel(i),
                        model.bestSoFar(i), OBJECTIVE_COLOURS[i % OBJECTIVE_COLOURS.length], 1);
                s.setLineStyle(LineStyle.DASH);
            }
        }
        ILineSeries<?> b = line(history, BEST, best, new RGB(204, 37, 41), 2);
        b.enableStep(true);
        boolean log = allPositive(history);
        history.getAxisSet().getYAxis(0).enableLogScale(log);
        history.getAxisSet().getYAxis(0).getTitle().setText("loss");
        history.getPlotArea().setBackgroundText(model.size() == 0 ? "No simulations yet" : "", null,
                history.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        history.getAxisSet().adjustRange();
        pad(history.getAxisSet().getYAxis(0));
        // the whole budget, so the curve grows across the plot; half a simulation of margin keeps the first and
        // last phase bands whole
        int n = Math.max(model.size(), session == null ? 1 : session.budget());
        history.getAxisSet().getXAxis(0).setRange(new org.eclipse.swtchart.Range(0.5, n + 0.5));
        history.redraw();
    }

    private void plotPareto() {
        clear(pareto);
        int a = Math.max(0, paretoX.getSelectionIndex());
        int b = Math.max(0, paretoY.getSelectionIndex());
        scatter(pareto, CANDIDATES, model.objectivePairs(a, b), new RGB(130, 130, 130), 3);
        ILineSeries<?> front = line(pareto, FRONT, model.paretoFront(a, b), new RGB(204, 37, 41), 2);
        front.setSymbolType(PlotSymbolType.CIRCLE);
        front.setSymbolColor(new Color(new RGB(204, 37, 41)));
        front.setSymbolSize(4);
        session.best().ifPresent(best -> {
            ConvergenceModel.Points p = new ConvergenceModel.Points(new double[] {best.loss(a)},
                    new double[] {best.loss(b)});
            ILineSeries<?> s = scatter(pareto, BEST_TOTAL, p, new RGB(0, 0, 0), 6);
            s.setSymbolType(PlotSymbolType.DIAMOND);
        });
        boolean log = allPositive(pareto);
        pareto.getAxisSet().getXAxis(0).enableLogScale(log);
        pareto.getAxisSet().getYAxis(0).enableLogScale(log);
        pareto.getAxisSet().getXAxis(0).getTitle().setText("loss " + session.objectiveLabel(a));
        pareto.getAxisSet().getYAxis(0).getTitle().setText("loss " + session.objectiveLabel(b));
        pareto.getAxisSet().adjustRange();
        pad(pareto.getAxisSet().getXAxis(0));
        pad(pareto.getAxisSet().getYAxis(0));
        pareto.redraw();
    }

    private static void clear(Chart chart) {
        // log scale first off: SWTChart refuses series with values <= 0 on a log axis
        for (IAxis axis : chart.getAxisSet().getAxes()) {
            axis.enableLogScale(false);
        }
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
    }

    private static ILineSeries<?> line(Chart chart, String id, ConvergenceModel.Points p, RGB colour, int width) {
        ILineSeries<?> s = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, id);
        s.setXSeries(p.x());
        s.setYSeries(p.y());
        s.setSymbolType(PlotSymbolType.NONE);
        s.setLineColor(new Color(colour));
        s.setLineWidth(width);
        s.setAntialias(SWT.ON);
        return s;
    }

    private static ILineSeries<?> scatter(Chart chart, String id, ConvergenceModel.Points p, RGB colour, int size) {
        ILineSeries<?> s = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, id);
        s.setXSeries(p.x());
        s.setYSeries(p.y());
        s.setLineStyle(LineStyle.NONE);
        s.setSymbolType(PlotSymbolType.CIRCLE);
        s.setSymbolSize(size);
        s.setSymbolColor(new Color(colour));
        return s;
    }

    /** Widens an axis a little beyond the data, so that the extreme points (the best!) are not hidden by the frame. */
    private static void pad(IAxis axis) {
        org.eclipse.swtchart.Range r = axis.getRange();
        if (axis.isLogScaleEnabled()) {
            axis.setRange(new org.eclipse.swtchart.Range(r.lower / 1.25, r.upper * 1.25));
        } else if (r.upper > r.lower) {
            double m = 0.05 * (r.upper - r.lower);
            axis.setRange(new org.eclipse.swtchart.Range(r.lower - m, r.upper + m));
        }
    }

    /** @return whether the chart has points and all their x and y are positive (so log axes can show them) */
    private static boolean allPositive(Chart chart) {
        boolean any = false;
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            for (double v : s.getYSeries()) {
                if (!(v > 0)) {
                    return false;
                }
                any = true;
            }
            for (double v : s.getXSeries()) {
                if (!(v > 0)) {
                    return false;
                }
            }
        }
        return any;
    }

    /** Shades the simulations of each phase behind the curves and names the phase at the top. */
    private final class PhaseBands implements ICustomPaintListener {
        @Override
        public void paintControl(PaintEvent e) {
            if (model.size() == 0) {
                return;
            }
            GC gc = e.gc;
            IAxis x = history.getAxisSet().getXAxis(0);
            Point size = history.getPlotArea().getSize();
            int labelRight = Integer.MIN_VALUE;
            for (ConvergenceModel.PhaseSpan span : model.phases()) {
                int from = x.getPixelCoordinate(span.first() - 0.5);
                int to = x.getPixelCoordinate(span.last() + 0.5);
                Color c = new Color(PHASE_COLOURS.getOrDefault(span.phase(), new RGB(240, 240, 240)));
                gc.setBackground(c);
                gc.fillRectangle(from, 0, Math.max(1, to - from), size.y);
                String name = span.phase().toString();
                Point extent = gc.textExtent(name);
                // a label that does not fit its band, or would overlap the previous one, is left out
                if (extent.x + 4 <= to - from && from + 2 > labelRight) {
                    gc.setForeground(e.display.getSystemColor(SWT.COLOR_DARK_GRAY));
                    gc.drawText(name, from + 2, 2, true);
                    labelRight = from + 2 + extent.x;
                }
            }
        }

        @Override
        public boolean drawBehindSeries() {
            return true;
        }
    }
}
