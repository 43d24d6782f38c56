package org.activestructopt.simulation.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.activestructopt.api.Setting;
import org.activestructopt.api.SettingType;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;

/** Settings as command lines and job files see them: strings validated against the declared descriptors. */
class SettingsTest {

    private final PdfSimulator simulator = new PdfSimulator();
    private final Structure nio = Structure.builder(Lattice.cubic(4.17)).add("Ni", 0, 0, 0).add("O", 0.5, 0.5, 0.5)
            .build();

    @Test
    void declaresTheDiffPyNamedSettingsWithUnits() {
        SettingsSchema schema = simulator.descriptor().settings();
        assertEquals(List.of("scale", "uiso", "biso", "uiso_by_element", "qdamp", "qmax", "delta2", "delta1", "qbroad",
                "uiso_H", "uiso_He"), schema.settings().stream().map(Setting::name).limit(11).toList());
        assertEquals(org.activestructopt.structure.Element.values().length + 9, schema.settings().size(),
                "one uiso_<symbol> per element");
        assertEquals("angstrom^2", schema.get("uiso").units());
        assertEquals(0.005, schema.get("uiso").defaultValue().orElseThrow());
        assertEquals(SettingType.REAL, schema.get("qmax").type());
        assertTrue(schema.get("biso").defaultValue().isEmpty(), "biso is optional");
        String help = schema.describe();
        for (Setting<?> s : schema.settings()) {
            assertTrue(help.contains(s.name() + " ("), help);
        }
    }

    @Test
    void unknownNameIsRejectedNamingItAndTheClosestMatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> simulator.settings(Map.of("qmx", "20")));
        assertTrue(e.getMessage().contains("'qmx'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'qmax'"), e.getMessage());
        assertTrue(e.getMessage().contains("uiso_by_element"), "lists the known settings: " + e.getMessage());
        IllegalArgumentException far = assertThrows(IllegalArgumentException.class,
                () -> simulator.settings(Map.of("temperature", "300")));
        assertFalse(far.getMessage().contains("did you mean"), far.getMessage());
    }

    @Test
    void invalidValuesAreRejectedNamingSettingAndValue() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> simulator.settings(Map.of("uiso", "0.0o5")));
        assertTrue(nan.getMessage().contains("'uiso'") && nan.getMessage().contains("0.0o5"), nan.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> simulator.settings(Map.of("qdamp", "-0.01")));
        assertTrue(negative.getMessage().contains("'qdamp'") && negative.getMessage().contains("range"),
                negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> simulator.settings(Map.of("qmax", "Infinity")));
    }

    @Test
    void uisoAndBisoTogetherAreAmbiguous() {
        Settings s = simulator.settings(Map.of("uiso", "0.004", "biso", "0.5"));
        SimulationException e = assertThrows(SimulationException.class, () -> simulator.simulate(nio,
                simulator.descriptor().defaultGrid(), s, null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());
        assertTrue(e.getMessage().contains("uiso") && e.getMessage().contains("biso"), e.getMessage());
    }

    @Test
    void malformedPerElementUIsReported() {
        for (String bad : new String[] { "Xx:0.1", "Ni0.004", "Ni:abc", "Ni:-1", "Ni:0.1 Ni:0.2" }) {
            Settings s = simulator.settings(Map.of("uiso_by_element", bad));
            SimulationException e = assertThrows(SimulationException.class,
                    () -> simulator.simulate(nio, simulator.descriptor().defaultGrid(), s, null), bad);
            assertEquals(Reason.INVALID_REQUEST, e.reason());
            assertTrue(e.getMessage().contains("uiso_by_element"), e.getMessage());
        }
        assertEquals(Map.of(Element.of("Ni"), 0.004, Element.of("O"),
                0.008), PdfSettings.parseByElement(" ni=0.004, O:0.008 "));
    }

    @Test
    void settingsOfAnotherComponentAreRefused() {
        Settings foreign = SettingsSchema.of("simulator other", Setting.real("qmax", 0, "angstrom^-1", "q")).defaults();
        SimulationException e = assertThrows(SimulationException.class,
                () -> simulator.simulate(nio, simulator.descriptor().defaultGrid(), foreign, null));
        assertEquals(Reason.INVALID_REQUEST, e.reason());
        assertThrows(IllegalArgumentException.class, () -> foreign.get(PdfSettings.QMAX));
    }

    @Test
    void explicitValuesRoundTripThroughStrings() {
        Settings s = simulator.settings(Map.of("qmax", "25", "uiso_by_element", "O:0.008", "delta2", "-0.5"));
        assertEquals(25.0, s.get(PdfSettings.QMAX));
        assertEquals(0.005, s.get(PdfSettings.UISO), "default");
        assertTrue(s.isExplicit(PdfSettings.QMAX));
        assertFalse(s.isExplicit(PdfSettings.UISO));
        assertEquals(List.of("uiso_by_element", "qmax", "delta2"), List.copyOf(s.explicitValues().keySet()),
                "schema order");
        assertEquals(s, simulator.settings(s.explicitValues()));
        assertEquals(s.with(PdfSettings.QMAX, 30.0), s.with("qmax", "30"));
        assertEquals(simulator.descriptor().settings().defaults(), s.without(PdfSettings.QMAX)
                .without(PdfSettings.UISO_BY_ELEMENT).without(PdfSettings.DELTA2));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> s.get(PdfSettings.BISO));
        assertTrue(e.getMessage().contains("biso"), e.getMessage());
        assertTrue(s.effectiveValues().containsKey("scale"));
        assertFalse(s.effectiveValues().containsKey("biso"));
    }

    @Test
    void descriptorsValidateThemselves() {
        assertThrows(IllegalArgumentException.class, () -> SettingsSchema.of("x", Setting.real("a", 1, "", "a"),
                Setting.real("a", 2, "", "a")));
        assertThrows(IllegalArgumentException.class, () -> Setting.real("a", -1, "", "a").withRange(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Setting.real("1a", 0, "", "a"));
        Setting<String> mode = Setting.choice("mode", "fast", List.of("fast", "exact"), "m");
        assertEquals("exact", mode.parse("exact"));
        assertThrows(IllegalArgumentException.class, () -> mode.parse("Fast"));
        Setting<Integer> n = Setting.integer("n", 3, "", "n").withRange(1, 10);
        assertEquals(7, n.parse(" 7 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.parse("11"));
        assertTrue(e.getMessage().contains("[1, 10]"), e.getMessage());
        assertEquals(Boolean.TRUE, Setting.bool("b", false, "b").parse("TRUE"));
    }
}
