package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.activestructopt.api.NuisanceParameter;
import org.activestructopt.api.PreparedSimulation;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SimulationException;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;

/** The PDF simulator's nuisance parameters and its prepared simulation. */
class NuisanceTest {

    private static final Grid GRID = Grid.uniform(1, 12, 0.02);

    private final PdfSimulator simulator = new PdfSimulator();

    @Test
    void listsScaleAsProportionalAndUPerElementPresent() {
        Structure s = Fixtures.triclinic();
        List<String> names = simulator.nuisanceParameters(s).stream().map(NuisanceParameter::name).toList();
        assertEquals(List.of("scale", "qdamp", "delta2"), names.subList(0, 3));
        java.util.Set<String> present = new java.util.HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            present.add("uiso_" + s.species(i).symbol());
        }
        assertEquals(present, java.util.Set.copyOf(names.subList(3, names.size())), "U of the elements present");
        assertTrue(simulator.nuisanceParameters().get(0).proportional(), "scale is closed-form");
        for (NuisanceParameter p : simulator.nuisanceParameters()) {
            assertTrue(simulator.descriptor().settings().contains(p.setting()), p.name() + " is a setting");
            if (p.name().startsWith("uiso")) {
                assertTrue(p.lower() > 0, p.name() + ": U stays positive in a fit");
            }
        }
    }

    @Test
    void startValueOfAPerElementUFallsBackToTheOtherForms() {
        Settings s = simulator.settings(Map.of("uiso", "0.007", "uiso_by_element", "O:0.009"));
        NuisanceParameter o = byName("uiso_O");
        NuisanceParameter ni = byName("uiso_Ni");
        assertEquals(0.009, simulator.value(o, s), 0);
        assertEquals(0.007, simulator.value(ni, s), 0);
        assertEquals(0.003, simulator.value(ni, s.with("uiso_Ni", "0.003")), 0);
        assertEquals(1.0, simulator.value(byName("scale"), s), 0);
    }

    @Test
    void preparedSpectraEqualFullSimulationsForOtherNuisanceValues() throws SimulationException {
        Structure s = Fixtures.triclinic();
        for (String qmax : new String[] { "0", "20" }) {
            Settings base = simulator.settings(Map.of("qmax", qmax, "uiso", "0.006"));
            PreparedSimulation prepared = simulator.prepare(s, GRID, base, null);
            // the last set widens the peaks beyond the prepared cutoff, so the geometry must grow
            List<Map<String, String>> changes = List.of(Map.of(), Map.of("scale", "0.8", "qdamp", "0.04"),
                    Map.of("uiso_Ni", "0.003", "uiso_O", "0.011", "delta2", "0.8"),
                    Map.of("delta1", "0.6", "qbroad", "0.03"), Map.of("uiso", "0.03", "qbroad", "0.05"));
            for (Map<String, String> change : changes) {
                Settings t = base.withAll(change);
                double[] full = simulator.simulate(s, GRID, t, null).yArray();
                double[] fast = prepared.spectrum(t).yArray();
                assertArrayEquals(full, fast, 1e-12, "qmax " + qmax + ", " + change);
            }
        }
    }

    @Test
    void preparedSimulationRefusesAChangeOfOtherSettings() throws SimulationException {
        Settings base = simulator.settings(Map.of("qmax", "20"));
        PreparedSimulation prepared = simulator.prepare(Fixtures.triclinic(), GRID, base, null);
        SimulationException e = assertThrows(SimulationException.class,
                () -> prepared.spectrum(base.with("qmax", "25")));
        assertTrue(e.getMessage().contains("qmax"), e.getMessage());
    }

    private NuisanceParameter byName(String name) {
        return simulator.nuisanceParameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
