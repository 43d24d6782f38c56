package org.activestructopt.refinement;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.refinement.internal.Linear;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.structure.ConstraintViolation;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * ActiveStructOpt's {@code Perturbation} sampler: every draw picks a radius r uniformly in [{@code rmin},
 * {@code rmax}] and moves every site of the start by r in a uniformly random direction (pymatgen's
 * {@code Structure.perturb(r)}), so that a set of draws spans slight to strong perturbations. When the lattice may
 * vary, the cell lengths are also scaled by independent factors in [1 - {@code lattice_length}, 1 +
 * {@code lattice_length}] and the angles changed by up to &plusmn;{@code lattice_angle} degrees, keeping the cell's
 * orientation; fractional coordinates are kept through the strain and wrapped into [0, 1). A draw closer than the
 * minimum distances anywhere is rejected and redrawn, at most {@code attempts} times.
 * <p>
 * Defaults: rmin 0.1 and rmax 1.0 Angstrom as ActiveStructOpt; lattice noise 5 % and 2 degrees (ActiveStructOpt has
 * none unless configured). Immutable and thread-safe.
 */
public final class PerturbationSampler implements Sampler {

    /** Registered name in job files. */
    public static final String NAME = "perturbation";

    public static final Setting<Double> RMIN = Setting.real("rmin", 0.1, "angstrom",
            "smallest displacement radius of a draw").withRange(0, 100);
    public static final Setting<Double> RMAX = Setting.real("rmax", 1.0, "angstrom",
            "largest displacement radius of a draw; every site moves by the draw's radius").withRange(0, 100);
    public static final Setting<Double> LATTICE_LENGTH = Setting.real("lattice_length", 0.05, "",
            "relative change of each cell length, uniform in +-lattice_length (lattice varies only)").withRange(0, 0.5);
    public static final Setting<Double> LATTICE_ANGLE = Setting.real("lattice_angle", 2.0, "degrees",
            "change of each cell angle, uniform in +-lattice_angle (lattice varies only)").withRange(0, 30);
    public static final Setting<Integer> ATTEMPTS = Setting.integer("attempts", 1000, "",
            "draws tried before giving up when the minimum distances are violated").withRange(1, 10_000_000);

    /** The settings a job file may give in {@code <sampler name="perturbation">}. */
    public static final SettingsSchema SCHEMA = SettingsSchema.of("sampler " + NAME, RMIN, RMAX, LATTICE_LENGTH,
            LATTICE_ANGLE, ATTEMPTS);

    private final Structure start;
    private final MinimumDistances limits;
    private final double rmin;
    private final double rmax;
    private final double latticeLength;
    private final double latticeAngle;
    private final int attempts;

