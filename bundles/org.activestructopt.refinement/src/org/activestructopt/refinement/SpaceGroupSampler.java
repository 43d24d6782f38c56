package org.activestructopt.refinement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.refinement.internal.WyckoffFilling;
import org.activestructopt.refinement.model.Variation;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.MinimumDistances;
import org.activestructopt.structure.Structure;
import org.activestructopt.structure.symmetry.SpaceGroup;
import org.activestructopt.structure.symmetry.WyckoffPosition;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

/**
 * Random symmetric structures with the start's composition, for global search (ActiveStructOpt's {@code Wyckoff}
 * sampler, which uses PyXtal). A draw:
 * <ol>
 * <li>picks a space group among those compatible with the composition, i.e. whose Wyckoff multiplicities can add up
 * to every element's count in the conventional cell (a fixed point holding at most one orbit), with probability
 * proportional to a {@link SpaceGroupPrevalence} weight;</li>
 * <li>fills Wyckoff positions to the composition (see {@link WyckoffFilling});</li>
 * <li>draws a cell of the group's crystal system in its standard setting (monoclinic: unique axis b, beta in
 * [90, 120] degrees; trigonal and hexagonal: gamma = 120, rhombohedral groups on hexagonal axes; triclinic angles
 * in [70, 110]; ratios of unequal lengths log-uniform in [1/2, 2], c/a in [1, 5] for rhombohedral groups) whose
 * volume is a packing factor, log-uniform in [{@code packing_min}, {@code packing_max}], times the summed volumes
 * of the atoms' covalent-radius spheres; the default range 1.1-4.5 spans the 10th to 90th percentile of that ratio in
 * the AFLOW prototype library (see {@code tools/generate_spacegroup_prevalence.py});</li>
 * <li>places the orbits one by one at random free parameters, redrawing an orbit (up to {@code site_attempts}
 * times) that comes closer than the minimum distances to itself or to earlier orbits; a cell where an orbit cannot
 * be placed is redrawn up to {@code attempts} times, then another group is drawn, up to {@code groups} times.</li>
 * </ol>
 * When only coordinates vary, the start's cell is kept and only groups whose symmetry the cell's metric allows are
 * used. The result lists the start's species in the start's order (site i is the same element as in the start);
 * coordinates lie in [0, 1). Immutable and thread-safe.
 */
public final class SpaceGroupSampler implements Sampler {

    /** Registered name in job files. */
    public static final String NAME = "spacegroup";

    public static final Setting<Double> PACKING_MIN = Setting.real("packing_min", 1.1, "",
            "smallest cell volume over the summed covalent-sphere volumes").withRange(0.5, 100);
    public static final Setting<Double> PACKING_MAX = Setting.real("packing_max", 4.5, "",
            "largest cell volume over the summed covalent-sphere volumes").withRange(0.5, 100);
    public static final Setting<Integer> ATTEMPTS = Setting.integer("attempts", 50, "",
            "cells and fillings tried per space group before another group is drawn").withRange(1, 1_000_000);
    public static final Setting<Integer> SITE_ATTEMPTS = Setting.integer("site_attempts", 20, "",
            "positions tried for one orbit before the cell is redrawn").withRange(1, 1_000_000);
    public static final Setting<Integer> GROUPS = Setting.integer("groups", 20, "",
            "space groups tried per draw before giving up").withRange(1, 10_000);

    /** The settings a job file may give in {@code <sampler name="spacegroup">}. */
    public static final SettingsSchema SCHEMA = SettingsSchema.of("sampler " + NAME, PACKING_MIN, PACKING_MAX, ATTEMPTS,
            SITE_ATTEMPTS, GROUPS);

    /** Two points of one orbit closer than this (Angstrom) are the same point: the orbit is degenerate. */
    private static final double SAME_POINT = 1e-3;
    /** Relative tolerance of the metric check for a fixed cell. */
    private static final double METRIC_TOLERANCE = 1e-3;

    /** A draw with the space group and Wyckoff positions it was built from. */
    public record Draw(Structure structure, SpaceGroup group, List<String> wyckoffLabels) {
        public Draw {
            Objects.requireNonNull(structure, "structure");
            Objects.requireNonNull(group, "group");
            wyckoffLabels = List.copyOf(wyckoffLabels);
        }
    }

    private final Structure start;
    private final MinimumDistances limits;
    private final Lattice fixedLattice; // null: the lattice is drawn
    private final double packingMin;
    private final double packingMax;
    private final int attempts;
    private final int siteAttempts;
    private final int maxGroups;
    private final List<Element> elements; // distinct, in order of first appearance in start
    private final int[] counts;
    private final List<SpaceGroup> groups; // compatible
    private final double[] cumulative; // cumulative normalised weights of groups
    private final double sphereVolume;

