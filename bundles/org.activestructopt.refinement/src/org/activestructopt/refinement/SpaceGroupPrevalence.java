package org.activestructopt.refinement;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The prior probability of each space group for the {@link SpaceGroupSampler}: weight = count + 1, as
 * ActiveStructOpt weights its Wyckoff sampler by Materials Project counts + 1. The default counts are those of the
 * ~370 ordered crystal structures shipped with Debian's python3-ase and python3-pymatgen (ASE's elemental reference
 * states, the AFLOW prototype library, pymatgen's test structures), tabulated in
 * {@code resources/spacegroup-prevalence.csv} by {@code tools/generate_spacegroup_prevalence.py}, which documents
 * the sources. That sample is small: the common groups (P6_3/mmc, Fm-3m, R-3m, Im-3m, Pnma, ...) are favoured, but
 * far less than in Materials Project. Immutable.
 */
public final class SpaceGroupPrevalence {

    private static final String RESOURCE = "/resources/spacegroup-prevalence.csv";
    private static final SpaceGroupPrevalence DEFAULTS = new SpaceGroupPrevalence(load());

    private final double[] counts; // index 1..230

    private SpaceGroupPrevalence(double[] counts) {
        this.counts = counts;
    }

    /** @return the counts of the Debian-shipped structures (see the class comment) */
    public static SpaceGroupPrevalence defaults() {
        return DEFAULTS;
    }

    /** @return equal counts for all groups (weight 1 each): a uniform prior over the compatible groups */
    public static SpaceGroupPrevalence uniform() {
        return new SpaceGroupPrevalence(new double[231]);
    }

    /**
     * @param counts structures per space-group number (1..230); groups not listed count 0
     * @throws IllegalArgumentException for a number outside 1..230 or a negative or non-finite count
     */
    public static SpaceGroupPrevalence of(Map<Integer, ? extends Number> counts) {
        double[] c = new double[231];
        counts.forEach((n, v) -> {
            if (n == null || n < 1 || n > 230) {
                throw new IllegalArgumentException("space-group number " + n + " is not in 1..230");
            }
            double d = v.doubleValue();
            if (!(d >= 0) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("count of space group " + n + " must be finite and >= 0, got " + v);
            }
            c[n] = d;
        });
        return new SpaceGroupPrevalence(c);
    }

    /** @return the tabulated count of space group {@code number} */
    public double count(int number) {
        check(number);
        return counts[number];
    }

    /** @return the sampling weight of space group {@code number}: count + 1 */
    public double weight(int number) {
        return count(number) + 1;
    }

    private static void check(int number) {
        if (number < 1 || number > 230) {
            throw new IllegalArgumentException("space-group number " + number + " is not in 1..230");
        }
    }

    private static double[] load() {
        double[] c = new double[231];
        try (InputStream in = SpaceGroupPrevalence.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the refinement bundle");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            boolean header = true;
            boolean[] seen = new boolean[231];
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                try {
                    int n = Integer.parseInt(f[0].strip());
                    check(n);
                    c[n] = Double.parseDouble(f[1].strip());
                    seen[n] = true;
                } catch (RuntimeException e) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNo + ": cannot read '" + line + "': "
                            + e.getMessage(), e);
                }
            }
            for (int n = 1; n <= 230; n++) {
                if (!seen[n]) {
                    throw new IllegalStateException(RESOURCE + " has no count for space group " + n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpaceGroupPrevalence p && Arrays.equals(counts, p.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "SpaceGroupPrevalence(" + (int) Arrays.stream(counts).sum() + " structures)";
    }
}
