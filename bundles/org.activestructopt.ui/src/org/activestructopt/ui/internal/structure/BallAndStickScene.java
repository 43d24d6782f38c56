package org.activestructopt.ui.internal.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.NeighborList;
import org.activestructopt.structure.Structure;

/**
 * The geometry of a ball-and-stick picture of one unit cell, in Cartesian Angstrom, free of any drawing code.
 * <ul>
 * <li>Atoms: every site wrapped into the cell, plus its periodic images that lie on the cell's faces, edges or
 * corners (as crystallographic drawings show them), so a cell looks complete.</li>
 * <li>Bonds: between drawn atoms closer than {@code bondFactor} times the sum of their covalent radii.</li>
 * <li>Cell: the 8 corners; {@link #CELL_EDGES} joins them.</li>
 * </ul>
 */
public final class BallAndStickScene {

    /** Bonds up to 1.12 times the covalent-radius sum: Ni-O, Li-O and Na-Cl, but not Li-Ni in layered oxides. */
    public static final double DEFAULT_BOND_FACTOR = 1.12;
    /** Pairs of indices into {@link #cellCorners()} that form the 12 cell edges. */
    public static final int[][] CELL_EDGES = {{0, 1}, {0, 2}, {0, 4}, {1, 3}, {1, 5}, {2, 3}, {2, 6}, {3, 7},
        {4, 5}, {4, 6}, {5, 7}, {6, 7}};
    /** Fractional distance from a face within which an atom is drawn on the opposite face too. */
    private static final double FACE_TOLERANCE = 1e-4;
    /** Pairs closer than this (Angstrom) are coincident sites, not bonds. */
    private static final double MIN_BOND = 0.1;

    /**
     * One drawn atom.
     *
     * @param site    index of the site in the structure
     * @param element its element
     * @param x       Cartesian x, Angstrom (likewise y, z)
     * @param image   true for the extra copies on faces, edges and corners
     */
    public record Atom(int site, Element element, double x, double y, double z, boolean image) {
    }

    /** A bond between two atoms, given as indices into {@link #atoms()}, {@code a < b}. */
    public record Bond(int a, int b, double length) {
    }

    /** An element of the legend and how many sites (not drawn images) of it the cell holds. */
    public record LegendEntry(Element element, int sites) {
    }

    private final Structure structure;
    private final double bondFactor;
    private final List<Atom> atoms;
    private final List<Bond> bonds;
    private final double[][] corners;

    private BallAndStickScene(Structure structure, double bondFactor, List<Atom> atoms, List<Bond> bonds,
            double[][] corners) {
        this.structure = structure;
        this.bondFactor = bondFactor;
        this.atoms = atoms;
        this.bonds = bonds;
        this.corners = corners;
    }

    /** @return the scene with {@link #DEFAULT_BOND_FACTOR} */
    public static BallAndStickScene of(Structure s) {
        return of(s, DEFAULT_BOND_FACTOR);
    }

    /**
     * @param bondFactor bonds are drawn up to this multiple of the covalent-radius sum (positive)
     * @throws IllegalArgumentException for a factor that is not positive and finite
     */
    public static BallAndStickScene of(Structure s, double bondFactor) {
        Objects.requireNonNull(s, "structure");
        if (!(bondFactor > 0) || !Double.isFinite(bondFactor)) {
            throw new IllegalArgumentException("bond factor must be positive, got " + bondFactor);
        }
        Structure w = s.wrapped();
        Lattice lattice = w.lattice();
        List<Atom> atoms = new ArrayList<>();
        List<List<Integer>> keys = new ArrayList<>(); // (site, offset a, b, c) of each drawn atom
        Map<List<Integer>, Integer> index = new HashMap<>();
        for (int i = 0; i < w.size(); i++) {
            double[] f = w.frac(i);
            for (int oa = -1; oa <= 1; oa++) {
                for (int ob = -1; ob <= 1; ob++) {
                    for (int oc = -1; oc <= 1; oc++) {
                        double[] g = {f[0] + oa, f[1] + ob, f[2] + oc};
                        if (!inCell(g)) {
                            continue;
                        }
                        double[] c = lattice.toCartesian(g);
                        List<Integer> key = List.of(i, oa, ob, oc);
                        index.put(key, atoms.size());
                        keys.add(key);
                        atoms.add(new Atom(i, w.species(i), c[0], c[1], c[2], oa != 0 || ob != 0 || oc != 0));
                    }
                }
            }
        }
        List<Bond> bonds = bonds(w, bondFactor, keys, index);
        double[][] corners = new double[8][];
        for (int k = 0; k < 8; k++) {
            corners[k] = lattice.toCartesian(new double[] {k & 1, (k >> 1) & 1, (k >> 2) & 1});
        }
        return new BallAndStickScene(s, bondFactor, List.copyOf(atoms), bonds, corners);
    }

