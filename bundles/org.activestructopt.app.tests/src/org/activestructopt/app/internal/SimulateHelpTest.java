package org.activestructopt.app.internal;

import static org.activestructopt.app.internal.AsoTest.aso;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.activestructopt.api.CostClass;
import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.Simulator;
import org.activestructopt.api.SimulatorDescriptor;
import org.activestructopt.api.SimulatorRegistry;
import org.activestructopt.app.internal.AsoTest.Run;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Structure;
import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * {@code aso simulate NAME --help} for every registered simulator, the real FEFF ones and a third-party one whose
 * texts hold picocli's format characters: no "[picocli WARN]" line (picocli writes those to System.err, not to the
 * command's error stream) and the texts shown as written.
 */
class SimulateHelpTest {

    /** One run and what was printed to System.err meanwhile. */
    private record Captured(Run run, String systemErr) {
        /** @return the help text with its line breaks and indentation folded into single spaces */
        String text() {
            return run.out().replaceAll("\\s+", " ");
        }

        void assertNoWarning(String what) {
            assertEquals(0, run.code(), what + ": " + run.err());
            assertFalse(systemErr.contains("WARN"), what + ": " + systemErr);
            assertFalse(run.err().contains("WARN"), what + ": " + run.err());
        }
    }

    /** Runs aso, also capturing what picocli's tracer prints to System.err. */
    private static Captured asoCapturingSystemErr(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Run run;
        try {
            run = aso(args);
        } finally {
            System.setErr(saved);
        }
        return new Captured(run, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exafsHelpHasNoPicocliWarningAndShowsThePercentUnit() {
        Captured help = asoCapturingSystemErr("simulate", "exafs", "--help");
        help.assertNoWarning("simulate exafs --help");
        // the CRITERIA cut is in percent; the unit must come through as one literal %
        assertTrue(help.text().contains("(FEFF card CRITERIA, 2nd number) [%]. Default: 2.5."), help.run().out());
    }

    @Test
    void everySimulatorsHelpIncludingAThirdPartyOneHasNoPicocliWarning() {
        BundleContext context = FrameworkUtil.getBundle(SimulateHelpTest.class).getBundleContext();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Simulator.NAME_PROPERTY, ThirdParty.NAME);
        ServiceRegistration<Simulator> reg = context.registerService(Simulator.class, new ThirdParty(), props);
        try {
            List<String> names;
            try (SimulatorRegistry registry = SimulatorRegistry.open(context)) {
                names = new ArrayList<>(registry.available().keySet());
            }
            assertTrue(names.containsAll(List.of("exafs", "xanes", ThirdParty.NAME)), names.toString());
            for (String name : names) {
                asoCapturingSystemErr("simulate", name, "--help").assertNoWarning("simulate " + name + " --help");
            }
            String out = asoCapturingSystemErr("simulate", ThirdParty.NAME, "--help").text();
            assertTrue(out.contains("Loads 100% of ${HOME} (cheap)"), out);
            assertTrue(out.contains("fraction %d of %s kept [%]. Default: 5.0."), out);
        } finally {
            reg.unregister();
        }
    }

    /** A simulator from another vendor: its descriptions are plain text that happens to look like format strings. */
    private static final class ThirdParty implements Simulator {
        static final String NAME = "percent-test";
        private static final SimulatorDescriptor DESCRIPTOR = new SimulatorDescriptor(NAME,
                "Loads 100% of ${HOME}", SpectrumKind.PDF, Grid.uniform(1, 10, 0.1), CostClass.CHEAP,
                SettingsSchema.of(NAME, Setting.real("share", 5, "%", "fraction %d of %s kept")));

        @Override
        public SimulatorDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public Spectrum simulate(Structure structure, Grid grid, Settings settings, IProgressMonitor monitor) {
            throw new UnsupportedOperationException("only its help is shown");
        }
    }
}
