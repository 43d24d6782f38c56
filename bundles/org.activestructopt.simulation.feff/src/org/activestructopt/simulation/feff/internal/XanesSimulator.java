package org.activestructopt.simulation.feff.internal;

import static org.activestructopt.simulation.feff.FeffSettings.BROADENING_GAUSSIAN;
import static org.activestructopt.simulation.feff.FeffSettings.BROADENING_LORENTZIAN;
import static org.activestructopt.simulation.feff.FeffSettings.COREHOLE;
import static org.activestructopt.simulation.feff.FeffSettings.ENERGY_SHIFT;
import static org.activestructopt.simulation.feff.FeffSettings.FMS;
import static org.activestructopt.simulation.feff.FeffSettings.RADIUS;
import static org.activestructopt.simulation.feff.FeffSettings.SCALE;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;

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
import org.activestructopt.simulation.feff.FeffCards;
import org.activestructopt.simulation.feff.FeffRun;
import org.activestructopt.simulation.feff.FeffRunner;
import org.activestructopt.simulation.feff.XmuDat;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * {@code simulator.name=xanes}: normalised mu(E) from FEFF's xmu.dat, averaged over the absorbing sites, on an
 * energy grid relative to FEFF's edge energy (eV). Normalisation: mu is divided by the embedded-atom background mu0
 * at 50 eV above the edge, so the edge step is 1 there ({@link XmuDat#normalizedMu()}); below the first energy FEFF
 * computed, mu is 0.
 * <p>
 * <b>Limitation with Debian's FEFF 8.5L ({@code feff8l}, the default):</b> it has no full multiple scattering. Its
 * xmu.dat comes from the same path expansion as the EXAFS (NLEG, RPATH), starts at the Fermi level (a few eV above
 * FEFF's edge energy zero; no pre-edge, no states below it), and is sampled uniformly in k (about 80 points in the
 * first 60 eV). It is a crude, "XANES-like" mu(E), good for exercising a pipeline, not for fitting near-edge
 * structure. For real XANES configure a FEFF 9 or 10 executable ({@code executable}, {@code feff.version 9}): the
 * simulator then writes the XANES, FMS ({@code fms}) and COREHOLE ({@code corehole}) cards.
 * <p>
 * A {@link NuisanceSimulator}: {@code energy_shift}, {@code scale} (closed form) and the broadenings
 * {@code broadening.lorentzian} and {@code broadening.gaussian} (FWHM) are applied in Java to FEFF's mu(E), so
 * {@link #prepare} runs FEFF once. The broadening is a convolution on a uniform grid (step a tenth of the wider width,
 * within 0.02-0.1 eV) with kernels normalised to unit area, mu taken as 0 below FEFF's first
 * energy and as its last value beyond FEFF's last; the result is shifted and interpolated linearly onto the
 * requested grid.
 */
@Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=xanes")
public final class XanesSimulator extends FeffSimulatorBase implements NuisanceSimulator {

    /** Name of the service. */
    public static final String NAME = "xanes";

    /** hbar^2 / (2 m_e) in eV angstrom^2: E = K_TO_E k^2. */
    static final double K_TO_E = 3.80998;

    private static final SettingsSchema SCHEMA = SettingsSchema.of(NAME, concat(CLUSTER_SETTINGS,
            List.of(ENERGY_SHIFT, SCALE, BROADENING_LORENTZIAN, BROADENING_GAUSSIAN, FMS, COREHOLE), PATH_SETTINGS, POTENTIAL_SETTINGS, DEBYE_SETTINGS, RUN_SETTINGS));

    private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
            "XANES normalised mu(E) by FEFF, E relative to the edge; with Debian's FEFF 8.5L only the path "
                    + "expansion above the Fermi level (no full multiple scattering, no pre-edge): configure FEFF "
                    + "9/10 for real XANES",
            SpectrumKind.XANES, Grid.uniform(-10, 70, 0.5), CostClass.EXPENSIVE, SCHEMA);

    private static final List<NuisanceParameter> NUISANCE = List.of(
            NuisanceParameter.of(ENERGY_SHIFT).withBounds(-10, 10),
            NuisanceParameter.of(SCALE).withBounds(0.5, 2).asProportional(),
            NuisanceParameter.of(BROADENING_LORENTZIAN).withBounds(0, 5),
            NuisanceParameter.of(BROADENING_GAUSSIAN).withBounds(0, 5));

    /** Lorentzian kernels are cut at this many FWHM each side (and renormalised): 1.3 % of the weight lies beyond. */
    static final double LORENTZ_CUT = 25;
    /** Finest step of the broadening grid, eV; narrower kernels act as (normalised) delta functions. */
    static final double MIN_STEP = 0.02;
    /** Gaussian kernels are cut at this many FWHM each side. */
    static final double GAUSS_CUT = 3;

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

    /** FEFF's normalised mu(E) of one absorber group. */
    private record Group(double[] e, double[] mu, double weight) {
    }

    @Override
    public PreparedSimulation prepare(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        checkSettings(settings);
        SimulationException.checkCancelled(monitor);
        Element absorber = absorber(structure, settings);
        FeffRunner runner = runner(settings);
        rejectFullMultipleScatteringSettings(settings, runner.executable().version());
        // the table must reach the top of the grid: E = 3.81 k^2 above the edge, plus a margin for the Fermi level
        double kTop = Math.sqrt(Math.max(grid.stop(), 0) / K_TO_E) + 1;
        FeffCards.Builder b = cards(settings, absorber, structure)
                .exafsKmax(Math.max(FeffCards.DEFAULT_EXAFS_KMAX, Math.ceil(kTop)));
        if (runner.executable().version().hasFullMultipleScattering()) {
            b.xanesKmax(OptionalDouble.of(Math.max(4, Math.ceil(kTop * 10) / 10)))
                    .fms(OptionalDouble.of(settings.get(FMS)))
                    .corehole(settings.get(COREHOLE));
        }
        FeffCards cards = b.build();
        Plan plan = plan(structure, settings, cards, runner, absorber, mode(settings), settings.get(RADIUS));
        List<FeffRun> runs = run(plan, EnumSet.of(FeffRunner.Output.XMU), monitor,
                "FEFF " + absorber.symbol() + " " + cards.edge() + " XANES");
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < runs.size(); g++) {
            XmuDat xmu = runs.get(g).xmu().orElseThrow();
            groups.add(new Group(xmu.energy(), xmu.normalizedMu(), plan.groups().get(g).weight()));
        }
        String name = "FEFF " + absorber.symbol() + " " + cards.edge() + " XANES " + structure.reducedFormula();
        return prepared(structure, settings, NUISANCE, ns -> Spectrum.of(SpectrumKind.XANES, grid.values(),
                mu(groups, grid, ns)).withAxis("E-E0", "eV").withValues("normalised mu(E)", "").withName(name));
    }

    private static double[] mu(List<Group> groups, Grid grid, Settings settings) throws SimulationException {
        double shift = settings.get(ENERGY_SHIFT);
        double scale = settings.get(SCALE);
        double lorentz = settings.get(BROADENING_LORENTZIAN);
        double gauss = settings.get(BROADENING_GAUSSIAN);
        double[] at = grid.values();
        for (int i = 0; i < at.length; i++) {
            at[i] -= shift;
        }
        Grid shifted = Grid.of(at);
        double[] mu = new double[grid.size()];
        for (Group g : groups) {
            double[] e = g.e();
            double[] y = g.mu();
            if (lorentz > 0 || gauss > 0) {
                // the combined kernel is at least as wide as the wider one, so a tenth of that resolves the result; a
                // much narrower second kernel then acts as the delta function it nearly is, and a fit's tiny first
                // widths do not blow the grid up
                double step = Math.max(MIN_STEP, Math.min(0.1, Math.max(lorentz, gauss) / 10));
                double half = LORENTZ_CUT * lorentz + GAUSS_CUT * gauss;
                double start = e[0] - half;
                int n = (int) Math.ceil((e[e.length - 1] - start) / step) + 1;
                double[] fine = new double[n];
                double[] fy = new double[n];
                for (int i = 0; i < n; i++) {
                    fine[i] = start + i * step;
                }
                fine[n - 1] = Math.max(fine[n - 1], e[e.length - 1]);
                double[] inside = interpolate(e, y, Grid.of(clamp(fine, e[e.length - 1])), 0, "xmu.dat");
                System.arraycopy(inside, 0, fy, 0, n);
                if (lorentz > 0) {
                    fy = convolve(fy, step, lorentzian(lorentz, step));
                }
                if (gauss > 0) {
                    fy = convolve(fy, step, gaussian(gauss, step));
                }
                e = fine;
                y = fy;
            }
            double[] part = interpolate(e, y, shifted, 0, "xmu.dat (energy_shift " + shift + " eV)");
            for (int i = 0; i < mu.length; i++) {
                mu[i] += g.weight() * scale * part[i];
            }
        }
        return mu;
    }

    private static double[] clamp(double[] x, double top) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(out[i], top);
        }
        return out;
    }

    /** Lorentzian of full width {@code fwhm} sampled every {@code step}, centre at index (length - 1) / 2. */
    static double[] lorentzian(double fwhm, double step) {
        int h = (int) Math.ceil(LORENTZ_CUT * fwhm / step);
        double g = fwhm / 2;
        double[] k = new double[2 * h + 1];
        for (int i = -h; i <= h; i++) {
            double x = i * step;
            k[i + h] = g / (x * x + g * g);
        }
        return normalise(k);
    }

    /** Gaussian of full width {@code fwhm} sampled every {@code step}. */
    static double[] gaussian(double fwhm, double step) {
        int h = (int) Math.ceil(GAUSS_CUT * fwhm / step);
        double sigma = fwhm / (2 * Math.sqrt(2 * Math.log(2)));
        double[] k = new double[2 * h + 1];
        for (int i = -h; i <= h; i++) {
            double x = i * step;
            k[i + h] = Math.exp(-x * x / (2 * sigma * sigma));
        }
        return normalise(k);
    }

    private static double[] normalise(double[] k) {
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** y convolved with the kernel; y is 0 left of its first point and keeps its last value right of its end. */
    private static double[] convolve(double[] y, double step, double[] kernel) {
        int h = kernel.length / 2;
        int n = y.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = -h; j <= h; j++) {
                int src = i - j;
                double v = src < 0 ? 0 : src >= n ? y[n - 1] : y[src];
                s += kernel[j + h] * v;
            }
            out[i] = s;
        }
        return out;
    }
}
