package org.activestructopt.spectra.exafs;

import java.util.Locale;
import java.util.Objects;

import org.activestructopt.spectra.internal.Bessel;

/**
 * Fourier-transform windows as defined by Larch's {@code ftwindow} (larch.xafs.xafsft, Larch 0.9.58), with the
 * same meaning of {@code xmin, xmax, dx, dx2} and the same snapping of the window edges to grid points, so windows
 * and transforms agree with Larch to rounding.
 * <p>
 * One deliberate difference: Larch turns edge positions into indices as if the grid started at 0, which is only
 * true of the grid its own {@code xftf} builds. Here indices are counted from {@code x[0]}, which gives the same
 * window on such grids and the intended one on others.
 */
public enum FtWindow {
    /** Cosine-squared taper of width dx on each side ("hanning"). */
    HANNING("hanning"),
    /** Hanning with tapers given as fractions dx, dx2 of the window width ("fhanning"). */
    FHANNING("fhanning"),
    /** Linear taper ("parzen"). */
    PARZEN("parzen"),
    /** Quadratic taper ("welch"). */
    WELCH("welch"),
    /** Gaussian of width dx centred on the window ("gaussian"). */
    GAUSSIAN("gaussian"),
    /** Half a sine period across the window ("sine"). */
    SINE("sine"),
    /** Kaiser-Bessel window with shape parameter dx, Larch's improved form ("kaiser"). */
    KAISER("kaiser"),
    /** Kaiser-Bessel window as in Ifeffit 1.0 ("bessel"). */
    BESSEL("bessel");

    private final String larchName;

    FtWindow(String larchName) {
        this.larchName = larchName;
    }

    /** @return the name Larch uses for this window, e.g. "hanning" */
    public String larchName() {
        return larchName;
    }

    /**
     * Looks a window up the way Larch does: by the first three letters of its name, ignoring case ("han", "Hanning",
     * "kaiser-bessel" ...).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static FtWindow fromName(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (key.length() >= 3) {
            key = key.substring(0, 3);
            for (FtWindow w : values()) {
                if (w.larchName.startsWith(key)) {
                    return w;
                }
            }
        }
        throw new IllegalArgumentException("unknown Fourier-transform window '" + name
                + "'; valid: hanning, fhanning, parzen, welch, gaussian, sine, kaiser, bessel");
    }

    /**
     * This window on a uniform grid, with the same taper on both sides.
     *
     * @see #values(double[], double, double, double, double)
     */
    public double[] values(double[] x, double xmin, double xmax, double dx) {
        return values(x, xmin, xmax, dx, dx);
    }

