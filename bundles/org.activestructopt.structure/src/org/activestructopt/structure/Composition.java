package org.activestructopt.structure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * An amount of each element (number of atoms, possibly fractional), like pymatgen's {@code Composition}. Immutable.
 * <p>
 * Formula strings follow pymatgen (2022.11) so that results can be compared with Python tooling: elements ordered by
 * Pauling electronegativity (then symbol), reduced by the greatest common divisor, a trailing polyanion written in
 * brackets when it has a multiplicity (e.g. "Ca(NO3)2"), and the special cases for diatomic elements and peroxides
 * ("O2", "Li2O2", ...). Elements without an electronegativity (He, Ne, Ar) are placed last.
 */
public final class Composition {

    /** Amounts closer than this to an integer count as integers, as in pymatgen. */
    private static final double AMOUNT_TOLERANCE = 1e-8;

    /** pymatgen's Composition.special_formulas: keeps "O2" rather than "O", "Li2O2" rather than "LiO". */
    private static final Map<String, String> SPECIAL_FORMULAS = Map.ofEntries(
            Map.entry("LiO", "Li2O2"), Map.entry("NaO", "Na2O2"), Map.entry("KO", "K2O2"), Map.entry("HO", "H2O2"),
            Map.entry("CsO", "Cs2O2"), Map.entry("RbO", "Rb2O2"), Map.entry("O", "O2"), Map.entry("N", "N2"),
            Map.entry("F", "F2"), Map.entry("Cl", "Cl2"), Map.entry("H", "H2"));

    /** Electronegativity, then symbol; NaN last (pymatgen's own order with NaN is undefined). */
    private static final Comparator<Element> FORMULA_ORDER = Comparator
            .comparingDouble((Element e) -> Double.isNaN(e.electronegativity()) ? Double.POSITIVE_INFINITY
                    : e.electronegativity())
            .thenComparing(Element::symbol);

    private final EnumMap<Element, Double> amounts;

    private Composition(EnumMap<Element, Double> amounts) {
        this.amounts = amounts;
    }

