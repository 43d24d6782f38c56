package org.activestructopt.ui.internal.spectra;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.ChiR;
import org.activestructopt.spectra.exafs.FtWindow;
import org.activestructopt.spectra.exafs.Xftf;
import org.activestructopt.ui.internal.conventions.PlotConvention;

/**
 * What the spectra plot shows, free of widgets: the target, start and best spectra, and for EXAFS the space (k or R)
 * and the k-weight. {@link #series()} computes the plotted x/y arrays, so the chart, the CSV export and the tests
 * all see the same numbers. Start and best are transformed with the target's Fourier-transform parameters, so that
 * they can be compared.
 */
public final class SpectraPlotModel {

    /** Default k-weight for EXAFS, as in {@link Xftf#DEFAULTS}. */
    public static final int DEFAULT_K_WEIGHT = 2;
    private static final int MAX_K_WEIGHT = 3;

    /** One plotted curve. The arrays are the model's own: do not modify them. */
    public record Series(Curve curve, String name, double[] x, double[] y) {
    }

    private final EnumMap<Curve, Spectrum> curves = new EnumMap<>(Curve.class);
    private Optional<PlotConvention> convention = Optional.empty();
    private PlotSpace space = PlotSpace.K;
    private int kWeight = DEFAULT_K_WEIGHT;
    private FtWindow window = Xftf.DEFAULTS.window();
    private double dk = Xftf.DEFAULTS.dk();

    /** Sets or replaces the spectrum of a curve. */
    public void set(Curve curve, Spectrum spectrum) {
        curves.put(Objects.requireNonNull(curve, "curve"), Objects.requireNonNull(spectrum, "spectrum"));
    }

    /** Removes a curve. */
    public void clear(Curve curve) {
        curves.remove(curve);
    }

    /** @return the spectrum of a curve, if set */
    public Optional<Spectrum> get(Curve curve) {
        return Optional.ofNullable(curves.get(curve));
    }

    /** @return true when there is nothing to plot */
    public boolean isEmpty() {
        return curves.isEmpty();
    }

    /** @return true when the target (or, without target, the first curve) is EXAFS chi(k) */
    public boolean isExafs() {
        return reference().map(s -> s.kind() == SpectrumKind.EXAFS).orElse(false);
    }

    /**
     * Sets the axis names and units contributed for the simulator or kind of the plotted spectra (they win over the
     * names the spectra carry; spectra of a run's candidates carry only their kind's defaults).
     */
    public void setConvention(Optional<PlotConvention> convention) {
        this.convention = Objects.requireNonNull(convention, "convention");
    }

    /** @return the plot convention in use, if any */
    public Optional<PlotConvention> convention() {
        return convention;
    }

    /** @return k or R; only meaningful for EXAFS */
    public PlotSpace space() {
        return space;
    }

    public void setSpace(PlotSpace space) {
        this.space = Objects.requireNonNull(space, "space");
    }

    /** @return the k-weight applied to EXAFS in both spaces */
    public int kWeight() {
        return kWeight;
    }

    /** @throws IllegalArgumentException outside 0..3 */
    public void setKWeight(int kWeight) {
        if (kWeight < 0 || kWeight > MAX_K_WEIGHT) {
            throw new IllegalArgumentException("k-weight must be 0 to " + MAX_K_WEIGHT + ", got " + kWeight);
        }
        this.kWeight = kWeight;
    }

    /** @return the window of the Fourier transform (Hanning unless set) */
    public FtWindow window() {
        return window;
    }

