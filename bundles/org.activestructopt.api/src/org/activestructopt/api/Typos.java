package org.activestructopt.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for "did you mean ...?" in messages about unknown names (settings, job-file keys): the known name
 * within a small edit distance of the unknown one, ignoring case.
 */
public final class Typos {

    private Typos() {
    }

    /**
     * @return the known name closest to {@code unknown} if it is within max(1, length/3) single-character edits,
     *         e.g. {@code qmax} for {@code qmx}
     */
    public static Optional<String> closest(String unknown, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String u = unknown.toLowerCase(Locale.ROOT);
        for (String candidate : known) {
            int d = editDistance(u, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, best.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance with two rows. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(subst, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
