package org.activestructopt.spectra;

import java.util.Arrays;

/**
 * A strictly increasing grid of x values on which spectra are sampled, either uniform or explicit. Immutable.
 */
public final class Grid {

    /** Relative tolerance (of the mean step) under which an explicit grid counts as uniform. */
    private static final double UNIFORM_TOLERANCE = 1e-9;
    /** Guards against a mistyped step producing a grid that exhausts memory. */
    private static final long MAX_POINTS = 1L << 27;

    private final double[] values;
    private final double step;

    private Grid(double[] values, double step) {
        this.values = values;
        this.step = step;
    }

    /**
     * A uniform grid {@code start, start + step, ...} that includes {@code stop} when {@code stop} lies within half a
     * step of a grid point, so {@code uniform(0, 1, 0.1)} has 11 points despite rounding.
     *
     * @throws IllegalArgumentException if a value is not finite, {@code step <= 0} or {@code stop < start}
     */
    public static Grid uniform(double start, double stop, double step) {
        if (!Double.isFinite(start) || !Double.isFinite(stop) || !Double.isFinite(step)) {
            throw new IllegalArgumentException(
                    "grid start, stop and step must be finite, got " + start + ", " + stop + ", " + step);
        }
        if (step <= 0) {
            throw new IllegalArgumentException("grid step must be positive, got " + step);
        }
        if (stop < start) {
            throw new IllegalArgumentException("grid stop " + stop + " is below start " + start);
        }
        double count = Math.floor((stop - start) / step + 0.5) + 1;
        if (count > MAX_POINTS) {
            throw new IllegalArgumentException("grid " + start + ".." + stop + " with step " + step + " would have "
                    + (long) count + " points (more than " + MAX_POINTS + ")");
        }
        double[] v = new double[(int) count];
        for (int i = 0; i < v.length; i++) {
            // start + i*step rather than accumulating, so the last point carries one rounding error, not n
            v[i] = start + i * step;
        }
        return new Grid(v, step);
    }

    /**
     * An explicit grid. It reports itself uniform when all steps agree to within 1e-9 of the mean step.
     *
     * @throws IllegalArgumentException if {@code x} is empty, holds a non-finite value or is not strictly increasing
     */
    public static Grid of(double[] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("a grid needs at least one point");
        }
        double[] v = x.clone();
        checkIncreasing(v, "grid");
        return new Grid(v, uniformStep(v));
    }

    /**
     * Checks that {@code v} is finite and strictly increasing, naming the first offending index.
     *
     * @param what how to call the array in the message, e.g. "x"
     */
    static void checkIncreasing(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + v[i] + "; values must be finite");
            }
            if (i > 0 && v[i] <= v[i - 1]) {
                throw new IllegalArgumentException(what + " must be strictly increasing, but " + what + "[" + (i - 1)
                        + "] = " + v[i - 1] + " and " + what + "[" + i + "] = " + v[i]);
            }
        }
    }

    private static double uniformStep(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = (v[v.length - 1] - v[0]) / (v.length - 1);
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i] - v[i - 1] - mean) > UNIFORM_TOLERANCE * mean) {
                return Double.NaN;
            }
        }
        return mean;
    }

    /** @return a copy of the grid points */
    public double[] values() {
        return values.clone();
    }

    /** @return the number of points */
    public int size() {
        return values.length;
    }

    /** @return the first point */
    public double start() {
        return values[0];
    }

    /** @return the last point */
    public double stop() {
        return values[values.length - 1];
    }

    /** @return the spacing of a uniform grid, NaN when the grid is not uniform */
    public double step() {
        return step;
    }

    /** @return whether the points are equally spaced (see {@link #of(double[])} for the tolerance) */
    public boolean isUniform() {
        return !Double.isNaN(step);
    }

    /** Read access without a copy, for this bundle's hot paths. */
    double[] valuesUnsafe() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && Arrays.equals(values, g.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return isUniform()
                ? "Grid[" + size() + " points, " + start() + ".." + stop() + " step " + step + "]"
                : "Grid[" + size() + " points, " + start() + ".." + stop() + "]";
    }
}
