package org.activestructopt.simulation.pdf.internal;

import java.util.Objects;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.DifferentiableSimulator;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * The X-ray PDF simulator ({@code simulator.name=pdf}): G(r) with DiffPy PDFCalculator conventions, see
 * {@link PdfCalculator} for the formula and {@link PdfSettings} for the settings. Stateless and thread-safe.
 */
@Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=" + PdfSimulator.NAME)
public final class PdfSimulator implements DifferentiableSimulator {

    /** The registered name. */
    public static final String NAME = "pdf";

    private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
            "X-ray pair distribution function G(r) (DiffPy PDFCalculator conventions, f = Z)", SpectrumKind.PDF,
            Grid.uniform(1, 10, 0.01), CostClass.CHEAP, PdfSettings.SCHEMA);

    @Override
    public SimulatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Spectrum simulate(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        double[] x = checkGrid(grid);
        PdfCalculator.Result result = calculator(structure, settings).compute(x, false, monitor);
        return toSpectrum(structure, x, result.g());
    }

    @Override
    public SpectrumJacobian simulateWithJacobian(Structure structure, Grid grid, Settings settings,
            IProgressMonitor monitor) throws SimulationException {
        double[] x = checkGrid(grid);
        PdfCalculator calculator = calculator(structure, settings);
        PdfCalculator.Result result = calculator.compute(x, true, monitor);
        int n = structure.size();
        int width = calculator.columns();
        double[] dFrac = new double[x.length * 3 * n];
        double[] dLattice = new double[x.length * 9];
        for (int k = 0; k < x.length; k++) {
            System.arraycopy(result.jacobian(), k * width, dFrac, k * 3 * n, 3 * n);
            System.arraycopy(result.jacobian(), k * width + 3 * n, dLattice, k * 9, 9);
        }
        return SpectrumJacobian.of(toSpectrum(structure, x, result.g()), n, dFrac, dLattice);
    }

    private static PdfCalculator calculator(Structure structure, Settings settings) throws SimulationException {
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(settings, "settings");
        return new PdfCalculator(structure, PdfSettings.resolve(settings));
    }

    private static double[] checkGrid(Grid grid) throws SimulationException {
        Objects.requireNonNull(grid, "grid");
        if (grid.size() < 2) {
            throw new SimulationException(Reason.INVALID_REQUEST, "the r grid needs at least 2 points, got " + grid);
        }
        return grid.values();
    }

    private static Spectrum toSpectrum(Structure structure, double[] x, double[] g) {
        return Spectrum.of(SpectrumKind.PDF, x, g).withName(structure.reducedFormula() + " (" + NAME + ")");
    }

    @Override
    public String toString() {
        return "PdfSimulator[" + NAME + "]";
    }
}
