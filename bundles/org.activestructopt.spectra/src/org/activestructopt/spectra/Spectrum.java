package org.activestructopt.spectra;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.spectra.internal.Interpolation;
import org.activestructopt.spectra.internal.Texts;
import org.eclipse.january.dataset.DatasetFactory;
import org.eclipse.january.dataset.DoubleDataset;
import org.eclipse.january.dataset.IDataset;

/**
 * A 1-D spectrum: values y sampled at strictly increasing, finite x, with optional per-point uncertainties (one
 * standard deviation), a {@link SpectrumKind}, a name, and axis names and units. Immutable: every {@code with...}
 * method and every transformation returns a new spectrum.
 *
 * <pre>{@code
 * Spectrum g = Spectrum.of(SpectrumKind.PDF, r, gr).withName("Cu fcc");
 * double mse = simulated.mse(g.crop(1.5, 20));
 * }</pre>
 *
 * The x and y axes are also available as Eclipse January datasets ({@link #x()}, {@link #y()}); those are copies, so
 * changing them does not change the spectrum.
 */
public final class Spectrum {

    /** Relative tolerance (of the x span) within which a grid point counts as inside the data, or two grids agree. */
    private static final double GRID_TOLERANCE = 1e-9;

    private final SpectrumKind kind;
    private final String name;
    private final double[] x;
    private final double[] y;
    private final double[] sigma; // null when the spectrum carries no uncertainties
    private final String xName;
    private final String xUnits;
    private final String yName;
    private final String yUnits;

    private Spectrum(SpectrumKind kind, String name, double[] x, double[] y, double[] sigma, String xName,
            String xUnits, String yName, String yUnits) {
        this.kind = kind;
        this.name = name;
        this.x = x;
        this.y = y;
        this.sigma = sigma;
        this.xName = xName;
        this.xUnits = xUnits;
        this.yName = yName;
        this.yUnits = yUnits;
    }

