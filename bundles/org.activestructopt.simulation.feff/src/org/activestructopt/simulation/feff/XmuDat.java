package org.activestructopt.simulation.feff;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.ColumnText;

/**
 * The contents of FEFF's {@code xmu.dat}, written by FEFF 8.5L as well as FEFF 9 and 10 in the same layout: comment
 * lines starting with '#', then the columns omega (absolute photon energy, eV), e (energy relative to FEFF's edge
 * energy, eV), k (photo-electron wavenumber, 1/angstrom; FEFF 9 writes negative k below the edge), mu (absorption),
 * mu0 (embedded-atom background) and chi. FEFF normalises mu by the atomic cross-section 50 eV above the edge.
 * <p>
 * The header line {@code Mu=...} gives FEFF's Fermi level on the e scale ({@link #fermiLevel()}); FEFF 8.5L starts the
 * table there, since it does not compute states below the Fermi level.
 * <p>
 * Immutable; arrays are copied out.
 */
public final class XmuDat {

    /** Energy above the edge at which {@link #normalizedMu()} sets mu0 to 1, as FEFF does for its own scale. */
    public static final double NORMALIZATION_ENERGY = 50.0;

    private final double[] omega;
    private final double[] e;
    private final double[] k;
    private final double[] mu;
    private final double[] mu0;
    private final List<String> header;
    private final String source;

    private XmuDat(double[] omega, double[] e, double[] k, double[] mu, double[] mu0, List<String> header,
            String source) {
        this.omega = omega;
        this.e = e;
        this.k = k;
        this.mu = mu;
        this.mu0 = mu0;
        this.header = header;
        this.source = source;
    }

    /**
     * Reads an xmu.dat file.
     *
     * @throws SimulationException {@link Reason#EXTERNAL_FAILURE} if the file is missing, unreadable, empty, ragged,
     *                             not numeric, has fewer than 5 columns, or its energies do not increase;
     *                             {@link Reason#NUMERICAL} for NaN values. The message names the file and line.
     */
    public static XmuDat read(Path file) throws SimulationException {
        return parse(ChiDat.readText(file), file.toString());
    }

    /**
     * Parses the text of an xmu.dat file.
     *
     * @param source name of the file, for messages
     * @throws SimulationException as for {@link #read(Path)}
     */
    public static XmuDat parse(String text, String source) throws SimulationException {
        ColumnText.Table t = ColumnText.read(text, source, 5, "omega", "e", "k", "mu", "mu0", "chi");
        double[] e = t.column(1);
        ColumnText.requireIncreasing(e, t.lineNumbers(), source, "e");
        return new XmuDat(t.column(0), e, t.column(2), t.column(3), t.column(4), t.comments(), source);
    }

    /** @return photon energies, eV (a copy) */
    public double[] omega() {
        return omega.clone();
    }

    /** @return energies relative to FEFF's edge energy, eV (a copy) */
    public double[] energy() {
        return e.clone();
    }

    /** @return photo-electron wavenumbers, 1/angstrom (a copy) */
    public double[] k() {
        return k.clone();
    }

    /** @return mu as FEFF wrote it (a copy) */
    public double[] mu() {
        return mu.clone();
    }

    /** @return the atomic background mu0 as FEFF wrote it (a copy) */
    public double[] mu0() {
        return mu0.clone();
    }

    /** @return the number of data rows */
    public int size() {
        return e.length;
    }

    /** @return the comment lines, without their leading '#' */
    public List<String> header() {
        return header;
    }

    /** @return FEFF's absolute edge energy omega - e, eV */
    public double edgeEnergy() {
        return omega[0] - e[0];
    }

    /** @return the Fermi level on the e scale ({@code Mu=} in the header), eV, if the header states it */
    public OptionalDouble fermiLevel() {
        return ColumnText.headerValue(header, "Mu");
    }

    /**
     * mu divided by mu0 at {@link #NORMALIZATION_ENERGY} eV above the edge (linearly interpolated), so that the atomic
     * background has a unit edge step there; when the table ends below that energy, mu0 at its last point is used.
     *
     * @throws SimulationException {@link Reason#NUMERICAL} if mu0 there is not positive
     */
    public double[] normalizedMu() throws SimulationException {
        double norm = interpolate(e, mu0, Math.min(NORMALIZATION_ENERGY, e[e.length - 1]));
        if (!(norm > 0)) {
            throw new SimulationException(Reason.NUMERICAL, source + ": mu0 = " + norm + " at " + NORMALIZATION_ENERGY
                    + " eV above the edge, cannot normalise");
        }
        double[] out = new double[mu.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = mu[i] / norm;
        }
        return out;
    }

    static double interpolate(double[] x, double[] y, double at) {
        if (at <= x[0]) {
            return y[0];
        }
        for (int i = 1; i < x.length; i++) {
            if (at <= x[i]) {
                double f = (at - x[i - 1]) / (x[i] - x[i - 1]);
                return y[i - 1] + f * (y[i] - y[i - 1]);
            }
        }
        return y[y.length - 1];
    }

    @Override
    public String toString() {
        return "XmuDat[" + e.length + " points, e " + e[0] + " to " + e[e.length - 1] + " eV, edge " + edgeEnergy()
                + " eV]";
    }
}
