package org.activestructopt.spectra.io;

/** The file formats {@link SpectrumReaders} reads. */
public enum TextFormat {
    /** PDFgetX2, PDFgetX3, GSAS-II or PDFgui G(r) file: a header of settings, then columns r G [dr dG]. */
    PDF_GR("pdf"),
    /** XDI 1.0 XAFS data: {@code # Column.N: name units} and {@code # Family.key: value} headers, then columns. */
    XDI("xdi"),
    /** chi(k) columns k chi [...] as Larch and Athena write them, with a stated or requested k-weight. */
    CHI("chi"),
    /** Athena project (gzip-compressed Perl Data::Dumper text), the first group's mu(E) (or one chosen by name). */
    ATHENA("athena"),
    /** NeXus NXxas raw data: mu(E) from an entry whose definition is NXxas. */
    NXXAS("nxxas"),
    /** Any other NeXus file: its default plottable. */
    NEXUS("nexus"),
    /** Plain columns, chosen by name or number (default the first two). */
    COLUMNS("columns");

    private final String key;

    TextFormat(String key) {
        this.key = key;
    }

    /** @return the name used in {@code format=...} options */
    public String key() {
        return key;
    }

    /** @return the format named {@code key} (case-insensitive) */
    public static TextFormat byKey(String key) {
        for (TextFormat f : values()) {
            if (f.key.equalsIgnoreCase(key) || f.name().equalsIgnoreCase(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + key + "'; known: pdf, xdi, chi, athena, nxxas, nexus,"
                + " columns");
    }
}
