package org.activestructopt.examples.xrd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.refinement.Refinement;
import org.activestructopt.refinement.model.Candidate;
import org.activestructopt.refinement.model.Job;
import org.activestructopt.refinement.model.Method;
import org.activestructopt.refinement.model.Results;
import org.activestructopt.refinement.model.Status;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** The simulator as a third party ships it: a DS service found by name, next to ours, and usable in a job. */
class XrdServiceTest {

    private static BundleContext context() {
        return FrameworkUtil.getBundle(XrdServiceTest.class).getBundleContext();
    }

    @Test
    void declarativeServicesRegisterItUnderItsNameNextToThePdfSimulator() throws Exception {
        try (SimulatorRegistry registry = SimulatorRegistry.open(context())) {
            Simulator xrd = registry.await("xrd", Duration.ofSeconds(20)).orElseThrow(
                    () -> new AssertionError("no simulator 'xrd'; available: " + registry.available()));
            registry.await("pdf", Duration.ofSeconds(20)).orElseThrow();
            assertInstanceOf(XrdSimulator.class, xrd);
            assertEquals("xrd", xrd.descriptor().name());
            assertTrue(registry.available().keySet().containsAll(List.of("pdf", "xrd")),
                    registry.available().keySet().toString());

            var s = Reference.structure("rutile.cif");
            Grid grid = Grid.uniform(20, 60, 0.05);
            var settings = xrd.settings(Map.of("fwhm", "0.2"));
            Spectrum viaService = xrd.simulate(s, grid, settings, null);
            assertArrayEquals(new XrdSimulator().simulate(s, grid, settings, null).yArray(), viaService.yArray(), 0);
            assertEquals(100, java.util.Arrays.stream(viaService.yArray()).max().orElseThrow(), 1e-9,
                    "normalised to 100 at the highest point");
            assertEquals("2theta", viaService.xName());
            assertEquals("degrees", viaService.xUnits());
        }
    }

    @Test
    void unknownSettingsAreNamedWithASuggestion() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new XrdSimulator().settings(Map.of("wavelenght", "1.5")));
        assertTrue(e.getMessage().contains("did you mean 'wavelength'"), e.getMessage());
    }

    /** Random search, budget 3, against pymatgen's pattern of the distorted cell (generate.py). */
    @Test
    void itRunsInARefinementJob(@TempDir Path tmp) throws Exception {
        Job job = Job.create().setName("xrd random").setMethod(Method.RANDOM).setSeed(1);
        job.start().setFile(Path.of("data", "rutile.cif").toAbsolutePath().toString());
        job.addObjective("xrd", Path.of("data", "distorted_xrd.dat").toAbsolutePath().toString())
                .setSetting("fwhm", "0.1");
        job.budget().setSimulations(3).setInitial(1).setCalibration(0).setExploit(0);
        job.saveAs(tmp.resolve("job.xmi"));
        try (SimulatorRegistry registry = SimulatorRegistry.open(context())) {
            Simulator xrd = registry.await("xrd", Duration.ofSeconds(20)).orElseThrow();
            // the engine's entry point, as the command line and the workbench call it (no surrogate for a baseline)
            Results results = Refinement.run(job, registry, null, null);
            assertEquals(Status.COMPLETED, results.status());
            assertEquals(3, results.size());
            for (Candidate c : results.candidates()) {
                assertFalse(c.isFailed(), c.toString());
                assertTrue(Double.isFinite(c.loss()) && c.loss() > 0, c.toString());
                // the engine simulated with this service on the target's grid
                Spectrum again = xrd.simulate(c.structure(), Grid.of(results.grid(0)), xrd.settings(Map.of("fwhm",
                        "0.1")), null);
                assertArrayEquals(again.yArray(), c.spectrum(0).yArray(), 1e-9);
            }
            assertEquals(3501, results.grid(0).length, "10-80 degrees in steps of 0.02");
            assertEquals(3, Job.load(tmp.resolve("job.xmi")).results().size(), "saved with the job");
        }
    }
}
