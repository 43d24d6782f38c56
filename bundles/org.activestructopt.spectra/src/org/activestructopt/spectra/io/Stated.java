package org.activestructopt.spectra.io;

/**
 * A numeric fact a spectrum file states about its data, in fixed units, which a refinement can use instead of
 * guessing (the simulator's termination Qmax matched to the data's, the k-weight undone before comparing).
 */
public enum Stated {
    /** Qmax of the Fourier transform that made G(r), 1/angstrom. */
    QMAX("1/angstrom"),
    /** Qmin of that transform, 1/angstrom. */
    QMIN("1/angstrom"),
    /** Highest Q the instrument measured (PDFgetX3 qmaxinst), 1/angstrom. */
    QMAX_INSTRUMENT("1/angstrom"),
    /** Instrumental Q damping (PDFgui/DiffPy Qdamp), 1/angstrom. */
    QDAMP("1/angstrom"),
    /** Instrumental peak broadening (Qbroad), 1/angstrom. */
    QBROAD("1/angstrom"),
    /** Lowest r the file says it computed, angstrom. */
    RMIN("angstrom"),
    /** Highest r the file says it computed, angstrom. */
    RMAX("angstrom"),
    /** X-ray or neutron wavelength, angstrom. */
    WAVELENGTH("angstrom"),
    /** Energy of the absorption edge (XDI Scan.edge_energy, Athena bkg_e0), eV. */
    EDGE_ENERGY("eV"),
    /** Monochromator d spacing (XDI Mono.d_spacing), angstrom. */
    MONO_D_SPACING("angstrom"),
    /** The power of k by which the file's chi(k) values are multiplied (0: plain chi(k)). */
    KWEIGHT("");

    private final String units;

    Stated(String units) {
        this.units = units;
    }

    /** @return the units values are given in ("" for pure numbers) */
    public String units() {
        return units;
    }
}
