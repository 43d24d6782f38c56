package org.activestructopt.simulation.feff.internal;

import static org.activestructopt.simulation.feff.FeffSettings.ABSORBER;
import static org.activestructopt.simulation.feff.FeffSettings.COREHOLE;
import static org.activestructopt.simulation.feff.FeffSettings.CRITERIA_CW;
import static org.activestructopt.simulation.feff.FeffSettings.CRITERIA_PW;
import static org.activestructopt.simulation.feff.FeffSettings.DEBYE_TEMPERATURE;
import static org.activestructopt.simulation.feff.FeffSettings.DEBYE_THETA;
import static org.activestructopt.simulation.feff.FeffSettings.EDGE;
import static org.activestructopt.simulation.feff.FeffSettings.EXCHANGE;
import static org.activestructopt.simulation.feff.FeffSettings.EXCHANGE_VI;
import static org.activestructopt.simulation.feff.FeffSettings.EXCHANGE_VR;
import static org.activestructopt.simulation.feff.FeffSettings.EXECUTABLE;
import static org.activestructopt.simulation.feff.FeffSettings.FEFF_VERSION;
import static org.activestructopt.simulation.feff.FeffSettings.FMS;
import static org.activestructopt.simulation.feff.FeffSettings.KEEP;
import static org.activestructopt.simulation.feff.FeffSettings.NLEG;
import static org.activestructopt.simulation.feff.FeffSettings.RADIUS;
import static org.activestructopt.simulation.feff.FeffSettings.RPATH;
import static org.activestructopt.simulation.feff.FeffSettings.S02;
import static org.activestructopt.simulation.feff.FeffSettings.SCF;
import static org.activestructopt.simulation.feff.FeffSettings.SIG2;
import static org.activestructopt.simulation.feff.FeffSettings.SITES;
import static org.activestructopt.simulation.feff.FeffSettings.SITES_TOLERANCE;
import static org.activestructopt.simulation.feff.FeffSettings.TIMEOUT;
import static org.activestructopt.simulation.feff.FeffSettings.WORKDIR;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.Simulator;
import org.activestructopt.simulation.feff.AbsorberSites;
import org.activestructopt.simulation.feff.Cluster;
import org.activestructopt.simulation.feff.FeffCards;
import org.activestructopt.simulation.feff.FeffExecutable;
import org.activestructopt.simulation.feff.FeffInput;
import org.activestructopt.simulation.feff.FeffRun;
import org.activestructopt.simulation.feff.FeffRunner;
import org.activestructopt.simulation.feff.FeffVersion;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * What the FEFF simulators share: reading the settings into FEFF cards, choosing the absorbers, writing one input per
 * absorber group and running them on the {@link FeffPool}. One place for turning bad settings or structures into
 * {@link SimulationException}s.
 */
abstract class FeffSimulatorBase implements Simulator {

    /**
     * Atoms closer than this (angstrom) make a structure unphysical; FEFF's potential module then dies without a
     * message, so such structures are rejected before FEFF runs.
     */
    static final double MIN_SEPARATION = 0.5;

    /** The settings common to every FEFF simulator, in help-text order. */
    static final List<Setting<?>> CLUSTER_SETTINGS = List.of(ABSORBER, EDGE, RADIUS, SITES, SITES_TOLERANCE);
    /** Potential and scattering cards. */
    static final List<Setting<?>> POTENTIAL_SETTINGS = List.of(S02, EXCHANGE, EXCHANGE_VR, EXCHANGE_VI, SCF);
    /** Path-expansion cards. */
    static final List<Setting<?>> PATH_SETTINGS = List.of(RPATH, NLEG, CRITERIA_CW, CRITERIA_PW);
    /** Thermal damping cards. */
    static final List<Setting<?>> DEBYE_SETTINGS = List.of(DEBYE_TEMPERATURE, DEBYE_THETA, SIG2);
    /** How FEFF is run. */
    static final List<Setting<?>> RUN_SETTINGS = List.of(EXECUTABLE, FEFF_VERSION, TIMEOUT, KEEP, WORKDIR);

    @SafeVarargs
    static List<Setting<?>> concat(List<Setting<?>>... parts) {
        List<Setting<?>> out = new ArrayList<>();
        for (List<Setting<?>> p : parts) {
            out.addAll(p);
        }
        return List.copyOf(out);
    }

    /** A resolved job: the absorbing element, the runner and the absorber groups with their inputs. */
    record Plan(Element absorber, FeffRunner runner, List<AbsorberSites.Group> groups, List<FeffInput> inputs) {
    }

    void checkSettings(Settings settings) throws SimulationException {
        if (settings == null || !settings.schema().equals(descriptor().settings())) {
            throw new SimulationException(Reason.INVALID_REQUEST, "settings of "
                    + (settings == null ? "null" : settings.schema().owner()) + " passed to simulator " + name());
        }
    }

