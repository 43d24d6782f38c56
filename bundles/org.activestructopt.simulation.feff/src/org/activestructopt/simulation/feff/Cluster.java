package org.activestructopt.simulation.feff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;

/**
 * A finite cluster cut from a periodic structure around one absorbing site: every periodic image of every site within
 * the cluster radius, with Cartesian coordinates relative to the absorber. This is what FEFF's ATOMS card lists, and
 * it is the same cluster pymatgen's {@code Structure.get_neighbors} and Larch's {@code cif2feffinp} build (see the
 * tests, which compare against both).
 * <p>
 * An image at distance d belongs to the cluster when {@code d <= radius + 1e-6} angstrom, so a shell lying exactly on
 * the radius is kept despite rounding. Atoms are sorted by distance (rounded to 1e-6 angstrom), then by atomic number,
 * then by x, y and z, which makes the order reproducible. Immutable.
 *
 * @see #cut(Structure, int, double)
 */
public final class Cluster {

    /** Absolute tolerance (angstrom) by which a site may lie beyond the radius and still belong to the cluster. */
    public static final double RADIUS_TOLERANCE = 1e-6;

    /**
     * One atom of a cluster.
     *
     * @param element  its element
     * @param x        x relative to the absorber, angstrom
     * @param y        y relative to the absorber, angstrom
     * @param z        z relative to the absorber, angstrom
     * @param distance distance from the absorber, angstrom
     * @param site     index of the structure site it is an image of
     */
    public record Atom(Element element, double x, double y, double z, double distance, int site) {
    }

    private static final Comparator<Atom> ORDER = Comparator
            .comparingDouble((Atom a) -> Math.rint(a.distance() * 1e6))
            .thenComparingInt(a -> a.element().z())
            .thenComparingDouble(Atom::x).thenComparingDouble(Atom::y).thenComparingDouble(Atom::z);

    private final int absorberSite;
    private final double radius;
    private final List<Atom> atoms;

    private Cluster(int absorberSite, double radius, List<Atom> atoms) {
        this.absorberSite = absorberSite;
        this.radius = radius;
        this.atoms = List.copyOf(atoms);
    }

    /**
     * Cuts the cluster of radius {@code radius} around site {@code absorber}.
     *
     * @param structure the periodic structure
     * @param absorber  index of the absorbing site
     * @param radius    cluster radius, angstrom (positive)
     * @return the cluster; its first atom is the absorber at the origin
     * @throws IllegalArgumentException if the radius is not positive and finite
     * @throws IndexOutOfBoundsException if {@code absorber} is not a site index
     */
    public static Cluster cut(Structure structure, int absorber, double radius) {
        Objects.requireNonNull(structure, "structure");
        Objects.checkIndex(absorber, structure.size());
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("cluster radius must be positive and finite, got " + radius);
        }
        Lattice lattice = structure.lattice();
        double[][] m = lattice.matrix();
        double[] widths = lattice.perpendicularWidths();
        int[] reach = new int[3];
        for (int a = 0; a < 3; a++) {
            reach[a] = (int) Math.ceil((radius + RADIUS_TOLERANCE) / widths[a]) + 1;
        }
        double[] f0 = structure.frac(absorber);
        double limit = radius + RADIUS_TOLERANCE;
        List<Atom> atoms = new ArrayList<>();
        atoms.add(new Atom(structure.species(absorber), 0, 0, 0, 0, absorber));
        for (int j = 0; j < structure.size(); j++) {
            double[] fj = structure.frac(j);
            double[] d = new double[3];
            for (int a = 0; a < 3; a++) {
                // wrapping the difference into [-1/2, 1/2] bounds the images to reach[a] cells either side
                d[a] = fj[a] - f0[a] - Math.rint(fj[a] - f0[a]);
            }
            for (int n0 = -reach[0]; n0 <= reach[0]; n0++) {
                for (int n1 = -reach[1]; n1 <= reach[1]; n1++) {
                    for (int n2 = -reach[2]; n2 <= reach[2]; n2++) {
                        double u = d[0] + n0;
                        double v = d[1] + n1;
                        double w = d[2] + n2;
                        double x = u * m[0][0] + v * m[1][0] + w * m[2][0];
                        double y = u * m[0][1] + v * m[1][1] + w * m[2][1];
                        double z = u * m[0][2] + v * m[1][2] + w * m[2][2];
                        double r = Math.sqrt(x * x + y * y + z * z);
                        if (r > limit) {
                            continue;
                        }
                        if (j == absorber && n0 == 0 && n1 == 0 && n2 == 0 && r < 1e-9) {
                            continue; // the absorber itself, already first
                        }
                        atoms.add(new Atom(structure.species(j), x, y, z, r, j));
                    }
                }
            }
        }
        atoms.subList(1, atoms.size()).sort(ORDER);
        return new Cluster(absorber, radius, atoms);
    }

    /** @return the index of the absorbing site in the structure */
    public int absorberSite() {
        return absorberSite;
    }

    /** @return the absorbing element */
    public Element absorber() {
        return atoms.get(0).element();
    }

    /** @return the cluster radius, angstrom */
    public double radius() {
        return radius;
    }

    /** @return all atoms, the absorber first, then by increasing distance */
    public List<Atom> atoms() {
        return atoms;
    }

    /** @return the number of atoms including the absorber */
    public int size() {
        return atoms.size();
    }

    /** @return the elements of the atoms other than the absorber, by increasing atomic number */
    public SortedSet<Element> scatterers() {
        SortedSet<Element> out = new TreeSet<>(Comparator.comparingInt(Element::z));
        for (int i = 1; i < atoms.size(); i++) {
            out.add(atoms.get(i).element());
        }
        return out;
    }

    /**
     * @return the two atoms (indices into {@link #atoms()}) that are closest to each other, and their distance; empty
     *         if the cluster has a single atom. O(n<sup>2</sup>), a few milliseconds for FEFF-sized clusters.
     */
    public Optional<ClosePair> closestPair() {
        ClosePair best = null;
        for (int i = 0; i < atoms.size(); i++) {
            Atom a = atoms.get(i);
            for (int j = i + 1; j < atoms.size(); j++) {
                Atom b = atoms.get(j);
                double dx = a.x() - b.x();
                double dy = a.y() - b.y();
                double dz = a.z() - b.z();
                double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (best == null || d < best.distance()) {
                    best = new ClosePair(i, j, d);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Two atoms of a cluster and their distance.
     *
     * @param first    index into {@link Cluster#atoms()}
     * @param second   index into {@link Cluster#atoms()}
     * @param distance angstrom
     */
    public record ClosePair(int first, int second, double distance) {
    }

    @Override
    public String toString() {
        return "Cluster[" + absorber().symbol() + " site " + absorberSite + ", " + atoms.size() + " atoms within "
                + radius + " A]";
    }
}
