package org.activestructopt.surrogate.gnn.internal;

import java.util.List;

/**
 * Standardised spectra {@code (y - mean) / scale}: the mean spectrum of the training set is subtracted point by point
 * and one overall scale (the root mean square deviation over all points) divides. A per-point scale would blow up
 * points where all training spectra agree (e.g. G(r) below the shortest distance, which depends only on density) and
 * let the loss chase noise there.
 */
record Standardizer(double[] mean, double scale) {

    Standardizer {
        mean = mean.clone();
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("standardisation scale must be positive, got " + scale);
        }
    }

    static Standardizer of(List<double[]> spectra) {
        int g = spectra.get(0).length;
        double[] mean = new double[g];
        for (double[] y : spectra) {
            for (int i = 0; i < g; i++) {
                mean[i] += y[i] / spectra.size();
            }
        }
        double sum = 0;
        double largest = 0;
        for (double[] y : spectra) {
            for (int i = 0; i < g; i++) {
                sum += (y[i] - mean[i]) * (y[i] - mean[i]);
                largest = Math.max(largest, Math.abs(y[i]));
            }
        }
        double scale = Math.sqrt(sum / ((double) g * spectra.size()));
        // identical training spectra: any positive scale is exact; keep the numbers of order one
        if (!(scale > 1e-12 * (largest + 1e-300))) {
            scale = largest > 0 ? largest : 1;
        }
        return new Standardizer(mean, scale);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    float[] standardise(double[] y) {
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) ((y[i] - mean[i]) / scale);
        }
        return out;
    }

    double[] standardiseDouble(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (y[i] - mean[i]) / scale;
        }
        return out;
    }

    double restore(double standardised, int point) {
        return mean[point] + scale * standardised;
    }
}
