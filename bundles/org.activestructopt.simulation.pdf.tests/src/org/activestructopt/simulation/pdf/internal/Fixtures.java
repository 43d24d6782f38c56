package org.activestructopt.simulation.pdf.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;

/** Readers for the fixtures written by data/pdf/generate.py, and small structures built by hand. */
final class Fixtures {

    static final Path DATA = Path.of("data", "pdf");

    private Fixtures() {
    }

    /** A reference G(r) with the settings (as strings, the way a command line passes them) it was computed with. */
    record Reference(Map<String, String> settings, double[] r, double[] g) {
    }

    /** Reads {@code lattice x y z} (three lines) and {@code site Element x y z} lines. */
    static Structure readStructure(String name) {
        Path file = DATA.resolve(name);
        List<double[]> rows = new ArrayList<>();
        List<Element> species = new ArrayList<>();
        List<double[]> frac = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(file)) {
            lineNo++;
            String[] t = line.strip().split("\\s+");
            if (line.isBlank() || t[0].startsWith("#")) {
                continue;
            }
            try {
                switch (t[0]) {
                    case "lattice" -> rows.add(numbers(t, 1, 3));
                    case "site" -> {
                        species.add(Element.of(t[1]));
                        frac.add(numbers(t, 2, 3));
                    }
                    default -> throw new IllegalArgumentException("unknown keyword '" + t[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return Structure.of(Lattice.of(rows.toArray(double[][]::new)), species, frac.toArray(double[][]::new));
    }

    /** Reads {@code # setting name = value} header lines and two columns r, G. */
    static Reference readReference(String name) {
        Path file = DATA.resolve(name);
        Map<String, String> settings = new LinkedHashMap<>();
        List<double[]> data = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(file)) {
            lineNo++;
            String s = line.strip();
            try {
                if (s.startsWith("# setting ")) {
                    String[] kv = s.substring("# setting ".length()).split("=", 2);
                    settings.put(kv[0].strip(), kv[1].strip());
                } else if (!s.isEmpty() && !s.startsWith("#")) {
                    data.add(numbers(s.split("\\s+"), 0, 2));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        double[] r = data.stream().mapToDouble(d -> d[0]).toArray();
        double[] g = data.stream().mapToDouble(d -> d[1]).toArray();
        return new Reference(settings, r, g);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file.toAbsolutePath(), e);
        }
    }

    private static double[] numbers(String[] tokens, int from, int count) {
        if (tokens.length != from + count) {
            throw new IllegalArgumentException("expected " + count + " numbers after '" + tokens[0] + "'");
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = Double.parseDouble(tokens[from + i]);
        }
        return v;
    }

    /** The triclinic Ni-Li-O test crystal of generate.py. */
    static Structure triclinic() {
        return readStructure("triclinic.structure");
    }
}
