package org.activestructopt.simulation.pdf.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.activestructopt.api.Setting;
import org.activestructopt.api.Settings;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.structure.Element;

/**
 * The settings of the PDF simulator, named as in DiffPy's PDFCalculator, and their resolution into
 * {@link PdfParameters}.
 */
public final class PdfSettings {

    /** Biso = 8 pi^2 Uiso. */
    public static final double BISO_PER_UISO = 8 * Math.PI * Math.PI;

    public static final Setting<Double> SCALE = Setting.real("scale", 1.0, "", "overall scale factor of G(r)")
            .withRange(0, Double.POSITIVE_INFINITY);
    public static final Setting<Double> UISO = Setting.real("uiso", 0.005, "angstrom^2",
            "isotropic displacement parameter U of every element not listed in uiso_by_element")
            .withRange(0, Double.POSITIVE_INFINITY);
    public static final Setting<Double> BISO = Setting.optionalReal("biso", "angstrom^2",
            "alternative to uiso: isotropic Debye-Waller B = 8 pi^2 U of every element not in uiso_by_element")
            .withRange(0, Double.POSITIVE_INFINITY);
    public static final Setting<String> UISO_BY_ELEMENT = Setting.text("uiso_by_element", "",
            "per-element U in angstrom^2 overriding uiso/biso, e.g. 'Ni:0.004 O:0.008' (separators: space or comma)");
    public static final Setting<Double> QDAMP = Setting.real("qdamp", 0.0, "angstrom^-1",
            "instrumental Q resolution: G(r) is damped by exp(-(qdamp r)^2 / 2)")
            .withRange(0, Double.POSITIVE_INFINITY);
    public static final Setting<Double> QMAX = Setting.real("qmax", 0.0, "angstrom^-1",
            "termination: G(r) as if F(Q) were measured only up to qmax; 0 = no termination")
            .withRange(0, Double.POSITIVE_INFINITY);
    public static final Setting<Double> DELTA2 = Setting.real("delta2", 0.0, "angstrom^2",
            "correlated-motion peak sharpening at low temperature: sigma_ij^2 = (U_i + U_j) (1 - delta1 / r_ij "
                    + "- delta2 / r_ij^2 + (qbroad r_ij)^2)");
    public static final Setting<Double> DELTA1 = Setting.real("delta1", 0.0, "angstrom",
            "correlated-motion peak sharpening at high temperature (the 1/r term of sigma_ij^2, see delta2)");
    public static final Setting<Double> QBROAD = Setting.real("qbroad", 0.0, "angstrom^-1",
            "instrumental peak broadening growing with r (the (qbroad r)^2 term of sigma_ij^2, see delta2)")
            .withRange(0, Double.POSITIVE_INFINITY);

    /** Prefix of the per-element U settings, {@code uiso_Si} etc. */
    public static final String UISO_PREFIX = "uiso_";

    /**
     * One optional real setting per element, {@code uiso_<symbol>}: U of that element, overriding uiso_by_element,
     * uiso and biso. A fit refines U per element through these, since a nuisance parameter is a real setting.
     */
    private static final Map<Element, Setting<Double>> UISO_OF = uisoSettings();

    public static final SettingsSchema SCHEMA = schema();

    private PdfSettings() {
    }

    private static Map<Element, Setting<Double>> uisoSettings() {
        Map<Element, Setting<Double>> out = new EnumMap<>(Element.class);
        for (Element e : Element.values()) {
            out.put(e, Setting.optionalReal(UISO_PREFIX + e.symbol(), "angstrom^2",
                    "U of " + e.symbol() + " only, overriding uiso_by_element, uiso and biso")
                    .withRange(0, Double.POSITIVE_INFINITY));
        }
        return out;
    }

    private static SettingsSchema schema() {
        List<Setting<?>> all = new ArrayList<>(List.of(SCALE, UISO, BISO, UISO_BY_ELEMENT, QDAMP, QMAX, DELTA2,
                DELTA1, QBROAD));
        all.addAll(UISO_OF.values());
        return SettingsSchema.of("simulator " + PdfSimulator.NAME, all);
    }

    /** @return the setting {@code uiso_<symbol>} of element {@code e} */
    public static Setting<Double> uiso(Element e) {
        return UISO_OF.get(e);
    }

    /**
     * Validates settings as a whole (single values were validated on parsing).
     *
     * @throws SimulationException with {@link Reason#INVALID_REQUEST} naming the setting at fault
     */
    static PdfParameters resolve(Settings settings) throws SimulationException {
        if (!settings.schema().equals(SCHEMA)) {
            throw new SimulationException(Reason.INVALID_REQUEST,
                    "settings of " + settings.schema().owner() + " passed to " + SCHEMA.owner());
        }
        double u = settings.get(UISO);
        if (settings.find(BISO).isPresent()) {
            if (settings.isExplicit(UISO)) {
                throw new SimulationException(Reason.INVALID_REQUEST,
                        "give either 'uiso' or 'biso', not both (uiso = " + u + ", biso = " + settings.get(BISO) + ")");
            }
            u = settings.get(BISO) / BISO_PER_UISO;
        }
        Map<Element, Double> byElement;
        try {
            byElement = parseByElement(settings.get(UISO_BY_ELEMENT));
        } catch (IllegalArgumentException e) {
            throw new SimulationException(Reason.INVALID_REQUEST, e.getMessage(), e);
        }
        for (Map.Entry<Element, Setting<Double>> e : UISO_OF.entrySet()) {
            Optional<Double> v = settings.find(e.getValue());
            if (v.isPresent()) {
                byElement.put(e.getKey(), v.get());
            }
        }
        return new PdfParameters(settings.get(SCALE), u, byElement, settings.get(QDAMP), settings.get(QMAX),
                settings.get(DELTA2), settings.get(DELTA1), settings.get(QBROAD));
    }

    /**
     * Parses {@code "Ni:0.004 O:0.008"} (also {@code '='} for {@code ':'} and commas between entries).
     *
     * @throws IllegalArgumentException naming the setting and the offending entry
     */
    static Map<Element, Double> parseByElement(String text) {
        Map<Element, Double> out = new EnumMap<>(Element.class);
        for (String entry : text.strip().split("[\\s,;]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] kv = entry.split("[:=]", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "setting 'uiso_by_element': entry '" + entry + "' is not of the form Element:U");
            }
            Element e;
            try {
                e = Element.of(kv[0]);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("setting 'uiso_by_element': " + ex.getMessage(), ex);
            }
            double v;
            try {
                v = Double.parseDouble(kv[1]);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        "setting 'uiso_by_element': U of " + e.symbol() + " '" + kv[1] + "' is not a number", ex);
            }
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "setting 'uiso_by_element': U of " + e.symbol() + " must be finite and >= 0, got " + kv[1]);
            }
            if (out.put(e, v) != null) {
                throw new IllegalArgumentException("setting 'uiso_by_element': " + e.symbol() + " is given twice");
            }
        }
        return out;
    }
}
