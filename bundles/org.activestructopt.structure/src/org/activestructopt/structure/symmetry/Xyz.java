package org.activestructopt.structure.symmetry;

import java.util.Arrays;

/**
 * Exact affine maps x' = M x + t with an integer 3x3 matrix M and a translation t in multiples of 1/{@value #DEN},
 * and their "x,y+1/2,-z+1/2" notation. Shared by {@link SymmetryOperation} (invertible M) and the coordinate
 * triplets of {@link WyckoffPosition} (any M, e.g. "x,2x,1/4").
 *
 * <p>All translations of the 230 groups in their ITA settings, and all Wyckoff coordinates, are multiples of
 * 1/8, 1/3 or 1/12, hence of 1/24; keeping them as integers makes composition and comparison exact.
 */
final class Xyz {

    /** Common denominator of all translations. */
    static final int DEN = 24;

    /** Largest distance from the 1/24 grid accepted when a decimal translation such as 0.3333 is parsed. */
    private static final double DECIMAL_TOLERANCE = 2e-3;

    private static final String VARIABLES = "xyz";

    private Xyz() {
    }

    /** Parsed form: row-major matrix (9 ints) and translation numerators over {@link #DEN} (3 ints). */
    record Parsed(int[] matrix, int[] translation) {
    }

    /**
     * Parses "x,y+1/2,-z+1/2", "-x+y, -x, z+0.5", "1/2+x,y,z", "X,Y,Z", "x,2x,1/4" (components separated by commas,
     * optional spaces, variables x,y,z in any case, integer coefficients, fractions or decimals as constants).
     *
     * @throws IllegalArgumentException naming the text and the offending component
     */
    static Parsed parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("coordinate triplet is null");
        }
        String[] parts = text.trim().split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a coordinate triplet: expected 3 comma-separated components, found "
                            + parts.length);
        }
        int[] m = new int[9];
        int[] t = new int[3];
        for (int row = 0; row < 3; row++) {
            parseComponent(text, compact(parts[row]), row, m, t);
        }
        return new Parsed(m, t);
    }

    /** Without white space, in lower case. */
    private static String compact(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    private static void parseComponent(String text, String s, int row, int[] m, int[] t) {
        if (s.isEmpty()) {
            throw bad(text, row, "empty component");
        }
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            int sign = 1;
            if (s.charAt(i) == '+' || s.charAt(i) == '-') {
                sign = s.charAt(i) == '-' ? -1 : 1;
                i++;
            } else if (any) {
                throw bad(text, row, "missing '+' or '-' before '" + s.substring(i) + "'");
            }
            int end = i;
            while (end < s.length() && s.charAt(end) != '+' && s.charAt(end) != '-') {
                end++;
            }
            // Exponents such as 5e-1 never occur in symmetry operations, so '+'/'-' always separate terms.
            String term = s.substring(i, end);
            if (term.isEmpty()) {
                throw bad(text, row, "dangling sign");
            }
            int var = variableOf(term);
            if (var == -2) {
                throw bad(text, row, "term '" + term + "' has more than one variable");
            }
            if (var >= 0) {
                String coeff = term.replace(String.valueOf(VARIABLES.charAt(var)), "").replace("*", "");
                int c;
                try {
                    c = coeff.isEmpty() ? 1 : Integer.parseInt(coeff);
                } catch (NumberFormatException e) {
                    throw bad(text, row, "coefficient '" + coeff + "' of " + VARIABLES.charAt(var)
                            + " is not an integer");
                }
                m[3 * row + var] += sign * c;
            } else {
                t[row] += sign * constant(text, row, term);
            }
            any = true;
            i = end;
        }
    }

    /** Index of the single variable in a term like "2x", "x", "2*x", "x*2"; -1 for a constant; error for "xy". */
    private static int variableOf(String term) {
        int found = -1;
        for (int k = 0; k < term.length(); k++) {
            int v = VARIABLES.indexOf(term.charAt(k));
            if (v >= 0) {
                if (found >= 0) {
                    return -2;
                }
                found = v;
            }
        }
        return found;
    }

    private static int constant(String text, int row, String term) {
        try {
            int slash = term.indexOf('/');
            if (slash >= 0) {
                long num = Long.parseLong(term.substring(0, slash));
                long den = Long.parseLong(term.substring(slash + 1));
                if (den == 0) {
                    throw bad(text, row, "division by zero in '" + term + "'");
                }
                if ((num * DEN) % den != 0) {
                    throw bad(text, row, "translation " + term + " is not a multiple of 1/" + DEN);
                }
                return (int) (num * DEN / den);
            }
            double v = Double.parseDouble(term);
            if (!Double.isFinite(v) || term.chars().anyMatch(Character::isLetter)) {
                throw new NumberFormatException();
            }
            try {
                return numerator(v);
            } catch (IllegalArgumentException e) {
                throw bad(text, row, e.getMessage());
            }
        } catch (NumberFormatException e) {
            throw bad(text, row, "cannot read '" + term + "' (expected x, y, z, an integer times one of them,"
                    + " a fraction like 1/2 or a decimal)");
        }
    }

    /**
     * The numerator over {@link #DEN} of a decimal translation such as 0.3333.
     *
     * @throws IllegalArgumentException if v is further than 0.002 from a multiple of 1/24
     */
    static int numerator(double v) {
        long k = Math.round(v * DEN);
        if (!Double.isFinite(v) || Math.abs(v - (double) k / DEN) > DECIMAL_TOLERANCE
                || Math.abs(k) > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("translation " + v + " is not a multiple of 1/" + DEN + " (within "
                    + DECIMAL_TOLERANCE + ")");
        }
        return (int) k;
    }

    private static IllegalArgumentException bad(String text, int row, String why) {
        return new IllegalArgumentException(
                "cannot parse coordinate triplet '" + text + "', component " + (row + 1) + ": " + why);
    }

    /** ITA style: variables in x,y,z order, then the constant, e.g. "-x+y,y,-z+1/2", "1/4,3/4,0". */
    static String format(int[] m, int[] t) {
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            if (row > 0) {
                sb.append(',');
            }
            int start = sb.length();
            for (int col = 0; col < 3; col++) {
                int c = m[3 * row + col];
                if (c == 0) {
                    continue;
                }
                if (c < 0) {
                    sb.append('-');
                } else if (sb.length() > start) {
                    sb.append('+');
                }
                if (Math.abs(c) != 1) {
                    sb.append(Math.abs(c));
                }
                sb.append(VARIABLES.charAt(col));
            }
            int num = t[row];
            if (num != 0 || sb.length() == start) {
                if (sb.length() > start) {
                    sb.append(num < 0 ? '-' : '+');
                    sb.append(fraction(Math.abs(num)));
                } else {
                    sb.append(num < 0 ? "-" : "").append(fraction(Math.abs(num)));
                }
            }
        }
        return sb.toString();
    }

    private static String fraction(int num) {
        if (num == 0) {
            return "0";
        }
        int g = gcd(num, DEN);
        int p = num / g;
        int q = DEN / g;
        return q == 1 ? Integer.toString(p) : p + "/" + q;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? Math.abs(a) : gcd(b, a % b);
    }

    /** Numerator reduced into [0, DEN). */
    static int mod(int num) {
        return Math.floorMod(num, DEN);
    }

    static int[] mod(int[] t) {
        return new int[] {mod(t[0]), mod(t[1]), mod(t[2])};
    }

    /** (m1,t1) applied after (m2,t2). */
    static Parsed compose(int[] m1, int[] t1, int[] m2, int[] t2) {
        int[] m = new int[9];
        int[] t = new int[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int s = 0;
                for (int k = 0; k < 3; k++) {
                    s += m1[3 * i + k] * m2[3 * k + j];
                }
                m[3 * i + j] = s;
            }
            int s = t1[i];
            for (int k = 0; k < 3; k++) {
                s += m1[3 * i + k] * t2[k];
            }
            t[i] = s;
        }
        return new Parsed(m, t);
    }

    static int determinant(int[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** M p + t with t in real units; p is not modified. */
    static double[] apply(int[] m, int[] t, double[] p) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = m[3 * i] * p[0] + m[3 * i + 1] * p[1] + m[3 * i + 2] * p[2] + (double) t[i] / DEN;
        }
        return out;
    }

    static int[][] toRows(int[] m) {
        return new int[][] {Arrays.copyOfRange(m, 0, 3), Arrays.copyOfRange(m, 3, 6), Arrays.copyOfRange(m, 6, 9)};
    }

    /** Wraps into [0, 1); unlike x - floor(x) never returns 1.0 for tiny negative x. */
    static double wrap(double x) {
        double w = x - Math.floor(x);
        return w >= 1.0 ? 0.0 : w;
    }
}
