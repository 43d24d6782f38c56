package org.activestructopt.spectra.nexus;

import org.activestructopt.testing.HostileHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.testing.HostileHarness.Expect;
import org.activestructopt.testing.HostileHarness.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The hostile-input suite for NeXus/HDF5 targets: the h5py-written files of {@code data/hostile/nexus} (see its
 * {@code generate.py}), each listed, then read as a refinement reads its target (the default plottable), and expected
 * to end in a one-line {@link SpectrumFormatException} naming the file and HDF5 path, or in the spectrum h5py wrote;
 * then a byte-mutation fuzzer over the valid file. Text spectrum formats join by one more {@link Format} (a name, the
 * exception type, the call that reads a file) and a directory of cases.
 */
class HostileNexusTest {

    static final Path DIR = Path.of("data", "hostile", "nexus");

    /** What {@code aso spectra} and a refinement's target do with the file: list it, then read the default. */
    static final Format NEXUS = new Format("nexus", SpectrumFormatException.class, file -> {
        NexusSpectra.summary(file);
        return NexusSpectra.readDefault(file);
    });

    record Case(String file, String expect, String path, String contains, Integer points) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Case> cases() throws IOException {
        JsonObject all = JsonParser.parseString(Files.readString(DIR.resolve("cases.json"))).getAsJsonObject();
        return all.entrySet().stream().map(e -> {
            JsonObject o = e.getValue().getAsJsonObject();
            return new Case(e.getKey(), o.get("expect").getAsString(), text(o, "path"), text(o, "contains"),
                    o.has("points") ? o.get("points").getAsInt() : null);
        });
    }

    private static String text(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleanErrorOrCorrectResult(Case c) {
        Expect expect = switch (c.expect()) {
            case "error" -> Expect.ERROR;
            case "ok" -> Expect.RESULT;
            default -> Expect.EITHER;
        };
        HostileHarness.assertClean(NEXUS, "spectra", DIR.resolve(c.file()), expect,
                r -> c.points() == null || ((Spectrum) r).size() == c.points() ? null
                        : "read " + ((Spectrum) r).size() + " points, h5py wrote " + c.points(),
                c.path(), c.contains());
    }

    static Stream<Path> regressions() throws IOException {
        Path root = Path.of("data", "fuzz-regressions");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")).sorted().toList().stream();
        }
    }

    /** Every crash the fuzzer ever found. */
    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("regressions")
    void fuzzRegressions(Path file) {
        HostileHarness.assertClean(NEXUS, "spectra-regressions", file, Expect.EITHER, null);
    }

    @Test
    void fuzzNexus(@TempDir Path scratch) throws IOException {
        HostileHarness.fuzz(NEXUS, List.of(DIR.resolve("valid.nxs"), DIR.resolve("hardlink_shared.nxs")), 18,
                Duration.ofSeconds(6), true, scratch);
    }
}