    private SpaceGroupSampler(Structure start, MinimumDistances limits, boolean lattice, SpaceGroupPrevalence prior,
            double packingMin, double packingMax, int attempts, int siteAttempts, int maxGroups) {
        if (start.size() == 0) {
            throw new IllegalArgumentException("cannot sample the composition of a structure without sites");
        }
        if (!(packingMin > 0 && packingMax >= packingMin && Double.isFinite(packingMax))) {
            throw new IllegalArgumentException("packing range needs 0 < packing_min <= packing_max, got " + packingMin
                    + ", " + packingMax);
        }
        if (attempts < 1 || siteAttempts < 1 || maxGroups < 1) {
            throw new IllegalArgumentException("attempts, site_attempts and groups must be at least 1");
        }
        this.start = start;
        this.limits = limits;
        this.fixedLattice = lattice ? null : start.lattice();
        this.packingMin = packingMin;
        this.packingMax = packingMax;
        this.attempts = attempts;
        this.siteAttempts = siteAttempts;
        this.maxGroups = maxGroups;
        Map<Element, Integer> count = new EnumMap<>(Element.class);
        List<Element> order = new ArrayList<>();
        double v = 0;
        for (Element e : start.species()) {
            if (count.merge(e, 1, Integer::sum) == 1) {
                order.add(e);
            }
            double r = e.covalentRadius();
            v += 4.0 / 3.0 * Math.PI * r * r * r;
        }
        this.sphereVolume = v;
        this.elements = List.copyOf(order);
        this.counts = order.stream().mapToInt(count::get).toArray();
        List<SpaceGroup> ok = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (SpaceGroup g : SpaceGroup.all()) {
            if (fixedLattice != null && !g.isCompatible(fixedLattice, METRIC_TOLERANCE)) {
                continue;
            }
            if (WyckoffFilling.of(g, counts).isFeasible()) {
                ok.add(g);
                weights.add(prior.weight(g.number()));
            }
        }
        this.groups = List.copyOf(ok); // never empty: P1 takes any composition
        this.cumulative = new double[ok.size()];
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double acc = 0;
        for (int i = 0; i < cumulative.length; i++) {
            acc += weights.get(i) / total;
            cumulative[i] = acc;
        }
    }

    /**
     * @param variation {@link Variation#COORDINATES_AND_LATTICE} draws cells; {@link Variation#COORDINATES} keeps the
     *                  start's cell and uses only the groups it can carry
     * @return a sampler with the default prior and settings
     */
    public static SpaceGroupSampler of(Structure start, MinimumDistances limits, Variation variation) {
        return of(start, limits, SCHEMA.defaults(), variation, SpaceGroupPrevalence.defaults());
    }

