package org.activestructopt.spectra.internal;

/** The modified Bessel function I0, which commons-math 3.5 lacks; needed by the Kaiser-Bessel windows. */
public final class Bessel {

    private Bessel() {
    }

    /**
     * I0(x) = sum_k ((x/2)^k / k!)^2. All terms are positive, so the series has no cancellation and reaches full
     * double precision; for the window parameters used in EXAFS (|x| below a few tens) it needs under 60 terms.
     */
    public static double i0(double x) {
        double q = x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 1000; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }
}
