package org.activestructopt.spectra.io;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** key=value facts of a text header, and the numeric ones among them mapped to {@link Stated} keys. */
final class Header {

    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][\\w.\\-]*)\\s*=\\s*(\\S*)");
    private static final Pattern WHOLE = Pattern.compile("^\\s*([A-Za-z_][\\w.\\-]*)\\s*[=:]\\s*(.*?)\\s*$");

    final Map<String, String> values = new LinkedHashMap<>();
    final Map<String, Integer> lines = new LinkedHashMap<>();

    /** PDFgetX2 style: several {@code key=value} words on one line. */
    void addPairs(String text, int line) {
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            put(m.group(1), m.group(2), line);
        }
    }

    /** Config style: {@code key = rest of the line} (PDFgetX3 [DEFAULT], XDI {@code Key.sub: value}). */
    boolean addWhole(String text, int line) {
        Matcher m = WHOLE.matcher(text);
        if (m.matches() && m.group(2).indexOf('=') < 0) {
            put(m.group(1), m.group(2), line);
            return true;
        }
        return false;
    }

    void put(String key, String value, int line) {
        values.putIfAbsent(key, value);
        lines.putIfAbsent(key.toLowerCase(Locale.ROOT), line);
    }

    /** @return the value of a key, case-insensitive */
    String get(String key) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    int line(String key) {
        return lines.getOrDefault(key.toLowerCase(Locale.ROOT), -1);
    }

    /** Maps the first of {@code keys} present with a numeric value to {@code to}. */
    void state(Map<Stated, Double> out, Stated to, String... keys) {
        for (String k : keys) {
            String v = get(k);
            if (v == null || v.isBlank()) {
                continue;
            }
            String first = NumberText.splitWhitespace(v)[0];
            if (NumberText.isNumber(first)) {
                double d = NumberText.parse(first);
                if (Double.isFinite(d)) {
                    out.put(to, d);
                    return;
                }
            }
        }
    }

    static Map<Stated, Double> stated() {
        return new EnumMap<>(Stated.class);
    }
}
