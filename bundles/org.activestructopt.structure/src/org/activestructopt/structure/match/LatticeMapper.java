package org.activestructopt.structure.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Enumerates the bases of one lattice whose cell parameters are close to those of a target cell: every triple of
 * lattice vectors (u, v, w) with |u|, |v|, |w| within a factor (1 + ltol) of the target lengths, the three pairwise
 * angles within {@code angleTol} degrees of the target angles, and spanning a primitive cell (|det| = 1 in the
 * original basis). Left-handed triples are included, so mirror images and inversions are found. This is the lattice
 * part of pymatgen's {@code Lattice.find_all_mappings}, and lists the bases in the same order.
 */
final class LatticeMapper {

    private LatticeMapper() {
    }

    /**
     * @param lattice rows of the lattice to search
     * @param target {a, b, c, alpha, beta, gamma} to approach
     * @return the matching bases, as rows of Cartesian vectors of {@code lattice}, in pymatgen's order
     */
    static List<double[][]> mappings(double[][] lattice, double[] target, double ltol, double angleTol) {
        List<double[][]> result = new ArrayList<>();
        search(lattice, target, ltol, angleTol, result, false);
        return result;
    }

    /** @return the first basis {@link #mappings} would list, or null if there is none */
    static double[][] firstMapping(double[][] lattice, double[] target, double ltol, double angleTol) {
        List<double[][]> result = new ArrayList<>(1);
        search(lattice, target, ltol, angleTol, result, true);
        return result.isEmpty() ? null : result.get(0);
    }

    private static void search(double[][] lattice, double[] target, double ltol, double angleTol,
            List<double[][]> result, boolean firstOnly) {
        double radius = Math.max(target[0], Math.max(target[1], target[2])) * (1 + ltol);
        List<double[]> cart = new ArrayList<>();
        List<int[]> frac = new ArrayList<>();
        latticePoints(lattice, radius, cart, frac);

        List<List<Integer>> candidates = new ArrayList<>();
        for (int axis = 0; axis < 3; axis++) {
            List<Integer> list = new ArrayList<>();
            for (int p = 0; p < cart.size(); p++) {
                double ratio = Mat3.norm(cart.get(p)) / target[axis];
                if (ratio < 1 + ltol && ratio > 1 / (1 + ltol)) {
                    list.add(p);
                }
            }
            candidates.add(list);
        }
        double[] norms = new double[cart.size()];
        for (int p = 0; p < norms.length; p++) {
            norms[p] = Mat3.norm(cart.get(p));
        }
        List<Integer> as = candidates.get(0), bs = candidates.get(1), cs = candidates.get(2);
        // pairwise angle tests once per pair rather than once per triple
        boolean[][] gammaOk = angleTable(cart, norms, as, bs, target[5], angleTol);
        boolean[][] betaOk = angleTable(cart, norms, as, cs, target[4], angleTol);
        boolean[][] alphaOk = angleTable(cart, norms, bs, cs, target[3], angleTol);
        for (int i = 0; i < as.size(); i++) {
            for (int j = 0; j < bs.size(); j++) {
                if (!gammaOk[i][j]) {
                    continue;
                }
                for (int k = 0; k < cs.size(); k++) {
                    if (alphaOk[j][k] && betaOk[i][k] && Math.abs(Math.abs(intDet(frac.get(as.get(i)),
                            frac.get(bs.get(j)), frac.get(cs.get(k)))) - 1) < 0.5) {
                        result.add(new double[][] { cart.get(as.get(i)).clone(), cart.get(bs.get(j)).clone(),
                                cart.get(cs.get(k)).clone() });
                        if (firstOnly) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /** @return for each pair (p from first, q from second) whether their angle is within tol of target */
    private static boolean[][] angleTable(List<double[]> cart, double[] norms, List<Integer> first,
            List<Integer> second, double target, double tol) {
        boolean[][] ok = new boolean[first.size()][second.size()];
        for (int x = 0; x < first.size(); x++) {
            int p = first.get(x);
            for (int y = 0; y < second.size(); y++) {
                int q = second.get(y);
                ok[x][y] = Math.abs(Mat3.angleDeg(cart.get(p), cart.get(q), norms[p], norms[q]) - target) < tol;
            }
        }
        return ok;
    }

    /**
     * Collects every non-zero lattice point within {@code radius} of the origin, in the order of pymatgen's
     * {@code Lattice.get_points_in_sphere}: by Cartesian bins of edge max(radius, 1 Å) around the origin (x, then y,
     * then z, each ascending), and within a bin by descending lattice indices. When several bases are equivalent, the
     * first one found in this order is the one pymatgen uses, and its choice shows in the primitive-cell search.
     */
    private static void latticePoints(double[][] lattice, double radius, List<double[]> cart, List<int[]> frac) {
        double[] recip = Mat3.reciprocalLengths(lattice);
        int na = (int) Math.ceil(radius * recip[0]);
        int nb = (int) Math.ceil(radius * recip[1]);
        int nc = (int) Math.ceil(radius * recip[2]);
        double r2 = radius * radius;
        double bin = Math.max(radius, 1.0);
        record Point(int[] bin, int[] index, double[] cart) {
        }
        List<Point> points = new ArrayList<>();
        for (int u = -na; u <= na; u++) {
            for (int v = -nb; v <= nb; v++) {
                for (int w = -nc; w <= nc; w++) {
                    if (u == 0 && v == 0 && w == 0) {
                        continue;
                    }
                    double[] p = Mat3.times(new double[] { u, v, w }, lattice);
                    if (Mat3.dot(p, p) < r2 + 1e-8) {
                        int[] b = new int[3];
                        for (int k = 0; k < 3; k++) {
                            b[k] = (int) Math.floor((p[k] + bin + 2e-8) / bin);
                        }
                        points.add(new Point(b, new int[] { u, v, w }, p));
                    }
                }
            }
        }
        Comparator<Point> order = Comparator.<Point> comparingInt(p -> p.bin()[0]).thenComparingInt(p -> p.bin()[1])
                .thenComparingInt(p -> p.bin()[2]).thenComparingInt(p -> -p.index()[0])
                .thenComparingInt(p -> -p.index()[1]).thenComparingInt(p -> -p.index()[2]);
        points.sort(order);
        for (Point p : points) {
            cart.add(p.cart());
            frac.add(p.index());
        }
    }

    private static long intDet(int[] a, int[] b, int[] c) {
        return (long) a[0] * (b[1] * c[2] - b[2] * c[1]) - (long) a[1] * (b[0] * c[2] - b[2] * c[0])
                + (long) a[2] * (b[0] * c[1] - b[1] * c[0]);
    }
}
