package org.activestructopt.app.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.refinement.Metrics;
import org.activestructopt.refinement.ObjectiveTerm;
import org.activestructopt.refinement.RefinementProblem;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Objective;
import org.activestructopt.refinement.model.Phase;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.FtWindow;
import org.activestructopt.spectra.exafs.Xftf;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The PNG plots of a refinement (JFreeChart, rendered off screen): target, start and best spectrum of every
 * objective with axis names and units from the spectra, and the loss of every simulation with the best so far
 * against the number of simulations, the phases of the active loop shaded. For benchmarks, the median best loss of
 * several methods against the number of simulations ({@link #writeCurves}).
 * <p>
 * Rendering needs no display: {@code java.awt.headless} is set to true before AWT starts unless the JVM was told
 * otherwise. It needs a font (any TrueType font fontconfig finds, e.g. Debian's fonts-dejavu-core).
 */
public final class Plots {

    /** Size of every plot in pixels. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    private static final Color TARGET = Color.BLACK;
    private static final Color START = new Color(0x99, 0x99, 0x99);
    private static final Color BEST = new Color(0xd6, 0x27, 0x28);
    private static final Color DIFFERENCE = new Color(0x1f, 0x77, 0xb4);
    private static final Map<String, Color> METHOD_COLORS = Map.of("active", new Color(0x1f, 0x77, 0xb4), "rmc",
            new Color(0xd6, 0x27, 0x28), "random", new Color(0x7f, 0x7f, 0x7f), "leastSquares",
            new Color(0x2c, 0xa0, 0x2c));
    private static final Color[] OTHER_COLORS = { new Color(0x94, 0x67, 0xbd), new Color(0xff, 0x7f, 0x0e),
            new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2), new Color(0x17, 0xbe, 0xcf) };
    private static final Map<Phase, Color> PHASE_COLORS = Map.of(Phase.INITIAL, new Color(0x2c, 0xa0, 0x2c),
            Phase.CALIBRATION, new Color(0x94, 0x67, 0xbd), Phase.EXPLORE, new Color(0x1f, 0x77, 0xb4),
            Phase.EXPLOIT, new Color(0xff, 0x7f, 0x0e), Phase.BASELINE, new Color(0x7f, 0x7f, 0x7f));

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * Writes the plots of a finished (or stopped) run: {@code spectrum.png} (or {@code spectrum-N-SIMULATOR.png},
     * one per objective) and {@code history.png}.
     *
     * @param job     a job with results
     * @param targets the target spectrum of each objective, on the grid the simulations were made on (the
     *                problem's {@link ObjectiveTerm#target()})
     * @param outDir  where to write (created if needed)
     * @return the files written
     * @throws IllegalArgumentException if the job has no successful simulation or the targets do not match its
     *                                  objectives
     */
    public static List<Path> writeRunPlots(Job job, List<Spectrum> targets, Path outDir) throws IOException {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(targets, "targets");
        List<Objective> objectives = job.objectives();
        if (targets.size() != objectives.size()) {
            throw new IllegalArgumentException(targets.size() + " targets for " + objectives.size() + " objectives");
        }
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < objectives.size(); i++) {
            String name = objectives.size() == 1 ? "spectrum.png"
                    : "spectrum-" + (i + 1) + "-" + objectives.get(i).simulator().replaceAll("[^A-Za-z0-9_.-]", "_")
                            + ".png";
            written.add(writeSpectra(job, i, targets.get(i), outDir.resolve(name)));
            if (targets.get(i).kind() == SpectrumKind.EXAFS && targets.get(i).xMax() - targets.get(i).xMin() > 2) {
                written.add(writeChiR(job, i, targets.get(i), outDir.resolve(name.replace(".png", "-R.png"))));
            }
        }
        written.add(writeHistory(job, outDir.resolve("history.png")));
        return written;
    }

    /** {@link #writeRunPlots(Job, List, Path)} with the targets of a resolved problem. */
    public static List<Path> writeRunPlots(Job job, RefinementProblem problem, Path outDir) throws IOException {
        return writeRunPlots(job, problem.objective().terms().stream().map(ObjectiveTerm::target).toList(), outDir);
    }

    /**
     * Target, start (the first successful simulation) and best spectrum of one objective, with the difference target
     * - best drawn below them.
     */
    public static Path writeSpectra(Job job, int objective, Spectrum target, Path file) throws IOException {
        Results r = job.results();
        Candidate best = r.best().orElseThrow(() -> new IllegalArgumentException("the job has no successful "
                + "simulation to plot"));
        Optional<Candidate> start = r.candidates().stream().filter(c -> !c.isFailed()).findFirst();
        Spectrum bestSpectrum = best.spectrum(objective);
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> colors = new ArrayList<>();
        addFit(data, colors, target, start, best, c -> c.spectrum(objective));
        if (java.util.Arrays.equals(target.xArray(), bestSpectrum.xArray())) {
            // the difference sits below the curves, as in PDF-fitting programs
            double[] t = target.yArray();
            double[] b = bestSpectrum.yArray();
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            double dmax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < t.length; i++) {
                low = Math.min(low, Math.min(t[i], b[i]));
                high = Math.max(high, Math.max(t[i], b[i]));
                dmax = Math.max(dmax, t[i] - b[i]);
            }
            double offset = low - 0.05 * (high - low) - dmax;
            double[] d = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                d[i] = t[i] - b[i] + offset;
            }
            data.addSeries(series("target - best (offset)", target.xArray(), d));
            colors.add(DIFFERENCE);
        }
        NumberAxis x = new NumberAxis(label(target.xName(), target.xUnits()));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(label(target.yName(), target.yUnits()));
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = lines(data, colors, x, y);
        Objective o = job.objectives().get(objective);
        String title = job.name().orElse("refinement") + ": " + o.simulator();
        return save(chart(title, plot, job.method() + ", " + r.size() + " simulations"), file);
    }

    /**
     * |chi(R)| of target, start and best of an EXAFS objective beside the chi(k) plot, as EXAFS users read a fit. The
     * spectra compared already carry the simulator's k-weight, so the transform adds none; its window spans the
     * target's k range less half a taper at each end, so the taper never reaches past the data.
     */
    public static Path writeChiR(Job job, int objective, Spectrum target, Path file) throws IOException {
        Results r = job.results();
        Candidate best = r.best().orElseThrow(() -> new IllegalArgumentException("the job has no successful "
                + "simulation to plot"));
        Optional<Candidate> start = r.candidates().stream().filter(c -> !c.isFailed()).findFirst();
        Xftf ft = chiRTransform(target);
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> colors = new ArrayList<>();
        addFit(data, colors, magnitude(ft, target), start, best, c -> magnitude(ft, c.spectrum(objective)));
        NumberAxis x = new NumberAxis(label("R", "angstrom"));
        NumberAxis y = new NumberAxis(chiRLabel(target.yName()));
        XYPlot plot = lines(data, colors, x, y);
        Objective o = job.objectives().get(objective);
        String title = job.name().orElse("refinement") + ": " + o.simulator() + ", |chi(R)|";
        return save(chart(title, plot, String.format(Locale.ROOT, "%s window, k %.2f-%.2f \u00c5\u207b\u00b9, "
                + "dk %.1f, not phase-corrected", ft.window().name().toLowerCase(Locale.ROOT), ft.kmin(), ft.kmax(),
                ft.dk())), file);
    }

    /** Adds target, start (unless it is the best) and best, each as {@code view} shows a candidate, with their colours. */
    private static void addFit(XYSeriesCollection data, List<Color> colors, Spectrum target,
            Optional<Candidate> start, Candidate best, java.util.function.Function<Candidate, Spectrum> view) {
        data.addSeries(series("target", target.xArray(), target.yArray()));
        colors.add(TARGET);
        if (start.isPresent() && start.get().index() != best.index()) {
            Spectrum s = view.apply(start.get());
            data.addSeries(series(String.format(Locale.ROOT, "start (loss %.3g)", start.get().loss()), s.xArray(),
                    s.yArray()));
            colors.add(START);
        }
        Spectrum b = view.apply(best);
        data.addSeries(series(String.format(Locale.ROOT, "best, simulation %d (loss %.3g)", best.index() + 1,
                best.loss()), b.xArray(), b.yArray()));
        colors.add(BEST);
    }

    /** Curves in their colours, the first (the target) drawn heavier. */
    private static XYPlot lines(XYSeriesCollection data, List<Color> colors, NumberAxis x, NumberAxis y) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < colors.size(); s++) {
            renderer.setSeriesPaint(s, colors.get(s));
            renderer.setSeriesStroke(s, new BasicStroke(s == 0 ? 2.0f : 1.4f));
        }
        return new XYPlot(data, x, y, renderer);
    }

    /** The transform {@link #writeChiR} applies: Hanning, dk 1, no added k-weight, R up to 6 angstrom. */
    static Xftf chiRTransform(Spectrum target) {
        return new Xftf(target.xMin() + 0.5, target.xMax() - 0.5, 0, 1, 1, FtWindow.HANNING, 6, 0.05, 2048);
    }

    private static Spectrum magnitude(Xftf ft, Spectrum chiK) {
        return ft.transform(chiK).magnitudeSpectrum();
    }

    /** "|chi(R)| of k^2 chi(k) (angstrom^-3)": the transform of k^w chi(k) has the units angstrom^-(w+1). */
    static String chiRLabel(String chiKName) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^k\\^([0-9]+(?:\\.[0-9]+)?) ").matcher(chiKName);
        String w = m.find() ? m.group(1) : "0";
        String power = w.contains(".") ? Double.toString(Double.parseDouble(w) + 1)
                : Integer.toString(Integer.parseInt(w) + 1);
        return label("|FT of " + chiKName + "|", "angstrom^-" + power);
    }

    /**
     * The loss of every simulation (points coloured by phase) and the best loss so far (line) against the number of
     * simulations, on a logarithmic axis; the phases of the active loop are shaded.
     */
    public static Path writeHistory(Job job, Path file) throws IOException {
        Results r = job.results();
        double[] bestLoss = Metrics.bestSoFar(r.lossHistory());
        XYSeriesCollection best = new XYSeriesCollection();
        XYSeries bestSeries = new XYSeries("best so far", false, true);
        for (int i = 0; i < bestLoss.length; i++) {
            if (bestLoss[i] > 0) {
                bestSeries.add(i + 1, bestLoss[i]);
            }
        }
        best.addSeries(bestSeries);
        XYSeriesCollection points = new XYSeriesCollection();
        Map<Phase, XYSeries> byPhase = new LinkedHashMap<>();
        int failed = 0;
        List<Candidate> candidates = r.candidates();
        for (Candidate c : candidates) {
            if (c.isFailed()) {
                failed++;
            } else if (c.loss() > 0) {
                byPhase.computeIfAbsent(c.phase(), p -> new XYSeries(p == Phase.BASELINE ? job.method()
                        + " simulations" : p.literal(), false, true)).add(c.index() + 1, c.loss());
            }
        }
        byPhase.values().forEach(points::addSeries);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        int s = 0;
        for (Phase p : byPhase.keySet()) {
            dots.setSeriesShape(s, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
            dots.setSeriesPaint(s, PHASE_COLORS.getOrDefault(p, Color.GRAY));
            s++;
        }
        XYStepRenderer step = new XYStepRenderer();
        step.setSeriesPaint(0, Color.BLACK);
        step.setSeriesStroke(0, new BasicStroke(2.0f));
        XYPlot plot = new XYPlot(best, simulationAxis(), lossAxis("loss", List.of(best, points)), step);
        plot.setDataset(1, points);
        plot.setRenderer(1, dots);
        shadePhases(plot, candidates);
        String subtitle = job.method() + ", " + r.size() + " simulations"
                + (failed > 0 ? ", " + failed + " failed (not shown)" : "");
        return save(chart(job.name().orElse("refinement") + ": loss vs simulations", plot, subtitle), file);
    }

    /**
     * Best loss against simulations for several methods: each method's median over problems as a thick line, and
     * (optionally) every problem's curve thin and faint in the same colour.
     *
     * @param medians    one curve per method (element n-1: after n simulations), in legend order
     * @param individual per method, the curves the median was taken over; may be empty
     */
    public static Path writeCurves(String title, Map<String, double[]> medians, Map<String, List<double[]>> individual,
            Path file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYStepRenderer renderer = new XYStepRenderer();
        int s = 0;
        int other = 0;
        Map<String, Color> colors = new LinkedHashMap<>();
        for (String method : medians.keySet()) {
            colors.put(method, METHOD_COLORS.getOrDefault(method, OTHER_COLORS[other++ % OTHER_COLORS.length]));
        }
        for (var e : medians.entrySet()) {
            data.addSeries(curve("median " + e.getKey(), e.getValue()));
            renderer.setSeriesPaint(s, colors.get(e.getKey()));
            renderer.setSeriesStroke(s, new BasicStroke(2.5f));
            s++;
        }
        for (var e : individual.entrySet()) {
            Color c = colors.getOrDefault(e.getKey(), Color.GRAY);
            int k = 0;
            for (double[] curve : e.getValue()) {
                data.addSeries(curve(e.getKey() + " #" + (++k), curve));
                renderer.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
                renderer.setSeriesStroke(s, new BasicStroke(0.8f));
                renderer.setSeriesVisibleInLegend(s, false);
                s++;
            }
        }
        XYPlot plot = new XYPlot(data, simulationAxis(), lossAxis("best loss", List.of(data)), renderer);
        return save(chart(title, plot, individual.isEmpty() ? null : "thick: median over problems; thin: each "
                + "problem"), file);
    }

    /**
     * Histograms of pair distances as step lines, one per structure: the target black, the start grey, each method's
     * best in the method's colour (the names are "target", "start", "best METHOD").
     *
     * @param width bin width, Angstrom
     */
    public static Path writeDistanceHistogram(String title, String pair, Map<String, double[]> distances, double rmax,
            double width, Path file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYStepRenderer renderer = new XYStepRenderer();
        int bins = (int) Math.ceil(rmax / width);
        // only the bins around the distances: the shells of interest are a narrow band of 0..rmax
        double lo = distances.values().stream().flatMapToDouble(java.util.Arrays::stream).min().orElse(0);
        double hi = distances.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(rmax);
        int first = Math.max(0, (int) Math.floor(lo / width) - 5);
        int last = Math.min(bins, (int) Math.ceil(hi / width) + 5);
        int s = 0;
        int other = 0;
        for (var e : distances.entrySet()) {
            int[] counts = new int[bins];
            for (double d : e.getValue()) {
                counts[Math.min(bins - 1, (int) (d / width))]++;
            }
            XYSeries series = new XYSeries(e.getKey(), false, true);
            for (int k = first; k <= last; k++) {
                series.add(k * width, counts[Math.min(k, bins - 1)]);
            }
            data.addSeries(series);
            String name = e.getKey();
            Color c = name.equals("target") ? TARGET : name.equals("start") ? START
                    : METHOD_COLORS.getOrDefault(name.replaceFirst("^best ", ""),
                            OTHER_COLORS[other++ % OTHER_COLORS.length]);
            renderer.setSeriesPaint(s, c);
            renderer.setSeriesStroke(s, name.equals("target") ? new BasicStroke(2.5f) : new BasicStroke(1.5f));
            s++;
        }
        NumberAxis x = new NumberAxis(pair + " distance (Å)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("pairs per cell");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        return save(chart(title, plot, String.format(Locale.ROOT, "bins of %.3g Å", width)), file);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static XYSeries series(String name, double[] x, double[] y) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                s.add(x[i], y[i]);
            }
        }
        return s;
    }

    /** A best-loss curve at n = 1, 2, ...; points that a log axis cannot show (<= 0, NaN, infinite) left out. */
    private static XYSeries curve(String name, double[] y) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < y.length; i++) {
            if (y[i] > 0 && Double.isFinite(y[i])) {
                s.add(i + 1, y[i]);
            }
        }
        return s;
    }

    /** @return an integer axis of simulation numbers */
    private static NumberAxis simulationAxis() {
        NumberAxis x = new NumberAxis("simulations");
        x.setAutoRangeIncludesZero(false);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        return x;
    }

    /**
     * @return a base-10 log axis with ticks at 1..9 x 10^k (exponents in the labels when the values are very small
     *         or large), or a linear one when the data have no positive value to take the log of
     */
    private static ValueAxis lossAxis(String label, List<XYSeriesCollection> data) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (XYSeriesCollection d : data) {
            for (int s = 0; s < d.getSeriesCount(); s++) {
                for (int i = 0; i < d.getItemCount(s); i++) {
                    double v = d.getYValue(s, i);
                    if (v > 0) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (!Double.isFinite(min)) {
            return new NumberAxis(label);
        }
        LossAxis axis = new LossAxis(label + " (log scale)");
        axis.setSmallestValue(min / 10);
        return axis;
    }

    /**
     * A base-10 log axis with ticks where a reader expects them: at 1, 2 and 5 times powers of ten (every multiple
     * when the range is about a decade, powers only when it spans many), labelled as plain numbers. JFreeChart's
     * LogAxis puts ticks at even steps of the exponent (2.82, 3.16, ...).
     */
    private static final class LossAxis extends LogAxis {

        private static final long serialVersionUID = 1L;

        LossAxis(String label) {
            super(label);
            setBase(10);
        }

        @Override
        protected List<ValueTick> refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            Range range = getRange();
            double lo = range.getLowerBound();
            double hi = range.getUpperBound();
            int k0 = (int) Math.floor(Math.log10(lo));
            int k1 = (int) Math.ceil(Math.log10(hi));
            int[] multiples = k1 - k0 <= 1 ? new int[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }
                    : k1 - k0 <= 4 ? new int[] { 1, 2, 5 } : new int[] { 1 };
            int labelEvery = Math.max(1, (k1 - k0) / 8);
            TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
            List<ValueTick> ticks = new ArrayList<>();
            for (int k = k0; k <= k1; k++) {
                for (int m : multiples) {
                    double v = m * Math.pow(10, k);
                    if (v >= lo && v <= hi) {
                        String text = m == 1 && Math.floorMod(k, labelEvery) == 0 || labelEvery == 1 ? number(v) : "";
                        ticks.add(new NumberTick(TickType.MAJOR, v, text, anchor, anchor, 0));
                    }
                }
            }
            return ticks;
        }

        private static String number(double v) {
            if (v >= 1e-3 && v < 1e5) {
                return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros()
                        .toPlainString();
            }
            return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
        }
    }

    /** Shades each run of consecutive candidates of one phase and names it at the top. */
    private static void shadePhases(XYPlot plot, List<Candidate> candidates) {
        if (candidates.stream().allMatch(c -> c.phase() == Phase.BASELINE)) {
            return;
        }
        int i = 0;
        while (i < candidates.size()) {
            Phase p = candidates.get(i).phase();
            int j = i;
            while (j + 1 < candidates.size() && candidates.get(j + 1).phase() == p) {
                j++;
            }
            Color c = PHASE_COLORS.getOrDefault(p, Color.GRAY);
            IntervalMarker band = new IntervalMarker(i + 0.5, j + 1.5, new Color(c.getRed(), c.getGreen(),
                    c.getBlue(), 28));
            band.setLabel(p.literal());
            band.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            band.setLabelPaint(c.darker());
            band.setLabelAnchor(RectangleAnchor.TOP);
            band.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            band.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            // the colour carries the transparency; the marker's own alpha (default 0.8) would fade it again
            band.setAlpha(1f);
            plot.addDomainMarker(band, Layer.BACKGROUND);
            i = j + 1;
        }
    }

    private static JFreeChart chart(String title, XYPlot plot, String subtitle) {
        plot.setBackgroundPaint(Color.WHITE);
        Paint grid = new Color(0xdd, 0xdd, 0xdd);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null) {
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        }
        return chart;
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }

    /** @return "name (units)" with units as a reader writes them (angstrom -> Å, ^-1 -> superscript) */
    static String label(String name, String units) {
        if (units == null || units.isBlank()) {
            return name;
        }
        String u = units.replace("angstrom", "\u00c5").replace("^-1", "\u207b\u00b9").replace("^-2", "\u207b\u00b2")
                .replace("^-3", "\u207b\u00b3").replace("^2", "\u00b2").replace("^3", "\u00b3");
        return name + " (" + u + ")";
    }
}
