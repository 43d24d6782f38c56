package org.activestructopt.simulation.feff;

import org.activestructopt.testing.HostileHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.activestructopt.api.SimulationException;
import org.activestructopt.testing.HostileHarness.Expect;
import org.activestructopt.testing.HostileHarness.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite for the readers of FEFF's outputs (chi.dat, xmu.dat, feffNNNN.dat), which see whatever a
 * crashed, killed or foreign FEFF left behind: each real output edited one way (emptied, cut mid-line, a row short, a
 * value NaN, infinite or text, rows duplicated or reversed, garbage), ending in a one-line {@link SimulationException}
 * that names the file, or in a table; then the fuzzer over the real outputs.
 */
class HostileFeffOutputTest {

    static final Format CHI = new Format("chi.dat", SimulationException.class, ChiDat::read);
    static final Format XMU = new Format("xmu.dat", SimulationException.class, XmuDat::read);
    static final Format FEFF_DAT = new Format("feffNNNN.dat", SimulationException.class, FeffDat::read);

    record Seed(Format format, Path file, String name) {
    }

    static List<Seed> seeds() {
        return List.of(new Seed(CHI, Path.of("data", "feff", "cu-chi.dat"), "chi.dat"),
                new Seed(XMU, Path.of("data", "fake", "feff9", "xmu.dat"), "xmu.dat"),
                new Seed(FEFF_DAT, Path.of("data", "feff", "cu-feff0001.dat"), "feff0001.dat"));
    }

    record Case(Seed seed, String edit, Expect expect, UnaryOperator<List<String>> change) {
        @Override
        public String toString() {
            return seed.format().name() + " " + edit;
        }
    }

    private static boolean isData(String line) {
        String[] t = line.strip().split("\\s+");
        if (t.length < 3) {
            return false;
        }
        for (String s : t) {
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> dataRows(List<String> lines) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (isData(lines.get(i))) {
                rows.add(i);
            }
        }
        return rows;
    }

    /** Replaces the second number of the middle data row. */
    private static UnaryOperator<List<String>> value(String replacement) {
        return lines -> {
            List<Integer> rows = dataRows(lines);
            int at = rows.get(rows.size() / 2);
            String[] t = lines.get(at).strip().split("\\s+");
            t[1] = replacement;
            lines.set(at, " " + String.join("  ", t));
            return lines;
        };
    }

    static Stream<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Seed s : seeds()) {
            out.add(new Case(s, "empty", Expect.ERROR, l -> new ArrayList<>()));
            out.add(new Case(s, "header_only", Expect.ERROR, l -> new ArrayList<>(l.subList(0, dataRows(l).get(0)))));
            out.add(new Case(s, "first_row_only", Expect.ERROR, l -> new ArrayList<>(l.subList(0, dataRows(l).get(0) + 1))));
            out.add(new Case(s, "cut_mid_line", Expect.ERROR, l -> {
                List<Integer> rows = dataRows(l);
                int at = rows.get(rows.size() / 2);
                List<String> c = new ArrayList<>(l.subList(0, at + 1));
                c.set(at, c.get(at).substring(0, c.get(at).length() / 2));
                return c;
            }));
            out.add(new Case(s, "row_short", Expect.ERROR, l -> {
                List<Integer> rows = dataRows(l);
                int at = rows.get(rows.size() / 2);
                l.set(at, l.get(at).strip().split("\\s+")[0]);
                return l;
            }));
            out.add(new Case(s, "nan", Expect.ERROR, value("NaN")));
            out.add(new Case(s, "infinite", Expect.ERROR, value("1e999")));
            out.add(new Case(s, "text", Expect.ERROR, value("abc")));
            out.add(new Case(s, "fortran_overflow", Expect.ERROR, value("*********")));
            out.add(new Case(s, "duplicate_row", Expect.ERROR, l -> {
                List<Integer> rows = dataRows(l);
                int at = rows.get(rows.size() / 2);
                l.add(at, l.get(at));
                return l;
            }));
            out.add(new Case(s, "rows_reversed", Expect.ERROR, l -> {
                List<Integer> rows = dataRows(l);
                List<String> data = new ArrayList<>(l.subList(rows.get(0), rows.get(rows.size() - 1) + 1));
                Collections.reverse(data);
                List<String> c = new ArrayList<>(l.subList(0, rows.get(0)));
                c.addAll(data);
                return c;
            }));
            out.add(new Case(s, "garbage", Expect.ERROR, l -> List.of("\u0000\u0001\u00ff\u00fePK", "\u0007\u0008")));
            out.add(new Case(s, "crlf", Expect.RESULT, l -> List.of(String.join("\r\n", l))));
        }
        return out.stream();
    }

    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleanErrorOrCorrectResult(Case c) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(c.seed().file(), StandardCharsets.ISO_8859_1));
        Path d = dir.resolve(c.seed().format().name() + "-" + c.edit());
        Files.createDirectories(d);
        Path file = d.resolve(c.seed().name());
        Files.write(file, c.change().apply(lines), StandardCharsets.ISO_8859_1);
        HostileHarness.assertClean(c.seed().format(), "feff", file, c.expect(), null);
    }

    static Stream<Path> regressions() throws IOException {
        Path root = Path.of("data", "fuzz-regressions");
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    /** Every crash the fuzzer ever found; the file name says which reader. */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("regressions")
    void fuzzRegressions(Path file) {
        String n = file.getFileName().toString();
        Format f = n.contains("chi") ? CHI : n.contains("xmu") ? XMU : FEFF_DAT;
        HostileHarness.assertClean(f, "feff-regressions", file, Expect.EITHER, null);
    }

    @Test
    void fuzz(@TempDir Path scratch) throws IOException {
        for (Seed s : seeds()) {
            Path seed = Files.copy(s.file(), scratch.resolve(s.name()));
            HostileHarness.fuzz(s.format(), List.of(seed), 18, Duration.ofSeconds(2), false, scratch);
        }
    }
}