    /** Sets the window of the Fourier transform: Larch's names, e.g. Hanning or Kaiser-Bessel. */
    public void setWindow(FtWindow window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    /** @return the window's dk: the taper width for Hanning, the shape parameter for Kaiser-Bessel (Larch's dk) */
    public double dk() {
        return dk;
    }

    /** @throws IllegalArgumentException if dk is negative or not finite */
    public void setDk(double dk) {
        if (!(dk >= 0) || !Double.isFinite(dk)) {
            throw new IllegalArgumentException("dk must be finite and at least 0, got " + dk);
        }
        this.dk = dk;
    }

    /**
     * The Fourier-transform parameters for R space: {@link Xftf#DEFAULTS} with this k-weight, window and dk, and the
     * window k 3-12 narrowed to the k range of the reference curve.
     *
     * @return empty when not EXAFS or the data do not reach past k = 3 by at least 1/angstrom
     */
    public Optional<Xftf> transform() {
        if (!isExafs()) {
            return Optional.empty();
        }
        Spectrum ref = reference().orElseThrow();
        double kmin = Math.max(Xftf.DEFAULTS.kmin(), ref.xMin());
        double kmax = Math.min(Xftf.DEFAULTS.kmax(), ref.xMax());
        if (kmax - kmin < 1) {
            return Optional.empty();
        }
        return Optional.of(Xftf.DEFAULTS.withKRange(kmin, kmax).withKWeight(kWeight).withWindow(window).withDk(dk));
    }

    /** @return true when R space is selected and possible */
    public boolean showsR() {
        return space == PlotSpace.R && transform().isPresent();
    }

    /**
     * @return the curves as plotted, in {@link Curve} order
     * @throws IllegalArgumentException if a curve cannot be Fourier transformed (its message says why)
     */
    public List<Series> series() {
        List<Series> out = new ArrayList<>();
        boolean exafs = isExafs();
        Optional<Xftf> ft = showsR() ? transform() : Optional.empty();
        for (var e : curves.entrySet()) {
            Spectrum s = e.getValue();
            if (ft.isPresent()) {
                ChiR chiR = ft.get().transform(s);
                out.add(new Series(e.getKey(), s.name(), chiR.r(), chiR.magnitude()));
            } else if (exafs && kWeight != 0) {
                double[] k = s.xArray();
                double[] y = s.yArray();
                for (int i = 0; i < k.length; i++) {
                    y[i] *= Math.pow(k[i], kWeight);
                }
                out.add(new Series(e.getKey(), s.name(), k, y));
            } else {
                out.add(new Series(e.getKey(), s.name(), s.xArray(), s.yArray()));
            }
        }
        return out;
    }

    /** @return the x axis title with units, e.g. "r (Å)" */
    public String xTitle() {
        if (showsR()) {
            return "R (Å)";
        }
        if (convention.isPresent() && reference().isPresent()) {
            return Units.axisTitle(convention.get().xName(), convention.get().xUnits());
        }
        return reference().map(s -> Units.axisTitle(s.xName(), s.xUnits())).orElse("x");
    }

    /** @return the y axis title with units, e.g. "k²·chi (Å⁻²)" or "|chi(R)| (Å⁻³)" */
    public String yTitle() {
        Optional<Spectrum> ref = reference();
        if (ref.isEmpty()) {
            return "y";
        }
        Spectrum s = ref.get();
        String yName = convention.map(PlotConvention::yName).orElse(s.yName());
        String yUnits = convention.map(PlotConvention::yUnits).orElse(s.yUnits());
        if (showsR()) {
            return "|χ(R)|" + unitsSuffix(Units.angstromPower(-(kWeight + 1)));
        }
        if (isExafs() && kWeight != 0) {
            String k = kWeight == 1 ? "k" : "k" + Units.superscript(kWeight);
            return k + "·" + yName + unitsSuffix(Units.angstromPower(-kWeight));
        }
        return Units.axisTitle(yName, yUnits);
    }

    /** @return a one-line description of the Fourier transform for the view's header, or "" */
    public String transformDescription() {
        return transform().map(f -> String.format(Locale.ROOT, "FT k %.3g–%.3g Å⁻¹, %s dk %.3g",
                f.kmin(), f.kmax(), f.window().larchName(), f.dk())).orElse("");
    }

    /**
     * The plotted curves in tidy CSV: one row per point with columns curve, x, y; the header names the axes with
     * their units. Numbers are written with full precision.
     */
    public String csv() {
        StringBuilder b = new StringBuilder();
        b.append("curve,").append(quote(xTitle())).append(',').append(quote(yTitle())).append('\n');
        for (Series s : series()) {
            for (int i = 0; i < s.x().length; i++) {
                b.append(s.curve().label()).append(',').append(s.x()[i]).append(',').append(s.y()[i]).append('\n');
            }
        }
        return b.toString();
    }

    private Optional<Spectrum> reference() {
        Spectrum t = curves.get(Curve.TARGET);
        if (t != null) {
            return Optional.of(t);
        }
        return curves.values().stream().findFirst();
    }

    private static String unitsSuffix(String units) {
        return units.isEmpty() ? "" : " (" + units + ")";
    }

    private static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
