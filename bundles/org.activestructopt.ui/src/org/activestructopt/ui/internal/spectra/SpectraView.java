package org.activestructopt.ui.internal.spectra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.FtWindow;
import org.activestructopt.spectra.io.ReadOptions;
import org.activestructopt.spectra.io.SpectrumFile;
import org.activestructopt.spectra.io.SpectrumReaders;
import org.activestructopt.spectra.xas.Autobk;
import org.activestructopt.spectra.xas.AutobkResult;
import org.activestructopt.spectra.nexus.NexusSpectra;
import org.activestructopt.spectra.nexus.SpectrumRef;
import org.activestructopt.ui.AsoUi;
import org.activestructopt.ui.internal.BackgroundLoad;
import org.activestructopt.ui.internal.MessageLine;
import org.activestructopt.ui.internal.ProblemReporter;
import org.activestructopt.ui.internal.conventions.PlotConventions;
import org.activestructopt.ui.internal.run.CandidateRecord;
import org.activestructopt.ui.internal.run.RunSession;
import org.activestructopt.ui.internal.run.RunSessions;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;

/**
 * Plots the target spectrum and, once a refinement runs, the spectra of the start and best structures, with axis
 * names and units. EXAFS can be shown in k space (k-weighted chi) or R space (|chi(R)|, Fourier transformed as Larch's
 * xftf does, with the k-weight, window and dk chosen in the header). A target is a NeXus file or any measured file the
 * spectra bundle reads (XDI, .chi, Athena project, columns); a measured mu(E) that reaches far enough past its edge
 * becomes chi(k) by AUTOBK. Zoom with the mouse (see {@link ChartZoom}); export as PNG or CSV.
 */
public final class SpectraView extends ViewPart implements RunSessions.Listener {

    /** The windows offered for the transform: the two Larch users pick (Athena's default is Hanning). */
    private static final List<FtWindow> WINDOWS = List.of(FtWindow.HANNING, FtWindow.KAISER);
    /** AUTOBK of a measured mu(E) as the xas tests check it against Larch: rbkg 1, k-weight 2. */
    static final Autobk BACKGROUND = Autobk.DEFAULTS.withKweight(2);
    /**
     * A mu(E) ending less than this above its E0 (k about 6 1/angstrom) is near-edge data, plotted as mu(E): its
     * chi(k) would have too few oscillations for a transform.
     */
    private static final double MIN_EXAFS_RANGE_EV = 140;
    private static final List<String> NEXUS = List.of(".nxs", ".nx5", ".h5", ".hdf5", ".hdf");

    private static final RGB[] COLOURS = {new RGB(0, 0, 0), new RGB(120, 120, 120), new RGB(204, 37, 41),
        new RGB(31, 119, 180)};

