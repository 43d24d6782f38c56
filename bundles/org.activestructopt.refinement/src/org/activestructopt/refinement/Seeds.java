package org.activestructopt.refinement;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Independent, reproducible random generators for the draws of a job: one per (job seed, purpose, index). A resumed
 * run that asks for draw 17 of "initial" gets the generator the first run used for it, whatever happened before.
 */
public final class Seeds {

    private Seeds() {
    }

    /**
     * @param seed   the job's seed
     * @param stream what the numbers are for, e.g. {@code "initial"} or {@code "rmc"}; different streams are
     *               independent
     * @param index  the number of the draw within the stream
     * @return a generator determined by the three arguments
     */
    public static SplittableRandom generator(long seed, String stream, long index) {
        Objects.requireNonNull(stream, "stream");
        long h = 0xcbf29ce484222325L; // FNV-1a of the stream name
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = mix(mix(seed) ^ h);
        return new SplittableRandom(mix(z ^ index));
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection that spreads every input bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
