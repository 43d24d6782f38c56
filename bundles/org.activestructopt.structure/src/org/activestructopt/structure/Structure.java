package org.activestructopt.structure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A periodic crystal structure: a {@link Lattice} and a list of sites, each an {@link Element} at a fractional
 * position. Immutable, like pymatgen's {@code IStructure}: every "with..." method returns a new structure and arrays
 * are copied in and out.
 * <p>
 * Fractional coordinates are kept as given (not wrapped into [0, 1)); use {@link #wrapped()} for that. Site order is
 * significant (species order is part of {@link #equals(Object)} and {@link #approxEquals(Structure, double)}).
 *
 * <pre>{@code
 * Structure nacl = Structure.builder(Lattice.cubic(5.64))
 *         .add("Na", 0, 0, 0).add("Na", 0, 0.5, 0.5).add("Na", 0.5, 0, 0.5).add("Na", 0.5, 0.5, 0)
 *         .add("Cl", 0.5, 0.5, 0.5).add("Cl", 0.5, 0, 0).add("Cl", 0, 0.5, 0).add("Cl", 0, 0, 0.5)
 *         .build();
 * nacl.reducedFormula(); // "NaCl"
 * }</pre>
 */
public final class Structure {

    /** Unified atomic mass unit in grams times 10^24 (1 Angstrom^3 = 10^-24 cm^3), CODATA 2018. */
    private static final double AMU_G_PER_A3_TO_G_PER_CM3 = 1.66053906660;

    private final Lattice lattice;
    private final List<Element> species;
    private final double[] frac; // 3N, site-major

    private Structure(Lattice lattice, List<Element> species, double[] frac) {
        this.lattice = lattice;
        this.species = species;
        this.frac = frac;
    }

    /**
     * @param lattice the cell
     * @param species one element per site
     * @param frac N x 3 fractional coordinates, in the order of {@code species}
     * @throws IllegalArgumentException if the lengths differ, a row is not of length 3, a value is not finite or a
     *             species is null (the message names the site)
     */
    public static Structure of(Lattice lattice, List<Element> species, double[][] frac) {
        Objects.requireNonNull(lattice, "lattice");
        List<Element> sp = checkSpecies(species);
        return new Structure(lattice, sp, flatten(frac, sp.size(), "fractional"));
    }

    /**
     * @param cart N x 3 Cartesian coordinates in Angstrom
     * @see #of(Lattice, List, double[][])
     */
    public static Structure fromCartesian(Lattice lattice, List<Element> species, double[][] cart) {
        Objects.requireNonNull(lattice, "lattice");
        List<Element> sp = checkSpecies(species);
        double[] xyz = flatten(cart, sp.size(), "Cartesian");
        double[] inv = lattice.rawInverse();
        double[] f = new double[xyz.length];
        for (int i = 0; i < sp.size(); i++) {
            mulInto(xyz, 3 * i, inv, f, 3 * i);
        }
        return new Structure(lattice, sp, f);
    }

    /** @return a builder adding sites one by one to {@code lattice} */
    public static Builder builder(Lattice lattice) {
        return new Builder(Objects.requireNonNull(lattice, "lattice"));
    }

    /** Collects sites for {@link Structure#builder(Lattice)}. Not thread safe; may be reused after build(). */
    public static final class Builder {
        private final Lattice lattice;
        private final List<Element> species = new ArrayList<>();
        private double[] xyz = new double[24];

        private Builder(Lattice lattice) {
            this.lattice = lattice;
        }

        /** Adds a site at fractional coordinates (x, y, z). */
        public Builder add(Element element, double x, double y, double z) {
            Objects.requireNonNull(element, "element of site " + species.size());
            if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
                throw new IllegalArgumentException("Site " + species.size() + " (" + element
                        + ") has non-finite fractional coordinates (" + x + ", " + y + ", " + z + ")");
            }
            int n = species.size();
            if (3 * n + 3 > xyz.length) {
                xyz = Arrays.copyOf(xyz, 2 * xyz.length);
            }
            xyz[3 * n] = x + 0.0; // -0.0 -> 0.0 for equals()
            xyz[3 * n + 1] = y + 0.0;
            xyz[3 * n + 2] = z + 0.0;
            species.add(element);
            return this;
        }

        /** Adds a site given by element symbol (see {@link Element#of(String)}) at fractional coordinates. */
        public Builder add(String symbol, double x, double y, double z) {
            return add(Element.of(symbol), x, y, z);
        }

        /** Adds a site at fractional coordinates {@code frac} (length 3). */
        public Builder add(Element element, double[] frac) {
            checkVector(frac, "fractional coordinates of site " + species.size());
            return add(element, frac[0], frac[1], frac[2]);
        }

        /** Adds a site at Cartesian coordinates {@code cart} (Angstrom, length 3). */
        public Builder addCartesian(Element element, double[] cart) {
            checkVector(cart, "Cartesian coordinates of site " + species.size());
            return add(element, lattice.toFractional(cart));
        }

        /** @return the structure with the sites added so far */
        public Structure build() {
            return new Structure(lattice, List.copyOf(species), Arrays.copyOf(xyz, 3 * species.size()));
        }
    }

    // ---------------------------------------------------------------- access

    /** @return the number of sites */
    public int size() {
        return species.size();
    }

    /** @return the lattice */
    public Lattice lattice() {
        return lattice;
    }

    /** @return the element on site {@code i} */
    public Element species(int i) {
        checkSite(i);
        return species.get(i);
    }

    /** @return the unmodifiable list of elements, one per site */
    public List<Element> species() {
        return species;
    }

    /** @return a copy of the fractional coordinates of site {@code i} */
    public double[] frac(int i) {
        checkSite(i);
        return Arrays.copyOfRange(frac, 3 * i, 3 * i + 3);
    }

    /** @return the Cartesian coordinates of site {@code i} in Angstrom */
    public double[] cart(int i) {
        checkSite(i);
        double[] c = new double[3];
        mulInto(frac, 3 * i, lattice.rawMatrix(), c, 0);
        return c;
    }

    /** @return a copy of all fractional coordinates, N x 3 */
    public double[][] fracCoords() {
        double[][] f = new double[size()][];
        for (int i = 0; i < f.length; i++) {
            f[i] = Arrays.copyOfRange(frac, 3 * i, 3 * i + 3);
        }
        return f;
    }

    /** @return all Cartesian coordinates in Angstrom, N x 3 */
    public double[][] cartCoords() {
        double[][] c = new double[size()][3];
        double[] m = lattice.rawMatrix();
        for (int i = 0; i < c.length; i++) {
            mulInto(frac, 3 * i, m, c[i], 0);
        }
        return c;
    }

    /** @return a copy of the fractional coordinates as one flat array {x0, y0, z0, x1, ...} of length 3N */
    public double[] fracCoordsFlat() {
        return frac.clone();
    }

    /** @return the Cartesian coordinates as one flat array {x0, y0, z0, x1, ...} of length 3N (Angstrom) */
    public double[] cartCoordsFlat() {
        double[] c = new double[frac.length];
        double[] m = lattice.rawMatrix();
        for (int i = 0; i < size(); i++) {
            mulInto(frac, 3 * i, m, c, 3 * i);
        }
        return c;
    }

    /** Package-private view for hot loops; callers must not modify it. */
    double[] rawFrac() {
        return frac;
    }

    // ---------------------------------------------------------------- copies with changes

    /** @return the same sites (same fractional coordinates) in another lattice, i.e. a strained copy */
    public Structure withLattice(Lattice newLattice) {
        return new Structure(Objects.requireNonNull(newLattice, "lattice"), species, frac);
    }

    /** @return a copy with site {@code i} moved to fractional coordinates {@code xyz} */
    public Structure withFrac(int i, double[] xyz) {
        checkSite(i);
        checkVector(xyz, "fractional coordinates of site " + i);
        double[] f = frac.clone();
        for (int k = 0; k < 3; k++) {
            if (!Double.isFinite(xyz[k])) {
                throw new IllegalArgumentException("Fractional coordinate " + k + " of site " + i + " is not finite: "
                        + xyz[k]);
            }
            f[3 * i + k] = xyz[k] + 0.0;
        }
        return new Structure(lattice, species, f);
    }

    /** @return a copy with all fractional coordinates replaced (N x 3, same N and order) */
    public Structure withFracCoords(double[][] newFrac) {
        return new Structure(lattice, species, flatten(newFrac, size(), "fractional"));
    }

    /** @return a copy with all fractional coordinates replaced by a flat array {x0, y0, z0, x1, ...} of length 3N */
    public Structure withFracCoordsFlat(double[] newFrac) {
        if (newFrac == null || newFrac.length != frac.length) {
            throw new IllegalArgumentException("Expected " + frac.length + " fractional coordinates (3 x " + size()
                    + " sites), got " + (newFrac == null ? "null" : newFrac.length));
        }
        for (int k = 0; k < newFrac.length; k++) {
            if (!Double.isFinite(newFrac[k])) {
                throw new IllegalArgumentException("Fractional coordinate " + (k % 3) + " of site " + (k / 3)
                        + " is not finite: " + newFrac[k]);
            }
        }
        double[] f = new double[newFrac.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = newFrac[k] + 0.0;
        }
        return new Structure(lattice, species, f);
    }

    /** @return a copy with the element on site {@code i} replaced */
    public Structure withSpecies(int i, Element element) {
        checkSite(i);
        Objects.requireNonNull(element, "element");
        List<Element> sp = new ArrayList<>(species);
        sp.set(i, element);
        return new Structure(lattice, List.copyOf(sp), frac);
    }

    /** @return a copy with one more site, appended at the end */
    public Structure withAddedSite(Element element, double[] xyz) {
        Builder b = new Builder(lattice);
        for (int i = 0; i < size(); i++) {
            b.add(species.get(i), frac[3 * i], frac[3 * i + 1], frac[3 * i + 2]);
        }
        return b.add(element, xyz).build();
    }

    /** @return a copy without site {@code i}; later sites shift down by one */
    public Structure withoutSite(int i) {
        checkSite(i);
        List<Element> sp = new ArrayList<>(species);
        sp.remove(i);
        double[] f = new double[frac.length - 3];
        System.arraycopy(frac, 0, f, 0, 3 * i);
        System.arraycopy(frac, 3 * i + 3, f, 3 * i, frac.length - 3 * i - 3);
        return new Structure(lattice, List.copyOf(sp), f);
    }

    /**
     * @param order a permutation of 0..N-1; site k of the result is site {@code order[k]} of this structure
     * @throws IllegalArgumentException if {@code order} is not a permutation
     */
    public Structure permuted(int[] order) {
        int n = size();
        if (order == null || order.length != n) {
            throw new IllegalArgumentException("Permutation must have length " + n + ", got "
                    + (order == null ? "null" : order.length));
        }
        boolean[] seen = new boolean[n];
        Element[] sp = new Element[n];
        double[] f = new double[3 * n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (i < 0 || i >= n || seen[i]) {
                throw new IllegalArgumentException("Not a permutation of 0.." + (n - 1) + ": " + Arrays.toString(order));
            }
            seen[i] = true;
            sp[k] = species.get(i);
            System.arraycopy(frac, 3 * i, f, 3 * k, 3);
        }
        return new Structure(lattice, List.of(sp), f);
    }

    /**
     * @return a copy with sites ordered by (electronegativity, symbol) as in pymatgen's {@code get_sorted_structure},
     *         keeping the original order within each element
     */
    public Structure sorted() {
        Integer[] idx = new Integer[size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> {
            Element ex = species.get(x);
            Element ey = species.get(y);
            int c = Double.compare(en(ex), en(ey));
            return c != 0 ? c : ex.symbol().compareTo(ey.symbol());
        });
        return permuted(Arrays.stream(idx).mapToInt(Integer::intValue).toArray());
    }

    private static double en(Element e) {
        return Double.isNaN(e.electronegativity()) ? Double.POSITIVE_INFINITY : e.electronegativity();
    }

    /** @return the {@code na x nb x nc} supercell (see {@link #supercell(int[][])}) */
    public Structure supercell(int na, int nb, int nc) {
        return supercell(new int[][] { { na, 0, 0 }, { 0, nb, 0 }, { 0, 0, nc } });
    }

    /**
     * Builds the supercell with lattice vectors {@code S · M} (rows of the new lattice are integer combinations of a,
     * b, c). Sites are ordered site-major: the |det S| copies of site i are sites {@code i*|det S|} to
     * {@code i*|det S| + |det S| - 1}, the first copy being the original position mapped into the new cell. New
     * fractional coordinates lie in [0, 1).
     *
     * @param scalingMatrix 3x3 integer matrix S with non-zero determinant
     * @throws IllegalArgumentException if S is not 3x3 or singular
     */
    public Structure supercell(int[][] scalingMatrix) {
        long[] s = new long[9];
        if (scalingMatrix == null || scalingMatrix.length != 3) {
            throw new IllegalArgumentException("Scaling matrix must be 3x3");
        }
        for (int i = 0; i < 3; i++) {
            if (scalingMatrix[i] == null || scalingMatrix[i].length != 3) {
                throw new IllegalArgumentException("Scaling matrix must be 3x3, row " + i + " is not of length 3");
            }
            for (int j = 0; j < 3; j++) {
                s[3 * i + j] = scalingMatrix[i][j];
            }
        }
        long det = s[0] * (s[4] * s[8] - s[5] * s[7]) - s[1] * (s[3] * s[8] - s[5] * s[6])
                + s[2] * (s[3] * s[7] - s[4] * s[6]);
        if (det == 0) {
            throw new IllegalArgumentException("Scaling matrix is singular: " + Arrays.deepToString(scalingMatrix));
        }
        int copies = Math.toIntExact(Math.abs(det));
        double[] m = lattice.rawMatrix();
        double[][] newRows = new double[3][3];
        double[][] sd = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                sd[i][j] = s[3 * i + j];
                for (int k = 0; k < 3; k++) {
                    newRows[i][j] += s[3 * i + k] * m[3 * k + j];
                }
            }
        }
        Lattice newLattice = Lattice.of(newRows);
        double[] sInv = Lattice.invert(sd); // old frac -> new frac: f' = f · S^-1
        // integer translations t (old basis) with t · S^-1 in [0,1)^3: t lies in the box spanned by the rows of S
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                lo[j] += (int) Math.min(0, s[3 * i + j]);
                hi[j] += (int) Math.max(0, s[3 * i + j]);
            }
        }
        double[] shifts = new double[3 * copies]; // translations in new fractional coordinates, t = 0 first
        int found = 1;
        double[] t = new double[3];
        double[] u = new double[3];
        for (int x = lo[0]; x <= hi[0]; x++) {
            for (int y = lo[1]; y <= hi[1]; y++) {
                for (int z = lo[2]; z <= hi[2]; z++) {
                    t[0] = x;
                    t[1] = y;
                    t[2] = z;
                    mulInto(t, 0, sInv, u, 0);
                    if ((x != 0 || y != 0 || z != 0) && inUnitCell(u)) {
                        if (found == copies) {
                            throw new IllegalStateException("More lattice points than |det S| in supercell " + det);
                        }
                        System.arraycopy(u, 0, shifts, 3 * found++, 3);
                    }
                }
            }
        }
        if (found != copies) {
            throw new IllegalStateException("Found " + found + " lattice points in a supercell of |det S| = " + copies);
        }
        int n = size();
        Element[] sp = new Element[n * copies];
        double[] f = new double[3 * n * copies];
        double[] base = new double[3];
        for (int i = 0; i < n; i++) {
            mulInto(frac, 3 * i, sInv, base, 0);
            for (int c = 0; c < copies; c++) {
                int k = i * copies + c;
                sp[k] = species.get(i);
                for (int d = 0; d < 3; d++) {
                    f[3 * k + d] = wrap01(base[d] + shifts[3 * c + d]);
                }
            }
        }
        return new Structure(newLattice, List.of(sp), f);
    }

    /** u in [0,1)^3 up to rounding: components within 1e-9 of 1 belong to the next cell. */
    private static boolean inUnitCell(double[] u) {
        for (double v : u) {
            if (v < -1e-9 || v >= 1 - 1e-9) {
                return false;
            }
        }
        return true;
    }

    /** @return a copy with every fractional coordinate mapped into [0, 1) */
    public Structure wrapped() {
        double[] f = frac.clone();
        for (int k = 0; k < f.length; k++) {
            f[k] = wrap01(f[k]);
        }
        return new Structure(lattice, species, f);
    }

    /**
     * x - floor(x), with the rounding case x = -1e-17 -> 1.0 folded to 0 so the result is strictly below 1.
     */
    static double wrap01(double x) {
        double w = x - Math.floor(x);
        return w >= 1.0 ? 0.0 : w;
    }

    /**
     * Moves every site by a vector of random direction (uniform on the sphere) and random length (uniform in
     * [minDist, maxDist] Angstrom), like pymatgen's {@code Structure.perturb(distance, min_distance)}. Coordinates are
     * not wrapped.
     *
     * @throws IllegalArgumentException unless 0 &lt;= minDist &lt;= maxDist
     */
    public Structure perturbed(RandomGenerator rng, double minDist, double maxDist) {
        Objects.requireNonNull(rng, "rng");
        if (!(minDist >= 0 && maxDist >= minDist && Double.isFinite(maxDist))) {
            throw new IllegalArgumentException("Perturbation needs 0 <= minDist <= maxDist, got minDist=" + minDist
                    + " maxDist=" + maxDist);
        }
        double[] inv = lattice.rawInverse();
        double[] f = frac.clone();
        double[] d = new double[3];
        double[] df = new double[3];
        for (int i = 0; i < size(); i++) {
            // uniform direction: z uniform in [-1, 1], azimuth uniform (Archimedes)
            double cz = 2 * rng.nextDouble() - 1;
            double phi = 2 * Math.PI * rng.nextDouble();
            double sz = Math.sqrt(Math.max(0, 1 - cz * cz));
            double len = minDist + (maxDist - minDist) * rng.nextDouble();
            d[0] = len * sz * Math.cos(phi);
            d[1] = len * sz * Math.sin(phi);
            d[2] = len * cz;
            mulInto(d, 0, inv, df, 0);
            for (int k = 0; k < 3; k++) {
                f[3 * i + k] += df[k];
            }
        }
        return new Structure(lattice, species, f);
    }

    // ---------------------------------------------------------------- properties

    /** @return the cell volume in cubic Angstrom */
    public double volume() {
        return lattice.volume();
    }

    /** @return the mass density in g/cm^3 (standard atomic weights over cell volume) */
    public double density() {
        double mass = 0;
        for (Element e : species) {
            mass += e.mass();
        }
        return mass * AMU_G_PER_A3_TO_G_PER_CM3 / lattice.volume();
    }

    /** @return the number of atoms of each element */
    public Composition composition() {
        return Composition.count(species);
    }

    /** @return {@code composition().reducedFormula()}, e.g. "LiNiO2" */
    public String reducedFormula() {
        return composition().reducedFormula();
    }

    /**
     * Minimum-image distance between sites i and j: the shortest |r_j + T - r_i| over all lattice translations T, exact
     * for any cell shape (not just the nearest image of the wrapped difference, which can be wrong for skewed cells).
     * For i == j this is 0.
     */
    public double distance(int i, int j) {
        checkSite(i);
        checkSite(j);
        return Math.sqrt(minimumImage(i, j, null));
    }

    /**
     * @return the lattice translation (integers n<sub>a</sub>, n<sub>b</sub>, n<sub>c</sub>) such that
     *         |r_j + n·M - r_i| is the minimum-image distance
     */
    public int[] minimumImage(int i, int j) {
        checkSite(i);
        checkSite(j);
        int[] image = new int[3];
        minimumImage(i, j, image);
        return image;
    }

    /** @return |r_j + image · M - r_i| in Angstrom for an explicit lattice translation */
    public double distance(int i, int j, int[] image) {
        checkSite(i);
        checkSite(j);
        if (image == null || image.length != 3) {
            throw new IllegalArgumentException("Image must have 3 integers");
        }
        double[] m = lattice.rawMatrix();
        double fx = frac[3 * j] - frac[3 * i] + image[0];
        double fy = frac[3 * j + 1] - frac[3 * i + 1] + image[1];
        double fz = frac[3 * j + 2] - frac[3 * i + 2] + image[2];
        double x = fx * m[0] + fy * m[3] + fz * m[6];
        double y = fx * m[1] + fy * m[4] + fz * m[7];
        double z = fx * m[2] + fy * m[5] + fz * m[8];
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** Squared minimum-image distance; writes the image if {@code out} is not null. */
    private double minimumImage(int i, int j, int[] out) {
        double[] m = lattice.rawMatrix();
        double[] d = new double[3];
        int[] base = new int[3];
        for (int k = 0; k < 3; k++) {
            double raw = frac[3 * j + k] - frac[3 * i + k];
            base[k] = (int) -Math.rint(raw);
            d[k] = raw + base[k];
        }
        double best = norm2(d, 0, 0, 0, m);
        int[] bestImg = { 0, 0, 0 };
        // any translation n with |(d+n)·M| < sqrt(best) has |d_k + n_k| <= sqrt(best) / width_k
        double r = Math.sqrt(best);
        double[] w = lattice.perpendicularWidths();
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int k = 0; k < 3; k++) {
            lo[k] = (int) Math.ceil(-r / w[k] - d[k] - 1e-12);
            hi[k] = (int) Math.floor(r / w[k] - d[k] + 1e-12);
        }
        for (int a = lo[0]; a <= hi[0]; a++) {
            for (int b = lo[1]; b <= hi[1]; b++) {
                for (int c = lo[2]; c <= hi[2]; c++) {
                    double n2 = norm2(d, a, b, c, m);
                    if (n2 < best) {
                        best = n2;
                        bestImg[0] = a;
                        bestImg[1] = b;
                        bestImg[2] = c;
                    }
                }
            }
        }
        if (out != null) {
            for (int k = 0; k < 3; k++) {
                out[k] = base[k] + bestImg[k];
            }
        }
        return best;
    }

    private static double norm2(double[] d, int a, int b, int c, double[] m) {
        double fx = d[0] + a;
        double fy = d[1] + b;
        double fz = d[2] + c;
        double x = fx * m[0] + fy * m[3] + fz * m[6];
        double y = fx * m[1] + fy * m[4] + fz * m[7];
        double z = fx * m[2] + fy * m[5] + fz * m[8];
        return x * x + y * y + z * z;
    }

    // ---------------------------------------------------------------- comparison

    /**
     * Approximate equality in a fixed setting: same number of sites with the same species in the same order, lattice
     * matrices equal within {@code fracTol} times the longest lattice vector (component-wise), and each pair of
     * fractional coordinates equal modulo 1 within {@code fracTol}. This is not a structure matcher: it does not
     * search over permutations, origin shifts or other cell choices.
     */
    public boolean approxEquals(Structure other, double fracTol) {
        if (other == null) {
            return false;
        }
        double scale = Math.max(lattice.a(), Math.max(lattice.b(), lattice.c()));
        return approxEquals(other, fracTol * scale, fracTol);
    }

    /**
     * As {@link #approxEquals(Structure, double)} with separate tolerances.
     *
     * @param latticeTol largest allowed difference of a lattice matrix entry, Angstrom
     * @param fracTol largest allowed difference of a fractional coordinate modulo 1
     */
    public boolean approxEquals(Structure other, double latticeTol, double fracTol) {
        if (other == null || other.size() != size() || !species.equals(other.species)
                || !lattice.approxEquals(other.lattice, latticeTol)) {
            return false;
        }
        for (int k = 0; k < frac.length; k++) {
            double d = frac[k] - other.frac[k];
            if (!(Math.abs(d - Math.rint(d)) <= fracTol)) {
                return false;
            }
        }
        return true;
    }

    /** Exact equality: equal lattices, species lists and fractional coordinates (no wrapping). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Structure s && lattice.equals(s.lattice) && species.equals(s.species)
                && Arrays.equals(frac, s.frac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lattice, species, Arrays.hashCode(frac));
    }

    /** @return e.g. {@code Structure Cu (4 sites, Lattice(a=3.6150 ...), V=47.243 A^3)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Structure %s (%d sites, %s, V=%.3f A^3)",
                size() == 0 ? "(empty)" : reducedFormula(), size(), lattice, volume());
    }

    // ---------------------------------------------------------------- helpers

    private void checkSite(int i) {
        if (i < 0 || i >= species.size()) {
            throw new IndexOutOfBoundsException("Site index " + i + " out of range 0.." + (species.size() - 1));
        }
    }

    private static List<Element> checkSpecies(List<Element> species) {
        if (species == null) {
            throw new IllegalArgumentException("Species list is null");
        }
        for (int i = 0; i < species.size(); i++) {
            if (species.get(i) == null) {
                throw new IllegalArgumentException("Species of site " + i + " is null");
            }
        }
        return List.copyOf(species);
    }

    private static double[] flatten(double[][] coords, int n, String kind) {
        if (coords == null || coords.length != n) {
            throw new IllegalArgumentException("Expected " + kind + " coordinates for " + n + " sites, got "
                    + (coords == null ? "null" : coords.length + " rows"));
        }
        double[] f = new double[3 * n];
        for (int i = 0; i < n; i++) {
            if (coords[i] == null || coords[i].length != 3) {
                throw new IllegalArgumentException(kind + " coordinates of site " + i + " must have 3 components, got "
                        + (coords[i] == null ? "null" : coords[i].length));
            }
            for (int k = 0; k < 3; k++) {
                if (!Double.isFinite(coords[i][k])) {
                    throw new IllegalArgumentException(kind + " coordinate " + k + " of site " + i + " is not finite: "
                            + coords[i][k]);
                }
                f[3 * i + k] = coords[i][k] + 0.0; // -0.0 -> 0.0 for equals()
            }
        }
        return f;
    }

    private static void checkVector(double[] v, String what) {
        if (v == null || v.length != 3) {
            throw new IllegalArgumentException("Expected 3 " + what + ", got " + (v == null ? "null" : v.length));
        }
    }

    /** out[o..o+2] = v[off..off+2] · mat (row vector times row-major 3x3). */
    static void mulInto(double[] v, int off, double[] mat, double[] out, int o) {
        double x = v[off];
        double y = v[off + 1];
        double z = v[off + 2];
        out[o] = x * mat[0] + y * mat[3] + z * mat[6];
        out[o + 1] = x * mat[1] + y * mat[4] + z * mat[7];
        out[o + 2] = x * mat[2] + y * mat[5] + z * mat[8];
    }
}
