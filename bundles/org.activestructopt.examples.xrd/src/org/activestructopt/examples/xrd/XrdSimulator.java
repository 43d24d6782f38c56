package org.activestructopt.examples.xrd;

import java.util.Objects;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.service.component.annotations.Component;

/**
 * An example of a third-party simulator: an X-ray powder diffraction pattern ({@code simulator.name=xrd}) from the
 * kinematic theory of {@link PowderPattern}, on a 2θ grid in degrees, with Gaussian lines. It is one Declarative
 * Services component implementing the api's {@link Simulator}; nothing else of ActiveStructOpt names it, yet it
 * appears in {@code aso simulate}, in job files and in the workbench's job editor. Its plot convention (2θ in
 * degrees against intensity) and a job template are contributed declaratively in {@code plugin.xml}.
 * <p>
 * The pattern is scaled so that its highest point on the grid is 100 × {@code scale}, as measured patterns are
 * usually normalised; a pattern without any line on the grid is zero.
 */
@Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=" + XrdSimulator.NAME)
public final class XrdSimulator implements Simulator {

    /** The registered name. */
    public static final String NAME = "xrd";

    public static final Setting<Double> WAVELENGTH = Setting.real("wavelength", 1.54056, "angstrom",
            "X-ray wavelength (default Cu K-alpha1)").withRange(0.01, 10);
    public static final Setting<Double> FWHM = Setting.real("fwhm", 0.1, "degrees",
            "full width at half maximum of the Gaussian lines, in 2theta").withRange(1e-4, 20);
    public static final Setting<Double> BISO = Setting.real("biso", 0.0, "angstrom^2",
            "isotropic Debye-Waller factor B of every atom").withRange(0, 100);
    public static final Setting<Double> SCALE = Setting.real("scale", 1.0, "",
            "the highest point of the pattern on the grid is 100 * scale").withRange(0, Double.POSITIVE_INFINITY);

    public static final SettingsSchema SCHEMA = SettingsSchema.of("simulator " + NAME, WAVELENGTH, FWHM, BISO, SCALE);

    private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
            "X-ray powder diffraction pattern, kinematic (Cromer-Mann form factors, Lorentz-polarisation, Gaussian "
                    + "lines) - an example third-party simulator",
            SpectrumKind.OTHER, Grid.uniform(10, 90, 0.02), CostClass.CHEAP, SCHEMA);

    @Override
    public SimulatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Spectrum simulate(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(settings, "settings");
        if (!settings.schema().equals(SCHEMA)) {
            throw new SimulationException(Reason.INVALID_REQUEST, "settings of " + settings.schema().owner()
                    + " passed to " + SCHEMA.owner());
        }
        double[] x = grid.values();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (x.length < 2 || !(lo > 0) || !(hi < 180)) {
            throw new SimulationException(Reason.INVALID_REQUEST, "the 2theta grid must have at least 2 points "
                    + "within (0, 180) degrees, got " + grid);
        }
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
        double fwhm = settings.get(FWHM);
        // lines just above the grid still reach into it with their tails
        double reach = Math.min(179.999, hi + 4 * fwhm);
        PowderPattern pattern;
        try {
            pattern = PowderPattern.of(structure, settings.get(WAVELENGTH), reach, settings.get(BISO));
        } catch (IllegalArgumentException e) {
            throw new SimulationException(Reason.INVALID_STRUCTURE, e.getMessage(), e);
        }
        double[] y = pattern.profile(x, fwhm);
        double max = 0;
        for (double v : y) {
            max = Math.max(max, v);
        }
        if (max > 0) {
            double f = 100 * settings.get(SCALE) / max;
            for (int i = 0; i < y.length; i++) {
                y[i] *= f;
            }
        }
        return Spectrum.of(SpectrumKind.OTHER, x, y).withAxis("2theta", "degrees").withValues("intensity", "")
                .withName(structure.reducedFormula() + " (" + NAME + ")");
    }

    @Override
    public String toString() {
        return "XrdSimulator[" + NAME + "]";
    }
}
