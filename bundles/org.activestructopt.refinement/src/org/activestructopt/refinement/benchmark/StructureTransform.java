package org.activestructopt.refinement.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.NeighborList;
import org.activestructopt.structure.Structure;

/**
 * One step that turns a structure into a benchmark's start or target: thermal-like displacements, a strain of the
 * cell, a rotation of coordination polyhedra in a tilt pattern, a distortion of octahedra, or the removal of a
 * fraction of one element. A suite file lists them under {@code transforms}, each an object with one key:
 *
 * <pre>{@code
 * {"thermal": {"sigma": 0.1}}
 * {"strain": {"a": 0.98, "b": 0.98, "c": 1.015}}
 * {"rotate": {"centre": "Ti", "ligand": "O", "cutoff": 2.4, "axis": "z", "degrees": 2.1, "pattern": [1, 1, 1]}}
 * {"distortOctahedra": {"centre": "Ni", "ligand": "O", "cutoff": 2.4, "long": 0.2, "short": -0.1}}
 * {"remove": {"species": "Li", "fraction": 0.5}}
 * }</pre>
 *
 * Polyhedron moves ({@code rotate}, {@code distortOctahedra}) are asked for by each centre for each of its bonds, and
 * a ligand shared by several centres moves by the mean of what its bonds ask: centres stay where they are, as in a
 * rigid-unit picture, and a ligand between two centres that want different things (a frustrated Jahn-Teller
 * arrangement, second-order terms of large tilts) ends up in between. Random transforms draw from the generator they
 * are given, so a problem is reproducible from its seed.
 */
public sealed interface StructureTransform {

    /**
     * @param structure the structure to transform; not modified
     * @param rng       source of the random choices (unused by deterministic transforms)
     * @return the transformed structure, same site order (except {@link Remove}, which drops sites)
     * @throws IllegalArgumentException if the structure does not have what the transform needs (e.g. no centres)
     */
    Structure apply(Structure structure, RandomGenerator rng);

    /** @return whether {@link #apply} makes random choices */
    boolean isRandom();

    /** @return one line for reports, e.g. "thermal displacements, sigma 0.1 A per Cartesian component" */
    String describe();

    /**
     * Gaussian displacements of every site, independent with standard deviation {@code sigma} (Angstrom) along each
     * Cartesian axis, as a snapshot of thermal motion with isotropic displacement parameter U = sigma^2. The mean
     * displacement is removed: a rigid translation changes no spectrum and would only add a meaningless offset.
     */
    record Thermal(double sigma) implements StructureTransform {

        public Thermal {
            if (!(sigma > 0 && sigma < 2)) {
                throw new IllegalArgumentException("thermal sigma must lie in (0, 2) angstrom, got " + sigma);
            }
        }

