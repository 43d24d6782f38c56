package org.activestructopt.simulation.feff.internal;

import static org.activestructopt.simulation.feff.FeffSettings.DEBYE_TEMPERATURE;
import static org.activestructopt.simulation.feff.FeffSettings.DELTA_E0;
import static org.activestructopt.simulation.feff.FeffSettings.DEBYE_THETA;
import static org.activestructopt.simulation.feff.FeffSettings.KEEP;
import static org.activestructopt.simulation.feff.FeffSettings.KWEIGHT;
import static org.activestructopt.simulation.feff.FeffSettings.RADIUS;
import static org.activestructopt.simulation.feff.FeffSettings.RPATH;
import static org.activestructopt.simulation.feff.FeffSettings.S02;
import static org.activestructopt.simulation.feff.FeffSettings.SIG2;
import static org.activestructopt.simulation.feff.FeffSettings.SIGMA2;
import static org.activestructopt.simulation.feff.FeffSettings.SS_MS;
import static org.activestructopt.simulation.feff.FeffSettings.SS_SIGMA2;
import static org.activestructopt.simulation.feff.FeffSettings.TIMEOUT;
import static org.activestructopt.simulation.feff.FeffSettings.WORKDIR;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.NuisanceParameter;
import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.simulation.feff.AbsorberSites;
import org.activestructopt.simulation.feff.ChiDat;
import org.activestructopt.simulation.feff.Cluster;
import org.activestructopt.simulation.feff.FeffCards;
import org.activestructopt.simulation.feff.FeffRun;
import org.activestructopt.simulation.feff.FeffRunner;
import org.activestructopt.simulation.feff.PathSum;
import org.activestructopt.simulation.feff.SingleScatteringModel;
import org.activestructopt.simulation.feff.SingleScatteringModel.DebyeWaller;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.Exafs;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * {@code simulator.name=exafs-ss}: a fast approximation of {@link ExafsSimulator} for refinements that visit many
 * structures close to a starting one.
 * <p>
 * FEFF runs once on a reference structure (one run per group of distinct absorbers, with the job's path expansion and
 * {@code PRINT ... 3}). Afterwards a structure costs milliseconds: for every absorbing site, the
 * {@link SingleScatteringModel} sums the single-scattering paths of the site's neighbours at their own distances, with
 * the amplitudes and phases of the reference's paths and a correlated-Debye (or fixed, {@code ss.sigma2})
 * Debye-Waller factor. With {@code ss.ms} (default) the reference's multiple-scattering remainder (its FEFF chi.dat
 * minus its own single-scattering sum, with FEFF's Debye-Waller factors) is added unchanged, so the reference itself
 * is reproduced exactly and only the change of multiple scattering with the structure is neglected.
 * <p>
 * The reference is the first structure simulated with a given list of site species and the same FEFF settings, and
 * it serves every later structure near it: cell lengths within {@value #MAX_STRAIN} (relative) and angles within
 * {@value #MAX_ANGLE} degrees of the reference's, and every site within {@value #MAX_SHIFT} A of the reference's site of
 * the same index. A structure near no reference becomes a reference of its own (one more FEFF run), so two jobs on
 * different starts never share paths. In a refinement the start is simulated first and is the reference of the
 * candidates around it. References are kept for the life of the service (at most {@value #MAX_REFERENCES} groups of
 * species and settings, least recently used dropped first, and {@value #MAX_PER_GROUP} structures per group).
 * Site i of a structure uses the paths of site i of its reference, so the sites must correspond (as for perturbed
 * copies of one cell).
 * <p>
 * A {@link NuisanceSimulator} with the exafs simulator's parameters: {@code s02} (closed form), {@code delta_e0}
 * (the model and the remainder taken at k' = sqrt(k^2 - 2 m dE0 / hbar^2)) and {@code sigma2} (added to every
 * single-scattering path's sigma^2; the multiple-scattering remainder keeps FEFF's).
 */
@Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=exafs-ss")
public final class SingleScatteringSimulator extends FeffSimulatorBase implements NuisanceSimulator {

    /** Name of the service. */
    public static final String NAME = "exafs-ss";

    /** Groups of references (species and FEFF settings) kept at once. */
    static final int MAX_REFERENCES = 8;
    /** References kept per group. */
    static final int MAX_PER_GROUP = 4;
    /**
     * Largest displacement of a site from the reference's, Angstrom: candidates of a refinement move a few tenths of
     * an Angstrom, while the paths of a reference stop describing a structure whose shells have moved by ~1 A.
     */
    static final double MAX_SHIFT = 1.0;
    /** Largest relative change of a cell length from the reference's. */
    static final double MAX_STRAIN = 0.05;
    /** Largest change of a cell angle from the reference's, degrees. */
    static final double MAX_ANGLE = 3.0;

    private static final SettingsSchema SCHEMA = SettingsSchema.of(NAME, concat(CLUSTER_SETTINGS,
            List.of(KWEIGHT, DELTA_E0, SIGMA2),
            PATH_SETTINGS, POTENTIAL_SETTINGS, DEBYE_SETTINGS, List.of(SS_SIGMA2, SS_MS), RUN_SETTINGS));

    /** Settings used only after FEFF has run, which therefore do not change the reference. */
    private static final Set<Setting<?>> POST_FEFF = Set.of(KWEIGHT, S02, DELTA_E0, SIGMA2, SS_SIGMA2, SS_MS, TIMEOUT,
            KEEP, WORKDIR);

    /** As the exafs simulator's: the model and the multiple-scattering remainder take them without a FEFF run. */
    private static final List<NuisanceParameter> NUISANCE = List.of(
            NuisanceParameter.of(S02).withBounds(0.5, 1.2).asProportional(),
            NuisanceParameter.of(DELTA_E0).withBounds(-15, 15),
            NuisanceParameter.of(SIGMA2).withBounds(0, 0.03));

    private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
            "approximate EXAFS k^w chi(k): single scattering at each structure's own distances with FEFF amplitudes "
                    + "and phases of a reference run on the first structure simulated near it, plus the reference's "
                    + "multiple scattering; milliseconds per structure after one FEFF run",
            SpectrumKind.EXAFS, Grid.uniform(3, 12, 0.05), CostClass.CHEAP, SCHEMA);

    /**
     * What a reference run produced for one group of absorbers: the single-scattering model and the
     * multiple-scattering remainder chi.dat - single-scattering sum on chi.dat's k grid.
     */
    private record Site(SingleScatteringModel model, double[] k, double[] remainder) {
    }

    /** A reference structure and its FEFF results (computed by the first caller, awaited by the others). */
    private record Reference(Structure structure, CompletableFuture<Map<Integer, Site>> sites) {
    }

    private final Map<Map<String, String>, List<Reference>> references = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, String>, List<Reference>> e) {
            return size() > MAX_REFERENCES;
        }
    };

    @Override
    public SimulatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return NUISANCE;
    }

    @Override
    public Spectrum simulate(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        return prepare(structure, grid, settings, monitor).spectrum(settings);
    }

    /** The reference of the structure found (FEFF run if none was near) and checked once; the sum is per call. */
    @Override
    public PreparedSimulation prepare(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        checkSettings(settings);
        if (grid.start() < 0) {
            throw new SimulationException(Reason.INVALID_REQUEST, "the k grid starts at " + grid.start()
                    + " 1/A; EXAFS needs k >= 0");
        }
        Element absorber = absorber(structure, settings);
        Map<Integer, Site> reference = reference(structure, settings, absorber, monitor);
        double rmax = settings.find(RPATH).orElse(settings.get(RADIUS));
        List<Integer> sites = new ArrayList<>();
        List<Cluster> clusters = new ArrayList<>();
        for (int site = 0; site < structure.size(); site++) {
            if (structure.species(site) != absorber) {
                continue;
            }
            Site ref = reference.get(site);
            if (ref == null) {
                throw new SimulationException(Reason.INVALID_STRUCTURE, "site " + site + " is a " + absorber.symbol()
                        + " absorber here but not in the exafs-ss reference structure");
            }
            if (grid.stop() > ref.model().kmax()) {
                throw new SimulationException(Reason.INVALID_REQUEST, "the k grid ends at " + grid.stop()
                        + " 1/A, beyond the reference paths' " + ref.model().kmax());
            }
            sites.add(site);
            clusters.add(Cluster.cut(structure, site, rmax));
        }
        return prepared(structure, settings, NUISANCE,
                ns -> sum(structure, absorber, reference, sites, clusters, grid, ns, monitor));
    }

    private static Spectrum sum(Structure structure, Element absorber, Map<Integer, Site> reference,
            List<Integer> sites, List<Cluster> clusters, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        DebyeWaller fixed = settings.find(SS_SIGMA2).map(DebyeWaller::fixed).orElseGet(() -> feffDebyeWaller(settings));
        double extra = settings.get(SIGMA2);
        DebyeWaller dw = extra == 0 ? fixed : (p, a, sc, r) -> fixed.sigma2(p, a, sc, r) + extra;
        boolean ms = settings.get(SS_MS);
        double s02 = settings.get(S02);
        double e0 = settings.get(DELTA_E0);
        double rmax = settings.find(RPATH).orElse(settings.get(RADIUS));
        double[] k = grid.values();
        // chi at k with an E0 shift is the unshifted model at q = sqrt(k^2 - dE0 / KTOE); 0 where q^2 <= 0
        int first = 0;
        double[] q = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            double e = k[i] * k[i] - e0 / PathSum.KTOE;
            q[i] = e > 0 ? Math.sqrt(e) : 0;
            if (e <= 0) {
                first = i + 1;
            }
        }
        double[] chi = new double[k.length];
        if (first < k.length) {
            double[] qs = Arrays.copyOfRange(q, first, k.length);
            for (int n = 0; n < sites.size(); n++) {
                SimulationException.checkCancelled(monitor);
                Site ref = reference.get(sites.get(n));
                if (qs[qs.length - 1] > ref.model().kmax()) {
                    throw new SimulationException(Reason.INVALID_REQUEST, "setting 'delta_e0' = " + e0
                            + " eV moves the grid's end to k = " + qs[qs.length - 1]
                            + " 1/A, beyond the reference paths' " + ref.model().kmax());
                }
                double[] part;
                try {
                    part = ref.model().chi(clusters.get(n), qs, rmax, s02, dw);
                } catch (IllegalArgumentException e) {
                    throw new SimulationException(Reason.INVALID_STRUCTURE, e.getMessage(), e);
                }
                double[] remainder = ms ? interpolate(ref.k(), ref.remainder(), Grid.of(qs), 0,
                        "the reference chi.dat") : new double[qs.length];
                for (int i = 0; i < qs.length; i++) {
                    chi[first + i] += part[i] + s02 * remainder[i];
                }
            }
        }
        for (int i = 0; i < k.length; i++) {
            chi[i] /= sites.size();
            if (!Double.isFinite(chi[i])) {
                throw new SimulationException(Reason.NUMERICAL, "chi(k) is " + chi[i] + " at k = " + k[i]);
            }
        }
        Spectrum raw = Spectrum.of(SpectrumKind.EXAFS, k, chi);
        return Exafs.kWeight(raw, settings.get(KWEIGHT))
                .withName("FEFF single scattering " + absorber.symbol() + " " + structure.reducedFormula());
    }

    /** sigma^2 as FEFF computes it for single-scattering paths from the DEBYE and SIG2 cards. */
    private static DebyeWaller feffDebyeWaller(Settings settings) {
        double sig2 = settings.get(SIG2);
        if (settings.get(DEBYE_THETA) <= 0) {
            return DebyeWaller.fixed(sig2);
        }
        DebyeWaller debye = DebyeWaller.correlatedDebye(settings.get(DEBYE_TEMPERATURE), settings.get(DEBYE_THETA));
        return sig2 == 0 ? debye : (p, a, s, r) -> debye.sigma2(p, a, s, r) + sig2;
    }

    /** The reference near this structure with its species and FEFF settings, computed by the first caller. */
    private Map<Integer, Site> reference(Structure structure, Settings settings, Element absorber,
            IProgressMonitor monitor) throws SimulationException {
        Map<String, String> key = new HashMap<>();
        settings.effectiveValues().forEach((name, value) -> {
            if (POST_FEFF.stream().noneMatch(s -> s.name().equals(name))) {
                key.put(name, value);
            }
        });
        key.put("(absorber)", absorber.symbol());
        key.put("(species)", structure.species().toString());
        Reference ref = null;
        boolean mine = false;
        synchronized (references) {
            List<Reference> group = references.computeIfAbsent(key, k -> new ArrayList<>());
            for (Reference r : group) {
                if (near(r.structure(), structure)) {
                    ref = r;
                    break;
                }
            }
            if (ref == null) {
                ref = new Reference(structure, new CompletableFuture<>());
                group.add(0, ref);
                if (group.size() > MAX_PER_GROUP) {
                    group.remove(group.size() - 1);
                }
                mine = true;
            }
        }
        CompletableFuture<Map<Integer, Site>> future = ref.sites();
        if (mine) {
            try {
                future.complete(compute(structure, settings, absorber, monitor));
            } catch (SimulationException | RuntimeException e) {
                Reference failed = ref;
                synchronized (references) {
                    List<Reference> group = references.get(key);
                    if (group != null) {
                        group.remove(failed);
                    }
                }
                future.completeExceptionally(e);
                throw e;
            }
        }
        while (true) {
            SimulationException.checkCancelled(monitor);
            try {
                return future.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // the first caller is still running FEFF
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SimulationException(Reason.CANCELLED, "interrupted while waiting for the reference", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SimulationException se) {
                    throw new SimulationException(se.reason(), "exafs-ss reference: " + se.getMessage(), se);
                }
                throw new SimulationException(Reason.INTERNAL, "exafs-ss reference failed: " + e.getCause(),
                        e.getCause());
            }
        }
    }

    /** @return whether {@code s} is close enough to {@code reference} to use its paths (see the class comment) */
    public static boolean near(Structure reference, Structure s) {
        Lattice a = reference.lattice();
        Lattice b = s.lattice();
        double[] la = {a.a(), a.b(), a.c()};
        double[] lb = {b.a(), b.b(), b.c()};
        double[] aa = {a.alpha(), a.beta(), a.gamma()};
        double[] ab = {b.alpha(), b.beta(), b.gamma()};
        for (int i = 0; i < 3; i++) {
            if (Math.abs(lb[i] - la[i]) > MAX_STRAIN * la[i] || Math.abs(ab[i] - aa[i]) > MAX_ANGLE) {
                return false;
            }
        }
        for (int i = 0; i < s.size(); i++) {
            double[] fa = reference.frac(i);
            double[] fb = s.frac(i);
            double[] d = new double[3];
            for (int c = 0; c < 3; c++) {
                d[c] = fb[c] - fa[c];
                d[c] -= Math.rint(d[c]);
            }
            double[] cart = a.toCartesian(d);
            if (cart[0] * cart[0] + cart[1] * cart[1] + cart[2] * cart[2] > MAX_SHIFT * MAX_SHIFT) {
                return false;
            }
        }
        return true;
    }

    private static Map<Integer, Site> compute(Structure structure, Settings settings, Element absorber,
            IProgressMonitor monitor) throws SimulationException {
        FeffRunner runner = runner(settings);
        FeffCards cards = cards(settings, absorber, structure)
                .title(structure.reducedFormula() + " " + absorber.symbol() + " exafs-ss reference").s02(1)
                .pathFiles(true).build();
        double rmax = cards.rpath();
        Plan plan = plan(structure, settings, cards, runner, absorber, mode(settings), settings.get(RADIUS));
        List<FeffRun> runs = run(plan, EnumSet.of(FeffRunner.Output.CHI, FeffRunner.Output.PATHS), monitor,
                "FEFF " + absorber.symbol() + " exafs-ss reference");
        DebyeWaller feff = feffDebyeWaller(settings);
        Map<Integer, Site> bySite = new HashMap<>();
        for (int g = 0; g < runs.size(); g++) {
            AbsorberSites.Group group = plan.groups().get(g);
            ChiDat chi = runs.get(g).chi().orElseThrow();
            Site site;
            try {
                SingleScatteringModel m = SingleScatteringModel.of(runs.get(g).paths());
                double[] k = chi.k();
                double[] single = m.chi(group.cluster(), k, rmax, 1, feff);
                double[] remainder = chi.chi();
                for (int i = 0; i < k.length; i++) {
                    remainder[i] -= single[i];
                }
                site = new Site(m, k, remainder);
            } catch (IllegalArgumentException e) {
                throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF reference run for site "
                        + group.representative() + ": " + e.getMessage(), e);
            }
            for (int s : group.sites()) {
                bySite.put(s, site);
            }
        }
        return Map.copyOf(bySite);
    }
}
