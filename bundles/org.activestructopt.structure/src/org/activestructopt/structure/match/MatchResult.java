package org.activestructopt.structure.match;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Outcome of {@link StructureMatcher#match}. Distances are normalised by the mean free length per atom,
 * (V / N)<sup>1/3</sup>, of the volume-averaged cell, as in pymatgen.
 *
 * @param matches whether the structures are equivalent within the matcher's tolerances: some cell mapping and
 *            translation puts <em>every</em> atom within {@code stol} of its partner (pymatgen's
 *            {@code StructureMatcher.fit})
 * @param rms the smallest root-mean-square displacement over all mappings whose RMS is below {@code stol} (the first
 *            value of pymatgen's {@code get_rms_dist}); present whenever {@code matches} is true and, rarely, also when
 *            it is false (RMS below {@code stol} although one atom is further away)
 * @param maxDistance the largest single displacement in the mapping that gives {@link #rms()} (the second value of
 *            {@code get_rms_dist}); present exactly when {@code rms} is
 */
public record MatchResult(boolean matches, OptionalDouble rms, OptionalDouble maxDistance) {

    private static final MatchResult NONE = new MatchResult(false, OptionalDouble.empty(), OptionalDouble.empty());

    /**
     * @throws IllegalArgumentException if {@code matches} is true without an RMS, or only one of rms and
     *             maxDistance is present
     */
    public MatchResult {
        Objects.requireNonNull(rms, "rms");
        Objects.requireNonNull(maxDistance, "maxDistance");
        if (rms.isPresent() != maxDistance.isPresent()) {
            throw new IllegalArgumentException("rms and maxDistance must both be present or both be empty");
        }
        if (matches && rms.isEmpty()) {
            throw new IllegalArgumentException("a match must come with its RMS displacement");
        }
    }

    /** @return the result for structures that cannot be mapped onto each other at all */
    public static MatchResult noMatch() {
        return NONE;
    }

    @Override
    public String toString() {
        if (rms.isEmpty()) {
            return "no match";
        }
        return String.format(java.util.Locale.ROOT, "%s rms=%.6f max=%.6f", matches ? "match" : "no match (rms only)",
                rms.getAsDouble(), maxDistance.getAsDouble());
    }
}
