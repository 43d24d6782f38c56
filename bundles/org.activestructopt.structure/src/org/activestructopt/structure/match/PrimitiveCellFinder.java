package org.activestructopt.structure.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.activestructopt.structure.Element;

/**
 * Finds a primitive cell of a (possibly slightly distorted) supercell, with the tolerance semantics of pymatgen's
 * {@code Structure.get_primitive_structure} so that the matcher reproduces pymatgen's verdicts:
 * <ol>
 * <li>candidate pure translations are the vectors from one atom of the rarest species to the others that map every
 * atom onto an atom of the same species within twice the per-axis tolerance {@code tol / |a_i|};</li>
 * <li>the finer lattices of index k = 2, 3, ... (k dividing the gcd of the species counts) are enumerated as integer
 * matrices in Hermite normal form; a lattice is accepted when its basis vectors are among the candidate translations
 * and every species splits into cliques of exactly k atoms that coincide in the new cell within {@code tol / |a'_i|}
 * per fractional axis;</li>
 * <li>each clique becomes one site at its mean position; the search repeats on the result until no smaller cell is
 * found, and the cell is Niggli-reduced.</li>
 * </ol>
 * The per-axis tolerances in fractional coordinates of the (possibly skewed) new basis make the result depend on that
 * basis, as in pymatgen: a rhombohedral cell found inside a hexagonal one can be rejected for displacements well below
 * {@code tol}. Sites of the result are grouped by element symbol in alphabetical order.
 */
final class PrimitiveCellFinder {

    /** pymatgen's default tolerance of get_primitive_structure, in Angstrom. */
    static final double DEFAULT_TOLERANCE = 0.25;

    private final double tol;

    PrimitiveCellFinder(double tol) {
        this.tol = tol;
    }

    /** @return a primitive, Niggli-reduced cell, or {@code cell} itself when it has no smaller cell */
    Cell find(Cell cell) {
        Cell smaller = reduceOnce(cell);
        if (smaller == null) {
            return cell;
        }
        Cell primitive = find(smaller);
        return primitive.inBasis(LatticeReduction.niggliAsPymatgen(primitive.lattice()));
    }

    /** The fractional coordinates of the sites of one element, in input order. */
    private record Group(Element element, double[][] frac) {
        int size() {
            return frac.length;
        }
    }

    private Cell reduceOnce(Cell cell) {
        List<Group> groups = groupBySymbol(cell);
        double[] len = Mat3.rowLengths(cell.lattice());
        double[] superTol = { tol / len[0], tol / len[1], tol / len[2] };
        double[] superTol2 = { 2 * superTol[0], 2 * superTol[1], 2 * superTol[2] };

        List<double[]> translations = candidateTranslations(groups, superTol2);
        int fu = 0;
        for (Group g : groups) {
            fu = gcd(fu, g.size());
        }
        boolean[][][] apart = new boolean[groups.size()][][];
        for (int gi = 0; gi < groups.size(); gi++) {
            apart[gi] = apartInSupercell(groups.get(gi).frac(), superTol2);
        }
        for (int index : divisors(fu)) {
            if (index == 1) {
                continue;
            }
            for (int[][] m : hermiteNormalForms(index)) {
                double[][] mD = toDouble(m);
                double[][] inv = Mat3.inverse(mD);
                if (!allRowsAmong(inv, translations, superTol)) {
                    continue;
                }
                Cell reduced = collapse(cell.lattice(), groups, apart, mD, inv, index);
                if (reduced != null) {
                    return reduced;
                }
            }
        }
        return null;
    }

    private static List<Group> groupBySymbol(Cell cell) {
        Integer[] order = new Integer[cell.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // stable sort by symbol: pymatgen groups sites by their species string in sorted order
        Arrays.sort(order, Comparator.comparing(i -> cell.species()[i].symbol()));
        List<Group> groups = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= order.length; k++) {
            if (k == order.length || cell.species()[order[k]] != cell.species()[order[start]]) {
                double[][] f = new double[k - start][];
                for (int i = start; i < k; i++) {
                    f[i - start] = cell.frac()[order[i]];
                }
                groups.add(new Group(cell.species()[order[start]], f));
                start = k;
            }
        }
        return groups;
    }

    /**
     * Vectors from the first atom of the smallest group to each atom of that group that carry every atom onto an atom
     * of its own species within {@code tol2} per fractional axis.
     */
    private static List<double[]> candidateTranslations(List<Group> groups, double[] tol2) {
        Group smallest = groups.get(0);
        for (Group g : groups) {
            if (g.size() < smallest.size()) {
                smallest = g;
            }
        }
        List<double[]> vecs = new ArrayList<>();
        double[] origin = smallest.frac()[0];
        for (double[] f : smallest.frac()) {
            vecs.add(new double[] { f[0] - origin[0], f[1] - origin[1], f[2] - origin[2] });
        }
        vecs.removeIf(v -> !mapsEveryAtom(v, groups, tol2));
        return vecs;
    }

