package org.activestructopt.ui.internal.structure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import org.activestructopt.structure.Element;
import org.eclipse.swt.graphics.RGB;

/**
 * Element colours of the VESTA scheme (O red, Ni grey, Li green ...), read from {@code element_colours.tsv}, which
 * {@code tools/generate_element_colours.py} writes from pymatgen's copy of the scheme. Elements missing from the
 * scheme are drawn in a neutral pink.
 */
public final class ElementColours {

    private static final RGB MISSING = new RGB(255, 105, 180);
    private static final Map<Element, RGB> COLOURS = load();

    private ElementColours() {
    }

    /** @return the colour of an element */
    public static RGB of(Element e) {
        return COLOURS.getOrDefault(e, MISSING);
    }

    private static Map<Element, RGB> load() {
        Map<Element, RGB> map = new EnumMap<>(Element.class);
        try (InputStream in = ElementColours.class.getResourceAsStream("element_colours.tsv")) {
            if (in == null) {
                throw new IllegalStateException("element_colours.tsv missing from the bundle");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                Element e;
                try {
                    e = Element.of(f[0]);
                } catch (IllegalArgumentException unknown) {
                    continue; // the scheme also colours pseudo-elements (e.g. "D"); we have no use for them
                }
                map.put(e, new RGB(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }
}