    private PerturbationSampler(Structure start, MinimumDistances limits, double rmin, double rmax,
            double latticeLength, double latticeAngle, int attempts) {
        if (!(rmin >= 0 && rmax >= rmin && Double.isFinite(rmax))) {
            throw new IllegalArgumentException("perturbation radius needs 0 <= rmin <= rmax, got rmin=" + rmin
                    + " rmax=" + rmax);
        }
        if (!(latticeLength >= 0 && latticeLength < 1) || !(latticeAngle >= 0 && latticeAngle < 90)) {
            throw new IllegalArgumentException("lattice noise needs 0 <= lattice_length < 1 and 0 <= lattice_angle < 90,"
                    + " got " + latticeLength + " and " + latticeAngle);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        if (start.size() == 0) {
            throw new IllegalArgumentException("cannot perturb a structure without sites");
        }
        this.start = start;
        this.limits = limits;
        this.rmin = rmin;
        this.rmax = rmax;
        this.latticeLength = latticeLength;
        this.latticeAngle = latticeAngle;
        this.attempts = attempts;
    }

    /** @return a sampler with the default radii and no lattice noise (coordinates only) */
    public static PerturbationSampler of(Structure start, MinimumDistances limits) {
        return new PerturbationSampler(Objects.requireNonNull(start, "start"), Objects.requireNonNull(limits, "limits"),
                RMIN.defaultValue().orElseThrow(), RMAX.defaultValue().orElseThrow(), 0, 0,
                ATTEMPTS.defaultValue().orElseThrow());
    }

    /**
     * @param settings  values of {@link #SCHEMA}
     * @param variation whether the lattice varies; with {@link Variation#COORDINATES} the lattice noise settings are
     *                  ignored, with {@link Variation#LATTICE} the radii (the draws are strained starts)
     */
    public static PerturbationSampler of(Structure start, MinimumDistances limits, Settings settings,
            Variation variation) {
        if (!settings.schema().equals(SCHEMA)) {
            throw new IllegalArgumentException("settings of " + settings.schema().owner() + " passed to " + SCHEMA.owner());
        }
        boolean lattice = variation != Variation.COORDINATES;
        // lattice only: the fractional coordinates stay those of the start
        boolean coordinates = variation != Variation.LATTICE;
        return new PerturbationSampler(Objects.requireNonNull(start, "start"), Objects.requireNonNull(limits, "limits"),
                coordinates ? settings.get(RMIN) : 0, coordinates ? settings.get(RMAX) : 0,
                lattice ? settings.get(LATTICE_LENGTH) : 0,
                lattice ? settings.get(LATTICE_ANGLE) : 0, settings.get(ATTEMPTS));
    }

    /** @return a copy drawing radii uniformly in [rmin, rmax] Angstrom */
    public PerturbationSampler withRadius(double newRmin, double newRmax) {
        return new PerturbationSampler(start, limits, newRmin, newRmax, latticeLength, latticeAngle, attempts);
    }

    /** @return a copy with lattice noise: relative length change up to {@code length}, angle change up to {@code angleDeg} */
    public PerturbationSampler withLatticeNoise(double length, double angleDeg) {
        return new PerturbationSampler(start, limits, rmin, rmax, length, angleDeg, attempts);
    }

    /** @return a copy giving up after {@code n} rejected draws */
    public PerturbationSampler withAttempts(int n) {
        return new PerturbationSampler(start, limits, rmin, rmax, latticeLength, latticeAngle, n);
    }

    @Override
    public Structure start() {
        return start;
    }

    /** @return the hard constraint every draw satisfies */
    public MinimumDistances limits() {
        return limits;
    }

    @Override
    public Structure sample(RandomGenerator rng, IProgressMonitor monitor) throws SamplingException {
        Objects.requireNonNull(rng, "rng");
        Structure last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (monitor != null && monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            double r = rmin + (rmax - rmin) * rng.nextDouble();
            Structure s = start.perturbed(rng, r, r);
            if (latticeLength > 0 || latticeAngle > 0) {
                s = s.withLattice(strained(s.lattice(), rng));
            }
            s = s.wrapped();
            if (limits.isSatisfied(s)) {
                return s;
            }
            last = s;
        }
        List<ConstraintViolation> v = limits.violations(last);
        throw new SamplingException(String.format(Locale.ROOT,
                "no perturbation of %s (radius %.3g-%.3g A%s) kept the minimum distances in %d attempts; the last had "
                        + "%d violation(s), e.g. %s. Lower rmax, the constraint factor, or override the pair",
                start.reducedFormula(), rmin, rmax, latticeLength > 0 || latticeAngle > 0 ? ", lattice noise" : "",
                attempts, v.size(), v.isEmpty() ? "none" : describe(last, v.get(0))));
    }

    /** @return e.g. "Na-Cl (sites 0-4 image [0, 0, 0]: 1.200 A < 2.000 A allowed)" */
    static String describe(Structure s, ConstraintViolation v) {
        return s.species(v.i()) + "-" + s.species(v.j()) + " (" + v + ")";
    }

    /**
     * The cell with lengths and angles changed at random, in the orientation of {@code l}: with M = M<sub>std</sub>
     * Q (M<sub>std</sub> the standard orientation of the same parameters, Q orthogonal) the result is
     * M'<sub>std</sub> Q.
     */
    private Lattice strained(Lattice l, RandomGenerator rng) {
        double[][] q = Linear.multiply(standard(l).inverse(), l.matrix());
        for (int tries = 0; tries < 100; tries++) {
            double a = l.a() * (1 + latticeLength * (2 * rng.nextDouble() - 1));
            double b = l.b() * (1 + latticeLength * (2 * rng.nextDouble() - 1));
            double c = l.c() * (1 + latticeLength * (2 * rng.nextDouble() - 1));
            double alpha = l.alpha() + latticeAngle * (2 * rng.nextDouble() - 1);
            double beta = l.beta() + latticeAngle * (2 * rng.nextDouble() - 1);
            double gamma = l.gamma() + latticeAngle * (2 * rng.nextDouble() - 1);
            try {
                Lattice std = Lattice.fromParameters(a, b, c, alpha, beta, gamma);
                return Lattice.of(Linear.multiply(std.matrix(), q));
            } catch (IllegalArgumentException e) {
                // angles that do not close a cell: draw again
            }
        }
        return l;
    }

    private static Lattice standard(Lattice l) {
        return Lattice.fromParameters(l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PerturbationSampler(%s, r %.3g-%.3g A, lattice %.3g/%.3g deg, %s)",
                start.reducedFormula(), rmin, rmax, latticeLength, latticeAngle, limits);
    }
}
