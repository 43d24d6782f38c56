package org.activestructopt.simulation.feff.internal;

import static org.activestructopt.simulation.feff.FeffSettings.COREHOLE;
import static org.activestructopt.simulation.feff.FeffSettings.FMS;
import static org.activestructopt.simulation.feff.FeffSettings.RADIUS;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SimulationException;
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
 */
@Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=xanes")
public final class XanesSimulator extends FeffSimulatorBase {

    /** Name of the service. */
    public static final String NAME = "xanes";

    /** hbar^2 / (2 m_e) in eV angstrom^2: E = K_TO_E k^2. */
    static final double K_TO_E = 3.80998;

    private static final SettingsSchema SCHEMA = SettingsSchema.of(NAME, concat(CLUSTER_SETTINGS,
            List.of(FMS, COREHOLE), PATH_SETTINGS, POTENTIAL_SETTINGS, DEBYE_SETTINGS, RUN_SETTINGS));

    private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
            "XANES normalised mu(E) by FEFF, E relative to the edge; with Debian's FEFF 8.5L only the path "
                    + "expansion above the Fermi level (no full multiple scattering, no pre-edge): configure FEFF "
                    + "9/10 for real XANES",
            SpectrumKind.XANES, Grid.uniform(-10, 70, 0.5), CostClass.EXPENSIVE, SCHEMA);

    @Override
    public SimulatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Spectrum simulate(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
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
        double[] mu = new double[grid.size()];
        for (int g = 0; g < runs.size(); g++) {
            XmuDat xmu = runs.get(g).xmu().orElseThrow();
            double[] part = interpolate(xmu.energy(), xmu.normalizedMu(), grid, 0, "xmu.dat");
            double w = plan.groups().get(g).weight();
            for (int i = 0; i < mu.length; i++) {
                mu[i] += w * part[i];
            }
        }
        return Spectrum.of(SpectrumKind.XANES, grid.values(), mu).withAxis("E-E0", "eV")
                .withValues("normalised mu(E)", "")
                .withName("FEFF " + absorber.symbol() + " " + cards.edge() + " XANES " + structure.reducedFormula());
    }
}
