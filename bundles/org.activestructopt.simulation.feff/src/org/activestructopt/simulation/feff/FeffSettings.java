package org.activestructopt.simulation.feff;

import java.util.List;

import org.activestructopt.api.Setting;

/**
 * The settings of the FEFF simulators ({@code exafs}, {@code xanes}, {@code exafs-ss}), with their defaults. Every
 * FEFF card the simulators write can be set from a job; names are those of the command-line options
 * ({@code aso simulate exafs --absorber Ni --edge K --radius 8 --kweight 2}).
 * <p>
 * The k or energy grid itself is not a setting: it is the grid passed to
 * {@link org.activestructopt.api.Simulator#simulate}, on the command line {@code --kmin/--kmax/--kstep} (EXAFS,
 * default 3-12 1/angstrom in steps of 0.05) or {@code --emin/--emax/--estep} (XANES).
 */
public final class FeffSettings {

    private FeffSettings() {
    }

    /** Absorbing element; empty: the heaviest element of the structure. */
    public static final Setting<String> ABSORBER = Setting.text("absorber", "",
            "absorbing element, e.g. Ni; empty: the heaviest element of the structure");

    /** Absorption edge, default K. */
    public static final Setting<String> EDGE = Setting.choice("edge", "K", FeffCards.EDGES, "absorption edge");

    /** Cluster radius, default 8 angstrom (the method's EXAFS cluster). */
    public static final Setting<Double> RADIUS = Setting.real("radius", 8.0, "angstrom",
            "radius of the cluster cut from the periodic structure around each absorber").withRange(1, 20);

    /** Absorber selection: {@code distinct} (default) or {@code all}; see {@link AbsorberSites}. */
    public static final Setting<String> SITES = Setting.choice("sites", AbsorberSites.Mode.DISTINCT.word(),
            List.of(AbsorberSites.Mode.DISTINCT.word(), AbsorberSites.Mode.ALL.word()),
            "distinct: one FEFF run per group of absorbers whose neighbour shells agree within sites.tolerance, "
                    + "weighted by group size; all: one run per absorbing site");

    /** Shell tolerance of {@code sites=distinct}, default 0.002 angstrom. */
    public static final Setting<Double> SITES_TOLERANCE = Setting.real("sites.tolerance", 0.002, "angstrom",
            "absorbers are grouped when, element by element, their sorted neighbour distances within the radius "
                    + "differ by at most this").withRange(0, 0.5);

    /** S02, default 1. */
    public static final Setting<Double> S02 = Setting.real("s02", FeffCards.DEFAULT_S02, "",
            "amplitude reduction factor S0^2 (FEFF card S02)").withRange(0, 2);

    /** FEFF's exchange model ixc, default 0 (Hedin-Lundqvist). */
    public static final Setting<Integer> EXCHANGE = Setting.integer("exchange", FeffCards.DEFAULT_EXCHANGE, "",
            "FEFF EXCHANGE ixc: 0 Hedin-Lundqvist, 1 Dirac-Hara, 2 ground state, 3 Dirac-Hara + HL imaginary part, "
                    + "5 partially non-local").withRange(0, 5);

    /** Real self-energy shift vr0, default 0 eV. */
    public static final Setting<Double> EXCHANGE_VR = Setting.real("exchange.vr", 0.0, "eV",
            "EXCHANGE vr0: constant shift of the real part of the self-energy").withRange(-50, 50);

    /** Extra imaginary self-energy vi0 (broadening), default 0 eV. */
    public static final Setting<Double> EXCHANGE_VI = Setting.real("exchange.vi", 0.0, "eV",
            "EXCHANGE vi0: constant imaginary self-energy, i.e. extra broadening").withRange(0, 50);

    /** SCF radius; unset (default): overlapped-atom potentials. */
    public static final Setting<Double> SCF = Setting.optionalReal("scf", "angstrom",
            "radius of self-consistent potentials (FEFF card SCF); unset: overlapped atomic potentials, "
                    + "about 50 times faster").withRange(1, 12);

    /** Longest half path length; unset (default): the cluster radius. */
    public static final Setting<Double> RPATH = Setting.optionalReal("rpath", "angstrom",
            "longest half path length (FEFF card RPATH); unset: the cluster radius").withRange(1, 20);

    /** Most legs per path, default 4. */
    public static final Setting<Integer> NLEG = Setting.integer("nleg", FeffCards.DEFAULT_NLEG, "",
            "most legs per scattering path (FEFF card NLEG; 2 = single scattering only)").withRange(2, 8);

