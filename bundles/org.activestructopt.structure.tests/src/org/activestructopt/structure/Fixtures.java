package org.activestructopt.structure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the tab-separated reference fixtures written by data/generate_structure_reference.py. */
final class Fixtures {

    private Fixtures() {
    }

    /** @return the data rows of data/{name}, split on tabs ('#' comment lines skipped) */
    static List<String[]> rows(String name) {
        try {
            return Files.readAllLines(Path.of("data", name)).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] numbers(String field) {
        return Arrays.stream(field.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    static double[][] matrix(String field, int cols) {
        double[] v = numbers(field);
        double[][] m = new double[v.length / cols][cols];
        for (int i = 0; i < v.length; i++) {
            m[i / cols][i % cols] = v[i];
        }
        return m;
    }

    static List<Element> species(String field) {
        return Arrays.stream(field.trim().split("\\s+")).map(Element::of).toList();
    }

    /** The structures of data/structures.tsv by name. */
    static Map<String, Structure> structures() {
        Map<String, Structure> map = new LinkedHashMap<>();
        for (String[] r : rows("structures.tsv")) {
            map.put(r[0], Structure.of(Lattice.of(matrix(r[1], 3)), species(r[2]), matrix(r[3], 3)));
        }
        return map;
    }
}
