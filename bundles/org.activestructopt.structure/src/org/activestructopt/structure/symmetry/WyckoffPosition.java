package org.activestructopt.structure.symmetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Wyckoff position of a space group in a given setting, as listed in the International Tables (ITA) volume A:
 * letter, multiplicity (number of points per conventional cell), oriented site-symmetry symbol and the coordinate
 * triplets of all points of the orbit, e.g. for 4c of Pnma: "x,1/4,z", "-x+1/2,3/4,z+1/2", "-x,3/4,-z",
 * "x+1/2,1/4,-z+1/2".
 *
 * <p>The triplets include the centring translations (ITA lists them once, as "(0,0,0)+ (1/2,1/2,0)+ ..."), so
 * {@code coordinates().size() == multiplicity()}. They come in the order of {@link SpaceGroup#operations()}, which is
 * not always ITA's printed order. In the standard settings the representative (first triplet) is the one printed in
 * ITA; in the origin-choice-1 and rhombohedral-axes settings it is another member of the same orbit (cctbx
 * transforms the standard table), e.g. "1/4,1/4,1/4" rather than "0,0,0" for 8a of Fd-3m:1.
 * Instances are obtained from {@link SpaceGroup#wyckoffPositions()}. Immutable.
 */
public final class WyckoffPosition {

    private final char letter;
    private final int multiplicity;
    private final String siteSymmetry;
    private final int groupOrder;
    /** matrices[k] and translations[k] (over 24, in [0,24)) give the k-th triplet; k = 0 is the representative. */
    private final int[][] matrices;
    private final int[][] translations;
    /** Formatted on first use: most callers never need the text of the 17495 triplets in the table. */
    private volatile List<String> coordinates;

    WyckoffPosition(char letter, int multiplicity, String siteSymmetry, int groupOrder, List<Xyz.Parsed> triplets) {
        if (triplets.size() != multiplicity) {
            throw new IllegalStateException("Wyckoff position " + multiplicity + letter + " lists " + triplets.size()
                    + " coordinate triplets");
        }
        this.letter = letter;
        this.multiplicity = multiplicity;
        this.siteSymmetry = siteSymmetry;
        this.groupOrder = groupOrder;
        this.matrices = new int[triplets.size()][];
        this.translations = new int[triplets.size()][];
        for (int k = 0; k < triplets.size(); k++) {
            matrices[k] = triplets.get(k).matrix();
            translations[k] = Xyz.mod(triplets.get(k).translation());
        }
    }

    /** The Wyckoff letter, 'a' for the position with the highest site symmetry; the general position has the last. */
    public char letter() {
        return letter;
    }

    /** Number of points of the orbit in the conventional cell. */
    public int multiplicity() {
        return multiplicity;
    }

    /** Oriented site-symmetry symbol as in ITA, e.g. "1", ".m.", "-3m", "4m.m", "m-3m". */
    public String siteSymmetry() {
        return siteSymmetry;
    }

    /** Multiplicity and letter, e.g. "4c". */
    public String label() {
        return multiplicity + String.valueOf(letter);
    }

    /** Coordinate triplets of all points, the representative first, translations in [0,1). Unmodifiable. */
    public List<String> coordinates() {
        List<String> c = coordinates;
        if (c == null) {
            List<String> text = new ArrayList<>(multiplicity);
            for (int k = 0; k < multiplicity; k++) {
                text.add(Xyz.format(matrices[k], translations[k]));
            }
            c = Collections.unmodifiableList(text);
            coordinates = c; // a race only formats twice; the lists are equal
        }
        return c;
    }

    /** The first triplet, e.g. "x,1/4,z". */
    public String representative() {
        return Xyz.format(matrices[0], translations[0]);
    }

    /**
     * Which of the parameters x, y, z the coordinates depend on: {true,false,true} for "x,1/4,z", {true,false,false}
     * for "x,2x,1/4", all false for "0,0,0".
     */
    public boolean[] freeParameters() {
        int[] m = matrices[0];
        boolean[] free = new boolean[3];
        for (int col = 0; col < 3; col++) {
            free[col] = m[col] != 0 || m[3 + col] != 0 || m[6 + col] != 0;
        }
        return free;
    }

    /** Number of free parameters (0 to 3). */
    public int degreesOfFreedom() {
        int n = 0;
        for (boolean f : freeParameters()) {
            n += f ? 1 : 0;
        }
        return n;
    }

    /** True unless this is the general position (multiplicity equal to the group order). */
    public boolean isSpecial() {
        return multiplicity < groupOrder;
    }

    /**
     * The points of the orbit for given parameter values: each triplet evaluated at (x, y, z) and wrapped into
     * [0, 1). Components of {@code xyz} that are not {@linkplain #freeParameters() free} are ignored.
     *
     * @param xyz values of the parameters x, y, z
     * @return {@link #multiplicity()} fractional points, in the order of {@link #coordinates()}; for generic parameter
     *         values they are pairwise distinct and form one orbit of the space group
     */
    public double[][] orbit(double[] xyz) {
        if (xyz == null || xyz.length != 3) {
            throw new IllegalArgumentException("orbit needs the 3 parameters x, y, z");
        }
        double[][] out = new double[multiplicity][];
        for (int k = 0; k < multiplicity; k++) {
            double[] p = Xyz.apply(matrices[k], translations[k], xyz);
            for (int i = 0; i < 3; i++) {
                p[i] = Xyz.wrap(p[i]);
            }
            out[k] = p;
        }
        return out;
    }

    /** The representative point for the given parameters, wrapped into [0, 1): {@code orbit(xyz)[0]}. */
    public double[] representativePoint(double[] xyz) {
        if (xyz == null || xyz.length != 3) {
            throw new IllegalArgumentException("representativePoint needs the 3 parameters x, y, z");
        }
        double[] p = Xyz.apply(matrices[0], translations[0], xyz);
        for (int i = 0; i < 3; i++) {
            p[i] = Xyz.wrap(p[i]);
        }
        return p;
    }

    @Override
    public String toString() {
        return label() + " " + siteSymmetry + " (" + representative() + ")";
    }
}
