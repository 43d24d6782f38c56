package org.activestructopt.simulation.feff.internal;

import static org.activestructopt.simulation.feff.FeffSettings.KWEIGHT;
import static org.activestructopt.simulation.feff.FeffSettings.RADIUS;

import java.util.EnumSet;
import java.util.List;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.simulation.feff.FeffCards;
import org.activestructopt.simulation.feff.FeffRun;
import org.activestructopt.simulation.feff.FeffRunner;
import org.activestructopt.simulation.feff.FeffSettings;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.exafs.Exafs;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * {@code simulator.name=exafs}: k<sup>w</sup> chi(k) from FEFF's chi.dat, averaged over the absorbing sites
 * ({@link org.activestructopt.simulation.feff.AbsorberSites}) and interpolated linearly onto the requested k grid
 * (FEFF samples every 0.05 1/angstrom, so the default grid is taken exactly). The settings are
 * {@link FeffSettings}; the path expansion runs to RPATH with NLEG legs, with correlated-Debye damping.
 * <p>
 * For chi(R) apply {@link org.activestructopt.spectra.exafs.Xftf} to the result with k-weight 0 (the spectrum is
 * already weighted); to reproduce Larch's {@code xftf} on FEFF's own chi.dat, simulate from k = 0 with kweight 0 and
 * let the transform do the weighting, since the window's taper reaches below the usual kmin of 3.
 */
@Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=exafs")
public final class ExafsSimulator extends FeffSimulatorBase {

    /** Name of the service. */
    public static final String NAME = "exafs";

    private static final SettingsSchema SCHEMA = SettingsSchema.of(NAME, concat(CLUSTER_SETTINGS, List.of(KWEIGHT),
            PATH_SETTINGS, POTENTIAL_SETTINGS, DEBYE_SETTINGS, RUN_SETTINGS));

    private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
            "EXAFS k^w chi(k) computed by FEFF (feff8l by default), averaged over absorbing sites",
            SpectrumKind.EXAFS, Grid.uniform(3, 12, 0.05), CostClass.EXPENSIVE, SCHEMA);

    @Override
    public SimulatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Spectrum simulate(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
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
        FeffCards cards = cards(settings, absorber, structure)
                .exafsKmax(Math.max(FeffCards.DEFAULT_EXAFS_KMAX, Math.ceil(grid.stop()) + 1)).build();
        Plan plan = plan(structure, settings, cards, runner, absorber, mode(settings), settings.get(RADIUS));
        List<FeffRun> runs = run(plan, EnumSet.of(FeffRunner.Output.CHI), monitor,
                "FEFF " + absorber.symbol() + " " + cards.edge());
        double[] chi = new double[grid.size()];
        for (int g = 0; g < runs.size(); g++) {
            var dat = runs.get(g).chi().orElseThrow();
            double[] part = interpolate(dat.k(), dat.chi(), grid, 0, "chi.dat");
            double w = plan.groups().get(g).weight();
            for (int i = 0; i < chi.length; i++) {
                chi[i] += w * part[i];
            }
        }
        Spectrum raw = Spectrum.of(SpectrumKind.EXAFS, grid.values(), chi);
        return Exafs.kWeight(raw, settings.get(KWEIGHT))
                .withName("FEFF " + absorber.symbol() + " " + cards.edge() + " " + structure.reducedFormula());
    }
}
