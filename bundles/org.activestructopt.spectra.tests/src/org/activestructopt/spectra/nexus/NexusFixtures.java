package org.activestructopt.spectra.nexus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The fixtures written by data/nexus/generate.py (h5py) and the values it recorded in expected.json. */
final class NexusFixtures {

    static final Path DIR = Path.of("data", "nexus");

    record Plot(String signal, String axis, int points, double[] x, double[] y, String xUnits, String yUnits,
            double[] errors) {
    }

    record Good(String file, String defaultSignal, String kind, List<Plot> plottables) {
    }

    record Bad(String file, String path, String contains) {
    }

    private static JsonObject json;

    private NexusFixtures() {
    }

    private static synchronized JsonObject json() {
        if (json == null) {
            try {
                json = JsonParser.parseString(Files.readString(DIR.resolve("expected.json"))).getAsJsonObject();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + DIR.resolve("expected.json"), e);
            }
        }
        return json;
    }

    static Map<String, Good> good() {
        Map<String, Good> out = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : json().getAsJsonObject("good").entrySet()) {
            JsonObject o = e.getValue().getAsJsonObject();
            List<Plot> plots = new ArrayList<>();
            for (JsonElement p : o.getAsJsonArray("plottables")) {
                JsonObject q = p.getAsJsonObject();
                plots.add(new Plot(q.get("signal").getAsString(), q.get("axis").getAsString(),
                        q.get("points").getAsInt(), doubles(q.getAsJsonArray("x")), doubles(q.getAsJsonArray("y")),
                        q.get("x_units").getAsString(), q.get("y_units").getAsString(),
                        q.has("errors") ? doubles(q.getAsJsonArray("errors")) : null));
            }
            out.put(e.getKey(), new Good(e.getKey(), o.get("default").getAsString(),
                    o.has("kind") ? o.get("kind").getAsString() : null, plots));
        }
        return out;
    }

    static Map<String, Bad> bad() {
        Map<String, Bad> out = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : json().getAsJsonObject("bad").entrySet()) {
            JsonObject o = e.getValue().getAsJsonObject();
            out.put(e.getKey(), new Bad(e.getKey(), o.get("path").isJsonNull() ? null : o.get("path").getAsString(),
                    o.get("contains").getAsString()));
        }
        return out;
    }

    static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }
}
