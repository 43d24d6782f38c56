package org.activestructopt.ui.internal.spectra;

import java.util.Map;

/** Axis titles: NeXus unit spellings ("angstrom^-1", "1/angstrom") written the way a plot shows them ("Å⁻¹"). */
public final class Units {

    private static final Map<String, String> SPELLINGS = Map.ofEntries(
            Map.entry("angstrom", "Å"), Map.entry("angstroms", "Å"), Map.entry("A", "Å"),
            Map.entry("angstrom^-1", "Å⁻¹"), Map.entry("1/angstrom", "Å⁻¹"), Map.entry("A^-1", "Å⁻¹"),
            Map.entry("angstrom^-2", "Å⁻²"), Map.entry("1/angstrom^2", "Å⁻²"), Map.entry("angstrom^-3", "Å⁻³"),
            Map.entry("angstrom^-4", "Å⁻⁴"), Map.entry("angstrom^-5", "Å⁻⁵"),
            Map.entry("nm", "nm"), Map.entry("eV", "eV"), Map.entry("keV", "keV"),
            Map.entry("degree", "°"), Map.entry("degrees", "°"), Map.entry("deg", "°"));

    private static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private Units() {
    }

    /** @return the units as shown on an axis; unknown spellings are shown unchanged */
    public static String pretty(String units) {
        if (units == null) {
            return "";
        }
        String u = units.strip();
        return SPELLINGS.getOrDefault(u, u);
    }

    /** @return "name (units)", or the name alone for dimensionless quantities */
    public static String axisTitle(String name, String units) {
        String u = pretty(units);
        return u.isEmpty() ? name : name + " (" + u + ")";
    }

    /** @return a number with up to 6 significant digits and no trailing zeros, e.g. "11.9", "0", "1.5e-05" */
    public static String number(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** @return Å to the given (possibly negative) integer power, "" for 0 */
    public static String angstromPower(int power) {
        if (power == 0) {
            return "";
        }
        if (power == 1) {
            return "Å";
        }
        return "Å" + superscript(power);
    }

    /** @return the integer in superscript digits, with a superscript minus when negative */
    public static String superscript(int n) {
        StringBuilder b = new StringBuilder();
        if (n < 0) {
            b.append('⁻');
        }
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) {
            b.append(SUPERSCRIPT_DIGITS.charAt(c - '0'));
        }
        return b.toString();
    }
}