    private final SpectraPlotModel model = new SpectraPlotModel();
    /** Opening another target supersedes a load still running. */
    private final BackgroundLoad.Latest loads = new BackgroundLoad.Latest();
    private SpectrumChooser chooser = SpectrumChooser.DIALOG;
    private Composite exafsControls;
    private Label targetLabel;
    private Label transformLabel;
    private Spinner kWeight;
    private Combo window;
    private Spinner dk;
    private Button kSpace;
    private Button rSpace;
    private Chart chart;
    private MessageLine messages;
    private Path targetFile;
    private CTabFolder objectiveTabs;
    private RunSession session;
    private int objective;
    private CandidateRecord selected;
    private final ISelectionListener selectionListener = (part, selection) -> candidateSelected(selection);

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        createHeader(parent);
        objectiveTabs = new CTabFolder(parent, SWT.FLAT | SWT.TOP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(objectiveTabs);
        objectiveTabs.addListener(SWT.Selection, e -> setObjective(objectiveTabs.getSelectionIndex()));
        chart = new Chart(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(chart);
        chart.getTitle().setVisible(false);
        chart.getLegend().setPosition(SWT.BOTTOM);
        chart.getAxisSet().getXAxis(0).getTitle().setText("x");
        chart.getAxisSet().getYAxis(0).getTitle().setText("y");
        chart.getPlotArea().setBackgroundText("Open a target (toolbar)", null,
                chart.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        ChartZoom.install(chart);
        messages = new MessageLine(parent);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(messages.control());
        messages.info("No target loaded.");
        showObjectiveTabs(List.of());
        refresh();
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
        selected = null;
        objective = 0;
        showObjectiveTabs(s.objectives());
        showRun();
    }

    @Override
    public void candidatesAdded(RunSession s, List<CandidateRecord> added) {
        if (s == session) {
            showRun();
        }
    }

    @Override
    public void stateChanged(RunSession s) {
        if (s == session) {
            showRun();
        }
    }

    /** Shows objective {@code index} of the current run (one tab per objective when there are several). */
    public void setObjective(int index) {
        if (session == null || index < 0 || index >= session.objectives().size()) {
            return;
        }
        objective = index;
        if (objectiveTabs.getSelectionIndex() != index && index < objectiveTabs.getItemCount()) {
            objectiveTabs.setSelection(index);
        }
        showRun();
    }

    /** @return the objective shown */
    public int objective() {
        return objective;
    }

    private void showObjectiveTabs(List<RunSession.ObjectiveInfo> objectives) {
        for (CTabItem item : objectiveTabs.getItems()) {
            item.dispose();
        }
        for (int i = 0; i < objectives.size(); i++) {
            CTabItem item = new CTabItem(objectiveTabs, SWT.NONE);
            item.setText(session.objectiveLabel(i));
            item.setToolTipText(objectives.get(i).simulator() + " against " + objectives.get(i).target());
        }
        boolean show = objectives.size() > 1;
        if (show) {
            objectiveTabs.setSelection(0);
        }
        objectiveTabs.setVisible(show);
        ((GridData) objectiveTabs.getLayoutData()).exclude = !show;
        objectiveTabs.getParent().layout(true, true);
    }

    private void candidateSelected(ISelection selection) {
        Object first = selection instanceof IStructuredSelection s && s.size() == 1 ? s.getFirstElement() : null;
        selected = first instanceof CandidateRecord r ? r : null;
        if (session != null) {
            showRun();
        }
    }

    /** Puts target, start, best and the selected candidate of the shown objective into the plot. */
    private void showRun() {
        if (chart.isDisposed()) {
            return;
        }
        int i = objective;
        if (i < session.targets().size()) {
            model.set(Curve.TARGET, session.targets().get(i).withName(session.objectiveLabel(i)));
            targetFile = Path.of(session.objectives().get(i).target());
        } else {
            // not resolved (yet): a target of another file would mislead
            model.clear(Curve.TARGET);
            targetFile = null;
        }
        setOrClear(Curve.START, session.firstSuccess().map(r -> spectrumOf(r, i)));
        setOrClear(Curve.BEST, session.best().map(r -> spectrumOf(r, i)));
        setOrClear(Curve.SELECTED, Optional.ofNullable(selected).filter(r -> !r.isFailed())
                .map(r -> spectrumOf(r, i)));
        model.setConvention(PlotConventions.get().find(session.objectives().get(i).simulator(),
                model.get(Curve.TARGET).or(() -> model.get(Curve.BEST)).map(Spectrum::kind).orElse(null)));
        refresh();
        chart.getAxisSet().adjustRange();
        chart.redraw();
        messages.info(session.name() + ": " + session.objectiveLabel(i) + session.best().map(b -> ", best #"
                + (b.index() + 1) + " of " + session.records().size()).orElse(session.targets().isEmpty()
                        ? ", target not read yet" : ", no simulation yet"));
    }

    private void setOrClear(Curve curve, Optional<Spectrum> spectrum) {
        spectrum.ifPresentOrElse(s -> model.set(curve, s), () -> model.clear(curve));
    }

    /** The legend then reads e.g. "best: #12, loss 0.0331". */
    private static Spectrum spectrumOf(CandidateRecord r, int objective) {
        return r.spectra().get(objective).withName("#" + (r.index() + 1) + ", loss " + Units.number(r.loss()));
    }

    private void createHeader(Composite parent) {
        Composite header = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        GridLayoutFactory.fillDefaults().numColumns(1).margins(4, 2).applyTo(header);
        targetLabel = new Label(header, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(targetLabel);
        exafsControls = new Composite(header, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(exafsControls);
        // a row that wraps: the view is often narrow beside the editor
        RowLayout row = new RowLayout(SWT.HORIZONTAL);
        row.wrap = true;
        row.center = true;
        row.marginLeft = 0;
        row.marginRight = 0;
        row.marginTop = 0;
        row.marginBottom = 0;
        exafsControls.setLayout(row);
        kSpace = new Button(exafsControls, SWT.RADIO);
        kSpace.setText("k space");
        kSpace.setSelection(true);
        rSpace = new Button(exafsControls, SWT.RADIO);
        rSpace.setText("R space");
        kSpace.addListener(SWT.Selection, e -> {
            if (kSpace.getSelection()) {
                setSpace(PlotSpace.K);
            }
        });
        rSpace.addListener(SWT.Selection, e -> {
            if (rSpace.getSelection()) {
                setSpace(PlotSpace.R);
            }
        });
        new Label(exafsControls, SWT.NONE).setText("  k-weight");
        kWeight = new Spinner(exafsControls, SWT.BORDER);
        kWeight.setValues(SpectraPlotModel.DEFAULT_K_WEIGHT, 0, 3, 0, 1, 1);
        kWeight.addListener(SWT.Selection, e -> setKWeight(kWeight.getSelection()));
        new Label(exafsControls, SWT.NONE).setText("  window");
        window = new Combo(exafsControls, SWT.READ_ONLY);
        window.setItems(WINDOWS.stream().map(SpectraView::windowLabel).toArray(String[]::new));
        window.select(WINDOWS.indexOf(model.window()));
        window.setToolTipText("Window of the Fourier transform to R space (Larch's xftf windows)");
        window.addListener(SWT.Selection, e -> setWindow(WINDOWS.get(window.getSelectionIndex())));
        new Label(exafsControls, SWT.NONE).setText("  dk");
        dk = new Spinner(exafsControls, SWT.BORDER);
        // tenths of 1/angstrom: the spinner's digits
        dk.setValues((int) Math.round(model.dk() * 10), 0, 200, 1, 1, 10);
        dk.setToolTipText("Hanning: width of the taper at each end, 1/Å; Kaiser-Bessel: its shape parameter");
        dk.addListener(SWT.Selection, e -> setDk(dk.getSelection() / 10.0));
        transformLabel = new Label(exafsControls, SWT.NONE);
    }

    @Override
    public void setFocus() {
        chart.setFocus();
    }

    /** @return the plot content */
    public SpectraPlotModel model() {
        return model;
    }

    /** @return the chart (for exports and tests) */
    public Chart chart() {
        return chart;
    }

    /** @return the message line under the plot */
    public MessageLine messages() {
        return messages;
    }

    /** Replaces the dialog that picks one spectrum of a multi-spectrum file (tests pick without a dialog). */
    public void setChooser(SpectrumChooser chooser) {
        this.chooser = Objects.requireNonNull(chooser, "chooser");
    }

    /** Replaces the error dialog (tests observe the reports). */
    public void setProblemReporter(ProblemReporter reporter) {
        messages.setReporter(reporter);
    }

    /**
     * Reads a target in the background: a NeXus file as {@link #openNexusTarget(Path)} does, any other file with the
     * spectra bundle's readers (the format recognised from name and first lines). A chi(k) file's stated k-weight is
     * divided out, so the view's k-weight applies to it as to simulations. A measured mu(E) that reaches
     * {@value #MIN_EXAFS_RANGE_EV} eV past its edge is turned into chi(k) by AUTOBK (Larch's conventions, rbkg 1,
     * k-weight 2); a shorter one is plotted as mu(E). Problems are reported in one line and leave the plot as it was.
     *
     * @return the reading job
     */
    public Job openTarget(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (NEXUS.stream().anyMatch(name::endsWith)) {
            return openNexusTarget(file);
        }
        messages.info("Reading " + file.getFileName() + " ...");
        return loads.start("Reading " + file.getFileName(), chart, monitor -> measured(file), m -> {
            targetFile = file;
            model.setConvention(Optional.empty());
            setCurve(Curve.TARGET, m.spectrum());
            messages.info(m.description());
        }, reason -> messages.error("Cannot open target", reason));
    }

    /** A measured target as plotted, and what was done to it in one line. */
    private record Measured(Spectrum spectrum, String description) {
    }

    private static Measured measured(Path file) throws SpectrumFormatException {
        SpectrumFile read = SpectrumReaders.read(file, ReadOptions.DEFAULTS);
        Spectrum s = read.unweighted();
        if (s.kind() != SpectrumKind.XANES) {
            return new Measured(s.withName(file.getFileName().toString()), read.describe());
        }
        double[] energy = s.xArray();
        double[] mu = s.yArray();
        AutobkResult chi;
        try {
            chi = BACKGROUND.run(energy, mu);
        } catch (IllegalArgumentException e) {
            return new Measured(s, read.describe() + "; plotted as mu(E), no chi(k): " + e.getMessage());
        }
        if (energy[energy.length - 1] - chi.e0() < MIN_EXAFS_RANGE_EV) {
            return new Measured(s, read.describe() + "; plotted as mu(E): it ends "
                    + Units.number(energy[energy.length - 1] - chi.e0()) + " eV above E0, too close for EXAFS");
        }
        Spectrum k = Spectrum.of(SpectrumKind.EXAFS, chi.k(), chi.chi()).withName(file.getFileName()
                + " chi(k)");
        return new Measured(k, read.describe() + String.format(java.util.Locale.ROOT,
                "; chi(k) by AUTOBK: E0 %.1f eV, edge step %.4g, rbkg %s Å", chi.e0(), chi.edgeStep(),
                Units.number(BACKGROUND.rbkg())));
    }

    /**
     * Reads the target from a NeXus file in the background: lists its 1-D spectra, asks which one when there are
     * several, reads it and plots it. Problems (not HDF5, broken NeXus structure, no 1-D data) are shown with their
     * reason and leave the plot as it was.
     *
     * @return the listing job
     */
    public Job openNexusTarget(Path file) {
        messages.info("Reading " + file.getFileName() + " ...");
        return loads.start("Listing spectra in " + file.getFileName(), chart,
                monitor -> new Listing(NexusSpectra.list(file), defaultSignal(file)), listing -> chosen(file, listing),
                reason -> messages.error("Cannot open NeXus file", reason));
    }

    /** The 1-D spectra of a file and the signal its NeXus default chain leads to, if any. */
    private record Listing(List<SpectrumRef> refs, Optional<String> defaultSignal) {
    }

    /** A file whose default chain is broken still lists its plottables; the user just gets no preselection. */
    private static Optional<String> defaultSignal(Path file) {
        try {
            return Optional.of(NexusSpectra.readDefault(file).name());
        } catch (SpectrumFormatException e) {
            return Optional.empty();
        }
    }

    private void chosen(Path file, Listing listing) {
        List<SpectrumRef> refs = listing.refs();
        if (refs.isEmpty()) {
            messages.error("Cannot open NeXus file", file + ": no one-dimensional spectrum (NXdata with a 1-D signal)");
            return;
        }
        Optional<SpectrumRef> ref = refs.size() == 1 ? Optional.of(refs.get(0))
                : chooser.choose(chart.getShell(), file, refs, listing.defaultSignal());
        if (ref.isEmpty()) {
            messages.info("Nothing chosen from " + file.getFileName() + ".");
            return;
        }
        loads.start("Reading " + ref.get().signalPath(), chart, monitor -> NexusSpectra.read(ref.get()),
                s -> {
                    targetFile = file;
                    model.setConvention(Optional.empty());
                    setCurve(Curve.TARGET, s);
                }, reason -> messages.error("Cannot read spectrum", reason));
    }

    /** Plots (or replaces) a curve. */
    public void setCurve(Curve curve, Spectrum spectrum) {
        model.set(curve, spectrum);
        messages.info("Plotted " + curve.label() + " " + spectrum.name() + ": " + spectrum.size() + " points, "
                + Units.axisTitle(spectrum.xName(), spectrum.xUnits()) + " " + Units.number(spectrum.xMin()) + " to "
                + Units.number(spectrum.xMax()) + ".");
        refresh();
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    /** Removes a curve from the plot. */
    public void clearCurve(Curve curve) {
        model.clear(curve);
        refresh();
    }

    /** Shows EXAFS in k or R space. */
    public void setSpace(PlotSpace space) {
        model.setSpace(space);
        kSpace.setSelection(space == PlotSpace.K);
        rSpace.setSelection(space == PlotSpace.R);
        refresh();
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    /** Sets the EXAFS k-weight (0 to 3). */
    public void setKWeight(int weight) {
        model.setKWeight(weight);
        if (kWeight.getSelection() != weight) {
            kWeight.setSelection(weight);
        }
        refresh();
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    /** Sets the window of the Fourier transform to R space. */
    public void setWindow(FtWindow w) {
        model.setWindow(w);
        int i = WINDOWS.indexOf(w);
        if (i >= 0 && window.getSelectionIndex() != i) {
            window.select(i);
        }
        refresh();
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    /** Sets dk of the Fourier-transform window (see {@link SpectraPlotModel#setDk(double)}). */
    public void setDk(double value) {
        model.setDk(value);
        int tenths = (int) Math.round(value * 10);
        if (dk.getSelection() != tenths) {
            dk.setSelection(tenths);
        }
        refresh();
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    private static String windowLabel(FtWindow w) {
        return w == FtWindow.KAISER ? "Kaiser-Bessel" : "Hanning";
    }

    /** Shows all data again after zooming. */
    public void resetZoom() {
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    private void refresh() {
        boolean exafs = model.isExafs();
        exafsControls.setVisible(exafs);
        ((GridData) exafsControls.getLayoutData()).exclude = !exafs;
        transformLabel.setText(model.showsR() ? model.transformDescription() : "");
        model.get(Curve.TARGET).ifPresentOrElse(
                t -> targetLabel.setText("Target: " + t.name() + (targetFile != null
                        ? "  (" + targetFile.getFileName() + ")" : "") + ", " + t.size() + " points"),
                () -> targetLabel.setText("No target"));
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        List<SpectraPlotModel.Series> series;
        try {
            series = model.series();
        } catch (IllegalArgumentException e) {
            messages.error("Cannot plot", e.getMessage());
            series = List.of();
        }
        for (SpectraPlotModel.Series s : series) {
            ILineSeries<?> line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE,
                    s.curve().label());
            line.setXSeries(s.x());
            line.setYSeries(s.y());
            line.setSymbolType(PlotSymbolType.NONE);
            line.setLineColor(new Color(COLOURS[s.curve().ordinal()]));
            line.setLineWidth(s.curve() == Curve.TARGET ? 2 : 1);
            line.setLineStyle(s.curve() == Curve.START ? LineStyle.DASH : LineStyle.SOLID);
            line.setAntialias(SWT.ON);
            line.setDescription(s.curve().label() + ": " + s.name());
        }
        chart.getAxisSet().getXAxis(0).getTitle().setText(model.xTitle());
        chart.getAxisSet().getYAxis(0).getTitle().setText(model.yTitle());
        chart.getPlotArea().setBackgroundText(model.isEmpty() ? "Open a target (toolbar)" : "", null,
                chart.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        chart.getParent().layout(true, true);
    }

    /** Writes the plot as it looks now to a PNG file. */
    public void exportPng(Path file) throws IOException {
        Point size = chart.getSize();
        Image image = new Image(chart.getDisplay(), Math.max(size.x, 1), Math.max(size.y, 1));
        try {
            GC gc = new GC(image);
            try {
                chart.print(gc);
            } finally {
                gc.dispose();
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
            try (var out = Files.newOutputStream(file)) {
                loader.save(out, SWT.IMAGE_PNG);
            }
        } finally {
            image.dispose();
        }
    }

    /** Writes the plotted curves (as plotted: k-weighted or in R space) to a CSV file. */
    public void exportCsv(Path file) throws IOException {
        Files.writeString(file, model.csv(), StandardCharsets.UTF_8);
    }
}