    /**
     * A spectrum with the kind's default axis names and units, named after its values (e.g. "G(r)"). The arrays are
     * copied.
     *
     * @throws IllegalArgumentException if the arrays differ in length, hold fewer than 2 points or a non-finite value,
     *                                  or x is not strictly increasing (the message names the first bad index)
     */
    public static Spectrum of(SpectrumKind kind, double[] x, double[] y) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        double[] xc = x.clone();
        double[] yc = y.clone();
        checkShape(xc, yc);
        return new Spectrum(kind, kind.yName(), xc, yc, null, kind.xName(), kind.xUnits(), kind.yName(),
                kind.yUnits());
    }

    /**
     * A spectrum from two 1-D January datasets of any numeric type (converted to double and copied).
     *
     * @throws IllegalArgumentException if a dataset is not 1-D, or for the reasons given in
     *                                  {@link #of(SpectrumKind, double[], double[])}
     */
    public static Spectrum of(SpectrumKind kind, IDataset x, IDataset y) {
        return of(kind, toArray(x, "x"), toArray(y, "y"));
    }

    private static double[] toArray(IDataset d, String what) {
        Objects.requireNonNull(d, what);
        int[] shape = d.getShape();
        if (shape.length != 1) {
            throw new IllegalArgumentException(what + " must be a 1-D dataset, got shape " + Arrays.toString(shape));
        }
        double[] v = new double[shape[0]];
        for (int i = 0; i < v.length; i++) {
            v[i] = d.getDouble(i);
        }
        return v;
    }

    private static void checkShape(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "x has " + x.length + " points but y has " + y.length + "; they must have the same length");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("a spectrum needs at least 2 points, got " + x.length);
        }
        Grid.checkIncreasing(x, "x");
        checkFinite(y, "y");
    }

    private static void checkFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + v[i] + "; values must be finite");
            }
        }
    }

    /**
     * A copy carrying per-point uncertainties (one standard deviation, same units as y), which make
     * {@link #mse(Spectrum)} and {@link #mae(Spectrum)} weighted when this spectrum is the target.
     *
     * @param sigma one positive, finite value per point, or {@code null} to drop the uncertainties
     * @throws IllegalArgumentException if the length differs or a value is not positive and finite
     */
    public Spectrum withUncertainties(double[] sigma) {
        if (sigma == null) {
            return new Spectrum(kind, name, x, y, null, xName, xUnits, yName, yUnits);
        }
        if (sigma.length != x.length) {
            throw new IllegalArgumentException(
                    "uncertainties have " + sigma.length + " values but the spectrum has " + x.length + " points");
        }
        double[] s = sigma.clone();
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] > 0) || !Double.isFinite(s[i])) {
                throw new IllegalArgumentException(
                        "uncertainty[" + i + "] is " + s[i] + "; uncertainties must be positive and finite");
            }
        }
        return new Spectrum(kind, name, x, y, s, xName, xUnits, yName, yUnits);
    }

    /** @return a copy with another name (e.g. "target", "Cu fcc 300 K") */
    public Spectrum withName(String name) {
        return new Spectrum(kind, Objects.requireNonNull(name, "name"), x, y, sigma, xName, xUnits, yName, yUnits);
    }

    /** @return a copy with another kind; names and units are kept */
    public Spectrum withKind(SpectrumKind kind) {
        return new Spectrum(Objects.requireNonNull(kind, "kind"), name, x, y, sigma, xName, xUnits, yName, yUnits);
    }

    /**
     * @param name  the x axis name, e.g. "r"
     * @param units its units as NeXus spells them, e.g. "angstrom"; "" when dimensionless or unknown
     * @return a copy with another x axis name and units
     */
    public Spectrum withAxis(String name, String units) {
        return new Spectrum(kind, this.name, x, y, sigma, Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(units, "units"), yName, yUnits);
    }

    /**
     * @param name  the name of the values, e.g. "G(r)"
     * @param units their units, e.g. "angstrom^-2"; "" when dimensionless or unknown
     * @return a copy with another value name and units
     */
    public Spectrum withValues(String name, String units) {
        return new Spectrum(kind, this.name, x, y, sigma, xName, xUnits, Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(units, "units"));
    }

    /** @return the kind of spectrum */
    public SpectrumKind kind() {
        return kind;
    }

    /** @return the name of this spectrum (by default the name of its values) */
    public String name() {
        return name;
    }

    /** @return the x axis as a new January dataset named after the axis */
    public DoubleDataset x() {
        return dataset(x, xName);
    }

    /** @return the values as a new January dataset named after them */
    public DoubleDataset y() {
        return dataset(y, yName);
    }

    private static DoubleDataset dataset(double[] v, String name) {
        DoubleDataset d = DatasetFactory.createFromObject(DoubleDataset.class, v.clone());
        d.setName(name);
        return d;
    }

    /** @return a copy of the x values */
    public double[] xArray() {
        return x.clone();
    }

    /** @return a copy of the values */
    public double[] yArray() {
        return y.clone();
    }

    /** @return a copy of the per-point uncertainties, if any */
    public Optional<double[]> uncertainties() {
        return Optional.ofNullable(sigma).map(double[]::clone);
    }

    /** @return the x values as a grid */
    public Grid grid() {
        return Grid.of(x);
    }

    /** @return the number of points */
    public int size() {
        return x.length;
    }

    /** @return the x axis name */
    public String xName() {
        return xName;
    }

    /** @return the x axis units ("" when dimensionless or unknown) */
    public String xUnits() {
        return xUnits;
    }

    /** @return the name of the values */
    public String yName() {
        return yName;
    }

    /** @return the units of the values ("" when dimensionless or unknown) */
    public String yUnits() {
        return yUnits;
    }

    /** @return the first x value */
    public double xMin() {
        return x[0];
    }

    /** @return the last x value */
    public double xMax() {
        return x[x.length - 1];
    }

    /**
     * This spectrum linearly interpolated onto {@code grid}; uncertainties, if any, are interpolated the same way
     * (which ignores the correlation interpolation introduces).
     *
     * @throws IllegalArgumentException if the grid reaches outside this spectrum's x range (beyond a relative
     *                                  rounding tolerance of 1e-9), naming both ranges
     */
    public Spectrum resample(Grid grid) {
        Objects.requireNonNull(grid, "grid");
        double[] xi = grid.valuesUnsafe();
        double tol = GRID_TOLERANCE * (xMax() - xMin());
        if (xi[0] < xMin() - tol || xi[xi.length - 1] > xMax() + tol) {
            throw new IllegalArgumentException("cannot resample " + describe() + " with " + xName + " in ["
                    + Texts.number(xMin()) + ", " + Texts.number(xMax()) + "] onto a grid spanning ["
                    + Texts.number(xi[0]) + ", " + Texts.number(xi[xi.length - 1])
                    + "]: interpolation would extrapolate (crop the grid first)");
        }
        if (xi.length < 2) {
            throw new IllegalArgumentException("cannot resample onto a grid of " + xi.length + " point");
        }
        double[] yi = Interpolation.linearSorted(x, y, xi);
        double[] si = sigma == null ? null : Interpolation.linearSorted(x, sigma, xi);
        return new Spectrum(kind, name, xi.clone(), yi, si, xName, xUnits, yName, yUnits);
    }

    /**
     * @param x strictly increasing points inside this spectrum's x range
     * @return this spectrum linearly interpolated at {@code x}
     * @see #resample(Grid)
     */
    public Spectrum resample(double[] x) {
        return resample(Grid.of(x));
    }

    /**
     * The points with {@code xmin <= x <= xmax}, without interpolation.
     *
     * @throws IllegalArgumentException if fewer than 2 points remain
     */
    public Spectrum crop(double xmin, double xmax) {
        if (!(xmin <= xmax)) {
            throw new IllegalArgumentException("crop range [" + xmin + ", " + xmax + "] is empty");
        }
        int from = 0;
        while (from < x.length && x[from] < xmin) {
            from++;
        }
        int to = x.length;
        while (to > from && x[to - 1] > xmax) {
            to--;
        }
        if (to - from < 2) {
            throw new IllegalArgumentException("cropping " + describe() + " (" + xName + " in ["
                    + Texts.number(xMin()) + ", " + Texts.number(xMax()) + "]) to [" + Texts.number(xmin) + ", "
                    + Texts.number(xmax) + "] leaves " + (to - from) + " point(s); a spectrum needs at least 2");
        }
        return new Spectrum(kind, name, Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to),
                sigma == null ? null : Arrays.copyOfRange(sigma, from, to), xName, xUnits, yName, yUnits);
    }

    /**
     * Mean squared error between this spectrum and {@code target}, on this spectrum's grid (the target is resampled
     * onto it when the grids differ). When the target carries uncertainties the mean is weighted by 1/sigma^2:
     * {@code sum(w (y - t)^2) / sum(w)}, which keeps the units of y^2 and equals the plain MSE for equal sigmas.
     *
     * @throws IllegalArgumentException if the kinds are different known kinds (e.g. PDF against EXAFS), or this grid
     *                                  reaches outside the target's x range
     */
    public double mse(Spectrum target) {
        return error(target, true);
    }

    /**
     * Mean absolute error, on the same terms as {@link #mse(Spectrum)} (weighted by 1/sigma^2 when the target carries
     * uncertainties).
     */
    public double mae(Spectrum target) {
        return error(target, false);
    }

    private double error(Spectrum target, boolean squared) {
        Objects.requireNonNull(target, "target");
        if (kind != target.kind && kind != SpectrumKind.OTHER && target.kind != SpectrumKind.OTHER) {
            throw new IllegalArgumentException(
                    "cannot compare a " + kind + " spectrum with a " + target.kind + " spectrum");
        }
        Spectrum t = sameGrid(target) ? target : target.resample(Grid.of(x));
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - t.y[i];
            double e = squared ? d * d : Math.abs(d);
            double w = t.sigma == null ? 1 : 1 / (t.sigma[i] * t.sigma[i]);
            sum += w * e;
            weights += w;
        }
        return sum / weights;
    }

    private boolean sameGrid(Spectrum other) {
        if (other.x.length != x.length) {
            return false;
        }
        double tol = GRID_TOLERANCE * (xMax() - xMin());
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i] - other.x[i]) > tol) {
                return false;
            }
        }
        return true;
    }

    private String describe() {
        return "spectrum '" + name + "'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrum s && kind == s.kind && name.equals(s.name) && Arrays.equals(x, s.x)
                && Arrays.equals(y, s.y) && Arrays.equals(sigma, s.sigma) && xName.equals(s.xName)
                && xUnits.equals(s.xUnits) && yName.equals(s.yName) && yUnits.equals(s.yUnits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, Arrays.hashCode(x), Arrays.hashCode(y), xName, yName);
    }

    @Override
    public String toString() {
        return "Spectrum[" + kind + " '" + name + "', " + x.length + " points, " + xName + " in ["
                + Texts.number(xMin()) + ", " + Texts.number(xMax()) + "]" + (xUnits.isEmpty() ? "" : " " + xUnits)
                + ", " + yName
                + (yUnits.isEmpty() ? "" : " [" + yUnits + "]") + (sigma == null ? "" : ", with uncertainties")
                + "]";
    }
}
