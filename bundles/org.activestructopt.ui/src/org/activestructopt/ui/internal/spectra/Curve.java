package org.activestructopt.ui.internal.spectra;

/** The role of a plotted spectrum in a refinement; one curve of each role at most. */
public enum Curve {
    /** The measured spectrum the refinement fits. */
    TARGET("target"),
    /** The spectrum simulated from the starting structure. */
    START("start"),
    /** The spectrum simulated from the best structure found so far. */
    BEST("best"),
    /** The spectrum of the candidate selected in the candidates view. */
    SELECTED("selected");

    private final String label;

    Curve(String label) {
        this.label = label;
    }

    /** @return the legend label, also the series id in the chart and the curve column in CSV exports */
    public String label() {
        return label;
    }
}