        @Override
        public Structure apply(Structure structure, RandomGenerator rng) {
            int n = structure.size();
            double[][] cart = structure.cartCoords();
            double[][] d = new double[n][3];
            double[] mean = new double[3];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    d[i][k] = sigma * rng.nextGaussian();
                    mean[k] += d[i][k] / n;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 3; k++) {
                    cart[i][k] += d[i][k] - (n > 1 ? mean[k] : 0);
                }
            }
            return Structure.fromCartesian(structure.lattice(), structure.species(), cart).wrapped();
        }

        @Override
        public boolean isRandom() {
            return true;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "thermal displacements, sigma %.3g A per Cartesian component", sigma);
        }
    }

    /**
     * Scales the cell vectors a, b, c by the given factors, keeping their directions and the fractional coordinates
     * (a homogeneous strain of the whole structure).
     */
    record Strain(double a, double b, double c) implements StructureTransform {

        public Strain {
            for (double f : new double[] { a, b, c }) {
                if (!(f > 0.5 && f < 2)) {
                    throw new IllegalArgumentException("strain factors must lie in (0.5, 2), got " + f);
                }
            }
        }

        @Override
        public Structure apply(Structure structure, RandomGenerator rng) {
            double[][] m = structure.lattice().matrix();
            double[] f = { a, b, c };
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 3; k++) {
                    m[i][k] *= f[i];
                }
            }
            return structure.withLattice(Lattice.of(m));
        }

        @Override
        public boolean isRandom() {
            return false;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "cell lengths scaled by %.4g, %.4g, %.4g", a, b, c);
        }
    }

    /**
     * Rotates every coordination polyhedron (the {@code ligand} sites within {@code cutoff} of a {@code centre} site)
     * about the Cartesian {@code axis} by {@code degrees}, with the sign alternating between neighbouring centres as
     * a tilt system prescribes. The centres must form a (pseudo-)cubic grid along the Cartesian axes, as the B sites
     * of a perovskite supercell; a centre at grid position (i, j, k) turns by {@code degrees * (-1)^(p.(i,j,k))} with
     * {@code p = pattern}. In Glazer's notation a tilt about z is {@code c-} with pattern (1, 1, 1) and {@code c+}
     * with (1, 1, 0): neighbours in the plane normal to the axis always alternate, neighbours along the axis alternate
     * for minus. Several rotations in a row make a compound tilt system (e.g. a-b+a-).
     *
     * @param axis    0, 1 or 2 for x, y, z
     * @param pattern 0 or 1 per axis
     */
    record Rotate(Element centre, Element ligand, double cutoff, int axis, double degrees, int[] pattern)
            implements StructureTransform {

        public Rotate {
            Objects.requireNonNull(centre, "centre");
            Objects.requireNonNull(ligand, "ligand");
            if (!(cutoff > 0 && cutoff < 10)) {
                throw new IllegalArgumentException("cutoff must lie in (0, 10) angstrom, got " + cutoff);
            }
            if (axis < 0 || axis > 2) {
                throw new IllegalArgumentException("axis must be x, y or z");
            }
            if (!(Math.abs(degrees) <= 45)) {
                throw new IllegalArgumentException("rotation must lie in [-45, 45] degrees, got " + degrees);
            }
            if (pattern.length != 3 || Arrays.stream(pattern).anyMatch(p -> p != 0 && p != 1)) {
                throw new IllegalArgumentException("pattern must be three numbers 0 or 1, got "
                        + Arrays.toString(pattern));
            }
            pattern = pattern.clone();
        }

        @Override
        public int[] pattern() {
            return pattern.clone();
        }

        @Override
        public Structure apply(Structure structure, RandomGenerator rng) {
            List<Integer> centres = sitesOf(structure, centre);
            int[][] grid = gridIndices(structure, centres);
            for (int d = 0; d < 3; d++) {
                int dim = d;
                long levels = Arrays.stream(grid).mapToInt(g -> g[dim]).distinct().count();
                if (pattern[d] == 1 && levels % 2 == 1) {
                    throw new IllegalArgumentException("the cell holds " + levels + " layers of " + centre
                            + " along " + "xyz".charAt(d) + ": a tilt alternating along that axis needs an even "
                            + "number (use a supercell)");
                }
            }
            double[][] rotations = new double[centres.size()][];
            for (int c = 0; c < centres.size(); c++) {
                int parity = 0;
                for (int d = 0; d < 3; d++) {
                    parity += pattern[d] * grid[c][d];
                }
                double angle = Math.toRadians(Math.floorMod(parity, 2) == 0 ? degrees : -degrees);
                rotations[c] = rotation(axis, angle);
            }
            return moveLigands(structure, centre, ligand, cutoff, centres, (c, v, bond) -> multiply(rotations[c], v));
        }

        @Override
        public boolean isRandom() {
            return false;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%s-%s polyhedra rotated %.3g deg about %s, sign pattern %s", centre,
                    ligand, degrees, "xyz".charAt(axis), Arrays.toString(pattern));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rotate r && r.centre == centre && r.ligand == ligand && r.cutoff == cutoff
                    && r.axis == axis && r.degrees == degrees && Arrays.equals(r.pattern, pattern);
        }

        @Override
        public int hashCode() {
            return Objects.hash(centre, ligand, cutoff, axis, degrees, Arrays.hashCode(pattern));
        }

        @Override
        public String toString() {
            return "Rotate[" + describe() + "]";
        }
    }

    /**
     * Distorts every octahedron (exactly six {@code ligand} sites within {@code cutoff} of a {@code centre} site): one
     * of its three axes, chosen at random per centre, changes its two bonds by {@code longChange} Angstrom, the other
     * four bonds change by {@code shortChange}. With {@code longChange > 0 > shortChange} this is a Jahn-Teller
     * elongation with randomly oriented long axes; with equal changes it is a breathing of the octahedra.
     */
    record DistortOctahedra(Element centre, Element ligand, double cutoff, double longChange, double shortChange)
            implements StructureTransform {

        public DistortOctahedra {
            Objects.requireNonNull(centre, "centre");
            Objects.requireNonNull(ligand, "ligand");
            if (!(cutoff > 0 && cutoff < 10)) {
                throw new IllegalArgumentException("cutoff must lie in (0, 10) angstrom, got " + cutoff);
            }
            if (!(Math.abs(longChange) < 1 && Math.abs(shortChange) < 1)) {
                throw new IllegalArgumentException("bond changes must lie in (-1, 1) angstrom, got " + longChange
                        + " and " + shortChange);
            }
        }

        @Override
        public Structure apply(Structure structure, RandomGenerator rng) {
            List<Integer> centres = sitesOf(structure, centre);
            NeighborList nl = NeighborList.of(structure, cutoff);
            // per centre: which of its bonds (neighbour-list entries) lie on the long axis
            List<boolean[]> longBonds = new ArrayList<>();
            for (int c : centres) {
                List<Integer> bonds = bondsOf(structure, nl, c, ligand);
                if (bonds.size() != 6) {
                    throw new IllegalArgumentException(centre + " site " + c + " has " + bonds.size() + " " + ligand
                            + " within " + cutoff + " A; an octahedron needs exactly 6");
                }
                int[] partner = opposites(nl, bonds, c);
                int axisBond = rng.nextInt(3);
                // the axes are numbered by their first bond in neighbour-list order
                int seen = 0;
                boolean[] isLong = new boolean[6];
                boolean[] done = new boolean[6];
                for (int b = 0; b < 6; b++) {
                    if (done[b]) {
                        continue;
                    }
                    done[b] = done[partner[b]] = true;
                    if (seen++ == axisBond) {
                        isLong[b] = isLong[partner[b]] = true;
                    }
                }
                longBonds.add(isLong);
            }
            return moveLigands(structure, centre, ligand, cutoff, centres, (c, v, bond) -> {
                double r = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                double scale = (r + (longBonds.get(c)[bond] ? longChange : shortChange)) / r;
                return new double[] { v[0] * scale, v[1] * scale, v[2] * scale };
            });
        }

        @Override
        public boolean isRandom() {
            return true;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%s%s6 octahedra: bonds on one random axis %+.3g A, the others %+.3g A",
                    centre, ligand, longChange, shortChange);
        }
    }

    /** Removes {@code round(fraction * n)} of the n sites of {@code species}, chosen at random. */
    record Remove(Element species, double fraction) implements StructureTransform {

        public Remove {
            Objects.requireNonNull(species, "species");
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("fraction must lie in (0, 1), got " + fraction);
            }
        }

        @Override
        public Structure apply(Structure structure, RandomGenerator rng) {
            List<Integer> sites = sitesOf(structure, species);
            int remove = (int) Math.round(fraction * sites.size());
            // partial Fisher-Yates: the first 'remove' entries become a uniform random subset
            for (int i = 0; i < remove; i++) {
                int j = i + rng.nextInt(sites.size() - i);
                Integer t = sites.get(i);
                sites.set(i, sites.get(j));
                sites.set(j, t);
            }
            TreeSet<Integer> gone = new TreeSet<>(sites.subList(0, remove));
            Structure out = structure;
            for (int i : gone.descendingSet()) {
                out = out.withoutSite(i);
            }
            return out;
        }

        @Override
        public boolean isRandom() {
            return true;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "%.3g of the %s sites removed at random", fraction, species);
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** What a centre asks of one of its bonds: the new centre-to-ligand vector. */
    @FunctionalInterface
    interface BondMove {
        /**
         * @param centre index of the centre in the list of centres
         * @param vector centre-to-ligand vector (Cartesian)
         * @param bond   index of the bond among the centre's bonds, in neighbour-list order
         */
        double[] move(int centre, double[] vector, int bond);
    }

    private static List<Integer> sitesOf(Structure s, Element e) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (s.species(i) == e) {
                out.add(i);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the structure (" + s.reducedFormula() + ") has no " + e + " sites");
        }
        return out;
    }

    /** @return the neighbour-list entries from centre site {@code c} to sites of {@code ligand}, in list order */
    private static List<Integer> bondsOf(Structure s, NeighborList nl, int c, Element ligand) {
        List<Integer> out = new ArrayList<>();
        for (int k = nl.centerStart(c); k < nl.centerStart(c + 1); k++) {
            if (s.species(nl.neighbor(k)) == ligand) {
                out.add(k);
            }
        }
        return out;
    }

    /** @return for each of six bonds, the bond most nearly opposite to it (checked to be mutual) */
    private static int[] opposites(NeighborList nl, List<Integer> bonds, int c) {
        int[] partner = new int[6];
        for (int i = 0; i < 6; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 6; j++) {
                double cos = cosine(nl, bonds.get(i), bonds.get(j));
                if (j != i && cos < best) {
                    best = cos;
                    partner[i] = j;
                }
            }
        }
        for (int i = 0; i < 6; i++) {
            if (partner[partner[i]] != i) {
                throw new IllegalArgumentException("the octahedron around site " + c
                        + " is too irregular to tell its three axes apart");
            }
        }
        return partner;
    }

    private static double cosine(NeighborList nl, int a, int b) {
        double dot = 0;
        for (int k = 0; k < 3; k++) {
            dot += nl.vector(a, k) * nl.vector(b, k);
        }
        return dot / (nl.distance(a) * nl.distance(b));
    }

    /**
     * Moves each ligand by the mean over its bonds to centres of (new vector - old vector); centres and other sites
     * stay.
     */
    private static Structure moveLigands(Structure s, Element centre, Element ligand, double cutoff,
            List<Integer> centres, BondMove move) {
        NeighborList nl = NeighborList.of(s, cutoff);
        double[][] shift = new double[s.size()][3];
        int[] count = new int[s.size()];
        boolean any = false;
        for (int c = 0; c < centres.size(); c++) {
            List<Integer> bonds = bondsOf(s, nl, centres.get(c), ligand);
            for (int b = 0; b < bonds.size(); b++) {
                int k = bonds.get(b);
                double[] v = { nl.vector(k, 0), nl.vector(k, 1), nl.vector(k, 2) };
                double[] w = move.move(c, v, b);
                int l = nl.neighbor(k);
                for (int a = 0; a < 3; a++) {
                    shift[l][a] += w[a] - v[a];
                }
                count[l]++;
                any = true;
            }
        }
        if (!any) {
            throw new IllegalArgumentException("no " + ligand + " within " + cutoff + " A of any " + centre);
        }
        double[][] cart = s.cartCoords();
        for (int i = 0; i < s.size(); i++) {
            for (int a = 0; a < 3 && count[i] > 0; a++) {
                cart[i][a] += shift[i][a] / count[i];
            }
        }
        return Structure.fromCartesian(s.lattice(), s.species(), cart).wrapped();
    }

    /**
     * @return the integer position of each centre on the grid of spacing equal to the shortest centre-centre
     *         distance, along the Cartesian axes
     * @throws IllegalArgumentException if the centres are not on such a grid
     */
    private static int[][] gridIndices(Structure s, List<Integer> centres) {
        double spacing = Double.POSITIVE_INFINITY;
        for (int a = 0; a < centres.size(); a++) {
            for (int b = a + 1; b < centres.size(); b++) {
                spacing = Math.min(spacing, s.distance(centres.get(a), centres.get(b)));
            }
        }
        if (centres.size() < 2 || !Double.isFinite(spacing)) {
            throw new IllegalArgumentException("a tilt pattern needs at least two centres; use a supercell");
        }
        double[] origin = s.cart(centres.get(0));
        int[][] out = new int[centres.size()][3];
        for (int c = 0; c < centres.size(); c++) {
            double[] p = s.cart(centres.get(c));
            for (int d = 0; d < 3; d++) {
                double x = (p[d] - origin[d]) / spacing;
                out[c][d] = (int) Math.round(x);
                if (Math.abs(x - out[c][d]) > 0.25) {
                    throw new IllegalArgumentException("the centres do not lie on a grid of spacing "
                            + String.format(Locale.ROOT, "%.3f", spacing) + " A along the Cartesian axes; a tilt "
                            + "pattern needs a (pseudo-)cubic arrangement");
                }
            }
        }
        return out;
    }

    /** @return the 3x3 rotation about Cartesian axis {@code axis} by {@code angle} radians, row-major */
    private static double[] rotation(int axis, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return switch (axis) {
        case 0 -> new double[] { 1, 0, 0, 0, c, -s, 0, s, c };
        case 1 -> new double[] { c, 0, s, 0, 1, 0, -s, 0, c };
        default -> new double[] { c, -s, 0, s, c, 0, 0, 0, 1 };
        };
    }

    private static double[] multiply(double[] m, double[] v) {
        return new double[] { m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
                m[6] * v[0] + m[7] * v[1] + m[8] * v[2] };
    }

    // ---------------------------------------------------------------------------------------------------- parsing

    /** Reads one transform object of a suite file: exactly one key naming the transform. */
    static StructureTransform parse(SuiteJson json) throws SuiteFormatException {
        List<String> keys = json.keys();
        if (keys.size() != 1) {
            throw json.error("a transform is an object with one key (thermal, strain, rotate, distortOctahedra or "
                    + "remove), got " + keys);
        }
        String kind = keys.get(0);
        json.allow("thermal", "strain", "rotate", "distortOctahedra", "remove");
        SuiteJson o = json.object(kind);
        try {
            return switch (kind) {
            case "thermal" -> new Thermal(o.allow("sigma").number("sigma"));
            case "strain" -> {
                o.allow("a", "b", "c");
                yield new Strain(o.number("a", 1), o.number("b", 1), o.number("c", 1));
            }
            case "rotate" -> {
                o.allow("centre", "ligand", "cutoff", "axis", "degrees", "pattern");
                String axis = o.string("axis");
                int a = "xyz".indexOf(axis);
                if (axis.length() != 1 || a < 0) {
                    throw o.error("axis", "must be x, y or z, got '" + axis + "'");
                }
                double[] p = o.numbers("pattern", 3);
                yield new Rotate(element(o, "centre"), element(o, "ligand"), o.number("cutoff"), a,
                        o.number("degrees"), new int[] { (int) p[0], (int) p[1], (int) p[2] });
            }
            case "distortOctahedra" -> {
                o.allow("centre", "ligand", "cutoff", "long", "short");
                yield new DistortOctahedra(element(o, "centre"), element(o, "ligand"), o.number("cutoff"),
                        o.number("long"), o.number("short"));
            }
            default -> {
                o.allow("species", "fraction");
                yield new Remove(element(o, "species"), o.number("fraction"));
            }
            };
        } catch (IllegalArgumentException e) {
            throw o.error(e.getMessage());
        }
    }

    private static Element element(SuiteJson o, String key) throws SuiteFormatException {
        String symbol = o.string(key);
        try {
            return Element.of(symbol);
        } catch (IllegalArgumentException e) {
            throw o.error(key, "'" + symbol + "' is not an element symbol");
        }
    }
}
