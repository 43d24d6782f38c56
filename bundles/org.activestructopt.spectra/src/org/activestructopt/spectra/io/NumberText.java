package org.activestructopt.spectra.io;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one tokenizer for numbers in text spectrum files, shared by every reader here and by the FEFF output parsers.
 * Stricter than {@link Double#parseDouble(String)}, which also accepts {@code 1d}, {@code 0x1p3} and
 * {@code Infinity}: only decimal numbers, Fortran's 'D' exponents and its dropped 'E' of three-digit exponents
 * ({@code 1.234-100}), and the words nan and inf (returned as NaN and infinities so that the caller can name where they
 * are).
 */
public final class NumberText {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?");
    private static final Pattern MISSING_E = Pattern.compile("([-+]?(?:\\d+\\.\\d*|\\.\\d+))([-+]\\d{2,3})");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[-+]?\\d*,\\d+(?:[eE][-+]?\\d+)?");

    private NumberText() {
    }

    /**
     * @param token one number as text files write it
     * @return its value; NaN or an infinity for the words nan / inf / infinity (any case, any sign)
     * @throws NumberFormatException naming the token when it is not a number
     */
    public static double parse(String token) {
        String t = token.strip();
        if (DECIMAL.matcher(t).matches()) {
            return Double.parseDouble(t);
        }
        String e = t.replace('D', 'E').replace('d', 'e');
        if (DECIMAL.matcher(e).matches()) {
            return Double.parseDouble(e);
        }
        Matcher m = MISSING_E.matcher(e);
        if (m.matches()) {
            return Double.parseDouble(m.group(1) + "E" + m.group(2));
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.matches("[-+]?nan")) {
            return Double.NaN;
        }
        if (lower.matches("[-+]?inf(inity)?")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new NumberFormatException("'" + token + "' is not a number");
    }

    /** @return whether {@link #parse(String)} accepts the token (nan and inf included) */
    public static boolean isNumber(String token) {
        try {
            parse(token);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** @return whether the token is a number written with a decimal comma, e.g. {@code 1,234} or {@code -0,5e-3} */
    public static boolean isDecimalComma(String token) {
        return DECIMAL_COMMA.matcher(token.strip()).matches();
    }

    /** @return the tokens of a line split at white space (Fortran list output, most column files) */
    public static String[] splitWhitespace(String line) {
        String t = line.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }
}
