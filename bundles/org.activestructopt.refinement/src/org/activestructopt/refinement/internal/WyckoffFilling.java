package org.activestructopt.refinement.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.activestructopt.structure.symmetry.SpaceGroup;
import org.activestructopt.structure.symmetry.WyckoffPosition;

/**
 * Ways to fill the Wyckoff positions of a space group with a given number of atoms of each element: every element's
 * count must be a sum of multiplicities, and a position without free parameters (a fixed point such as 4a of Fm-3m)
 * holds at most one orbit in the whole structure, while positions with free parameters may be used any number of
 * times. Feasibility is decided by a memoised search over (element, atoms left, fixed positions used); random fillings
 * choose, at each step, uniformly among the positions that keep the rest feasible, so they never backtrack.
 */
public final class WyckoffFilling {

    private final List<WyckoffPosition> positions;
    private final int[] mult;
    private final boolean[] fixed;
    private final int[] counts;
    private final Map<Long, Boolean> memo = new HashMap<>();

    private WyckoffFilling(SpaceGroup group, int[] counts) {
        this.positions = group.wyckoffPositions();
        if (positions.size() > 40) {
            throw new IllegalStateException(group + " has more Wyckoff positions than the search can track");
        }
        this.mult = new int[positions.size()];
        this.fixed = new boolean[positions.size()];
        for (int w = 0; w < mult.length; w++) {
            mult[w] = positions.get(w).multiplicity();
            fixed[w] = positions.get(w).degreesOfFreedom() == 0;
        }
        this.counts = counts.clone();
        for (int c : counts) {
            if (c < 1 || c > 0xFFFF) {
                throw new IllegalArgumentException("element counts must lie in 1..65535, got " + c);
            }
        }
    }

    /** @param counts atoms of each element in the conventional cell (each at least 1) */
    public static WyckoffFilling of(SpaceGroup group, int[] counts) {
        return new WyckoffFilling(group, counts);
    }

    /** @return whether some filling exists */
    public boolean isFeasible() {
        return counts.length == 0 || feasible(0, counts[0], 0L);
    }

    /**
     * @return for each element, the Wyckoff positions of its orbits (one entry per orbit)
     * @throws IllegalStateException if no filling exists
     */
    public List<List<WyckoffPosition>> draw(RandomGenerator rng) {
        if (!isFeasible()) {
            throw new IllegalStateException("no filling of the Wyckoff positions exists");
        }
        List<List<WyckoffPosition>> out = new ArrayList<>();
        long mask = 0;
        int[] options = new int[mult.length];
        for (int e = 0; e < counts.length; e++) {
            List<WyckoffPosition> orbits = new ArrayList<>();
            int left = counts[e];
            while (left > 0) {
                int n = 0;
                for (int w = 0; w < mult.length; w++) {
                    if (usable(w, left, mask) && feasible(e, left - mult[w], next(w, mask))) {
                        options[n++] = w;
                    }
                }
                int w = options[rng.nextInt(n)];
                orbits.add(positions.get(w));
                left -= mult[w];
                mask = next(w, mask);
            }
            out.add(orbits);
        }
        return out;
    }

    private boolean usable(int w, int left, long mask) {
        return mult[w] <= left && !(fixed[w] && (mask & (1L << w)) != 0);
    }

    private long next(int w, long mask) {
        return fixed[w] ? mask | (1L << w) : mask;
    }

    /** Can element e (with {@code left} atoms still to place) and all later elements be placed? */
    private boolean feasible(int e, int left, long mask) {
        if (left == 0) {
            return e == counts.length - 1 || feasible(e + 1, counts[e + 1], mask);
        }
        long key = (mask << 24) | ((long) left << 8) | e;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        boolean ok = false;
        for (int w = 0; w < mult.length && !ok; w++) {
            ok = usable(w, left, mask) && feasible(e, left - mult[w], next(w, mask));
        }
        memo.put(key, ok);
        return ok;
    }
}