    /**
     * @param amounts element to amount; zero amounts are dropped
     * @throws IllegalArgumentException for negative or non-finite amounts
     */
    public static Composition of(Map<Element, ? extends Number> amounts) {
        EnumMap<Element, Double> map = new EnumMap<>(Element.class);
        for (Map.Entry<Element, ? extends Number> e : amounts.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("Composition entries must not be null: " + amounts);
            }
            double v = e.getValue().doubleValue();
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("Amount of " + e.getKey() + " must be finite and >= 0, got " + v);
            }
            if (v > 0) {
                map.put(e.getKey(), v);
            }
        }
        return new Composition(map);
    }

    /** @return the composition counting one atom per entry of {@code species} */
    public static Composition count(Collection<Element> species) {
        EnumMap<Element, Double> map = new EnumMap<>(Element.class);
        for (Element e : species) {
            map.merge(e, 1.0, Double::sum);
        }
        return new Composition(map);
    }

    /**
     * Parses a chemical formula such as "Fe2O3", "LiFePO4", "Ca(NO3)2", "Li0.5CoO2" or "Li4 Ni4 O8" (white space is
     * ignored; round and square brackets may nest; an element may appear several times).
     *
     * @throws IllegalArgumentException naming the position of the first character that cannot be parsed
     */
    public static Composition parse(String formula) {
        if (formula == null) {
            throw new IllegalArgumentException("Formula is null");
        }
        FormulaParser p = new FormulaParser(formula);
        EnumMap<Element, Double> map = p.group();
        if (p.pos != p.s.length()) {
            throw p.error("unexpected '" + p.s.charAt(p.pos) + "'");
        }
        map.values().removeIf(v -> v == 0);
        return new Composition(map);
    }

    /** @return the amount of {@code e}, 0 if absent */
    public double amount(Element e) {
        return amounts.getOrDefault(e, 0.0);
    }

    /** @return the elements present, in order of atomic number */
    public Set<Element> elements() {
        return Collections.unmodifiableSet(amounts.keySet());
    }

    /** @return an unmodifiable element to amount map, in order of atomic number */
    public Map<Element, Double> asMap() {
        return Collections.unmodifiableMap(amounts);
    }

    /** @return the total number of atoms */
    public double totalAtoms() {
        double n = 0;
        for (double v : amounts.values()) {
            n += v;
        }
        return n;
    }

    /** @return the formula mass in unified atomic mass units (g/mol) */
    public double weight() {
        double w = 0;
        for (Map.Entry<Element, Double> e : amounts.entrySet()) {
            w += e.getKey().mass() * e.getValue();
        }
        return w;
    }

    /** @return the amount-weighted fraction of each element (sums to 1) */
    public Map<Element, Double> fractions() {
        double n = totalAtoms();
        EnumMap<Element, Double> f = new EnumMap<>(Element.class);
        amounts.forEach((e, v) -> f.put(e, v / n));
        return Collections.unmodifiableMap(f);
    }

    /** @return pymatgen's {@code formula}: all amounts written, space separated, e.g. "Li4 Ni4 O8" */
    public String formula() {
        StringJoiner j = new StringJoiner(" ");
        for (Element e : ordered(amounts.keySet())) {
            j.add(e.symbol() + formatAmount(amounts.get(e), false));
        }
        return j.toString();
    }

    /** @return pymatgen's {@code reduced_formula}, e.g. "LiNiO2" for Li4 Ni4 O8, "Fe2O3", "O2" for O4 */
    public String reducedFormula() {
        if (amounts.isEmpty()) {
            return "";
        }
        for (double v : amounts.values()) {
            if (Math.abs(v - Math.rint(v)) >= AMOUNT_TOLERANCE) {
                return formula().replace(" ", "");
            }
        }
        EnumMap<Element, Double> ints = new EnumMap<>(Element.class);
        amounts.forEach((e, v) -> ints.put(e, Math.rint(v)));
        String reduced = reduce(ints);
        return SPECIAL_FORMULAS.getOrDefault(reduced, reduced);
    }

    /** pymatgen's reduce_formula: gcd reduction plus polyanion detection. */
    private static String reduce(EnumMap<Element, Double> amt) {
        List<Element> syms = ordered(amt.keySet());
        double factor = 1;
        boolean allInt = true;
        for (double v : amt.values()) {
            allInt &= v == Math.rint(v);
        }
        if (allInt) {
            long g = 0;
            for (double v : amt.values()) {
                g = gcd(g, (long) Math.abs(v));
            }
            factor = g == 0 ? 1 : g;
        }
        String polyanion = "";
        int n = syms.size();
        if (n >= 3 && syms.get(n - 1).electronegativity() - syms.get(n - 2).electronegativity() < 1.65) {
            EnumMap<Element, Double> poly = new EnumMap<>(Element.class);
            for (Element e : syms.subList(n - 2, n)) {
                poly.put(e, amt.get(e) / factor);
            }
            double polyFactor = gcdFactor(poly);
            if (polyFactor != 1) {
                polyanion = "(" + reduce(poly) + ")" + formatAmount(polyFactor, true);
                syms = syms.subList(0, n - 2);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Element e : syms) {
            sb.append(e.symbol()).append(formatAmount(amt.get(e) / factor, true));
        }
        return sb.append(polyanion).toString();
    }

    private static double gcdFactor(Map<Element, Double> amt) {
        long g = 0;
        for (double v : amt.values()) {
            if (v != Math.rint(v)) {
                return 1;
            }
            g = gcd(g, (long) Math.abs(v));
        }
        return g == 0 ? 1 : g;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static List<Element> ordered(Collection<Element> elements) {
        List<Element> list = new ArrayList<>(elements);
        list.sort(FORMULA_ORDER);
        return list;
    }

    /** pymatgen's formula_double_format: "" for 1 (if ignoreOnes), integers without ".0", else 8 decimals. */
    private static String formatAmount(double v, boolean ignoreOnes) {
        if (ignoreOnes && v == 1) {
            return "";
        }
        if (Math.abs(v - (long) v) < 1e-8) {
            return Long.toString((long) v);
        }
        return new BigDecimal(Double.toString(v)).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    /** Equal if the same elements have exactly the same amounts. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Composition c && amounts.equals(c.amounts);
    }

    @Override
    public int hashCode() {
        return amounts.hashCode();
    }

    /** @return {@link #formula()} */
    @Override
    public String toString() {
        return formula();
    }

    /** Recursive-descent parser: group := (element number? | '(' group ')' number?)* */
    private static final class FormulaParser {
        final String s;
        int pos;
        int depth;

        FormulaParser(String s) {
            this.s = s;
        }

        EnumMap<Element, Double> group() {
            EnumMap<Element, Double> map = new EnumMap<>(Element.class);
            while (true) {
                skipSpace();
                if (pos >= s.length()) {
                    return map;
                }
                char c = s.charAt(pos);
                if (c == '(' || c == '[') {
                    char close = c == '(' ? ')' : ']';
                    int open = pos++;
                    depth++;
                    EnumMap<Element, Double> inner = group();
                    skipSpace();
                    if (pos >= s.length() || s.charAt(pos) != close) {
                        pos = open;
                        throw error("unbalanced '" + c + "'");
                    }
                    pos++;
                    depth--;
                    double k = number();
                    inner.forEach((e, v) -> map.merge(e, v * k, Double::sum));
                } else if (c == ')' || c == ']') {
                    if (depth == 0) {
                        throw error("unbalanced '" + c + "'");
                    }
                    return map;
                } else if (Character.isUpperCase(c)) {
                    int start = pos++;
                    if (pos < s.length() && Character.isLowerCase(s.charAt(pos))) {
                        pos++;
                    }
                    String sym = s.substring(start, pos);
                    Element e;
                    try {
                        e = Element.of(sym);
                    } catch (IllegalArgumentException ex) {
                        pos = start;
                        throw error("unknown element '" + sym + "'");
                    }
                    map.merge(e, number(), Double::sum);
                } else {
                    throw error("unexpected '" + c + "'");
                }
            }
        }

        double number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos) {
                return 1;
            }
            try {
                return Double.parseDouble(s.substring(start, pos));
            } catch (NumberFormatException ex) {
                pos = start;
                throw error("bad number '" + s.substring(start) + "'");
            }
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("Cannot parse formula \"" + s + "\" at position " + pos + ": " + what);
        }
    }
}
