package org.activestructopt.spectra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whitespace-separated numeric text file written by numpy.savetxt, with its '#' header lines. */
public record ColumnFile(List<String> header, double[][] columns) {

    public static ColumnFile read(Path file) throws IOException {
        List<String> header = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.startsWith("#")) {
                header.add(t.substring(1).strip());
            } else if (!t.isEmpty()) {
                String[] f = t.split("\\s+");
                double[] row = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    row[i] = Double.parseDouble(f[i]);
                }
                rows.add(row);
            }
        }
        int nc = rows.get(0).length;
        double[][] cols = new double[nc][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < nc; c++) {
                cols[c][r] = rows.get(r)[c];
            }
        }
        return new ColumnFile(header, cols);
    }

    public double[] column(int i) {
        return columns[i].clone();
    }

    /** The key=value words of the first header line that starts with {@code tag}. */
    public Map<String, String> keywords(String tag) {
        return header.stream().filter(h -> h.startsWith(tag + " ")).findFirst().map(ColumnFile::parseKeywords)
                .orElseThrow(() -> new IllegalStateException("no '# " + tag + "' header line"));
    }

    public static Map<String, String> parseKeywords(String line) {
        Map<String, String> kw = new LinkedHashMap<>();
        for (String word : line.split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                kw.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return kw;
    }
}
