package org.activestructopt.refinement.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.activestructopt.api.Typos;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Strict reading of one JSON object of a suite file: every key must be known, every value of the expected type, and
 * every error names the file and the JSON path of the value ({@code problems[2].target.transforms[0].thermal}).
 */
final class SuiteJson {

    private final String file;
    private final String path;
    private final JsonObject object;

    private SuiteJson(String file, String path, JsonObject object) {
        this.file = file;
        this.path = path;
        this.object = object;
    }

    static SuiteJson root(String file, JsonElement element) throws SuiteFormatException {
        if (!element.isJsonObject()) {
            throw new SuiteFormatException(file + ": the suite must be a JSON object");
        }
        return new SuiteJson(file, "", element.getAsJsonObject());
    }

    /** Rejects keys outside {@code known}, suggesting the closest known key. */
    SuiteJson allow(String... known) throws SuiteFormatException {
        Set<String> allowed = new TreeSet<>(List.of(known));
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                String hint = Typos.closest(key, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                throw error(key, "unknown key" + hint + "; known: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    boolean has(String key) {
        return object.has(key) && !object.get(key).isJsonNull();
    }

    /** @return the keys present, in file order */
    List<String> keys() {
        return new ArrayList<>(object.keySet());
    }

    String string(String key) throws SuiteFormatException {
        return optionalString(key).orElseThrow(() -> error(key, "missing"));
    }

    Optional<String> optionalString(String key) throws SuiteFormatException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonElement e = object.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw error(key, "must be a string, got " + e);
        }
        return Optional.of(e.getAsString());
    }

    double number(String key) throws SuiteFormatException {
        if (!has(key)) {
            throw error(key, "missing");
        }
        return numberOf(key, object.get(key));
    }

    double number(String key, double fallback) throws SuiteFormatException {
        return has(key) ? number(key) : fallback;
    }

    /** @return the number at {@code key}, which must lie in [min, max] */
    double number(String key, double fallback, double min, double max) throws SuiteFormatException {
        double v = number(key, fallback);
        if (!(v >= min && v <= max)) {
            throw error(key, "must lie in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    int integer(String key, int fallback, int min, int max) throws SuiteFormatException {
        double v = number(key, fallback);
        if (v != Math.rint(v) || v < min || v > max) {
            throw error(key, "must be a whole number in [" + min + ", " + max + "], got " + object.get(key));
        }
        return (int) v;
    }

    boolean bool(String key, boolean fallback) throws SuiteFormatException {
        if (!has(key)) {
            return fallback;
        }
        JsonElement e = object.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw error(key, "must be true or false, got " + e);
        }
        return e.getAsBoolean();
    }

    /** @return the array of numbers at {@code key} with exactly {@code length} elements */
    double[] numbers(String key, int length) throws SuiteFormatException {
        JsonArray a = array(key);
        if (a.size() != length) {
            throw error(key, "must hold " + length + " numbers, got " + a.size());
        }
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = numberOf(key + "[" + i + "]", a.get(i));
        }
        return out;
    }

    List<String> strings(String key) throws SuiteFormatException {
        JsonArray a = array(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw error(key + "[" + i + "]", "must be a string, got " + e);
            }
            out.add(e.getAsString());
        }
        return out;
    }

    /** @return the object at {@code key}, whose values are strings, numbers or booleans, as text */
    Map<String, String> textMap(String key) throws SuiteFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        if (!has(key)) {
            return out;
        }
        SuiteJson o = object(key);
        for (String k : o.keys()) {
            JsonElement e = o.object.get(k);
            if (!e.isJsonPrimitive()) {
                throw o.error(k, "must be a string, number or boolean, got " + e);
            }
            JsonPrimitive p = e.getAsJsonPrimitive();
            out.put(k, p.isNumber() ? p.getAsBigDecimal().toPlainString() : p.getAsString());
        }
        return out;
    }

    SuiteJson object(String key) throws SuiteFormatException {
        if (!has(key)) {
            throw error(key, "missing");
        }
        JsonElement e = object.get(key);
        if (!e.isJsonObject()) {
            throw error(key, "must be an object {...}, got " + e);
        }
        return new SuiteJson(file, child(key), e.getAsJsonObject());
    }

    Optional<SuiteJson> optionalObject(String key) throws SuiteFormatException {
        return has(key) ? Optional.of(object(key)) : Optional.empty();
    }

    /** @return the objects of the array at {@code key} (empty if absent) */
    List<SuiteJson> objects(String key) throws SuiteFormatException {
        List<SuiteJson> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonArray a = array(key);
        for (int i = 0; i < a.size(); i++) {
            JsonElement e = a.get(i);
            String p = child(key) + "[" + i + "]";
            if (!e.isJsonObject()) {
                throw new SuiteFormatException(file + ": " + p + ": must be an object {...}, got " + e);
            }
            out.add(new SuiteJson(file, p, e.getAsJsonObject()));
        }
        return out;
    }

    private JsonArray array(String key) throws SuiteFormatException {
        if (!has(key)) {
            throw error(key, "missing");
        }
        JsonElement e = object.get(key);
        if (!e.isJsonArray()) {
            throw error(key, "must be an array [...], got " + e);
        }
        return e.getAsJsonArray();
    }

    private double numberOf(String key, JsonElement e) throws SuiteFormatException {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw error(key, "must be a number, got " + e);
        }
        double v = e.getAsDouble();
        if (!Double.isFinite(v)) {
            throw error(key, "must be finite, got " + e);
        }
        return v;
    }

    /** @return an exception naming the file and the path of {@code key} in this object */
    SuiteFormatException error(String key, String message) {
        return new SuiteFormatException(file + ": " + child(key) + ": " + message);
    }

    /** @return an exception naming the file and this object's path */
    SuiteFormatException error(String message) {
        return new SuiteFormatException(file + ": " + (path.isEmpty() ? "suite" : path) + ": " + message);
    }

    String path() {
        return path;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
