package org.activestructopt.simulation.feff;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The control cards of a FEFF input (everything in {@code feff.inp} except POTENTIALS and ATOMS), as an immutable value
 * with named defaults. {@link FeffInput} writes them in the dialect of a {@link FeffVersion}.
 *
 * <pre>{@code
 * FeffCards cards = FeffCards.builder().edge("K").rpath(6).nleg(4).build();
 * }</pre>
 *
 * @param title          TITLE line
 * @param edge           EDGE: K, L1, L2, L3, M1..M5 ({@link #EDGES})
 * @param s02            S02, the amplitude reduction factor
 * @param exchange       first EXCHANGE number ixc: 0 Hedin-Lundqvist, 1 Dirac-Hara, 2 ground state, 3 Dirac-Hara
 *                       real part with Hedin-Lundqvist imaginary part, 5 partially non-local
 * @param exchangeVr     EXCHANGE vr0: constant shift of the real self-energy, eV
 * @param exchangeVi     EXCHANGE vi0: constant imaginary self-energy (extra broadening), eV
 * @param scf            SCF radius, angstrom; empty for overlapped-atom potentials (no SCF card; 40-60 times faster)
 * @param rpath          RPATH: longest half path length, angstrom
 * @param nleg           NLEG: most legs per path
 * @param criteriaCw     first CRITERIA number: curved-wave importance cut, percent
 * @param criteriaPw     second CRITERIA number: plane-wave importance cut in the path finder, percent
 * @param debyeTemperature DEBYE temperature, K
 * @param debyeTheta     DEBYE Debye temperature, K; 0 omits the DEBYE card (no thermal damping)
 * @param sig2           SIG2: global sigma^2 added to every path, angstrom^2; 0 omits the card
 * @param exafsKmax      EXAFS: largest k of chi.dat and xmu.dat, 1/angstrom (FEFF's default is 20)
 * @param pathFiles      whether FEFF writes one feffNNNN.dat per path ({@code PRINT 1 0 0 0 0 3})
 * @param fms            FMS radius, angstrom (FEFF 9/10 only); empty for none
 * @param xanesKmax      XANES card's largest k, 1/angstrom (FEFF 9/10 only); empty for none
 * @param corehole       COREHOLE card (FEFF 9/10 only): FSR, RPA or none; empty string for no card
 */
public record FeffCards(String title, String edge, double s02, int exchange, double exchangeVr, double exchangeVi,
        OptionalDouble scf, double rpath, int nleg, double criteriaCw, double criteriaPw, double debyeTemperature,
        double debyeTheta, double sig2, double exafsKmax, boolean pathFiles, OptionalDouble fms,
        OptionalDouble xanesKmax, String corehole) {

    /** The edges FEFF 8.5L and 9 both accept. */
    public static final List<String> EDGES = List.of("K", "L1", "L2", "L3", "M1", "M2", "M3", "M4", "M5");

    /** COREHOLE treatments of FEFF 9/10. */
    public static final List<String> COREHOLES = List.of("FSR", "RPA", "none");

    /** S02 1.0: no amplitude reduction, so the spectrum can be scaled later. */
    public static final double DEFAULT_S02 = 1.0;
    /** EXCHANGE 0: Hedin-Lundqvist, FEFF's default and the usual choice for EXAFS. */
    public static final int DEFAULT_EXCHANGE = 0;
    /** RPATH 8 angstrom, the cluster radius of the method. */
    public static final double DEFAULT_RPATH = 8.0;
    /** NLEG 4: paths up to three scatterers, enough for the main multiple-scattering paths of close-packed solids. */
    public static final int DEFAULT_NLEG = 4;
    /** CRITERIA 4.0 2.5: FEFF's defaults. */
    public static final double DEFAULT_CRITERIA_CW = 4.0;
    /** @see #DEFAULT_CRITERIA_CW */
    public static final double DEFAULT_CRITERIA_PW = 2.5;
    /** DEBYE 300 K: room-temperature measurement. */
    public static final double DEFAULT_DEBYE_TEMPERATURE = 300;
    /** Debye temperature 315 K, the value for Cu; set the material's own. */
    public static final double DEFAULT_DEBYE_THETA = 315;
    /** EXAFS 20: FEFF's default k range. */
    public static final double DEFAULT_EXAFS_KMAX = 20;

    /** Validates every card, naming the card at fault. */
    public FeffCards {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(scf, "scf");
        Objects.requireNonNull(fms, "fms");
        Objects.requireNonNull(xanesKmax, "xanesKmax");
        Objects.requireNonNull(corehole, "corehole");
        if (title.contains("\n") || title.contains("\r")) {
            throw new IllegalArgumentException("TITLE must be one line, got '" + title + "'");
        }
        if (!EDGES.contains(edge)) {
            throw new IllegalArgumentException("EDGE '" + edge + "' is not one of " + EDGES);
        }
        if (!corehole.isEmpty() && !COREHOLES.contains(corehole)) {
            throw new IllegalArgumentException("COREHOLE '" + corehole + "' is not one of " + COREHOLES);
        }
        positive("S02", s02, true);
        if (exchange < 0 || exchange > 5 || exchange == 4) {
            throw new IllegalArgumentException("EXCHANGE ixc must be 0, 1, 2, 3 or 5, got " + exchange);
        }
        finite("EXCHANGE vr0", exchangeVr);
        positive("EXCHANGE vi0", exchangeVi, true);
        if (scf.isPresent()) {
            positive("SCF radius", scf.getAsDouble(), false);
        }
        positive("RPATH", rpath, false);
        if (nleg < 2 || nleg > 8) {
            throw new IllegalArgumentException("NLEG must be between 2 and 8, got " + nleg);
        }
        positive("CRITERIA curved-wave", criteriaCw, true);
        positive("CRITERIA plane-wave", criteriaPw, true);
        positive("DEBYE temperature", debyeTemperature, true);
        positive("DEBYE theta", debyeTheta, true);
        positive("SIG2", sig2, true);
        positive("EXAFS kmax", exafsKmax, false);
        if (fms.isPresent()) {
            positive("FMS radius", fms.getAsDouble(), false);
        }
        if (xanesKmax.isPresent()) {
            positive("XANES kmax", xanesKmax.getAsDouble(), false);
        }
    }

    private static void finite(String card, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(card + " must be finite, got " + v);
        }
    }

    private static void positive(String card, double v, boolean zeroAllowed) {
        finite(card, v);
        if (zeroAllowed ? v < 0 : v <= 0) {
            throw new IllegalArgumentException(card + " must be " + (zeroAllowed ? "at least 0" : "positive")
                    + ", got " + v);
        }
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these cards */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.title = title;
        b.edge = edge;
        b.s02 = s02;
        b.exchange = exchange;
        b.exchangeVr = exchangeVr;
        b.exchangeVi = exchangeVi;
        b.scf = scf;
        b.rpath = rpath;
        b.nleg = nleg;
        b.criteriaCw = criteriaCw;
        b.criteriaPw = criteriaPw;
        b.debyeTemperature = debyeTemperature;
        b.debyeTheta = debyeTheta;
        b.sig2 = sig2;
        b.exafsKmax = exafsKmax;
        b.pathFiles = pathFiles;
        b.fms = fms;
        b.xanesKmax = xanesKmax;
        b.corehole = corehole;
        return b;
    }

    /** Collects cards for {@link FeffCards}; starts from the documented defaults. */
    public static final class Builder {
        private String title = "ActiveStructOpt";
        private String edge = "K";
        private double s02 = DEFAULT_S02;
        private int exchange = DEFAULT_EXCHANGE;
        private double exchangeVr;
        private double exchangeVi;
        private OptionalDouble scf = OptionalDouble.empty();
        private double rpath = DEFAULT_RPATH;
        private int nleg = DEFAULT_NLEG;
        private double criteriaCw = DEFAULT_CRITERIA_CW;
        private double criteriaPw = DEFAULT_CRITERIA_PW;
        private double debyeTemperature = DEFAULT_DEBYE_TEMPERATURE;
        private double debyeTheta = DEFAULT_DEBYE_THETA;
        private double sig2;
        private double exafsKmax = DEFAULT_EXAFS_KMAX;
        private boolean pathFiles;
        private OptionalDouble fms = OptionalDouble.empty();
        private OptionalDouble xanesKmax = OptionalDouble.empty();
        private String corehole = "";

        private Builder() {
        }

        /** @see FeffCards#title() */
        public Builder title(String v) {
            title = v;
            return this;
        }

        /** @see FeffCards#edge() */
        public Builder edge(String v) {
            edge = v;
            return this;
        }

        /** @see FeffCards#s02() */
        public Builder s02(double v) {
            s02 = v;
            return this;
        }

        /** @see FeffCards#exchange() */
        public Builder exchange(int ixc, double vr, double vi) {
            exchange = ixc;
            exchangeVr = vr;
            exchangeVi = vi;
            return this;
        }

        /** @see FeffCards#scf() */
        public Builder scf(OptionalDouble v) {
            scf = v;
            return this;
        }

        /** @see FeffCards#rpath() */
        public Builder rpath(double v) {
            rpath = v;
            return this;
        }

        /** @see FeffCards#nleg() */
        public Builder nleg(int v) {
            nleg = v;
            return this;
        }

        /** @see FeffCards#criteriaCw() */
        public Builder criteria(double cw, double pw) {
            criteriaCw = cw;
            criteriaPw = pw;
            return this;
        }

        /** @see FeffCards#debyeTheta() */
        public Builder debye(double temperature, double theta) {
            debyeTemperature = temperature;
            debyeTheta = theta;
            return this;
        }

        /** @see FeffCards#sig2() */
        public Builder sig2(double v) {
            sig2 = v;
            return this;
        }

        /** @see FeffCards#exafsKmax() */
        public Builder exafsKmax(double v) {
            exafsKmax = v;
            return this;
        }

        /** @see FeffCards#pathFiles() */
        public Builder pathFiles(boolean v) {
            pathFiles = v;
            return this;
        }

        /** @see FeffCards#fms() */
        public Builder fms(OptionalDouble v) {
            fms = v;
            return this;
        }

        /** @see FeffCards#xanesKmax() */
        public Builder xanesKmax(OptionalDouble v) {
            xanesKmax = v;
            return this;
        }

        /** @see FeffCards#corehole() */
        public Builder corehole(String v) {
            corehole = v;
            return this;
        }

        /**
         * @return the cards
         * @throws IllegalArgumentException naming the first invalid card
         */
        public FeffCards build() {
            return new FeffCards(title, edge, s02, exchange, exchangeVr, exchangeVi, scf, rpath, nleg, criteriaCw,
                    criteriaPw, debyeTemperature, debyeTheta, sig2, exafsKmax, pathFiles, fms, xanesKmax, corehole);
        }
    }
}
