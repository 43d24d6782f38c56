package org.activestructopt.spectra.nexus;

import org.activestructopt.testing.HostileHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.io.ReadOptions;
import org.activestructopt.spectra.io.SpectrumReaders;
import org.activestructopt.testing.HostileHarness.Expect;
import org.activestructopt.testing.HostileHarness.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite for the text spectrum formats a beamline writes (PDFgetX2/X3 and GSAS-II .gr, XDI, Larch
 * .chi, Athena .prj, plain columns), read as a refinement reads a target: every case generated from a real file by one
 * edit (truncations, lost markers and columns, NaN, huge and negative numbers, decreasing or repeated x, decimal
 * commas mixed with points, binary garbage) must end in a one-line {@link SpectrumFormatException} naming the file, or
 * in a spectrum; then a text-mutation fuzzer over the same files.
 */
class HostileTextSpectraTest {

    static final Format TEXT = new Format("text spectra", SpectrumFormatException.class,
            file -> SpectrumReaders.read(file, ReadOptions.DEFAULTS));

    @TempDir
    static Path scratch;

    /** Real files of each format: the measured ones and the readers' own fixtures (data/io/generate.py). */
    static List<Path> seeds() {
        return List.of(Path.of("data", "measured", "si-q27r60-xray.gr"), Path.of("data", "measured", "ni_metal_rt.xdi"),
                Path.of("data", "measured", "feo_rt1.xdi"), Path.of("data", "io", "si_pdfgetx3.gr"),
                Path.of("data", "io", "si_gsas2.gr"), Path.of("data", "io", "ni.chi"),
                Path.of("data", "io", "ni_k2.chi"), Path.of("data", "io", "ni_relative.dat"),
                Path.of("data", "io", "si_decimal_comma.csv"));
    }

    record Edit(String name, UnaryOperator<List<String>> change) {
    }

    static List<Edit> edits() {
        return List.of(new Edit("empty", l -> List.of()), new Edit("header-only", l -> l.subList(0, headerEnd(l))),
                new Edit("first-data-line-only", l -> l.subList(0, Math.min(l.size(), headerEnd(l) + 1))),
                new Edit("truncated-mid-line", l -> truncateMidLine(l)),
                new Edit("no-comment-lines", l -> l.stream().filter(s -> !s.startsWith("#")).toList()),
                new Edit("nan", l -> replaceField(l, 1, "nan")), new Edit("inf", l -> replaceField(l, 0, "inf")),
                new Edit("huge", l -> replaceField(l, 1, "1e309")), new Edit("negative-x", l -> replaceField(l, 0, "-5")),
                new Edit("repeated-row", l -> repeatRow(l)), new Edit("reversed-rows", l -> reverseData(l)),
                new Edit("one-column", l -> keepColumns(l, 1)), new Edit("ragged", l -> dropLastField(l)),
                new Edit("decimal-commas-mixed", l -> commaInOneRow(l)), new Edit("garbage-row", l -> garbage(l)),
                new Edit("tab-separated", l -> l.stream().map(s -> s.startsWith("#") ? s : s.strip()
                        .replaceAll("\\s+", "\t")).toList()),
                new Edit("control-bytes", l -> l.stream().map(s -> s.replace(' ', '\u001c')).toList()));
    }