    private static boolean mapsEveryAtom(double[] v, List<Group> groups, double[] tol2) {
        for (Group g : groups) {
            for (double[] from : g.frac()) {
                boolean hit = false;
                for (int j = 0; j < g.size() && !hit; j++) {
                    double[] to = g.frac()[j];
                    hit = within(v[0] - (to[0] - from[0]), v[1] - (to[1] - from[1]), v[2] - (to[2] - from[2]), tol2);
                }
                if (!hit) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Pairs of atoms that are distinct in the supercell (so they may not be merged); the diagonal counts as apart. */
    private static boolean[][] apartInSupercell(double[][] f, double[] tol2) {
        int n = f.length;
        boolean[][] apart = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                apart[i][j] = i == j || !within(f[i][0] - f[j][0], f[i][1] - f[j][1], f[i][2] - f[j][2], tol2);
            }
        }
        return apart;
    }

    private static boolean allRowsAmong(double[][] inv, List<double[]> translations, double[] tolerance) {
        for (double[] row : inv) {
            boolean found = false;
            for (int k = 0; k < translations.size() && !found; k++) {
                double[] v = translations.get(k);
                found = within(row[0] - v[0], row[1] - v[1], row[2] - v[2], tolerance);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * Merges the atoms of every species into cliques of {@code index} atoms that coincide in the finer cell
     * {@code inv · L}; returns null if some atom does not belong to exactly one such clique.
     */
    private Cell collapse(double[][] lattice, List<Group> groups, boolean[][][] apart, double[][] m, double[][] inv,
            int index) {
        double[][] newLattice = Mat3.multiply(inv, lattice);
        double[] len = Mat3.rowLengths(newLattice);
        double[] ftol = { tol / len[0], tol / len[1], tol / len[2] };
        List<Element> species = new ArrayList<>();
        List<double[]> coords = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            int n = g.size();
            double[][] f = Mat3.timesEach(g.frac(), m);
            boolean[][] same = new boolean[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    same[i][j] = apart[gi][i][j]
                            && within(f[j][0] - f[i][0], f[j][1] - f[i][1], f[j][2] - f[i][2], ftol);
                }
            }
            if (!cliquesOfSize(same, index)) {
                return null;
            }
            boolean[] merged = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (merged[i]) {
                    continue;
                }
                double[] mean = null;
                int count = 0;
                for (int j = 0; j < n; j++) {
                    if (!same[i][j]) {
                        continue;
                    }
                    merged[j] = true;
                    double[] w = { Mat3.wrap(f[j][0]), Mat3.wrap(f[j][1]), Mat3.wrap(f[j][2]) };
                    if (mean == null) {
                        mean = w;
                    } else {
                        // running mean of the periodic image of each member closest to the current mean
                        for (int k = 0; k < 3; k++) {
                            double d = w[k] - mean[k];
                            mean[k] += (d - Math.rint(d)) / (count + 1);
                        }
                    }
                    count++;
                }
                species.add(g.element());
                coords.add(mean);
            }
        }
        return new Cell(newLattice, species.toArray(new Element[0]), coords.toArray(new double[0][]));
    }

    /** @return true if every column has exactly {@code size} entries and every row's members are all mutually true */
    private static boolean cliquesOfSize(boolean[][] same, int size) {
        int n = same.length;
        for (int j = 0; j < n; j++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (same[i][j]) {
                    count++;
                }
            }
            if (count != size) {
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < n; p++) {
                if (!same[i][p]) {
                    continue;
                }
                for (int q = 0; q < n; q++) {
                    if (same[i][q] && !same[p][q]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Upper-triangular integer matrices [[a,b,c],[0,e,f],[0,0,g]] with a·e·g = index, 0 <= b, c < a and 0 <= f < e:
     * one per lattice containing the original one with that index (the rows express the old basis in the new one).
     */
    static List<int[][]> hermiteNormalForms(int index) {
        List<int[][]> result = new ArrayList<>();
        for (int a : divisors(index)) {
            for (int e : divisors(index / a)) {
                int g = index / a / e;
                for (int b = 0; b < a; b++) {
                    for (int c = 0; c < a; c++) {
                        for (int f = 0; f < e; f++) {
                            result.add(new int[][] { { a, b, c }, { 0, e, f }, { 0, 0, g } });
                        }
                    }
                }
            }
        }
        return result;
    }

    private static List<Integer> divisors(int n) {
        List<Integer> d = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (n % i == 0) {
                d.add(i);
            }
        }
        return d;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static double[][] toDouble(int[][] m) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = m[i][j];
            }
        }
        return r;
    }

    /** @return true if the fractional difference (dx, dy, dz) is within tol of a lattice vector on every axis */
    private static boolean within(double dx, double dy, double dz, double[] tol) {
        return Mat3.periodicGap(dx) < tol[0] && Mat3.periodicGap(dy) < tol[1] && Mat3.periodicGap(dz) < tol[2];
    }
}
