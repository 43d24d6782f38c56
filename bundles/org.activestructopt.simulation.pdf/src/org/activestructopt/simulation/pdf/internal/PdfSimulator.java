package org.activestructopt.simulation.pdf.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.DifferentiableSimulator;
import org.activestructopt.api.NuisanceParameter;
import org.activestructopt.api.NuisanceSimulator;
import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.api.SpectrumJacobian;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Component;

/**
 * The X-ray PDF simulator ({@code simulator.name=pdf}): G(r) with DiffPy PDFCalculator conventions, see
 * {@link PdfCalculator} for the formula and {@link PdfSettings} for the settings. Stateless and thread-safe.
 * <p>
 * Its nuisance parameters are scale (proportional: G is linear in it, termination included), qdamp, qbroad, delta1,
 * delta2, uiso and one {@code uiso_<element>} per element. {@link #nuisanceParameters(Structure)}, those a fit
 * refines by default, are scale, qdamp, delta2 and the per-element U of the elements present (not {@code uiso},
 * which they override; qbroad and delta1 only when a job names them). A
 * {@link #prepare prepared} simulation keeps the pair geometry (neighbour search, distances, weights), so a fit of U,
 * qdamp, qbroad or delta1/2 costs Gaussians and termination only.
 */
@Component(service = Simulator.class, property = Simulator.NAME_PROPERTY + "=" + PdfSimulator.NAME)
public final class PdfSimulator implements DifferentiableSimulator, NuisanceSimulator {

    /** The registered name. */
    public static final String NAME = "pdf";

    private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
            "X-ray pair distribution function G(r) (DiffPy PDFCalculator conventions, f = Z)", SpectrumKind.PDF,
            Grid.uniform(1, 10, 0.01), CostClass.CHEAP, PdfSettings.SCHEMA);

    /** Fit bounds of U (angstrom^2): U must stay positive, and 0.5 A^2 is far beyond any crystal's. */
    static final double U_LOWER = 1e-6;
    static final double U_UPPER = 0.5;

    private static final List<NuisanceParameter> NUISANCE = nuisance();

    private static List<NuisanceParameter> nuisance() {
        List<NuisanceParameter> out = new ArrayList<>();
        out.add(NuisanceParameter.of(PdfSettings.SCALE).asProportional());
        out.add(NuisanceParameter.of(PdfSettings.QDAMP).withBounds(0, 1));
        out.add(NuisanceParameter.of(PdfSettings.QBROAD).withBounds(0, 1));
        out.add(NuisanceParameter.of(PdfSettings.DELTA1).withBounds(0, 10));
        out.add(NuisanceParameter.of(PdfSettings.DELTA2).withBounds(0, 20));
        out.add(NuisanceParameter.of(PdfSettings.UISO).withBounds(U_LOWER, U_UPPER));
        for (Element e : Element.values()) {
            out.add(NuisanceParameter.of(PdfSettings.uiso(e)).withBounds(U_LOWER, U_UPPER));
        }
        return List.copyOf(out);
    }

    @Override
    public SimulatorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<NuisanceParameter> nuisanceParameters() {
        return NUISANCE;
    }

    @Override
    public List<NuisanceParameter> nuisanceParameters(Structure structure) {
        Set<Element> present = new LinkedHashSet<>();
        for (int i = 0; i < structure.size(); i++) {
            present.add(structure.species(i));
        }
        // qbroad and delta1 correlate with U and delta2 and are refined only when a job names them, as in PDFgui
        List<NuisanceParameter> out = new ArrayList<>(List.of(NUISANCE.get(0), NUISANCE.get(1), NUISANCE.get(4)));
        for (NuisanceParameter p : NUISANCE.subList(6, NUISANCE.size())) {
            String symbol = p.name().substring(PdfSettings.UISO_PREFIX.length());
            if (present.contains(Element.of(symbol))) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public double value(NuisanceParameter parameter, Settings settings) {
        String name = parameter.name();
        if (name.startsWith(PdfSettings.UISO_PREFIX)) {
            try {
                return PdfSettings.resolve(settings)
                        .u(Element.of(name.substring(PdfSettings.UISO_PREFIX.length())));
            } catch (SimulationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return NuisanceSimulator.super.value(parameter, settings);
    }

    @Override
    public PreparedSimulation prepare(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor)
            throws SimulationException {
        double[] x = checkGrid(grid);
        PdfCalculator first = calculator(structure, settings);
        return new Prepared(structure, x, settings, first.cutoffFor(x[x.length - 1]));
    }

    /** Keeps the pair geometry, rebuilt only when wider peaks need pairs beyond its cutoff. */
    private final class Prepared implements PreparedSimulation {
        /** Extra reach of a rebuilt geometry, so that a fit widening peaks step by step rebuilds rarely. */
        private static final double MARGIN = 1.25;

        private final Structure structure;
        private final double[] x;
        private final Map<String, String> fixed;
        private PairTable geometry;

        Prepared(Structure structure, double[] x, Settings settings, double cutoff) throws SimulationException {
            this.structure = structure;
            this.x = x;
            this.fixed = nonNuisance(settings);
            this.geometry = PairTable.geometry(structure, cutoff, false);
        }

        @Override
        public Structure structure() {
            return structure;
        }

        @Override
        public Spectrum spectrum(Settings settings) throws SimulationException {
            Objects.requireNonNull(settings, "settings");
            Map<String, String> other = nonNuisance(settings);
            if (!other.equals(fixed)) {
                throw new SimulationException(Reason.INVALID_REQUEST, "a prepared PDF simulation can change only "
                        + "nuisance parameters; prepared with " + fixed + ", asked for " + other);
            }
            PdfCalculator c = new PdfCalculator(structure, PdfSettings.resolve(settings), (cutoff, derivatives) -> {
                if (cutoff > geometry.cutoff) {
                    geometry = PairTable.geometry(structure, cutoff * MARGIN, false);
                }
                return geometry;
            });
            return toSpectrum(structure, x, c.compute(x, false, null).g());
        }

        private Map<String, String> nonNuisance(Settings settings) {
            Map<String, String> v = new java.util.TreeMap<>(settings.effectiveValues());
            for (NuisanceParameter p : NUISANCE) {
                v.remove(p.name());
            }
            return v;
        }
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
