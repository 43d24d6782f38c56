package org.activestructopt.spectra.xas;

import org.activestructopt.spectra.internal.Texts;

/**
 * The result of {@link PreEdge#normalize(double[], double[])}: E0, the edge step, the pre-edge line, the post-edge
 * polynomial, normalised and flattened mu(E), and the parameters that were used (with every range Larch's rules chose
 * filled in). The names follow Larch's output group ({@code e0, edge_step, pre_edge, post_edge, norm, flat,
 * pre_edge_details}). Immutable; array accessors return copies.
 */
public final class XasNormalization {

    private final double[] energy;
    private final double[] mu;
    private final int e0Index;
    private final double edgeStep;
    private final double preSlope;
    private final double preOffset;
    private final double[] normCoefficients;
    private final double[] preEdge;
    private final double[] postEdge;
    private final double[] norm;
    private final double[] flat;
    private final PreEdge parameters;
    private final boolean e0Found;

    XasNormalization(double[] energy, double[] mu, int e0Index, double edgeStep, double preSlope, double preOffset,
            double[] normCoefficients, double[] preEdge, double[] postEdge, double[] norm, double[] flat,
            PreEdge parameters, boolean e0Found) {
        this.energy = energy;
        this.mu = mu;
        this.e0Index = e0Index;
        this.edgeStep = edgeStep;
        this.preSlope = preSlope;
        this.preOffset = preOffset;
        this.normCoefficients = normCoefficients;
        this.preEdge = preEdge;
        this.postEdge = postEdge;
        this.norm = norm;
        this.flat = flat;
        this.parameters = parameters;
        this.e0Found = e0Found;
    }

    /** @return the edge energy, eV (a data point, as in Larch) */
    public double e0() {
        return energy[e0Index];
    }

    /** @return whether E0 was found from the derivative rather than given */
    public boolean e0Found() {
        return e0Found;
    }

    /** @return the index of E0 in {@link #energy()} */
    public int e0Index() {
        return e0Index;
    }

    /** @return the edge step (post-edge curve minus pre-edge line at E0, or the step given), positive */
    public double edgeStep() {
        return edgeStep;
    }

    /** @return slope of the pre-edge line fitted to mu E^nvict, per eV (Larch's {@code pre_slope}) */
    public double preSlope() {
        return preSlope;
    }

    /** @return offset of the pre-edge line fitted to mu E^nvict (Larch's {@code pre_offset}) */
    public double preOffset() {
        return preOffset;
    }

    /**
     * @return coefficients of E^0, E^1, ... of the post-edge polynomial fitted to mu - pre_edge (Larch's
     *         {@code norm_c0, norm_c1, ...})
     */
    public double[] normCoefficients() {
        return normCoefficients.clone();
    }

    /**
     * @return the parameters used: e0 is the E0 above and every range is the one used (step stays NaN unless it was
     *         given)
     */
    public PreEdge parameters() {
        return parameters;
    }

    /** @return the photon energies, eV */
    public double[] energy() {
        return energy.clone();
    }

    /** @return mu(E) as given */
    public double[] mu() {
        return mu.clone();
    }

    /** @return the pre-edge line on the energy grid */
    public double[] preEdge() {
        return preEdge.clone();
    }

    /** @return the post-edge curve (pre-edge line plus the post-edge polynomial) on the energy grid */
    public double[] postEdge() {
        return postEdge.clone();
    }

    /** @return {@code (mu - pre_edge) / edge_step} */
    public double[] norm() {
        return norm.clone();
    }

    /** @return normalised mu with the post-edge curvature removed above E0 (Larch's {@code flat}) */
    public double[] flat() {
        return flat.clone();
    }

    double[] energyUnsafe() {
        return energy;
    }

    double[] muUnsafe() {
        return mu;
    }

    @Override
    public String toString() {
        return "XasNormalization[e0=" + Texts.number(e0()) + " eV, edge_step=" + Texts.compact(edgeStep) + ", pre1="
                + Texts.number(parameters.pre1()) + ", pre2=" + Texts.number(parameters.pre2()) + ", norm1="
                + Texts.number(parameters.norm1()) + ", norm2=" + Texts.number(parameters.norm2()) + ", nnorm="
                + parameters.nnorm() + ", nvict=" + Texts.number(parameters.nvict()) + "]";
    }
}
