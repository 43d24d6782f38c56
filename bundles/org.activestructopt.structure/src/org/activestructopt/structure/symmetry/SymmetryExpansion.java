package org.activestructopt.structure.symmetry;

import java.util.ArrayList;
import java.util.List;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;

/**
 * Builds the full cell from an asymmetric unit: every site is mapped by every symmetry operation, images closer than
 * a tolerance (periodic, Cartesian) to an earlier image of the same site are merged, and the merged position is
 * the mean of the merged images, so a site given 0.003 Angstrom off a mirror ends up exactly on it.
 *
 * <p>Images of two different asymmetric-unit sites must not coincide: that means the asymmetric unit lists one
 * site twice or describes disorder (two species on one site), and is reported with an
 * {@link IllegalArgumentException} naming both sites, rather than silently merged.
 *
 * <p>The result keeps the order of the asymmetric unit: all images of site 0 first (the image under the first
 * operation, normally the identity, leading), then those of site 1, and so on. Fractional coordinates are wrapped
 * into [0, 1).
 */
public final class SymmetryExpansion {

    /** Default merge tolerance in Angstrom; large enough for coordinates given to 4 decimals in cells up to 50 A. */
    public static final double DEFAULT_TOLERANCE = 0.01;

    private final Structure structure;
    private final int[] sourceSites;
    private final int[] multiplicities;

    private SymmetryExpansion(Structure structure, int[] sourceSites, int[] multiplicities) {
        this.structure = structure;
        this.sourceSites = sourceSites;
        this.multiplicities = multiplicities;
    }

    /**
     * Expands an asymmetric unit.
     *
     * @param lattice    the cell the fractional coordinates and operations refer to
     * @param operations symmetry operations; need not form a closed group (only the images they produce are used)
     * @param species    element of each asymmetric-unit site
     * @param frac       fractional coordinates of each asymmetric-unit site, n x 3
     * @param tolerance  merge distance in Angstrom (> 0)
     * @throws IllegalArgumentException   for mismatched sizes, an empty operation list or a non-positive tolerance
     * @throws CoincidentSitesException when images of two asymmetric-unit sites coincide
     */
    public static SymmetryExpansion expand(Lattice lattice, List<SymmetryOperation> operations, List<Element> species,
            double[][] frac, double tolerance) {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("no symmetry operations (use the identity x,y,z for P1)");
        }
        if (species.size() != frac.length) {
            throw new IllegalArgumentException(species.size() + " species but " + frac.length + " coordinate rows");
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("merge tolerance must be positive, got " + tolerance);
        }
        double[][] m = lattice.matrix();
        double tol2 = tolerance * tolerance;
        List<double[]> points = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Element> outSpecies = new ArrayList<>();
        int[] multiplicities = new int[frac.length];
        for (int s = 0; s < frac.length; s++) {
            if (frac[s] == null || frac[s].length != 3) {
                throw new IllegalArgumentException("site " + s + " needs 3 fractional coordinates");
            }
            int first = points.size();
            // sums of merged images, unwrapped relative to the first image of each group
            List<double[]> sums = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            for (SymmetryOperation op : operations) {
                double[] p = op.apply(frac[s]);
                int match = -1;
                double[] shift = null;
                for (int k = 0; k < points.size(); k++) {
                    double[] q = points.get(k);
                    double[] d = {p[0] - q[0], p[1] - q[1], p[2] - q[2]};
                    double[] r = {Math.rint(d[0]), Math.rint(d[1]), Math.rint(d[2])};
                    if (distance2(m, d[0] - r[0], d[1] - r[1], d[2] - r[2]) < tol2) {
                        match = k;
                        shift = r;
                        break;
                    }
                }
                if (match < 0) {
                    points.add(p);
                    owner.add(s);
                    outSpecies.add(species.get(s));
                    sums.add(p.clone());
                    counts.add(1);
                } else if (match < first) {
                    throw new CoincidentSitesException(owner.get(match), s, op, tolerance,
                            species.get(s) != outSpecies.get(match));
                } else {
                    double[] sum = sums.get(match - first);
                    for (int i = 0; i < 3; i++) {
                        sum[i] += p[i] - shift[i];
                    }
                    counts.set(match - first, counts.get(match - first) + 1);
                }
            }
            for (int k = first; k < points.size(); k++) {
                double[] sum = sums.get(k - first);
                int c = counts.get(k - first);
                points.set(k, new double[] {Xyz.wrap(sum[0] / c), Xyz.wrap(sum[1] / c), Xyz.wrap(sum[2] / c)});
            }
            multiplicities[s] = points.size() - first;
        }
        int[] source = new int[points.size()];
        for (int k = 0; k < source.length; k++) {
            source[k] = owner.get(k);
        }
        Structure st = Structure.of(lattice, outSpecies, points.toArray(double[][]::new));
        return new SymmetryExpansion(st, source, multiplicities);
    }

    private static double distance2(double[][] m, double fx, double fy, double fz) {
        double x = fx * m[0][0] + fy * m[1][0] + fz * m[2][0];
        double y = fx * m[0][1] + fy * m[1][1] + fz * m[2][1];
        double z = fx * m[0][2] + fy * m[1][2] + fz * m[2][2];
        return x * x + y * y + z * z;
    }

    /**
     * Images of two different asymmetric-unit sites coincide. The message names both site indices; the indices are
     * also available so that a file reader can name the sites by label and line.
     */
    public static final class CoincidentSitesException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final int firstSite;
        private final int secondSite;

        CoincidentSitesException(int firstSite, int secondSite, SymmetryOperation op, double tolerance,
                boolean differentSpecies) {
            super("sites " + firstSite + " and " + secondSite + " of the asymmetric unit are symmetry-equivalent:"
                    + " operation " + op + " maps site " + secondSite + " within " + tolerance + " A of an image of"
                    + " site " + firstSite + (differentSpecies ? " (different elements on one site: mixed occupancy is"
                            + " not supported)" : " (a site listed twice)"));
            this.firstSite = firstSite;
            this.secondSite = secondSite;
        }

        /** Index of the earlier asymmetric-unit site. */
        public int firstSite() {
            return firstSite;
        }

        /** Index of the later site, one of whose images coincides with an image of {@link #firstSite()}. */
        public int secondSite() {
            return secondSite;
        }
    }

    /** The expanded structure. */
    public Structure structure() {
        return structure;
    }

    /** For each site of {@link #structure()}, the index of the asymmetric-unit site it is an image of. */
    public int[] sourceSites() {
        return sourceSites.clone();
    }

    /** Number of distinct images of asymmetric-unit site {@code i} (its Wyckoff multiplicity for a full group). */
    public int multiplicity(int i) {
        return multiplicities[i];
    }
}
