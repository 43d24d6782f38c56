package org.activestructopt.spectra.nexus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumFormatException;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.nexus.NexusFixtures.Bad;
import org.activestructopt.spectra.nexus.NexusFixtures.Good;
import org.activestructopt.spectra.nexus.NexusFixtures.Plot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the h5py-written fixtures of data/nexus and compares with the values generate.py recorded. */
class NexusSpectraTest {

    static Stream<Good> goodFiles() {
        return NexusFixtures.good().values().stream();
    }

    static Stream<Bad> badFiles() {
        return NexusFixtures.bad().values().stream();
    }

    private static Path file(String name) {
        return NexusFixtures.DIR.resolve(name);
    }

    @ParameterizedTest
    @MethodSource("goodFiles")
    void listsEveryOneDimensionalPlottable(Good g) throws SpectrumFormatException {
        List<SpectrumRef> refs = NexusSpectra.list(file(g.file()));
        assertEquals(g.plottables().stream().map(Plot::signal).toList(),
                refs.stream().map(SpectrumRef::signalPath).toList());
        for (int i = 0; i < refs.size(); i++) {
            SpectrumRef r = refs.get(i);
            Plot p = g.plottables().get(i);
            assertEquals(p.axis().isEmpty() ? Optional.empty() : Optional.of(p.axis()), r.axisPath(), p.signal());
            assertEquals(p.points(), r.points(), p.signal());
            assertEquals(p.xUnits(), r.xUnits(), p.signal());
            assertEquals(p.yUnits(), r.yUnits(), p.signal());
            assertEquals(min(p.x()), r.xMin(), 0, p.signal());
            assertEquals(max(p.x()), r.xMax(), 0, p.signal());
        }
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("goodFiles")
    void readsTheValuesH5pyWrote(Good g) throws SpectrumFormatException {
        for (Plot p : g.plottables()) {
            Spectrum s = NexusSpectra.read(file(g.file()), p.signal());
            assertSpectrum(p, s);
        }
    }

    @ParameterizedTest
    @MethodSource("goodFiles")
    void readsTheDefaultPlottable(Good g) throws SpectrumFormatException {
        Spectrum s = NexusSpectra.readDefault(file(g.file()));
        assertEquals(g.defaultSignal(), s.name());
        Plot p = g.plottables().stream().filter(q -> q.signal().equals(g.defaultSignal())).findFirst().orElseThrow();
        assertSpectrum(p, s);
        if (g.kind() != null) {
            assertEquals(SpectrumKind.valueOf(g.kind()), s.kind());
        }
    }

    private static void assertSpectrum(Plot p, Spectrum s) {
        // generate.py stores arrays in file order; a decreasing axis comes back reversed, increasing
        double[] x = p.x();
        double[] y = p.y();
        assertArrayEquals(x, s.xArray(), 0, p.signal() + " x");
        assertArrayEquals(y, s.yArray(), 0, p.signal() + " y");
        assertEquals(p.xUnits(), s.xUnits());
        assertEquals(p.yUnits(), s.yUnits());
        assertEquals(p.axis().isEmpty() ? "index" : Path.of(p.axis()).getFileName().toString(), s.xName());
        assertEquals(Path.of(p.signal()).getFileName().toString(), s.yName());
        if (p.errors() == null) {
            assertTrue(s.uncertainties().isEmpty(), p.signal() + " has no uncertainties");
        } else {
            assertArrayEquals(p.errors(), s.uncertainties().orElseThrow(), 0, p.signal() + " errors");
        }
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFilesGiveOneLineNamingFileAndPath(Bad b) {
        Path f = file(b.file());
        // bad_default.nxs holds a good plottable, only its @default is broken; a 2-D signal is not listed at all
        Executable[] readers = switch (b.file()) {
            case "bad_default.nxs" -> new Executable[] { () -> NexusSpectra.readDefault(f) };
            case "two_d.nxs" -> new Executable[] { () -> NexusSpectra.readDefault(f), () -> NexusSpectra.summary(f) };
            default -> new Executable[] { () -> NexusSpectra.readDefault(f), () -> NexusSpectra.list(f),
                    () -> NexusSpectra.summary(f) };
        };
        for (Executable reader : readers) {
            SpectrumFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertThrows(SpectrumFormatException.class, reader));
            String m = e.getMessage();
            assertFalse(m.contains("\n"), m);
            assertTrue(m.startsWith(f.toString() + ": "), m);
            assertEquals(Optional.ofNullable(b.path()), e.location(), m);
            assertTrue(m.contains(b.contains()), () -> "'" + b.contains() + "' not in: " + m);
            assertFalse(m.contains("Exception"), m);
        }
    }

    @Test
    void listSkipsPlottablesThatAreNotOneDimensional() throws SpectrumFormatException {
        List<String> signals = NexusSpectra.list(file("several.nxs")).stream().map(SpectrumRef::signalPath).toList();
        assertFalse(signals.contains("/pdf/image/counts"), signals.toString());
        assertTrue(NexusSpectra.list(file("two_d.nxs")).isEmpty());
    }

    @Test
    void summaryLinesHaveTheCliFormat() throws SpectrumFormatException {
        // generate.py: r = 0.5 + 0.05 i (90 points), Q = 0.5 + 0.1 i (70), k = 0.1 i (120)
        assertEquals(List.of("/exafs/chik/chi points=120 x=[0,11.9] 1/angstrom",
                "/exafs/chik/chi_fit points=120 x=[0,11.9] 1/angstrom", "/pdf/gr/G points=90 x=[0.5,4.95] angstrom",
                "/pdf/sq/S points=70 x=[0.5,7.4] 1/angstrom"), NexusSpectra.summary(file("several.nxs")));
        // float32 data print at float precision, not as 5.449999809265137
        assertEquals(List.of("/entry/data/G points=100 x=[0.5,5.45] angstrom"),
                NexusSpectra.summary(file("float32.nxs")));
    }

    @Test
    void printSummaryIsTheCliCommand() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int status = NexusSpectra.printSummary(file("nxxas_softlink.nxs"), new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertEquals(0, status);
        // generate.py: energy = linspace(8950, 9100, 100), soft-linked from the monochromator
        assertEquals("/entry/data/mu points=100 x=[8950,9100] eV" + System.lineSeparator(), out.toString());
        assertEquals("", err.toString());

        out.reset();
        status = NexusSpectra.printSummary(file("dangling_link.nxs"), new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertEquals(1, status);
        assertEquals("", out.toString());
        String line = err.toString();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith(file("dangling_link.nxs") + ": /entry/data/energy: "), line);
    }

    @Test
    void guessesKindsFromAxisNamesAndUnits() throws SpectrumFormatException {
        assertEquals(SpectrumKind.PDF, NexusSpectra.readDefault(file("default_chain.nxs")).kind());
        assertEquals(SpectrumKind.EXAFS, NexusSpectra.readDefault(file("signal_axes_indices.nxs")).kind());
        assertEquals(SpectrumKind.XANES, NexusSpectra.readDefault(file("legacy_signal_attr.nxs")).kind());
        assertEquals(SpectrumKind.OTHER, NexusSpectra.read(file("several.nxs"), "/pdf/sq/S").kind());
    }

    @Test
    void explicitAxisAbsoluteOrRelative() throws SpectrumFormatException {
        Path f = file("nxxas_softlink.nxs");
        Spectrum declared = NexusSpectra.read(f, "/entry/data/mu");
        assertEquals(declared.xArray().length, NexusSpectra.read(f, "/entry/data/mu", "energy").size());
        assertArrayEquals(declared.xArray(),
                NexusSpectra.read(f, "/entry/data/mu", "/entry/instrument/monochromator/energy").xArray());
        assertArrayEquals(declared.xArray(), NexusSpectra.read(f, "/entry/data/mu", "energy").xArray());
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class,
                () -> NexusSpectra.read(f, "/entry/data/mu", "/entry/title"));
        assertEquals(Optional.of("/entry/title"), e.location());
        assertTrue(e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test
    void aGroupPathReadsThatGroupsPlottable() throws SpectrumFormatException {
        Path f = file("several.nxs");
        assertEquals("/pdf/sq/S", NexusSpectra.read(f, "/pdf/sq").name());
        assertEquals("/exafs/chik/chi", NexusSpectra.read(f, "/exafs").name());
        assertEquals("/exafs/chik/chi", NexusSpectra.read(f, "/").name());
        // the first plottable below /pdf without @default is /pdf/gr/G (sorted by path; /pdf/image is 2-D)
        assertEquals("/pdf/gr/G", NexusSpectra.read(f, "pdf").name());
    }

    @Test
    void missingPathsAreNamed() {
        SpectrumFormatException e = assertThrows(SpectrumFormatException.class,
                () -> NexusSpectra.read(file("default_chain.nxs"), "/entry/pdf/Gx"));
        assertEquals(Optional.of("/entry/pdf/Gx"), e.location());
        e = assertThrows(SpectrumFormatException.class,
                () -> NexusSpectra.read(file("default_chain.nxs"), "/entry/nothing/G"));
        assertEquals(Optional.of("/entry/nothing"), e.location());
        e = assertThrows(SpectrumFormatException.class, () -> NexusSpectra.list(Path.of("data", "no-such.nxs")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void sourceSpecs() throws SpectrumFormatException {
        NexusSource s = NexusSource.parse(file("several.nxs") + "#/pdf/gr/G");
        assertEquals(file("several.nxs"), s.file());
        assertEquals(Optional.of("/pdf/gr/G"), s.signalPath());
        assertEquals("/pdf/gr/G", s.read().name());
        assertEquals(s.read(), NexusSpectra.read(file("several.nxs") + "#/pdf/gr/G"));
        assertEquals("/exafs/chik/chi", NexusSource.parse(file("several.nxs").toString()).read().name());
        NexusSource withAxis = NexusSource.parse("a#b.nxs#/entry/data/G", "r");
        assertEquals(Path.of("a#b.nxs"), withAxis.file());
        assertEquals(Optional.of("r"), withAxis.axisPath());
        assertEquals("a#b.nxs#/entry/data/G", withAxis.toString());
        assertThrows(IllegalArgumentException.class, () -> NexusSource.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> NexusSource.parse("#/entry"));
        SpectrumRef ref = NexusSpectra.list(file("several.nxs")).get(2);
        assertEquals(NexusSpectra.read(ref), ref.source().read());
    }
}
