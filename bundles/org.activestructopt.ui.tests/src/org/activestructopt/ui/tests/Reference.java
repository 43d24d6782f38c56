package org.activestructopt.ui.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reference values written by data/generate.py (h5py, pymatgen). */
public final class Reference {

    private Reference() {
    }

    /** x and y of one signal of data/nexus_reference.tsv. */
    public record Curve(double[] x, double[] y) {
    }

    /** @return the signal's values as h5py read them */
    public static Curve nexus(String file, String signal) {
        List<double[]> rows = new ArrayList<>();
        for (String line : lines("nexus_reference.tsv")) {
            String[] f = line.split("\t");
            if (f[0].equals(file) && f[1].equals(signal)) {
                rows.add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no reference for " + file + " " + signal);
        }
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] y = rows.stream().mapToDouble(r -> r[1]).toArray();
        return new Curve(x, y);
    }

    /** @return the signals listed for a file, in file order */
    public static List<String> nexusSignals(String file) {
        return lines("nexus_reference.tsv").stream().map(l -> l.split("\t")).filter(f -> f[0].equals(file))
                .map(f -> f[1]).distinct().toList();
    }

    /** @return the signal the file's @default chain leads to, as h5py follows it */
    public static String nexusDefault(String file) {
        return lines("nexus_defaults.tsv").stream().map(l -> l.split("\t")).filter(f -> f[0].equals(file))
                .map(f -> f[1]).findFirst().orElseThrow();
    }

    /** @return pymatgen's site count of data/&lt;name&gt;.cif */
    public static int sites(String name) {
        return lines(name + ".reference.tsv").stream().map(l -> l.split("\t")).filter(f -> f[0].equals("sites"))
                .mapToInt(f -> Integer.parseInt(f[1])).findFirst().orElseThrow();
    }

    /** @return pymatgen's element counts, ordered by atomic number */
    public static Map<String, Integer> elements(String name) {
        Map<String, Integer> m = new LinkedHashMap<>();
        lines(name + ".reference.tsv").stream().map(l -> l.split("\t")).filter(f -> f[0].equals("element"))
                .forEach(f -> m.put(f[1], Integer.parseInt(f[2])));
        return m;
    }

    /** @return pymatgen's (centre, neighbour) distances up to 6 Angstrom */
    public static double[] distances(String name) {
        return lines(name + ".reference.tsv").stream().map(l -> l.split("\t")).filter(f -> f[0].equals("distance"))
                .mapToDouble(f -> Double.parseDouble(f[3])).toArray();
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of("data", file)).stream().filter(l -> !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
