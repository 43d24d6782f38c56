package org.activestructopt.simulation.feff.internal;

import static org.activestructopt.simulation.feff.FeffSettings.DELTA_E0;
import static org.activestructopt.simulation.feff.FeffSettings.KWEIGHT;
import static org.activestructopt.simulation.feff.FeffSettings.PATH_CONVENTION;
import static org.activestructopt.simulation.feff.FeffSettings.RADIUS;
import static org.activestructopt.simulation.feff.FeffSettings.S02;
import static org.activestructopt.simulation.feff.FeffSettings.SIGMA2;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.NuisanceParameter;
import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.simulation.feff.ChiDat;
import org.activestructopt.simulation.feff.FeffCards;
import org.activestructopt.simulation.feff.FeffDat;
import org.activestructopt.simulation.feff.FeffRun;
import org.activestructopt.simulation.feff.FeffRunner;
import org.activestructopt.simulation.feff.FeffSettings;
import org.activestructopt.simulation.feff.PathSum;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.Exafs;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * {@code simulator.name=exafs}: k<sup>w</sup> chi(k) summed from FEFF's scattering paths ({@code feffNNNN.dat},
 * {@link PathSum}), averaged over the absorbing sites ({@link org.activestructopt.simulation.feff.AbsorberSites}). The
 * settings are {@link FeffSettings}; the path expansion runs to RPATH with NLEG legs. Each path gets the sigma^2 FEFF
 * gave it (correlated Debye model and SIG2, read from chi.dat's header) plus {@code sigma2}, and FEFF's own selection
 * of paths (CRITERIA) is kept.
 * <p>
 * A {@link NuisanceSimulator}: {@code s02} (closed form), {@code delta_e0} and {@code sigma2} are applied to the
 * paths in Java, so {@link #prepare} runs FEFF once and {@link PreparedSimulation#spectrum} costs a path sum. Plain
 * {@link #simulate} is the same prepare and sum, so both agree exactly. {@code paths.convention} chooses FEFF's own
 * chi.dat's sum (default, consistent with exafs-ss) or feffit's (to compare fitted values with Larch's).
 * <p>
 * For chi(R) apply {@link org.activestructopt.spectra.exafs.Xftf} to the result with k-weight 0 (the spectrum is
 * already weighted); to reproduce Larch's {@code xftf} on FEFF's own chi.dat, simulate from k = 0 with kweight 0 and
 * let the transform do the weighting.
 */
@Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=exafs")
public final class ExafsSimulator extends FeffSimulatorBase implements NuisanceSimulator {

    /** Name of the service. */
    public static final String NAME = "exafs";

    private static final SettingsSchema SCHEMA = SettingsSchema.of(NAME, concat(CLUSTER_SETTINGS,
            List.of(KWEIGHT, DELTA_E0, SIGMA2, PATH_CONVENTION), PATH_SETTINGS, POTENTIAL_SETTINGS, DEBYE_SETTINGS,
            RUN_SETTINGS));

    private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
            "EXAFS k^w chi(k) summed from FEFF's paths (feff8l by default), averaged over absorbing sites; S0^2, "
                    + "delta_e0 and sigma2 change without a FEFF run",
            SpectrumKind.EXAFS, Grid.uniform(3, 12, 0.05), CostClass.EXPENSIVE, SCHEMA);

    private static final List<NuisanceParameter> NUISANCE = List.of(
            NuisanceParameter.of(S02).withBounds(0.5, 1.2).asProportional(),
            NuisanceParameter.of(DELTA_E0).withBounds(-15, 15),
            NuisanceParameter.of(SIGMA2).withBounds(0, 0.03));

    private static final Pattern PATH_INDEX = Pattern.compile("feff(\\d+)\\.dat");

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

    /** The paths of one absorber group with FEFF's sigma^2 of each. */
    private record Group(PathSum sum, double[] feffSigma2, double weight) {
    }

    @Override
    public PreparedSimulation prepare(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        checkSettings(settings);
        if (grid.start() < 0) {
            throw new SimulationException(Reason.INVALID_REQUEST, "the k grid starts at " + grid.start()
                    + " 1/A; EXAFS needs k >= 0");
        }
        SimulationException.checkCancelled(monitor);
        Element absorber = absorber(structure, settings);
        FeffRunner runner = runner(settings);
        rejectFullMultipleScatteringSettings(settings, runner.executable().version());
        // the tables must reach the top of the grid at the most negative E0 shift allowed
        double kTop = Math.sqrt(grid.stop() * grid.stop() - DELTA_E0.minimum() / PathSum.KTOE);
        FeffCards cards = cards(settings, absorber, structure)
                .exafsKmax(Math.max(FeffCards.DEFAULT_EXAFS_KMAX, Math.ceil(kTop) + 1)).pathFiles(true).build();
        Plan plan = plan(structure, settings, cards, runner, absorber, mode(settings), settings.get(RADIUS));
        List<FeffRun> runs = run(plan, EnumSet.of(FeffRunner.Output.CHI, FeffRunner.Output.PATHS), monitor,
                "FEFF " + absorber.symbol() + " " + cards.edge());
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < runs.size(); g++) {
            groups.add(group(runs.get(g), plan.groups().get(g).weight()));
        }
        String name = "FEFF " + absorber.symbol() + " " + cards.edge() + " " + structure.reducedFormula();
        return prepared(structure, settings, NUISANCE, ns -> sum(groups, grid, ns).withName(name));
    }

    private static Group group(FeffRun run, double weight) throws SimulationException {
        ChiDat chi = run.chi().orElseThrow();
        Map<Integer, Double> used = chi.pathSigma2();
        if (used.isEmpty()) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF's chi.dat lists no paths in its header, "
                    + "so the paths FEFF used and their sigma^2 are unknown");
        }
        List<FeffDat> paths = new ArrayList<>();
        List<Double> sigma2 = new ArrayList<>();
        for (FeffDat p : run.paths()) {
            Matcher m = PATH_INDEX.matcher(p.name());
            Double s2 = m.matches() ? used.get(Integer.parseInt(m.group(1))) : null;
            if (s2 != null) {
                paths.add(p);
                sigma2.add(s2);
            }
        }
        if (paths.size() != used.size()) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF summed " + used.size()
                    + " paths into chi.dat but wrote " + paths.size() + " of their feffNNNN.dat files");
        }
        try {
            return new Group(PathSum.of(paths), sigma2.stream().mapToDouble(Double::doubleValue).toArray(), weight);
        } catch (IllegalArgumentException e) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, "FEFF path files: " + e.getMessage(), e);
        }
    }

    private static Spectrum sum(List<Group> groups, Grid grid, Settings settings) throws SimulationException {
        PathSum.Convention convention = PathSum.Convention.of(settings.get(PATH_CONVENTION));
        double s02 = settings.get(S02);
        double e0 = settings.get(DELTA_E0);
        double extra = settings.get(SIGMA2);
        double[] k = grid.values();
        double[] chi = new double[k.length];
        for (Group g : groups) {
            double[] s2 = g.feffSigma2().clone();
            for (int i = 0; i < s2.length; i++) {
                s2[i] += extra;
            }
            double[] part;
            try {
                part = g.sum().chi(k, convention, s02, e0, s2);
            } catch (IllegalArgumentException e) {
                throw new SimulationException(Reason.INVALID_REQUEST, "setting 'delta_e0' = " + e0 + ": "
                        + e.getMessage(), e);
            }
            for (int i = 0; i < k.length; i++) {
                chi[i] += g.weight() * part[i];
            }
        }
        for (int i = 0; i < k.length; i++) {
            if (!Double.isFinite(chi[i])) {
                throw new SimulationException(Reason.NUMERICAL, "chi(k) is " + chi[i] + " at k = " + k[i]);
            }
        }
        return Exafs.kWeight(Spectrum.of(SpectrumKind.EXAFS, k, chi), settings.get(KWEIGHT));
    }
}
