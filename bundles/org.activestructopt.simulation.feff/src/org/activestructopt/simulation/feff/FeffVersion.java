package org.activestructopt.simulation.feff;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The FEFF program family an executable belongs to, which decides the input cards it accepts.
 */
public enum FeffVersion {
    /**
     * FEFF 8.5L ("feff85exafs", Debian's {@code feff8l}): EXAFS by the path expansion only. Its reader ignores the
     * XANES and FMS cards ("not available in this version") and rejects COREHOLE; it accepts at most 1000 atoms.
     */
    FEFF85L("8.5l", 1000),
    /**
     * FEFF 9 or 10 ({@code feff} script or monolithic binary): additionally full multiple scattering (FMS), XANES and
     * COREHOLE cards. The atom limit depends on how it was compiled; FEFF itself reports it.
     */
    FEFF9("9", Integer.MAX_VALUE);

    private final String word;
    private final int maxAtoms;

    FeffVersion(String word, int maxAtoms) {
        this.word = word;
        this.maxAtoms = maxAtoms;
    }

    /** @return the word used by the {@code feff.version} setting: {@code 8.5l} or {@code 9} */
    public String word() {
        return word;
    }

    /** @return the largest number of atoms in the ATOMS card the program accepts */
    public int maxAtoms() {
        return maxAtoms;
    }

    /** @return whether the program computes full multiple scattering (FMS and XANES cards) */
    public boolean hasFullMultipleScattering() {
        return this == FEFF9;
    }

    /**
     * Guesses the version from an executable's file name: names starting with {@code feff8} are FEFF 8.5L, every other
     * name (e.g. {@code feff}, {@code feff10}) is taken as FEFF 9/10.
     */
    public static FeffVersion guess(Path executable) {
        String name = executable.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.startsWith("feff8") ? FEFF85L : FEFF9;
    }

    /**
     * @return the version for a setting word
     * @throws IllegalArgumentException for an unknown word
     */
    public static FeffVersion of(String word) {
        for (FeffVersion v : values()) {
            if (v.word.equalsIgnoreCase(word)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown FEFF version '" + word + "', expected 8.5l or 9");
    }
}