    /**
     * This window evaluated on the uniform grid {@code x}: close to 1 between {@code xmin} and {@code xmax}, tapered
     * over {@code dx} below {@code xmin} and {@code dx2} above {@code xmax} (for {@link #KAISER} and {@link #BESSEL}
     * dx is the shape parameter, for {@link #GAUSSIAN} the width, for {@link #FHANNING} the fractions of the window
     * width).
     *
     * @param x uniform, increasing grid with at least 2 points (the step is taken from its ends)
     * @throws IllegalArgumentException if the grid has fewer than 2 points or is not increasing, or a parameter is not
     *                                  finite
     */
    public double[] values(double[] x, double xmin, double xmax, double dx, double dx2) {
        Objects.requireNonNull(x, "x");
        if (x.length < 2 || !(x[x.length - 1] > x[0])) {
            throw new IllegalArgumentException("a window needs an increasing grid of at least 2 points");
        }
        if (!Double.isFinite(xmin) || !Double.isFinite(xmax) || !Double.isFinite(dx) || !Double.isFinite(dx2)) {
            throw new IllegalArgumentException("window parameters must be finite, got xmin=" + xmin + ", xmax="
                    + xmax + ", dx=" + dx + ", dx2=" + dx2);
        }
        int n = x.length;
        double xfirst = x[0];
        double xlast = x[n - 1];
        double xstep = (xlast - xfirst) / (n - 1);
        double xeps = 1e-4 * xstep;
        double dx1 = dx;
        double x1 = Math.max(xfirst, xmin - dx1 / 2.0);
        double x2 = xmin + dx1 / 2.0 + xeps;
        double x3 = xmax - dx2 / 2.0 - xeps;
        double x4 = Math.min(xlast, xmax + dx2 / 2.0);
        if (this == FHANNING) {
            dx1 = Math.max(dx1, 0);
            dx2 = Math.min(dx2, 1);
            x2 = x1 + xeps + dx1 * (xmax - xmin) / 2.0;
            x3 = x4 - xeps - dx2 * (xmax - xmin) / 2.0;
        } else if (this == GAUSSIAN) {
            dx1 = Math.max(dx1, xeps);
        }
        // Larch snaps the four edges to grid points and then shapes the tapers between those points.
        int i1 = index(x1, xfirst, xstep, xeps, n);
        int i2 = index(x2, xfirst, xstep, xeps, n);
        int i3 = index(x3, xfirst, xstep, xeps, n);
        int i4 = index(x4, xfirst, xstep, xeps, n);
        if (i2 == i1) {
            i1 = Math.max(0, i2 - 1);
        }
        if (i4 == i3) {
            i3 = Math.max(i2, i4 - 1);
        }
        x1 = x[i1];
        x2 = x[i2];
        x3 = x[i3];
        x4 = x[i4];
        if (x1 == x2) {
            x2 = x2 + xeps;
        }
        if (x3 == x4) {
            x4 = x4 + xeps;
        }
        double[] w = new double[n];
        for (int i = i2; i < i3; i++) {
            w[i] = 1;
        }
        switch (this) {
            case HANNING, FHANNING -> {
                for (int i = i1; i <= i2; i++) {
                    double s = Math.sin((Math.PI / 2) * (x[i] - x1) / (x2 - x1));
                    w[i] = s * s;
                }
                for (int i = i3; i <= i4; i++) {
                    double c = Math.cos((Math.PI / 2) * (x[i] - x3) / (x4 - x3));
                    w[i] = c * c;
                }
            }
            case PARZEN -> {
                for (int i = i1; i <= i2; i++) {
                    w[i] = (x[i] - x1) / (x2 - x1);
                }
                for (int i = i3; i <= i4; i++) {
                    w[i] = 1 - (x[i] - x3) / (x4 - x3);
                }
            }
            case WELCH -> {
                for (int i = i1; i <= i2; i++) {
                    double t = (x[i] - x2) / (x2 - x1);
                    w[i] = 1 - t * t;
                }
                for (int i = i3; i <= i4; i++) {
                    double t = (x[i] - x3) / (x4 - x3);
                    w[i] = 1 - t * t;
                }
            }
            case KAISER, BESSEL -> {
                double cen = (x4 + x1) / 2;
                double wid = (x4 - x1) / 2;
                double scale = this == BESSEL ? Bessel.i0(dx) : Math.max(1e-10, Bessel.i0(dx) - 1);
                for (int i = 0; i < n; i++) {
                    double arg = Math.max(0, 1 - (x[i] - cen) * (x[i] - cen) / (wid * wid));
                    if (this == BESSEL) {
                        w[i] = x[i] <= x1 || x[i] >= x4 ? 0 : Bessel.i0(dx * Math.sqrt(arg)) / scale;
                    } else {
                        w[i] = (Bessel.i0(dx * Math.sqrt(arg)) - 1) / scale;
                    }
                }
            }
            case SINE -> {
                for (int i = i1; i <= i4; i++) {
                    w[i] = Math.sin(Math.PI * (x4 - x[i]) / (x4 - x1));
                }
            }
            case GAUSSIAN -> {
                double cen = (x4 + x1) / 2;
                for (int i = 0; i < n; i++) {
                    double d = x[i] - cen;
                    w[i] = Math.exp(-(d * d) / (2 * dx1 * dx1));
                }
            }
        }
        return w;
    }

    /**
     * Larch's {@code int((v + xeps)/xstep)}, counted from the first grid point and kept inside the grid where Larch
     * would index past its end.
     */
    private static int index(double v, double xfirst, double xstep, double xeps, int n) {
        double i = (v - xfirst + xeps) / xstep;
        return (int) Math.max(0, Math.min(n - 1, i));
    }
}
