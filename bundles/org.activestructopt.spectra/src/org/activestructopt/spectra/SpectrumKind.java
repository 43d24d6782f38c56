package org.activestructopt.spectra;

/**
 * The physical kind of a spectrum, which fixes the default names and units of its axes.
 * <p>
 * Units are written the way NeXus {@code @units} attributes spell them ("angstrom", "eV"); an empty string means
 * dimensionless.
 */
public enum SpectrumKind {
    /** Pair distribution function G(r) against r. */
    PDF("r", "angstrom", "G(r)", "angstrom^-2"),
    /** EXAFS oscillations chi(k) against photo-electron wavenumber k. */
    EXAFS("k", "angstrom^-1", "chi(k)", ""),
    /** Near-edge absorption mu(E) against photon energy E. */
    XANES("E", "eV", "mu(E)", ""),
    /** Anything else; axis names and units should be set explicitly. */
    OTHER("x", "", "y", "");

    private final String xName;
    private final String xUnits;
    private final String yName;
    private final String yUnits;

    SpectrumKind(String xName, String xUnits, String yName, String yUnits) {
        this.xName = xName;
        this.xUnits = xUnits;
        this.yName = yName;
        this.yUnits = yUnits;
    }

    /** @return the default name of the x axis, e.g. "r" */
    public String xName() {
        return xName;
    }

    /** @return the default units of the x axis, e.g. "angstrom" ("" when dimensionless) */
    public String xUnits() {
        return xUnits;
    }

    /** @return the default name of the values, e.g. "G(r)" */
    public String yName() {
        return yName;
    }

    /** @return the default units of the values ("" when dimensionless) */
    public String yUnits() {
        return yUnits;
    }
}