    /** @param settings values of {@link #SCHEMA} */
    public static SpaceGroupSampler of(Structure start, MinimumDistances limits, Settings settings,
            Variation variation, SpaceGroupPrevalence prior) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(prior, "prior");
        if (!settings.schema().equals(SCHEMA)) {
            throw new IllegalArgumentException("settings of " + settings.schema().owner() + " passed to " + SCHEMA.owner());
        }
        return new SpaceGroupSampler(start, limits, variation == Variation.COORDINATES_AND_LATTICE, prior,
                settings.get(PACKING_MIN), settings.get(PACKING_MAX), settings.get(ATTEMPTS),
                settings.get(SITE_ATTEMPTS), settings.get(GROUPS));
    }

    @Override
    public Structure start() {
        return start;
    }

    /** @return the hard constraint every draw satisfies */
    public MinimumDistances limits() {
        return limits;
    }

    /** @return the space groups a draw can come from, by number */
    public List<SpaceGroup> compatibleGroups() {
        return groups;
    }

    /** @return the probability of drawing {@code group} in the first step of a draw (0 if incompatible) */
    public double probability(SpaceGroup group) {
        int i = groups.indexOf(group);
        return i < 0 ? 0 : cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    @Override
    public Structure sample(RandomGenerator rng, IProgressMonitor monitor) throws SamplingException {
        return draw(rng, monitor).structure();
    }

    /**
     * Draws one structure and tells which space group and Wyckoff positions it was built from.
     *
     * @throws SamplingException if no group gave a structure within the minimum distances
     */
    public Draw draw(RandomGenerator rng, IProgressMonitor monitor) throws SamplingException {
        Objects.requireNonNull(rng, "rng");
        List<String> tried = new ArrayList<>();
        for (int g = 0; g < maxGroups; g++) {
            SpaceGroup group = pickGroup(rng);
            WyckoffFilling filling = WyckoffFilling.of(group, counts);
            for (int a = 0; a < attempts; a++) {
                if (monitor != null && monitor.isCanceled()) {
                    throw new OperationCanceledException();
                }
                Lattice lattice = fixedLattice != null ? fixedLattice : drawLattice(group, rng);
                Draw d = place(group, lattice, filling.draw(rng), rng);
                if (d != null) {
                    return d;
                }
            }
            tried.add(group.toString());
        }
        throw new SamplingException(String.format(Locale.ROOT,
                "no symmetric structure of %s kept the minimum distances: %d space groups tried (%s), %d cells each; "
                        + "raise packing_max or attempts, or lower the constraint factor",
                start.composition().formula(), maxGroups, String.join(", ", tried), attempts));
    }

    private SpaceGroup pickGroup(RandomGenerator rng) {
        double u = rng.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return groups.get(i);
            }
        }
        return groups.get(groups.size() - 1);
    }

    /** Places the orbits; null if some orbit could not be placed within the distances. */
    private Draw place(SpaceGroup group, Lattice lattice, List<List<WyckoffPosition>> filling, RandomGenerator rng) {
        List<Element> species = new ArrayList<>();
        List<double[]> sites = new ArrayList<>();
        List<List<double[]>> points = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int e = 0; e < elements.size(); e++) {
            Element element = elements.get(e);
            List<double[]> mine = new ArrayList<>();
            for (WyckoffPosition w : filling.get(e)) {
                double[][] orbit = null;
                for (int t = 0; t < siteAttempts && orbit == null; t++) {
                    double[][] candidate = w.orbit(new double[] { rng.nextDouble(), rng.nextDouble(), rng.nextDouble() });
                    if (fits(species, sites, element, candidate, lattice)) {
                        orbit = candidate;
                    }
                }
                if (orbit == null) {
                    return null;
                }
                for (double[] p : orbit) {
                    species.add(element);
                    sites.add(p);
                    mine.add(p);
                }
                labels.add(element.symbol() + ":" + w.label());
            }
            points.add(mine);
        }
        int[] next = new int[elements.size()];
        double[][] frac = new double[start.size()][];
        for (int i = 0; i < start.size(); i++) {
            int e = elements.indexOf(start.species(i));
            frac[i] = points.get(e).get(next[e]++);
        }
        return new Draw(Structure.of(lattice, start.species(), frac), group, labels);
    }

    /** Whether the orbit's points are distinct and, added to the placed sites, keep the minimum distances. */
    private boolean fits(List<Element> species, List<double[]> sites, Element element, double[][] orbit,
            Lattice lattice) {
        Structure alone = Structure.of(lattice, Collections.nCopies(orbit.length, element), orbit);
        for (int i = 0; i < alone.size(); i++) {
            for (int j = i + 1; j < alone.size(); j++) {
                if (alone.distance(i, j) < SAME_POINT) {
                    return false;
                }
            }
        }
        List<Element> sp = new ArrayList<>(species);
        List<double[]> all = new ArrayList<>(sites);
        for (double[] p : orbit) {
            sp.add(element);
            all.add(p);
        }
        return limits.isSatisfied(Structure.of(lattice, sp, all.toArray(double[][]::new)));
    }

    private Lattice drawLattice(SpaceGroup g, RandomGenerator rng) {
        double volume = sphereVolume * Math.exp(Math.log(packingMin)
                + (Math.log(packingMax) - Math.log(packingMin)) * rng.nextDouble());
        while (true) {
            double b = 1;
            double c = 1;
            double alpha = 90;
            double beta = 90;
            double gamma = 90;
            switch (g.crystalSystem()) {
            case CUBIC -> {
            }
            case TETRAGONAL -> c = ratio(rng, 0.5, 2);
            case ORTHORHOMBIC -> {
                b = ratio(rng, 0.5, 2);
                c = ratio(rng, 0.5, 2);
            }
            case TRIGONAL, HEXAGONAL -> {
                c = g.centring() == 'R' ? ratio(rng, 1, 5) : ratio(rng, 0.5, 2);
                gamma = 120;
            }
            case MONOCLINIC -> {
                b = ratio(rng, 0.5, 2);
                c = ratio(rng, 0.5, 2);
                beta = 90 + 30 * rng.nextDouble();
            }
            case TRICLINIC -> {
                b = ratio(rng, 0.5, 2);
                c = ratio(rng, 0.5, 2);
                alpha = 70 + 40 * rng.nextDouble();
                beta = 70 + 40 * rng.nextDouble();
                gamma = 70 + 40 * rng.nextDouble();
            }
            }
            Lattice unit;
            try {
                unit = Lattice.fromParameters(1, b, c, alpha, beta, gamma);
            } catch (IllegalArgumentException e) {
                continue; // triclinic angles that do not close a cell
            }
            double a = Math.cbrt(volume / unit.volume());
            return Lattice.fromParameters(a, a * b, a * c, alpha, beta, gamma);
        }
    }

    /** Log-uniform in [lo, hi]. */
    private static double ratio(RandomGenerator rng, double lo, double hi) {
        return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SpaceGroupSampler(%s, %d compatible groups, %s, packing %.3g-%.3g)",
                start.composition().formula(), groups.size(), fixedLattice == null ? "cells drawn" : "fixed cell",
                packingMin, packingMax);
    }
}
