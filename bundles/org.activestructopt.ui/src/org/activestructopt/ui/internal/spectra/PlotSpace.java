package org.activestructopt.ui.internal.spectra;

/** What the plot shows of EXAFS curves; other kinds are always plotted as read. */
public enum PlotSpace {
    /** chi(k) times k to the k-weight. */
    K,
    /** |chi(R)|, the Fourier transform of the k-weighted, windowed chi(k). */
    R
}