    /**
     * Curved-wave importance cut, default 4 % (FEFF's default).
     * <p>
     * Caution for refinements: the cut compares single paths, and breaking a symmetry splits a degenerate path into
     * many weaker ones that then fall below it. A 0.01-0.02 angstrom perturbation of fcc Cu thereby drops multiple
     * scattering worth about 7% (rms) of k^2 chi, a jump of the forward model at every symmetric structure. With
     * {@code criteria.cw = criteria.pw = 0} the spectrum varies smoothly, at the price of many more paths (LiNiO2,
     * 6 angstrom, perturbed: 4322 instead of 277 paths, 8 s instead of 1.4 s per run). {@code exafs-ss} avoids both.
     */
    public static final Setting<Double> CRITERIA_CW = Setting.real("criteria.cw", FeffCards.DEFAULT_CRITERIA_CW,
            "%", "paths weaker than this fraction of the strongest are dropped (FEFF card CRITERIA, 1st number); "
                    + "0 keeps all paths, which keeps the spectrum continuous when a distortion splits degenerate "
                    + "paths").withRange(0, 100);

    /** Plane-wave importance cut, default 2.5 %. */
    public static final Setting<Double> CRITERIA_PW = Setting.real("criteria.pw", FeffCards.DEFAULT_CRITERIA_PW,
            "%", "path-finder plane-wave importance cut (FEFF card CRITERIA, 2nd number)").withRange(0, 100);

    /** Sample temperature, default 300 K. */
    public static final Setting<Double> DEBYE_TEMPERATURE = Setting.real("debye.temperature",
            FeffCards.DEFAULT_DEBYE_TEMPERATURE, "K",
            "sample temperature of the correlated Debye model (FEFF card DEBYE, 1st number)").withRange(0, 5000);

    /** Debye temperature, default 315 K (Cu); 0 switches thermal damping off. */
    public static final Setting<Double> DEBYE_THETA = Setting.real("debye.theta", FeffCards.DEFAULT_DEBYE_THETA,
            "K", "Debye temperature of the correlated Debye model (FEFF card DEBYE, 2nd number; default: Cu); "
                    + "0: no thermal damping").withRange(0, 5000);

    /** Global sigma^2 added to every path, default 0. */
    public static final Setting<Double> SIG2 = Setting.real("sig2", 0.0, "angstrom^2",
            "sigma^2 added to every path on top of the Debye model (FEFF card SIG2)").withRange(0, 0.1);

    /** k-weight of the EXAFS output, default 2. */
    public static final Setting<Integer> KWEIGHT = Setting.integer("kweight", 2, "",
            "the EXAFS spectrum is k^kweight chi(k)").withRange(0, 4);

    /**
     * E0 shift of the EXAFS model, default 0 eV: chi(k) is FEFF's paths at k' = sqrt(k^2 - 2 m dE0 / hbar^2), as
     * feffit's e0. Applied in Java to FEFF's path files, so a fit changes it without a FEFF run.
     */
    public static final Setting<Double> DELTA_E0 = Setting.real("delta_e0", 0.0, "eV",
            "E0 shift of the EXAFS paths (feffit's e0): k' = sqrt(k^2 - 0.2625 delta_e0); applied to FEFF's path "
                    + "files without a FEFF run").withRange(-30, 30);

    /**
     * sigma^2 added to every EXAFS path on top of FEFF's (Debye model and sig2), default 0; applied in Java to FEFF's
     * path files, so a fit changes it without a FEFF run.
     */
    public static final Setting<Double> SIGMA2 = Setting.real("sigma2", 0.0, "angstrom^2",
            "sigma^2 added to every path on top of the Debye model and sig2, applied to FEFF's path files without a "
                    + "FEFF run; debye.theta 0 makes it the whole sigma^2").withRange(0, 0.1);

    /**
     * How the exafs simulator sums FEFF's paths, default feff (FEFF's own chi.dat, as exafs-ss does, so that targets
     * simulated with exafs and refinements with exafs-ss agree); feffit for fits to be compared with Larch's. See
     * {@link PathSum.Convention}.
     */
    public static final Setting<String> PATH_CONVENTION = Setting.choice("paths.convention",
            PathSum.Convention.FEFF.word(),
            List.of(PathSum.Convention.FEFF.word(), PathSum.Convention.FEFFIT.word()),
            "feff: FEFF's paths summed as FEFF's own chi.dat (and exafs-ss) does; feffit: as Larch's feffit does "
                    + "(cubic splines and the spherical-wave sigma^2 phase term -4 p sigma^2 / R: several % of chi "
                    + "at sigma^2 0.005-0.01); use feffit to compare refined sigma2, delta_e0 and R with Larch's");

