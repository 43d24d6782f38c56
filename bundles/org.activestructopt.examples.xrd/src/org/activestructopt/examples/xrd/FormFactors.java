package org.activestructopt.examples.xrd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.activestructopt.structure.Element;

/**
 * X-ray form factors of neutral atoms in the Cromer–Mann form of the International Tables Vol. C (1992), Table
 * 6.1.1.4: f0(s) = Σ<sub>i=1..4</sub> a<sub>i</sub> exp(−b<sub>i</sub> s²) + c with s = sin θ / λ in Å⁻¹, valid
 * for s ≤ 2 Å⁻¹. The coefficients (H to Cf) are in {@code resources/form-factors.tsv}, written from cctbx's table
 * {@code it1992} by {@code tools/generate_form_factors.py}. Anomalous dispersion (f′, f″) is left out, as in most
 * quick powder simulations.
 */
public final class FormFactors {

    private static final String RESOURCE = "/resources/form-factors.tsv";
    private static final Map<Element, double[]> TABLE = load();

    private FormFactors() {
    }

    /** @return the 9 coefficients a1..a4, b1..b4, c of an element, if tabulated */
    public static Optional<double[]> coefficients(Element e) {
        double[] c = TABLE.get(e);
        return c == null ? Optional.empty() : Optional.of(c.clone());
    }

    /** @return whether the element is tabulated */
    public static boolean has(Element e) {
        return TABLE.containsKey(e);
    }

    /**
     * @param s2 (sin θ / λ)² in Å⁻²
     * @return f0 in electrons
     * @throws IllegalArgumentException if the element is not tabulated
     */
    public static double f0(Element e, double s2) {
        double[] c = TABLE.get(e);
        if (c == null) {
            throw new IllegalArgumentException("no X-ray form factor for " + e.symbol());
        }
        return c[0] * Math.exp(-c[4] * s2) + c[1] * Math.exp(-c[5] * s2) + c[2] * Math.exp(-c[6] * s2)
                + c[3] * Math.exp(-c[7] * s2) + c[8];
    }

    private static Map<Element, double[]> load() {
        Map<Element, double[]> out = new EnumMap<>(Element.class);
        try (InputStream in = FormFactors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 11) {
                    throw new IllegalStateException(RESOURCE + " line " + n + ": expected 11 columns, got " + f.length);
                }
                double[] c = new double[9];
                for (int i = 0; i < 9; i++) {
                    c[i] = Double.parseDouble(f[i + 2]);
                }
                out.put(Element.of(f[0]), c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return out;
    }
}
