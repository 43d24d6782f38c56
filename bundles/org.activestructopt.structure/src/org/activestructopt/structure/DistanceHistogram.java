package org.activestructopt.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Histogram of the distances between atoms of two elements in a periodic structure, e.g. Ni-O, counting pairs per
 * unit cell: for two different elements every (A site, B neighbour) pair, for one element every unordered pair once.
 * Bin k holds distances in [k·width, (k+1)·width).
 *
 * @param first  the element pair, first the less electronegative one
 * @param second see first
 * @param width  bin width, Angstrom
 * @param counts pairs per bin
 */
public record DistanceHistogram(Element first, Element second, double width, int[] counts) {

    /** Distances up to 6 Angstrom cover the first few shells, which is what the eye compares. */
    public static final double DEFAULT_RMAX = 6.0;
    /** Narrow enough to separate Ni-O (1.97 Å) from Li-O (2.11 Å) shells in layered oxides. */
    public static final double DEFAULT_WIDTH = 0.05;

    public DistanceHistogram {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        counts = counts.clone();
    }

    /**
     * @param rmax  largest distance, Angstrom (positive)
     * @param width bin width, Angstrom (positive)
     */
    public static DistanceHistogram of(Structure s, Element a, Element b, double rmax, double width) {
        if (!(rmax > 0) || !(width > 0)) {
            throw new IllegalArgumentException("rmax and bin width must be positive, got " + rmax + ", " + width);
        }
        int[] counts = new int[(int) Math.ceil(rmax / width)];
        for (double d : distances(s, a, b, rmax)) {
            int bin = (int) (d / width);
            if (bin < counts.length) {
                counts[bin]++;
            }
        }
        return new DistanceHistogram(a, b, width, counts);
    }

    /**
     * The distances the histogram counts, each pair once as in {@link #of}.
     *
     * @param rmax largest distance, Angstrom (positive)
     * @return the distances, ascending
     */
    public static double[] distances(Structure s, Element a, Element b, double rmax) {
        if (!(rmax > 0)) {
            throw new IllegalArgumentException("rmax must be positive, got " + rmax);
        }
        NeighborList nl = NeighborList.of(s, rmax);
        double[] out = new double[nl.size()];
        int n = 0;
        for (int k = 0; k < nl.size(); k++) {
            Element ci = s.species(nl.center(k));
            Element cj = s.species(nl.neighbor(k));
            if (a != b ? ci == a && cj == b : ci == a && cj == a && before(nl.center(k), nl.neighbor(k), nl, k)) {
                out[n++] = nl.distance(k);
            }
        }
        double[] d = java.util.Arrays.copyOf(out, n);
        java.util.Arrays.sort(d);
        return d;
    }

    private static boolean before(int i, int j, NeighborList nl, int k) {
        if (i != j) {
            return i < j;
        }
        for (int axis = 0; axis < 3; axis++) {
            int n = nl.image(k, axis);
            if (n != 0) {
                return n > 0;
            }
        }
        return false;
    }

    /** @return the counts (a copy) */
    @Override
    public int[] counts() {
        return counts.clone();
    }

    /** @return the centre of bin k, Angstrom */
    public double centre(int k) {
        return (k + 0.5) * width;
    }

    /** @return the centres of all bins */
    public double[] centres() {
        double[] c = new double[counts.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = centre(k);
        }
        return c;
    }

    /** @return the number of pairs counted */
    public int total() {
        int t = 0;
        for (int c : counts) {
            t += c;
        }
        return t;
    }

    /** @return a label like "Ni–O" */
    public String label() {
        return label(first, second);
    }

    /** @return "A–B" with an en dash */
    public static String label(Element a, Element b) {
        return a.symbol() + "–" + b.symbol();
    }

    /**
     * @return every element pair of the structure, each ordered by electronegativity (cation first); pairs of two
     *         different elements first, heaviest first element first, then like pairs
     */
    public static List<Element[]> pairs(Structure s) {
        List<Element> elements = s.species().stream().distinct()
                .sorted(Comparator.comparingInt(Element::z).reversed()).toList();
        List<Element[]> unlike = new ArrayList<>();
        List<Element[]> like = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            like.add(new Element[] {elements.get(i), elements.get(i)});
            for (int j = i + 1; j < elements.size(); j++) {
                unlike.add(ordered(elements.get(i), elements.get(j)));
            }
        }
        unlike.sort(Comparator.<Element[]>comparingInt(p -> -Math.max(p[0].z(), p[1].z()))
                .thenComparingDouble(p -> -electronegativity(p[0] == heavier(p) ? p[1] : p[0])));
        unlike.addAll(like);
        return unlike;
    }

    /**
     * @return the pair a scientist looks at first: the heaviest element with its most electronegative partner
     *         (Ni–O in LiNiO2), or the like pair of a single-element structure
     */
    public static Optional<Element[]> defaultPair(Structure s) {
        List<Element[]> pairs = pairs(s);
        return pairs.isEmpty() ? Optional.empty() : Optional.of(pairs.get(0));
    }

    private static Element heavier(Element[] p) {
        return p[0].z() >= p[1].z() ? p[0] : p[1];
    }

    private static Element[] ordered(Element a, Element b) {
        double ea = electronegativity(a);
        double eb = electronegativity(b);
        return ea < eb || (ea == eb && a.z() < b.z()) ? new Element[] {a, b} : new Element[] {b, a};
    }

    /** Noble gases have no Pauling value; they sort last, like the most electronegative partners. */
    private static double electronegativity(Element e) {
        double v = e.electronegativity();
        return Double.isNaN(v) ? 4.0 : v;
    }
}