    /** XANES energy shift, default 0 eV: mu(E) becomes mu(E - shift), the edge moves up by the shift. */
    public static final Setting<Double> ENERGY_SHIFT = Setting.real("energy_shift", 0.0, "eV",
            "XANES: mu(E) is shifted to mu(E - energy_shift), moving the edge up by the shift").withRange(-50, 50);

    /** XANES amplitude scale, default 1. */
    public static final Setting<Double> SCALE = Setting.real("scale", 1.0, "",
            "XANES: normalised mu(E) is multiplied by this").withRange(0, 100);

    /** XANES Lorentzian broadening (FWHM), default 0 eV. */
    public static final Setting<Double> BROADENING_LORENTZIAN = Setting.real("broadening.lorentzian", 0.0, "eV",
            "XANES: full width at half maximum of a Lorentzian convolved with mu(E) (core-hole and final-state "
                    + "lifetime beyond FEFF's)").withRange(0, 20);

    /** XANES Gaussian broadening (FWHM), default 0 eV. */
    public static final Setting<Double> BROADENING_GAUSSIAN = Setting.real("broadening.gaussian", 0.0, "eV",
            "XANES: full width at half maximum of a Gaussian convolved with mu(E) (instrumental resolution)")
            .withRange(0, 20);

    /** FMS radius (FEFF 9/10 only), default 6 angstrom. */
    public static final Setting<Double> FMS = Setting.real("fms", 6.0, "angstrom",
            "full-multiple-scattering radius for XANES (FEFF 9/10 card FMS; FEFF 8.5L has no FMS)").withRange(1, 15);

    /** COREHOLE (FEFF 9/10 only), default FSR. */
    public static final Setting<String> COREHOLE = Setting.choice("corehole", "FSR", FeffCards.COREHOLES,
            "core-hole treatment (FEFF 9/10 card COREHOLE; FEFF 8.5L always uses its final-state core hole)");

    /** Fixed sigma^2 of the exafs-ss model; unset (default): correlated Debye model. */
    public static final Setting<Double> SS_SIGMA2 = Setting.optionalReal("ss.sigma2", "angstrom^2",
            "sigma^2 of every path of the single-scattering model; unset: correlated Debye model from "
                    + "debye.temperature and debye.theta").withRange(0, 0.1);

    /** Whether exafs-ss adds the reference's multiple-scattering remainder, default true. */
    public static final Setting<Boolean> SS_MS = Setting.bool("ss.ms", true,
            "add the reference structure's multiple-scattering contribution (its full FEFF chi minus its "
                    + "single-scattering sum), unchanged, to every structure's single-scattering sum");

    /** FEFF executable; empty (default): system property, preference, then feff8l on PATH. */
    public static final Setting<String> EXECUTABLE = Setting.text("executable", "",
            "FEFF executable (path, or name on PATH); empty: system property " + FeffExecutable.PROPERTY
                    + ", the workbench preference, then feff8l on PATH");

    /** FEFF program family, default auto (from the executable's name). */
    public static final Setting<String> FEFF_VERSION = Setting.choice("feff.version", "auto",
            List.of("auto", FeffVersion.FEFF85L.word(), FeffVersion.FEFF9.word()),
            "input dialect: 8.5l (feff8l, EXAFS only), 9 (FEFF 9/10, with FMS/XANES); auto: feff8* is 8.5l, "
                    + "anything else 9");

    /** Time limit per FEFF run, default 300 s. */
    public static final Setting<Double> TIMEOUT = Setting.real("timeout",
            (double) FeffRunner.DEFAULT_TIMEOUT.toSeconds(), "s", "time limit of each FEFF run").withRange(0.1, 86400);

    /** Keep run directories, default false. */
    public static final Setting<Boolean> KEEP = Setting.bool("keep", false,
            "keep each FEFF run directory (feff.inp, log and outputs) instead of deleting it");

    /** Parent of the run directories; empty (default): java.io.tmpdir. */
    public static final Setting<String> WORKDIR = Setting.text("workdir", "",
            "directory in which FEFF run directories are created; empty: the system temporary directory");
}
