package org.activestructopt.surrogate.gnn.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.api.SurrogateExample;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** Test structures and their X-ray PDFs from the {@code pdf} simulator service. */
final class Crystals {

    /** r from 1 to 6 angstrom in steps of 0.05: small enough for fast tests, covers the first few shells. */
    static final Grid GRID = Grid.uniform(1, 6, 0.05);

    private static Simulator pdf;

    private Crystals() {
    }

    /**
     * Rutile TiO2, P4_2/mnm: a = 4.5937, c = 2.9587 angstrom, O at (x, x, 0) with x = 0.30478 (Burdett et al., J. Am.
     * Chem. Soc. 109, 3639 (1987), 15 K neutron data), written out in P1.
     */
    static Structure rutile() {
        double x = 0.30478;
        return Structure.builder(Lattice.tetragonal(4.5937, 2.9587)).add("Ti", 0, 0, 0).add("Ti", 0.5, 0.5, 0.5)
                .add("O", x, x, 0).add("O", 1 - x, 1 - x, 0).add("O", 0.5 + x, 0.5 - x, 0.5)
                .add("O", 0.5 - x, 0.5 + x, 0.5).build();
    }

    /** A general triclinic cell (no two parameters equal, no right angle) with three elements. */
    static Structure triclinic() {
        return Structure.builder(Lattice.fromParameters(4.9, 5.6, 6.3, 78, 84, 97)).add("Ni", 0.05, 0.1, 0.12)
                .add("Ni", 0.55, 0.45, 0.6).add("O", 0.3, 0.62, 0.25).add("O", 0.8, 0.15, 0.7)
                .add("Li", 0.62, 0.9, 0.05).build();
    }

    static synchronized Simulator pdf() {
        if (pdf == null) {
            Bundle bundle = FrameworkUtil.getBundle(Crystals.class);
            assumeTrue(bundle != null, "not running inside an OSGi framework");
            BundleContext context = bundle.getBundleContext();
            assertNotNull(context, "bundle " + bundle.getSymbolicName() + " is not active");
            SimulatorRegistry registry = SimulatorRegistry.open(context); // kept open for the whole test run
            try {
                pdf = registry.await("pdf", Duration.ofSeconds(30))
                        .orElseThrow(() -> new AssertionError("no pdf simulator registered: " + registry.available()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return pdf;
    }

    /**
     * @return {@code n} copies of {@code base} with every site moved in a random direction by a distance uniform in
     *         [min, max] angstrom, each with its PDF on {@link #GRID}
     */
    static List<SurrogateExample> perturbed(Structure base, int n, long seed, double min, double max) {
        SplittableRandom random = new SplittableRandom(seed);
        Simulator simulator = pdf();
        List<SurrogateExample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Structure s = base.perturbed(random, min, max);
            try {
                out.add(new SurrogateExample(s,
                        simulator.simulate(s, GRID, simulator.descriptor().settings().defaults(), null)));
            } catch (SimulationException e) {
                throw new AssertionError("PDF of perturbed structure " + i + " failed", e);
            }
        }
        return out;
    }
}