    /**
     * What {@link org.activestructopt.api.PreparedSimulation#spectrum} requires: the settings of this simulator,
     * differing from the prepared ones in nuisance parameters only.
     *
     * @throws SimulationException {@link Reason#INVALID_REQUEST} naming the first other setting that differs
     */
    /** What a prepared simulation computes for new nuisance values (sums of FEFF's paths or spectra, no FEFF run). */
    @FunctionalInterface
    interface NuisanceSpectrum {
        Spectrum at(Settings settings) throws SimulationException;
    }

    /**
     * @return a prepared simulation of {@code structure} whose {@code spectrum} first checks that only the
     *         {@code nuisance} settings differ from {@code prepared}, then asks {@code spectrum}
     */
    PreparedSimulation prepared(Structure structure, Settings prepared,
            List<org.activestructopt.api.NuisanceParameter> nuisance, NuisanceSpectrum spectrum) {
        return new PreparedSimulation() {
            @Override
            public Structure structure() {
                return structure;
            }

            @Override
            public Spectrum spectrum(Settings s) throws SimulationException {
                checkPrepared(prepared, s, nuisance);
                return spectrum.at(s);
            }
        };
    }

    void checkPrepared(Settings prepared, Settings settings, List<org.activestructopt.api.NuisanceParameter> nuisance)
            throws SimulationException {
        checkSettings(settings);
        var a = prepared.effectiveValues();
        var b = settings.effectiveValues();
        for (Setting<?> s : settings.schema().settings()) {
            if (nuisance.stream().anyMatch(n -> n.name().equals(s.name()))) {
                continue;
            }
            if (!java.util.Objects.equals(a.get(s.name()), b.get(s.name()))) {
                throw new SimulationException(Reason.INVALID_REQUEST, "setting '" + s.name() + "' = "
                        + b.get(s.name()) + " differs from the prepared " + a.get(s.name()) + "; only the nuisance "
                        + "parameters " + nuisance.stream().map(n -> n.name()).toList() + " may change without "
                        + "preparing again");
            }
        }
    }

    static Element absorber(Structure structure, Settings settings) throws SimulationException {
        String symbol = settings.get(ABSORBER).strip();
        if (symbol.isEmpty()) {
            Element heaviest = null;
            for (Element e : structure.species()) {
                if (heaviest == null || e.z() > heaviest.z()) {
                    heaviest = e;
                }
            }
            if (heaviest == null) {
                throw new SimulationException(Reason.INVALID_STRUCTURE, "the structure has no sites");
            }
            return heaviest;
        }
        Element e;
        try {
            e = Element.of(symbol);
        } catch (IllegalArgumentException ex) {
            throw new SimulationException(Reason.INVALID_REQUEST, "setting 'absorber': " + ex.getMessage(), ex);
        }
        if (!structure.species().contains(e)) {
            throw new SimulationException(Reason.INVALID_REQUEST, "setting 'absorber' = " + e.symbol()
                    + ", but the structure " + structure.reducedFormula() + " has no " + e.symbol() + " site");
        }
        return e;
    }

    /** @return the cards every FEFF simulator writes from its settings; callers add what is specific to them */
    static FeffCards.Builder cards(Settings settings, Element absorber, Structure structure) {
        double radius = settings.get(RADIUS);
        FeffCards.Builder b = FeffCards.builder()
                .title(structure.reducedFormula() + " " + absorber.symbol() + " " + settings.get(EDGE)
                        + " edge, ActiveStructOpt")
                .edge(settings.get(EDGE))
                .s02(settings.get(S02))
                .exchange(settings.get(EXCHANGE), settings.get(EXCHANGE_VR), settings.get(EXCHANGE_VI))
                .scf(settings.find(SCF).map(OptionalDouble::of).orElse(OptionalDouble.empty()))
                .rpath(settings.find(RPATH).orElse(radius))
                .debye(settings.get(DEBYE_TEMPERATURE), settings.get(DEBYE_THETA))
                .sig2(settings.get(SIG2));
        // the single-scattering model fixes the path expansion itself and does not declare these
        if (settings.schema().contains(NLEG)) {
            b.nleg(settings.get(NLEG)).criteria(settings.get(CRITERIA_CW), settings.get(CRITERIA_PW));
        }
        return b;
    }

    static FeffRunner runner(Settings settings) throws SimulationException {
        FeffExecutable exe = FeffExecutable.locate(settings.get(EXECUTABLE), settings.get(FEFF_VERSION));
        FeffRunner runner = FeffRunner.of(exe)
                .withTimeout(Duration.ofMillis(Math.round(settings.get(TIMEOUT) * 1000)))
                .withKeepDirectories(settings.get(KEEP));
        String workdir = settings.get(WORKDIR).strip();
        if (!workdir.isEmpty()) {
            try {
                runner = runner.withScratchDirectory(Path.of(workdir));
            } catch (InvalidPathException e) {
                throw new SimulationException(Reason.INVALID_REQUEST, "setting 'workdir': '" + workdir
                        + "' is not a valid path", e);
            }
        }
        return runner;
    }

