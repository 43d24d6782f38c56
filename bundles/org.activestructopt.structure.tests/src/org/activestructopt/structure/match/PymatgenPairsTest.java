package org.activestructopt.structure.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Compares the matcher with pymatgen's StructureMatcher on the pairs of data/match/pairs.json (designed cases) and
 * data/match/random_pairs.json (random ones, many near the tolerances), written by data/match/generate.py: verdicts
 * must agree on every pair, and RMS and largest displacements to 1e-6 (both codes evaluate the same formula on the
 * same mapping, so only rounding separates them; the observed differences are below 1e-9).
 */
class PymatgenPairsTest {

    private static final Path PAIRS = Path.of("data", "match", "pairs.json");
    private static final Path RANDOM_PAIRS = Path.of("data", "match", "random_pairs.json");
    private static final double RMS_TOLERANCE = 1e-6;

    static Stream<Arguments> pairs() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (Path file : List.of(PAIRS, RANDOM_PAIRS)) {
            for (JsonElement e : load(file).getAsJsonArray("pairs")) {
                JsonObject p = e.getAsJsonObject();
                cases.add(Arguments.of(p.get("name").getAsString(), p));
            }
        }
        return cases.stream();
    }

    private static JsonObject load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return JsonParser.parseReader(r).getAsJsonObject();
        }
    }

    static Structure structure(JsonObject o) {
        JsonArray lat = o.getAsJsonArray("lattice");
        double[][] rows = new double[3][];
        for (int i = 0; i < 3; i++) {
            rows[i] = vector(lat.get(i).getAsJsonArray());
        }
        JsonArray sp = o.getAsJsonArray("species");
        JsonArray fr = o.getAsJsonArray("frac");
        List<Element> species = new ArrayList<>();
        double[][] frac = new double[sp.size()][];
        for (int i = 0; i < sp.size(); i++) {
            species.add(Element.of(sp.get(i).getAsString()));
            frac[i] = vector(fr.get(i).getAsJsonArray());
        }
        return Structure.of(Lattice.of(rows), species, frac);
    }

    private static double[] vector(JsonArray a) {
        return new double[] { a.get(0).getAsDouble(), a.get(1).getAsDouble(), a.get(2).getAsDouble() };
    }

    static StructureMatcher matcher(JsonObject settings) {
        return StructureMatcher.defaults()
                .withLtol(settings.get("ltol").getAsDouble())
                .withStol(settings.get("stol").getAsDouble())
                .withAngleTol(settings.get("angle_tol").getAsDouble())
                .withPrimitiveCell(settings.get("primitive_cell").getAsBoolean())
                .withScale(settings.get("scale").getAsBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void agreesWithPymatgen(String name, JsonObject pair) {
        Structure a = structure(pair.getAsJsonObject("a"));
        Structure b = structure(pair.getAsJsonObject("b"));
        StructureMatcher matcher = matcher(pair.getAsJsonObject("settings"));
        JsonObject expected = pair.getAsJsonObject("pymatgen");

        MatchResult result = matcher.match(a, b);
        boolean fit = expected.get("fit").getAsBoolean();
        assertEquals(fit, result.matches(), "verdict (pymatgen fit)");
        assertEquals(fit, matcher.fits(a, b), "fits()");
        JsonElement rms = expected.get("rms");
        if (rms.isJsonNull()) {
            assertTrue(result.rms().isEmpty(), () -> "pymatgen finds no mapping within stol, we found " + result);
        } else {
            assertTrue(result.rms().isPresent(), "pymatgen rms " + rms + " but we found no mapping");
            assertEquals(rms.getAsDouble(), result.rms().getAsDouble(), RMS_TOLERANCE, "normalised rms");
            assertEquals(expected.get("max_dist").getAsDouble(), result.maxDistance().getAsDouble(), RMS_TOLERANCE,
                    "normalised max displacement");
        }
    }

    @Test
    void fixtureCoversBothVerdictsAndEnoughPairs() throws IOException {
        JsonArray pairs = load(PAIRS).getAsJsonArray("pairs");
        long fits = 0;
        for (JsonElement e : pairs) {
            fits += e.getAsJsonObject().getAsJsonObject("pymatgen").get("fit").getAsBoolean() ? 1 : 0;
        }
        assertTrue(pairs.size() >= 40, "at least 40 pairs, got " + pairs.size());
        assertTrue(fits >= 15 && pairs.size() - fits >= 15, "both verdicts well represented: " + fits + " fits");
    }
}