    private static boolean inCell(double[] g) {
        for (double v : g) {
            if (v < -FACE_TOLERANCE || v > 1 + FACE_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static List<Bond> bonds(Structure w, double factor, List<List<Integer>> keys,
            Map<List<Integer>, Integer> index) {
        double maxRadius = w.species().stream().mapToDouble(Element::covalentRadius).max().orElse(0);
        if (w.size() == 0 || !(maxRadius > 0)) {
            return List.of();
        }
        NeighborList nl = NeighborList.of(w, 2 * maxRadius * factor);
        List<Bond> bonds = new ArrayList<>();
        for (int a = 0; a < keys.size(); a++) {
            List<Integer> key = keys.get(a);
            int i = key.get(0);
            for (int k = nl.centerStart(i); k < nl.centerStart(i + 1); k++) {
                int j = nl.neighbor(k);
                double d = nl.distance(k);
                double limit = factor * (w.species(i).covalentRadius() + w.species(j).covalentRadius());
                if (d < MIN_BOND || d > limit) {
                    continue;
                }
                Integer b = index.get(List.of(j, key.get(1) + nl.image(k, 0), key.get(2) + nl.image(k, 1),
                        key.get(3) + nl.image(k, 2)));
                if (b != null && a < b) {
                    bonds.add(new Bond(a, b, d));
                }
            }
        }
        return List.copyOf(bonds);
    }

    /** @return the structure drawn */
    public Structure structure() {
        return structure;
    }

    /** @return the bond factor used */
    public double bondFactor() {
        return bondFactor;
    }

    /** @return the drawn atoms: sites first seen in site order, each followed by its images */
    public List<Atom> atoms() {
        return atoms;
    }

    /** @return the bonds */
    public List<Bond> bonds() {
        return bonds;
    }

    /** @return the 8 cell corners, corner k at fractional (k&amp;1, k&gt;&gt;1&amp;1, k&gt;&gt;2&amp;1) */
    public double[][] cellCorners() {
        double[][] c = new double[8][];
        for (int k = 0; k < 8; k++) {
            c[k] = corners[k].clone();
        }
        return c;
    }

    /** @return the centre of the cell, the natural centre of rotation */
    public double[] centre() {
        double[] c = new double[3];
        for (double[] p : corners) {
            for (int d = 0; d < 3; d++) {
                c[d] += p[d] / 8;
            }
        }
        return c;
    }

    /** @return the radius around {@link #centre()} that holds every corner and every drawn sphere */
    public double extent() {
        double[] c = centre();
        double r = 0;
        for (double[] p : corners) {
            r = Math.max(r, Math.hypot(Math.hypot(p[0] - c[0], p[1] - c[1]), p[2] - c[2]));
        }
        for (Atom a : atoms) {
            r = Math.max(r, Math.hypot(Math.hypot(a.x() - c[0], a.y() - c[1]), a.z() - c[2])
                    + displayRadius(a.element()));
        }
        return r;
    }

    /** @return the legend: each element with its number of sites, ordered by atomic number */
    public List<LegendEntry> legend() {
        Map<Element, Integer> counts = new HashMap<>();
        for (Element e : structure.species()) {
            counts.merge(e, 1, Integer::sum);
        }
        return counts.entrySet().stream().map(e -> new LegendEntry(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(e -> e.element().z())).toList();
    }

    /**
     * The sphere radius drawn for an element: a fraction of its covalent radius, so that bonds stay visible between
     * neighbours, with a floor so that hydrogen remains visible.
     */
    public static double displayRadius(Element e) {
        return 0.2 + 0.3 * e.covalentRadius();
    }
}