    record Case(Path seed, Edit edit) {
        @Override
        public String toString() {
            return seed.getFileName() + " " + edit.name();
        }
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Path s : seeds()) {
            for (Edit e : edits()) {
                out.add(new Case(s, e));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleanErrorOrSpectrum(Case c) throws IOException {
        List<String> lines = Files.readAllLines(c.seed(), StandardCharsets.ISO_8859_1);
        Path dir = Files.createDirectories(scratch.resolve(c.edit().name()));
        Path file = dir.resolve(c.seed().getFileName());
        Files.write(file, c.edit().change().apply(lines), StandardCharsets.ISO_8859_1);
        HostileHarness.assertClean(TEXT, "text-spectra", file, Expect.EITHER, null);
    }

    /** Athena projects are gzip-compressed Perl: broken compression, and an edit of the text inside. */
    @Test
    void athenaProjects() throws IOException {
        byte[] prj = Files.readAllBytes(Path.of("data", "io", "ni_foil.prj"));
        Path dir = Files.createDirectories(scratch.resolve("prj"));
        Path cut = dir.resolve("cut.prj");
        Files.write(cut, java.util.Arrays.copyOf(prj, prj.length / 2));
        HostileHarness.assertClean(TEXT, "text-spectra", cut, Expect.ERROR, null);
        Path garbage = dir.resolve("garbage.prj");
        byte[] g = prj.clone();
        for (int i = 20; i < g.length; i += 7) {
            g[i] ^= 0x5a;
        }
        Files.write(garbage, g);
        HostileHarness.assertClean(TEXT, "text-spectra", garbage, Expect.EITHER, null);
        String text;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(Path.of("data", "io", "ni_foil.prj")))) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        for (String[] edit : new String[][] { { "@x", "@q" }, { "@y", "@z" }, { "];", "" }, { ",", ",nan," } }) {
            Path f = dir.resolve("edit-" + Math.abs(edit[0].hashCode()) + ".prj");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
                gz.write(text.replace(edit[0], edit[1]).getBytes(StandardCharsets.ISO_8859_1));
            }
            Files.write(f, bytes.toByteArray());
            HostileHarness.assertClean(TEXT, "text-spectra", f, Expect.EITHER, null);
        }
    }

    @Test
    void fuzz() throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("fuzz"));
        HostileHarness.fuzz(TEXT, seeds(), 18, Duration.ofSeconds(6), false, dir);
    }

    private static int headerEnd(List<String> l) {
        for (int i = 0; i < l.size(); i++) {
            if (isData(l.get(i))) {
                return i;
            }
        }
        return l.size();
    }

    private static boolean isData(String s) {
        String t = s.strip();
        return !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-' || t.charAt(0) == '.');
    }

    private static List<String> truncateMidLine(List<String> l) {
        int h = headerEnd(l);
        int cut = Math.min(l.size() - 1, h + (l.size() - h) / 2);
        List<String> out = new ArrayList<>(l.subList(0, cut));
        String s = l.get(cut);
        out.add(s.substring(0, s.length() / 2));
        return out;
    }

    private static List<String> replaceField(List<String> l, int field, String value) {
        List<String> out = new ArrayList<>(l);
        int row = Math.min(l.size() - 1, headerEnd(l) + 3);
        String[] f = out.get(row).strip().split("[\\s,;]+");
        if (f.length > field) {
            f[field] = value;
            out.set(row, String.join(" ", f));
        }
        return out;
    }

    private static List<String> repeatRow(List<String> l) {
        List<String> out = new ArrayList<>(l);
        int row = Math.min(l.size() - 1, headerEnd(l) + 2);
        out.add(row, l.get(row));
        return out;
    }

    private static List<String> reverseData(List<String> l) {
        int h = headerEnd(l);
        List<String> out = new ArrayList<>(l.subList(0, h));
        List<String> data = new ArrayList<>(l.subList(h, l.size()));
        java.util.Collections.reverse(data);
        out.addAll(data);
        return out;
    }

    private static List<String> keepColumns(List<String> l, int n) {
        return l.stream().map(s -> {
            if (!isData(s)) {
                return s;
            }
            String[] f = s.strip().split("[\\s,;]+");
            return String.join(" ", java.util.Arrays.copyOf(f, Math.min(n, f.length)));
        }).toList();
    }

    private static List<String> dropLastField(List<String> l) {
        List<String> out = new ArrayList<>(l);
        int row = Math.min(l.size() - 1, headerEnd(l) + 5);
        String s = out.get(row).strip();
        int sp = s.lastIndexOf(' ');
        out.set(row, sp > 0 ? s.substring(0, sp) : s);
        return out;
    }

    private static List<String> commaInOneRow(List<String> l) {
        List<String> out = new ArrayList<>(l);
        int row = Math.min(l.size() - 1, headerEnd(l) + 4);
        out.set(row, out.get(row).replace('.', ','));
        return out;
    }

    private static List<String> garbage(List<String> l) {
        List<String> out = new ArrayList<>(l);
        out.add(Math.min(l.size(), headerEnd(l) + 6), "}}}{{{ \u00ff\u00fe not a row");
        return out;
    }
}
