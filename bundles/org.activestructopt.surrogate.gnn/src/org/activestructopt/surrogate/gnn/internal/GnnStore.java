package org.activestructopt.surrogate.gnn.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.activestructopt.api.Settings;
import org.activestructopt.api.SurrogateCalibration;
import org.activestructopt.api.SurrogateFit;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.surrogate.gnn.GnnSettings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Saved state of a {@link GnnSurrogate}: {@code gnn-surrogate.json} (format version, kind, grid, settings, element
 * vocabulary, standardisation, calibration, architecture, last fit), {@code gnn-weights.ndlist} (the weights by
 * name in DJL's NDList encoding, bit-exact) and, with a backbone, a copy of it as {@code gnn-backbone.pt}. Both are written to temporary files and moved into place, so an
 * interrupted save leaves the previous one intact.
 */
final class GnnStore {

    static final String METADATA = "gnn-surrogate.json";
    static final String WEIGHTS = "gnn-weights.ndlist";
    static final String BACKBONE = "gnn-backbone.pt";
    private static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();

    private GnnStore() {
    }

    static void save(Path directory, GnnSurrogate s) throws IOException {
        Files.createDirectories(directory);
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("surrogate", GnnSettings.NAME);
        root.addProperty("kind", s.kind().name());
        root.add("grid", array(s.grid().values()));
        JsonObject settings = new JsonObject();
        s.settings().explicitValues().forEach(settings::addProperty);
        root.add("settings", settings);
        JsonArray z = new JsonArray();
        for (int v : s.vocabulary().atomicNumbers()) {
            z.add(v);
        }
        root.add("elements", z);
        JsonObject std = new JsonObject();
        std.add("mean", array(s.standardizer().mean()));
        std.addProperty("scale", s.standardizer().scale());
        root.add("standardisation", std);
        root.add("calibration", GSON.toJsonTree(s.calibration()));
        EnsembleNetwork.Architecture a = s.network().architecture();
        JsonObject arch = new JsonObject();
        arch.addProperty("members", a.members());
        arch.addProperty("features", a.features());
        arch.addProperty("radial", a.radial());
        arch.addProperty("interactions", a.interactions());
        arch.addProperty("vocabulary", a.vocabulary());
        arch.addProperty("outputs", a.outputs());
        arch.addProperty("cutoff", a.cutoff());
        arch.addProperty("neighborNorm", a.neighborNorm());
        arch.addProperty("type", a.type().name());
        arch.addProperty("backboneFeatures", a.backboneFeatures());
        root.add("architecture", arch);
        root.addProperty("fits", s.fits());
        SurrogateFit fit = s.lastFit().orElseThrow();
        JsonObject last = new JsonObject();
        last.addProperty("trainingSize", fit.trainingSize());
        last.addProperty("warmStart", fit.warmStart());
        last.addProperty("elapsedNanos", fit.elapsed().toNanos());
        last.addProperty("validationError", fit.validationError());
        last.add("metrics", GSON.toJsonTree(fit.metrics()));
        root.add("lastFit", last);

        NDList weights = new NDList();
        for (EnsembleNetwork.Parameter p : s.network().state()) {
            weights.add(p.array());
        }
        if (s.backbone() != null) {
            // the saved surrogate must not depend on the user's file staying where it was
            Path copy = Files.createTempFile(directory, BACKBONE, ".tmp");
            Files.copy(s.backbone().file(), copy, StandardCopyOption.REPLACE_EXISTING);
            move(copy, directory.resolve(BACKBONE));
            root.addProperty("backbone", BACKBONE);
        }
        Path weightsTemp = Files.createTempFile(directory, WEIGHTS, ".tmp");
        Path metadataTemp = Files.createTempFile(directory, METADATA, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(weightsTemp)) {
                weights.encode(out);
            }
            Files.writeString(metadataTemp, GSON.toJson(root), StandardCharsets.UTF_8);
            move(weightsTemp, directory.resolve(WEIGHTS));
            move(metadataTemp, directory.resolve(METADATA));
        } finally {
            Files.deleteIfExists(weightsTemp);
            Files.deleteIfExists(metadataTemp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    static GnnSurrogate load(Path directory) throws IOException {
        Path metadata = directory.resolve(METADATA);
        Path weightsFile = directory.resolve(WEIGHTS);
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(metadata, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IOException(directory + " holds no saved GNN surrogate (" + METADATA + " is missing)", e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(metadata + " is not valid JSON: " + e.getMessage(), e);
        }
        try {
            int format = root.get("format").getAsInt();
            if (format != FORMAT || !GnnSettings.NAME.equals(root.get("surrogate").getAsString())) {
                throw new IOException(metadata + ": format " + format + " of surrogate '"
                        + root.get("surrogate").getAsString() + "' is not a gnn surrogate of format " + FORMAT);
            }
            SpectrumKind kind = SpectrumKind.valueOf(root.get("kind").getAsString());
            Grid grid = Grid.of(doubles(root.getAsJsonArray("grid")));
            Map<String, String> explicit = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("settings").entrySet()) {
                explicit.put(e.getKey(), e.getValue().getAsString());
            }
            Settings settings = GnnSettings.SCHEMA.parse(explicit);
            JsonArray zs = root.getAsJsonArray("elements");
            int[] z = new int[zs.size()];
            for (int i = 0; i < z.length; i++) {
                z[i] = zs.get(i).getAsInt();
            }
            JsonObject std = root.getAsJsonObject("standardisation");
            Standardizer standardizer = new Standardizer(doubles(std.getAsJsonArray("mean")),
                    std.get("scale").getAsDouble());
            SurrogateCalibration calibration = GSON.fromJson(root.get("calibration"), SurrogateCalibration.class);
            JsonObject a = root.getAsJsonObject("architecture");
            EnsembleNetwork.Architecture architecture = new EnsembleNetwork.Architecture(a.get("members").getAsInt(),
                    a.get("features").getAsInt(), a.get("radial").getAsInt(), a.get("interactions").getAsInt(),
                    a.get("vocabulary").getAsInt(), a.get("outputs").getAsInt(), a.get("cutoff").getAsDouble(),
                    a.get("neighborNorm").getAsDouble(), DataType.valueOf(a.get("type").getAsString()),
                    a.get("backboneFeatures").getAsInt());
            Path backbone = root.has("backbone") ? directory.resolve(root.get("backbone").getAsString()) : null;
            JsonObject last = root.getAsJsonObject("lastFit");
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : last.getAsJsonObject("metrics").entrySet()) {
                metrics.put(e.getKey(), e.getValue().getAsDouble());
            }
            SurrogateFit fit = new SurrogateFit(last.get("trainingSize").getAsInt(),
                    last.get("warmStart").getAsBoolean(), Duration.ofNanos(last.get("elapsedNanos").getAsLong()),
                    last.get("validationError").getAsDouble(), calibration, metrics);
            try (NDManager temporary = TorchRuntime.engine().newBaseManager();
                    InputStream in = new BufferedInputStream(Files.newInputStream(weightsFile))) {
                NDList list = NDList.decode(temporary, in);
                Map<String, NDArray> weights = new HashMap<>();
                for (NDArray w : list) {
                    weights.put(w.getName(), w);
                }
                return new GnnSurrogate(kind, grid, settings, architecture, weights, Vocabulary.ofAtomicNumbers(z),
                        standardizer, calibration, fit, root.get("fits").getAsInt(), backbone);
            } catch (NoSuchFileException e) {
                throw new IOException(directory + ": " + WEIGHTS + " is missing", e);
            }
        } catch (RuntimeException e) {
            throw new IOException(metadata + " (or " + WEIGHTS + ") is damaged: " + e, e);
        }
    }

    private static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }
}