    /**
     * FEFF 8.5L cannot honour FMS or COREHOLE; a job that sets them explicitly asked for something it would not get.
     */
    static void rejectFullMultipleScatteringSettings(Settings settings, FeffVersion version)
            throws SimulationException {
        if (version.hasFullMultipleScattering()) {
            return;
        }
        for (Setting<?> s : List.of(FMS, COREHOLE)) {
            if (settings.schema().contains(s) && settings.isExplicit(s)) {
                throw new SimulationException(Reason.INVALID_REQUEST, "setting '" + s.name() + "' needs FEFF 9/10 "
                        + "(full multiple scattering), but the executable is FEFF " + version.word()
                        + ", which has none: remove the setting or configure a FEFF 9/10 executable");
            }
        }
    }

    /**
     * Groups the absorbers, cuts their clusters and writes one input per group.
     *
     * @throws SimulationException {@link Reason#INVALID_STRUCTURE} for atoms closer than {@link #MIN_SEPARATION},
     *                             {@link Reason#INVALID_REQUEST} for cards the executable cannot take or clusters
     *                             larger than it accepts
     */
    static Plan plan(Structure structure, Settings settings, FeffCards cards, FeffRunner runner, Element absorber,
            AbsorberSites.Mode mode, double radius) throws SimulationException {
        List<AbsorberSites.Group> groups = AbsorberSites.find(structure, absorber, radius,
                settings.get(SITES_TOLERANCE), mode);
        List<FeffInput> inputs = new ArrayList<>();
        for (AbsorberSites.Group g : groups) {
            Cluster c = g.cluster();
            if (c.size() < 2) {
                throw new SimulationException(Reason.INVALID_STRUCTURE, "no atom within " + radius
                        + " A of the " + absorber.symbol() + " absorber at site " + g.representative()
                        + ": nothing scatters; increase the radius");
            }
            Cluster.ClosePair p = c.closestPair().orElseThrow();
            if (p.distance() < MIN_SEPARATION) {
                Cluster.Atom a = c.atoms().get(p.first());
                Cluster.Atom b = c.atoms().get(p.second());
                throw new SimulationException(Reason.INVALID_STRUCTURE, String.format(Locale.ROOT,
                        "sites %d (%s) and %d (%s) are %.3f A apart (images in the cluster around site %d); atoms "
                                + "closer than %.1f A cannot be simulated",
                        a.site(), a.element().symbol(), b.site(), b.element().symbol(), p.distance(),
                        g.representative(), MIN_SEPARATION));
            }
            try {
                inputs.add(new FeffInput(cards, c, runner.executable().version()));
            } catch (IllegalArgumentException e) {
                throw new SimulationException(Reason.INVALID_REQUEST, e.getMessage(), e);
            }
        }
        return new Plan(absorber, runner, groups, inputs);
    }

    static List<FeffRun> run(Plan plan, Set<FeffRunner.Output> outputs, IProgressMonitor monitor, String what)
            throws SimulationException {
        List<FeffPool.Task<FeffRun>> tasks = new ArrayList<>();
        for (FeffInput in : plan.inputs()) {
            tasks.add(() -> plan.runner().run(in, outputs, monitor));
        }
        return FeffPool.runAll(tasks, monitor, what);
    }

    static AbsorberSites.Mode mode(Settings settings) {
        return AbsorberSites.Mode.valueOf(settings.get(SITES).toUpperCase(Locale.ROOT));
    }

    /**
     * Linear interpolation of (x, y) at {@code at}; {@code below} left of the data.
     *
     * @throws SimulationException {@link Reason#INVALID_REQUEST} if a point lies right of the data
     */
    static double[] interpolate(double[] x, double[] y, Grid grid, double below, String what)
            throws SimulationException {
        double[] at = grid.values();
        double[] out = new double[at.length];
        int j = 0;
        double tol = 1e-9 * Math.max(1, Math.abs(x[x.length - 1]));
        for (int i = 0; i < at.length; i++) {
            double v = at[i];
            if (v < x[0] - tol) {
                out[i] = below;
                continue;
            }
            if (v > x[x.length - 1] + tol) {
                throw new SimulationException(Reason.INVALID_REQUEST, "grid point " + v + " lies beyond the end of "
                        + what + " at " + x[x.length - 1]);
            }
            while (j < x.length - 2 && x[j + 1] < v) {
                j++;
            }
            double x0 = x[j];
            double x1 = x[Math.min(j + 1, x.length - 1)];
            double f = x1 == x0 ? 0 : Math.max(0, Math.min(1, (v - x0) / (x1 - x0)));
            out[i] = y[j] + f * (y[Math.min(j + 1, y.length - 1)] - y[j]);
        }
        return out;
    }
}
