package org.activestructopt.spectra.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting for one-line summaries shown to users. */
public final class Texts {

    private Texts() {
    }

    /**
     * The shortest decimal that reads back as {@code v} ("0.05", "19.99", "8979"), switching to scientific notation
     * ("1.5e-07") only for very small or very large magnitudes.
     */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e9)) {
            return Double.toString(v).replace("E", "e");
        }
        String plain = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return plain.equals("-0") ? "0" : plain;
    }

    /**
     * {@code v} rounded to 7 significant digits for listings, where the last bits of float32 data or of a computed grid
     * ("19.950000000000003") are noise: "19.95", "5.45", "8979.123".
     */
    public static String compact(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return number(v);
        }
        return number(new BigDecimal(v).round(new MathContext(7)).doubleValue());
    }

    /** A double shown with a fixed number of significant digits, for messages. */
    public static String approx(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
