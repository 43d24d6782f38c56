package org.activestructopt.surrogate.gnn.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.activestructopt.api.Settings;
import org.activestructopt.api.StructureGradient;
import org.activestructopt.api.Surrogate;
import org.activestructopt.api.SurrogateCalibration;
import org.activestructopt.api.SurrogateData;
import org.activestructopt.api.SurrogateEvaluation;
import org.activestructopt.api.SurrogateExample;
import org.activestructopt.api.SurrogateFit;
import org.activestructopt.api.SurrogateObjective;
import org.activestructopt.api.SurrogatePrediction;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;
import org.activestructopt.surrogate.gnn.GnnSettings;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * The k-fold GNN ensemble surrogate (see {@link org.activestructopt.surrogate.gnn.GnnSettings} for the model).
 * <p>
 * Training: the training examples are dealt into k folds ({@link Folds}); member m minimises the loss on the
 * standardised spectra of all folds but m with AdamW, mini-batches shared by all members (each member's loss is
 * masked to its own examples), and keeps the weights of the epoch with the lowest error on fold m (early stopping
 * with patience). A later fit starts from those weights (warm start) unless new elements appear.
 * <p>
 * Prediction: the mean over members; uncertainty: the standard deviation over members (population, i.e. the sample
 * standard deviation times sqrt((k-1)/k) as in ActiveStructOpt) times the scalar fitted on the calibration set.
 * <p>
 * Native memory: weights live in this surrogate's manager; every computation runs in a child manager that holds the
 * weights temporarily and is closed at the end, so nothing accumulates from call to call.
 */
public final class GnnSurrogate implements Surrogate {

    /** Largest number of sites per pass when predicting or validating (bounds native memory for big batches). */
    private static final int SITES_PER_PASS = 8192;
    /**
     * Candidates evaluated in one graph hold at most this many sites (a single larger structure is its own graph).
     * Batching small structures saves DJL's per-call overhead (32 starts of 24 sites: 5x faster than one call each),
     * but one graph of 32 starts of 216 sites was 0.7x as fast as one call each: the tensors of 7000 sites outgrow
     * the caches.
     */
    static final int MAX_BATCH_SITES = 1024;
    private static final int STRUCTURES_PER_PASS = 256;
    /** Keeps the gradient of the ensemble spread finite where all members agree exactly. */
    private static final double SPREAD_EPSILON = 1e-24;

    private final SpectrumKind kind;
    private final Grid grid;
    private final Settings settings;
    private final GnnConfig config;
    private final NDManager manager;

    private EnsembleNetwork network;
    private Vocabulary vocabulary;
    private Standardizer standardizer;
    private SurrogateCalibration calibration = SurrogateCalibration.none();
    private SurrogateFit lastFit;
    private int fits;
    private final Map<Structure, StructureGraph> graphCache = new HashMap<>();
    /** The candidates' graphs of each batch of the last evaluate call, reused while they stay within the skin. */
    private final List<CandidateGraphs> candidates = new ArrayList<>();
    private final Backbone backbone;
    private final EvaluationTimings timings = new EvaluationTimings();
    private boolean closed;

    GnnSurrogate(SpectrumKind kind, Grid grid, Settings settings) {
        this(kind, grid, settings, null);
    }

    /**
     * @param backboneFile where to load the backbone from instead of the {@code backbone} setting (a saved copy), or
     *                     null
     */
    private GnnSurrogate(SpectrumKind kind, Grid grid, Settings settings, Path backboneFile) {
        this.kind = Objects.requireNonNull(kind, "spectrum kind");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = GnnConfig.of(settings);
        if (grid.size() < 2) {
            throw new IllegalArgumentException("the surrogate's grid needs at least 2 points, got " + grid.size());
        }
        this.manager = TorchRuntime.engine().newBaseManager();
        Path file = backboneFile != null ? backboneFile
                : config.backbone().isEmpty() ? null : Path.of(config.backbone());
        try {
            this.backbone = file == null ? null
                    : Backbone.load(file, manager, config.type(), Element.O.z());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Restores a saved state; see {@link GnnStore}. */
    GnnSurrogate(SpectrumKind kind, Grid grid, Settings settings, EnsembleNetwork.Architecture architecture,
            Map<String, NDArray> weights, Vocabulary vocabulary, Standardizer standardizer,
            SurrogateCalibration calibration, SurrogateFit lastFit, int fits, Path backboneFile) {
        this(kind, grid, settings, backboneFile);
        this.network = EnsembleNetwork.empty(manager, architecture, backbone, vocabulary.atomicNumbers());
        try (NDManager scope = network.scope()) {
            for (EnsembleNetwork.Parameter p : network.state()) {
                NDArray w = weights.get(p.name());
                if (w == null || !w.getShape().equals(p.array().getShape())) {
                    throw new IllegalArgumentException("saved weight '" + p.name() + "' is "
                            + (w == null ? "missing" : "of shape " + w.getShape()) + "; expected shape "
                            + p.array().getShape());
                }
                EnsembleNetwork.setInPlace(p.array(), w);
            }
        }
        this.vocabulary = vocabulary;
        this.standardizer = standardizer;
        this.calibration = calibration;
        this.lastFit = lastFit;
        this.fits = fits;
    }

    @Override
    public SpectrumKind kind() {
        return kind;
    }

    @Override
    public Grid grid() {
        return grid;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    GnnConfig config() {
        return config;
    }

    @Override
    public boolean isFitted() {
        return lastFit != null;
    }

    @Override
    public Optional<SurrogateFit> lastFit() {
        return Optional.ofNullable(lastFit);
    }

    /** @return the calibration scale currently applied to the ensemble spread */
    public SurrogateCalibration calibration() {
        return calibration;
    }

    // ------------------------------------------------------------------------------------------------------ fit

    @Override
    public SurrogateFit fit(SurrogateData data, IProgressMonitor monitor) {
        Objects.requireNonNull(data, "data");
        return locked(() -> fitLocked(data, monitor == null ? new NullProgressMonitor() : monitor));
    }

    private SurrogateFit fitLocked(SurrogateData data, IProgressMonitor monitor) {
        checkOpen();
        long start = System.nanoTime();
        List<SurrogateExample> training = data.training();
        List<SurrogateExample> held = data.calibration();
        int k = config.members();
        if (training.size() < k) {
            throw new IllegalArgumentException("a " + k + "-fold ensemble (setting "
                    + GnnSettings.ENSEMBLE_SIZE.name() + "=" + k + ") needs at least " + k
                    + " training examples, got " + training.size());
        }
        List<double[]> yTraining = targets(training, "training example");
        List<double[]> yHeld = targets(held, "calibration example");
        List<Structure> all = new ArrayList<>();
        training.forEach(e -> all.add(e.structure()));
        held.forEach(e -> all.add(e.structure()));
        Vocabulary needed = Vocabulary.of(all);
        boolean warm = network != null && config.warmStart() && vocabulary.containsAll(needed);
        Vocabulary vocab = warm ? vocabulary : needed;
        if (!warm) {
            graphCache.clear();
        }
        Set<Structure> keep = new HashSet<>(all);
        graphCache.keySet().retainAll(keep);
        List<StructureGraph> graphs = new ArrayList<>(training.size());
        for (int i = 0; i < training.size(); i++) {
            graphs.add(graph(training.get(i).structure(), vocab, "training example " + i));
        }
        for (int i = 0; i < held.size(); i++) {
            graph(held.get(i).structure(), vocab, "calibration example " + i);
        }
        Standardizer std = warm ? standardizer : Standardizer.of(yTraining);
        List<Structure> trainingStructures = training.stream().map(SurrogateExample::structure).toList();
        EnsembleNetwork net = warm ? network
                : EnsembleNetwork.initialised(manager, architecture(vocab, graphs), backbone, vocab.atomicNumbers(),
                        config.seed());
        if (!warm) {
            try {
                cacheSiteFeatures(net, graphs, trainingStructures);
                standardise(net, graphs);
            } catch (RuntimeException | Error e) {
                net.close();
                throw e;
            }
        }
        int[] folds = Folds.assign(training.size(), k, config.seed());
        int maxEpochs = warm ? config.finetuneEpochs() : config.epochs();
        cacheSiteFeatures(net, graphs, trainingStructures);
        Training outcome;
        try (Backup backup = warm ? new Backup(net) : null) {
            try {
                outcome = train(net, graphs, yTraining, std, folds, maxEpochs, warm, monitor);
            } catch (RuntimeException | Error e) {
                if (backup != null) {
                    backup.restore();
                } else {
                    net.close();
                }
                throw e;
            }
        }
        if (!warm) {
            if (network != null) {
                network.close();
            }
            network = net;
            vocabulary = vocab;
            standardizer = std;
        }
        candidates.clear();
        fits++;
        long trained = System.nanoTime();
        calibration = held.isEmpty() ? SurrogateCalibration.none() : calibrate(held, yHeld);
        long end = System.nanoTime();

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("epochs", (double) outcome.epochs);
        metrics.put("parameters_per_member", (double) network.parameterCount());
        metrics.put("training_seconds", (trained - start) / 1e9);
        metrics.put("calibration_seconds", (end - trained) / 1e9);
        for (int m = 0; m < k; m++) {
            metrics.put("member." + m + ".best_epoch", (double) outcome.bestEpoch[m]);
            metrics.put("member." + m + ".validation_mae", outcome.validationMae[m]);
        }
        double validation = Arrays.stream(outcome.validationMae).average().orElse(Double.NaN);
        lastFit = new SurrogateFit(training.size(), warm, Duration.ofNanos(end - start), validation, calibration,
                metrics);
        monitor.done();
        return lastFit;
    }

    private EnsembleNetwork.Architecture architecture(Vocabulary vocab, List<StructureGraph> graphs) {
        long pairs = 0;
        long sites = 0;
        for (StructureGraph g : graphs) {
            pairs += g.pairsWithinCutoff;
            sites += g.sites;
        }
        double norm = Math.max(1, (double) pairs / sites);
        return new EnsembleNetwork.Architecture(config.members(), config.features(), config.radial(),
                backbone == null ? config.interactions() : 0, vocab.size(), grid.size(), config.cutoff(), norm,
                config.type(), backbone == null ? 0 : backbone.features());
    }

    private List<double[]> targets(List<SurrogateExample> examples, String what) {
        List<double[]> out = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            Spectrum s = examples.get(i).spectrum();
            if (s.kind() != kind) {
                throw new IllegalArgumentException(what + " " + i + " is of kind " + s.kind() + "; this surrogate "
                        + "predicts " + kind);
            }
            if (s.grid().equals(grid)) {
                out.add(s.yArray());
            } else {
                try {
                    out.add(s.resample(grid).yArray());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(what + " " + i + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    private StructureGraph graph(Structure s, Vocabulary vocab, String what) {
        StructureGraph g = graphCache.get(s);
        if (g == null) {
            g = StructureGraph.of(s, vocab.indices(s, what), config.cutoff(), 0);
            graphCache.put(s, g);
        }
        return g;
    }

    /** What {@link #train} achieved. */
    private record Training(int epochs, int[] bestEpoch, double[] validationMae) {
    }

    private Training train(EnsembleNetwork net, List<StructureGraph> graphs, List<double[]> targets,
            Standardizer std, int[] folds, int maxEpochs, boolean warm, IProgressMonitor monitor) {
        int n = graphs.size();
        int k = net.members;
        List<float[]> y = targets.stream().map(std::standardise).toList();
        monitor.beginTask("Training the " + k + "-member GNN ensemble on " + n + " structures", maxEpochs);
        net.requireGradients(true);
        try (NDManager fit = manager.newSubManager();
                AdamW optimiser = new AdamW(fit, List.of(net.arrays()), config.weightDecay())) {
            List<EnsembleNetwork.Parameter> params = net.parameters();
            NDArray[] best = new NDArray[params.size()];
            try (NDManager scope = net.scope()) {
                for (int i = 0; i < best.length; i++) {
                    best[i] = params.get(i).array().reshape(params.get(i).memberView()).duplicate();
                    best[i].attach(fit);
                }
            }
            double[] bestLoss = new double[k];
            double[] bestMae = new double[k];
            int[] bestEpoch = new int[k];
            // epoch 0 competes too: a fresh network predicts about the mean spectrum, and a member that never beats
            // that on its fold (likely with a handful of examples) had better stay there
            double[][] initial = validate(net, graphs, y, folds);
            for (int m = 0; m < k; m++) {
                bestLoss[m] = Double.isNaN(initial[0][m]) ? Double.POSITIVE_INFINITY : initial[0][m];
                bestMae[m] = initial[1][m];
            }
            SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + n);
            int epoch = 0;
            while (epoch < maxEpochs) {
                epoch++;
                int[] order = shuffled(n, random);
                for (int from = 0; from < n; from += config.batchSize()) {
                    if (monitor.isCanceled()) {
                        throw new OperationCanceledException("training of the GNN surrogate cancelled");
                    }
                    int[] batch = Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize()));
                    step(net, optimiser, graphs, y, folds, batch, epoch);
                }
                double[][] v = validate(net, graphs, y, folds);
                float[] improved = new float[k];
                boolean any = false;
                for (int m = 0; m < k; m++) {
                    if (v[0][m] < bestLoss[m]) {
                        bestLoss[m] = v[0][m];
                        bestMae[m] = v[1][m];
                        bestEpoch[m] = epoch;
                        improved[m] = 1;
                        any = true;
                    }
                }
                if (any) {
                    keepBest(net, best, improved);
                }
                monitor.worked(1);
                monitor.subTask(String.format(java.util.Locale.ROOT, "epoch %d: validation MAE %.4g", epoch,
                        Arrays.stream(v[1]).average().orElse(Double.NaN) * std.scale()));
                boolean allPatient = true;
                for (int m = 0; m < k; m++) {
                    allPatient &= epoch - bestEpoch[m] >= config.patience();
                }
                if (allPatient) {
                    break;
                }
            }
            try (NDManager scope = net.scope()) {
                for (int i = 0; i < best.length; i++) {
                    EnsembleNetwork.setInPlace(params.get(i).array(),
                            best[i].reshape(params.get(i).array().getShape()));
                }
            }
            double[] mae = new double[k];
            for (int m = 0; m < k; m++) {
                mae[m] = bestMae[m] * std.scale();
            }
            return new Training(epoch, bestEpoch, mae);
        } finally {
            net.requireGradients(false);
        }
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** One AdamW step on a mini-batch; member m's loss is the mean over the batch's examples outside fold m. */
    private void step(EnsembleNetwork net, AdamW optimiser, List<StructureGraph> graphs, List<float[]> y, int[] folds,
            int[] batch, int epoch) {
        int k = net.members;
        int b = batch.length;
        int g = grid.size();
        float[] target = new float[b * g];
        float[] weight = new float[k * b];
        for (int m = 0; m < k; m++) {
            int count = 0;
            for (int j = 0; j < b; j++) {
                count += folds[batch[j]] != m ? 1 : 0;
            }
            for (int j = 0; j < b; j++) {
                weight[m * b + j] = folds[batch[j]] != m ? 1f / count : 0f;
            }
        }
        List<StructureGraph> members = new ArrayList<>(b);
        for (int j = 0; j < b; j++) {
            members.add(graphs.get(batch[j]));
            System.arraycopy(y.get(batch[j]), 0, target, j * g, g);
        }
        try (NDManager scope = net.scope()) {
            GraphBatch.Tensors t = GraphBatch.of(members, net.vocabulary, !net.trainsFromCaches())
                    .upload(scope, net.type, !net.trainsFromCaches());
            NDArray targetArray = scope.create(target, new Shape(b, g)).toType(net.type, false);
            NDArray weightArray = scope.create(weight, new Shape(k, b)).toType(net.type, false);
            double loss;
            try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                NDArray diff = trainingForward(net, t, null).sub(targetArray);
                NDArray error = (config.l1Loss() ? diff.abs() : diff.square()).mean(new int[] {2});
                NDArray total = error.mul(weightArray).sum();
                collector.backward(total);
                loss = total.toType(DataType.FLOAT64, false).getDouble();
            }
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training of the GNN surrogate diverged in epoch " + epoch
                        + " (loss " + loss + "); lower the learning_rate setting (now " + config.learningRate() + ")");
            }
            optimiser.step(config.learningRate());
        }
    }

    /**
     * @return [0][m]: member m's loss (as trained: MAE or MSE) on fold m; [1][m]: its MAE on fold m; standardised
     *         units. A member whose fold is empty gets NaN and is never judged improved.
     */
    private double[][] validate(EnsembleNetwork net, List<StructureGraph> graphs, List<float[]> y, int[] folds) {
        int k = net.members;
        int g = grid.size();
        double[] loss = new double[k];
        double[] mae = new double[k];
        int[] count = new int[k];
        for (int[] chunk : chunks(graphs)) {
            int b = chunk.length;
            float[] target = new float[b * g];
            List<StructureGraph> members = new ArrayList<>(b);
            for (int j = 0; j < b; j++) {
                members.add(graphs.get(chunk[j]));
                System.arraycopy(y.get(chunk[j]), 0, target, j * g, g);
            }
            double[] abs;
            double[] sq;
            try (NDManager scope = net.scope()) {
                GraphBatch.Tensors t = GraphBatch.of(members, net.vocabulary, !net.trainsFromCaches())
                        .upload(scope, net.type, !net.trainsFromCaches());
                NDArray diff = trainingForward(net, t, null)
                        .sub(scope.create(target, new Shape(b, g)).toType(net.type, false));
                abs = diff.abs().mean(new int[] {2}).toType(DataType.FLOAT64, false).toDoubleArray();
                sq = diff.square().mean(new int[] {2}).toType(DataType.FLOAT64, false).toDoubleArray();
            }
            for (int j = 0; j < b; j++) {
                int m = folds[chunk[j]];
                mae[m] += abs[m * b + j];
                loss[m] += config.l1Loss() ? abs[m * b + j] : sq[m * b + j];
                count[m]++;
            }
        }
        for (int m = 0; m < k; m++) {
            loss[m] = count[m] > 0 ? loss[m] / count[m] : Double.NaN;
            mae[m] = count[m] > 0 ? mae[m] / count[m] : Double.NaN;
        }
        return new double[][] {loss, mae};
    }

    /**
     * Fixes the network's standardisations from the training data, point by point (each depends on the ones before
     * it). Deviations from the first pass's mean are accumulated in double precision, because the spread is a small
     * fraction of the mean here.
     */
    private static void standardise(EnsembleNetwork net, List<StructureGraph> graphs) {
        for (int point = 0; point < net.standardisations(); point++) {
            double[] shift = null;
            double[] sum = null;
            double[] squares = null;
            long count = 0;
            for (int[] chunk : chunks(graphs)) {
                List<StructureGraph> members = new ArrayList<>(chunk.length);
                for (int i : chunk) {
                    members.add(graphs.get(i));
                }
                try (NDManager scope = net.scope()) {
                    GraphBatch.Tensors t = GraphBatch.of(members, net.vocabulary, !net.trainsFromCaches())
                            .upload(scope, net.type, !net.trainsFromCaches());
                    List<NDArray> taps = new ArrayList<>();
                    trainingForward(net, t, taps);
                    NDArray x = taps.get(point).toType(DataType.FLOAT64, false); // (outer, n, inner)
                    Shape shape = x.getShape();
                    long n = shape.get(1);
                    if (shift == null) {
                        shift = x.mean(new int[] {1}).toDoubleArray();
                        sum = new double[shift.length];
                        squares = new double[shift.length];
                    }
                    NDArray d = x.sub(scope.create(shift, new Shape(shape.get(0), 1, shape.get(2))));
                    double[] s1 = d.sum(new int[] {1}).toDoubleArray();
                    double[] s2 = d.square().sum(new int[] {1}).toDoubleArray();
                    for (int i = 0; i < s1.length; i++) {
                        sum[i] += s1[i];
                        squares[i] += s2[i];
                    }
                    count += n;
                }
            }
            double[] mean = new double[sum.length];
            double[] sd = new double[sum.length];
            for (int i = 0; i < sum.length; i++) {
                double m = sum[i] / count;
                mean[i] = shift[i] + m;
                sd[i] = Math.sqrt(Math.max(0, squares[i] / count - m * m));
            }
            net.setStandardisation(point, mean, sd);
        }
    }

    /** The forward pass over fixed training structures: from cached site features when the network allows. */
    private static NDArray trainingForward(EnsembleNetwork net, GraphBatch.Tensors t, List<NDArray> taps) {
        return net.trainsFromCaches() ? net.forwardFromCaches(t, t.histogram(), t.backboneFeatures(), taps)
                : net.forward(t, t.distance(), taps);
    }

    /**
     * Computes the site histograms and backbone features of training graphs that lack them, once per structure and
     * network, from the structures' coordinates.
     */
    private static void cacheSiteFeatures(EnsembleNetwork net, List<StructureGraph> graphs,
            List<Structure> structures) {
        if (!net.trainsFromCaches()) {
            return;
        }
        List<Integer> missing = new ArrayList<>();
        List<StructureGraph> missingGraphs = new ArrayList<>();
        for (int i = 0; i < graphs.size(); i++) {
            StructureGraph g = graphs.get(i);
            if ((g.histogram == null || net.backboneFeatures > 0 && g.backboneFeatures == null)
                    && !missingGraphs.contains(g)) {
                missing.add(i);
                missingGraphs.add(g);
            }
        }
        for (int[] chunk : chunks(missingGraphs)) {
            List<StructureGraph> members = new ArrayList<>(chunk.length);
            List<Structure> memberStructures = new ArrayList<>(chunk.length);
            for (int i : chunk) {
                members.add(missingGraphs.get(i));
                memberStructures.add(structures.get(missing.get(i)));
            }
            GraphBatch batch = GraphBatch.of(members, net.vocabulary);
            double[] histograms;
            double[] features = null;
            try (NDManager scope = net.scope()) {
                GraphBatch.Tensors t = batch.upload(scope, net.type);
                NDArray vectors = net.vectors(t, coordinates(scope, memberStructures, batch, net.type),
                        lattices(scope, memberStructures, net.type));
                EnsembleNetwork.Radial r = net.radial(t, EnsembleNetwork.lengths(vectors));
                histograms = net.histogram(t, r).toType(DataType.FLOAT64, false).toDoubleArray();
                NDArray b = net.backboneFeatures(t, vectors, r);
                if (b != null) {
                    features = b.toType(DataType.FLOAT64, false).toDoubleArray();
                }
            }
            for (int j = 0; j < members.size(); j++) {
                StructureGraph g = members.get(j);
                int from = batch.firstSite[j];
                int to = batch.firstSite[j + 1];
                int width = histograms.length / batch.sites;
                g.histogram = Arrays.copyOfRange(histograms, from * width, to * width);
                if (features != null) {
                    int w = features.length / batch.sites;
                    g.backboneFeatures = Arrays.copyOfRange(features, from * w, to * w);
                }
            }
        }
    }

    /** Copies the weights of the improved members into their best snapshot (the others keep theirs). */
    private static void keepBest(EnsembleNetwork net, NDArray[] best, float[] improved) {
        List<EnsembleNetwork.Parameter> params = net.parameters();
        try (NDManager scope = net.scope()) {
            for (int i = 0; i < best.length; i++) {
                EnsembleNetwork.Parameter p = params.get(i);
                long[] maskShape = new long[p.memberView().dimension()];
                Arrays.fill(maskShape, 1);
                maskShape[p.memberAxis()] = improved.length;
                NDArray mask = scope.create(improved, new Shape(maskShape)).toType(best[i].getDataType(), false);
                NDArray current = p.array().reshape(p.memberView());
                best[i].addi(current.sub(best[i]).mul(mask));
            }
        }
    }

    /** Structure indices in passes of bounded size. */
    private static List<int[]> chunks(List<StructureGraph> graphs) {
        List<int[]> out = new ArrayList<>();
        int from = 0;
        while (from < graphs.size()) {
            int to = from;
            int sites = 0;
            while (to < graphs.size() && to - from < STRUCTURES_PER_PASS
                    && (to == from || sites + graphs.get(to).sites <= SITES_PER_PASS)) {
                sites += graphs.get(to).sites;
                to++;
            }
            int[] c = new int[to - from];
            for (int i = 0; i < c.length; i++) {
                c[i] = from + i;
            }
            out.add(c);
            from = to;
        }
        return out;
    }

    private SurrogateCalibration calibrate(List<SurrogateExample> held, List<double[]> y) {
        List<Structure> structures = held.stream().map(SurrogateExample::structure).toList();
        List<StructureGraph> graphs = new ArrayList<>();
        for (int i = 0; i < structures.size(); i++) {
            graphs.add(graph(structures.get(i), vocabulary, "calibration example " + i));
        }
        double[][][] raw = predictRaw(structures, graphs);
        List<double[]> errors = new ArrayList<>();
        List<double[]> spreads = new ArrayList<>();
        for (int i = 0; i < structures.size(); i++) {
            double[] e = new double[grid.size()];
            for (int p = 0; p < e.length; p++) {
                e[p] = y.get(i)[p] - raw[i][0][p];
            }
            errors.add(e);
            spreads.add(raw[i][1]);
        }
        return SurrogateCalibration.fit(errors, spreads);
    }

    // --------------------------------------------------------------------------------------------------- predict

    @Override
    public List<SurrogatePrediction> predict(List<Structure> structures) {
        Objects.requireNonNull(structures, "structures");
        return locked(() -> {
            checkFitted();
            List<StructureGraph> graphs = new ArrayList<>(structures.size());
            for (int i = 0; i < structures.size(); i++) {
                Structure s = Objects.requireNonNull(structures.get(i), () -> "structure is null");
                graphs.add(StructureGraph.of(s, vocabulary.indices(s, "structure " + i), config.cutoff(), 0));
            }
            double[][][] raw = predictRaw(structures, graphs);
            List<SurrogatePrediction> out = new ArrayList<>(structures.size());
            for (double[][] r : raw) {
                double[] sigma = r[1];
                for (int p = 0; p < sigma.length; p++) {
                    sigma[p] *= calibration.scale();
                }
                out.add(SurrogatePrediction.of(kind, grid, r[0], sigma));
            }
            return out;
        });
    }

    /**
     * @return per structure: [0] mean and [1] uncalibrated spread of the ensemble, in the units of the spectrum
     */
    private double[][][] predictRaw(List<Structure> structures, List<StructureGraph> graphs) {
        double[][][] out = new double[structures.size()][][];
        int g = grid.size();
        double scale = standardizer.scale();
        for (int[] chunk : chunks(graphs)) {
            List<StructureGraph> members = new ArrayList<>(chunk.length);
            List<Structure> batchStructures = new ArrayList<>(chunk.length);
            for (int i : chunk) {
                members.add(graphs.get(i));
                batchStructures.add(structures.get(i));
            }
            GraphBatch batch = GraphBatch.of(members, network.vocabulary);
            double[] mean;
            double[] spread;
            try (NDManager scope = network.scope()) {
                GraphBatch.Tensors t = batch.upload(scope, network.type);
                NDArray[] stats = ensembleStatistics(t, coordinates(scope, batchStructures, batch, network.type),
                        lattices(scope, batchStructures, network.type));
                mean = stats[0].toType(DataType.FLOAT64, false).toDoubleArray();
                spread = stats[1].toType(DataType.FLOAT64, false).toDoubleArray();
            }
            checkFinite(mean, spread, g, "structure", chunk);
            for (int j = 0; j < chunk.length; j++) {
                double[] m = new double[g];
                double[] s = new double[g];
                for (int p = 0; p < g; p++) {
                    m[p] = standardizer.restore(mean[j * g + p], p);
                    s[p] = scale * spread[j * g + p];
                }
                out[chunk[j]] = new double[][] {m, s};
            }
        }
        return out;
    }

    private static void checkFinite(double[] mean, double[] spread, int g, String what, int... index) {
        for (int p = 0; p < mean.length; p++) {
            if (!Double.isFinite(mean[p]) || !Double.isFinite(spread[p])) {
                int b = p / g;
                throw new IllegalStateException("the GNN's prediction for " + what + " "
                        + (index.length > 0 ? index[b] : b) + " is not finite at grid point " + p % g
                        + "; the structure is probably far outside the training data (sites much closer than in "
                        + "any training structure?)");
            }
        }
    }

    /** @return {mean, spread} over members, each (structures, grid), standardised units */
    private NDArray[] ensembleStatistics(GraphBatch.Tensors t, NDArray frac, NDArray lattice) {
        NDArray out = network.forwardFromCoordinates(t, frac, lattice);
        NDArray mean = out.mean(new int[] {0});
        NDArray spread = out.sub(mean).square().mean(new int[] {0}).add(SPREAD_EPSILON).sqrt();
        return new NDArray[] {mean, spread};
    }

    private static NDArray coordinates(NDManager scope, List<Structure> structures, GraphBatch batch,
            DataType type) {
        double[] frac = new double[batch.sites * 3];
        for (int b = 0; b < structures.size(); b++) {
            double[] f = structures.get(b).fracCoordsFlat();
            System.arraycopy(f, 0, frac, batch.firstSite[b] * 3, f.length);
        }
        return scope.create(frac, new Shape(batch.sites, 3)).toType(type, false);
    }

    private static NDArray lattices(NDManager scope, List<Structure> structures, DataType type) {
        double[] l = new double[structures.size() * 9];
        for (int b = 0; b < structures.size(); b++) {
            double[][] m = structures.get(b).lattice().matrix();
            for (int r = 0; r < 3; r++) {
                System.arraycopy(m[r], 0, l, b * 9 + r * 3, 3);
            }
        }
        return scope.create(l, new Shape(structures.size(), 3, 3)).toType(type, false);
    }

    // -------------------------------------------------------------------------------------------------- evaluate

    @Override
    public List<SurrogateEvaluation> evaluate(List<Structure> structures, SurrogateObjective objective) {
        Objects.requireNonNull(structures, "structures");
        Objects.requireNonNull(objective, "objective");
        return locked(() -> {
            checkFitted();
            if (structures.isEmpty()) {
                return List.of();
            }
            for (int i = 0; i < structures.size(); i++) {
                Objects.requireNonNull(structures.get(i), "structure " + i);
            }
            List<SurrogateEvaluation> out = new ArrayList<>(structures.size());
            int from = 0;
            int slots = 0;
            for (int b = 0; from < structures.size(); b++) {
                int to = from + 1;
                int sites = structures.get(from).size();
                while (to < structures.size() && sites + structures.get(to).size() <= MAX_BATCH_SITES) {
                    sites += structures.get(to++).size();
                }
                out.addAll(evaluateBatch(structures.subList(from, to), from, objective, b));
                from = to;
                slots = b + 1;
            }
            // graphs of batches this call no longer has would hold their structures' tensors for nothing
            candidates.subList(Math.min(slots, candidates.size()), candidates.size()).clear();
            return out;
        });
    }

    /**
     * One graph of several candidates, cached as the {@code slot}-th batch of the call.
     *
     * @param offset index of the first of them in the caller's list
     */
    private List<SurrogateEvaluation> evaluateBatch(List<Structure> structures, int offset,
            SurrogateObjective objective, int slot) {
        long t0 = System.nanoTime();
        while (candidates.size() <= slot) {
            candidates.add(null);
        }
        CandidateGraphs graphs = candidates.get(slot);
        if (graphs == null || !graphs.validFor(structures)) {
            graphs = CandidateGraphs.build(structures, offset, vocabulary, config.cutoff(), config.skin());
            candidates.set(slot, graphs);
            timings.rebuilds++;
        }
        long t1 = System.nanoTime();
        timings.graphs += t1 - t0;
        GraphBatch batch = graphs.batch();
        long forwardBefore = timings.forward;
        long objectiveBefore = timings.objective;
        int n = structures.size();
        int g = grid.size();
        double scale = standardizer.scale();
        double sigmaScale = scale * calibration.scale();
        double[] values = new double[n];
        double[][] means = new double[n][];
        double[][] sigmas = new double[n][];
        double[] gradFrac;
        double[] gradLattice;
        try (NDManager scope = network.scope()) {
            GraphBatch.Tensors t = batch.upload(scope, network.type);
            NDArray frac = coordinates(scope, structures, batch, network.type);
            NDArray lattice = lattices(scope, structures, network.type);
            frac.setRequiresGradient(true);
            lattice.setRequiresGradient(true);
            try (GradientCollector collector = TorchRuntime.engine().newGradientCollector()) {
                NDArray[] stats = ensembleStatistics(t, frac, lattice);
                long t2 = System.nanoTime();
                double[] mean = stats[0].toType(DataType.FLOAT64, false).toDoubleArray();
                double[] spread = stats[1].toType(DataType.FLOAT64, false).toDoubleArray();
                checkFinite(mean, spread, g, "candidate");
                double[] seedMean = new double[n * g];
                double[] seedSpread = new double[n * g];
                for (int b = 0; b < n; b++) {
                    double[] m = new double[g];
                    double[] s = new double[g];
                    for (int p = 0; p < g; p++) {
                        m[p] = standardizer.restore(mean[b * g + p], p);
                        s[p] = sigmaScale * spread[b * g + p];
                    }
                    double[] dm = new double[g];
                    double[] ds = new double[g];
                    values[b] = objective.evaluate(m.clone(), s.clone(), dm, ds);
                    for (int p = 0; p < g; p++) {
                        // chain rule through the standardisation and the calibration scale
                        seedMean[b * g + p] = dm[p] * scale;
                        seedSpread[b * g + p] = ds[p] * sigmaScale;
                    }
                    means[b] = m;
                    sigmas[b] = s;
                }
                NDArray seed1 = scope.create(seedMean, new Shape(n, g)).toType(network.type, false);
                NDArray seed2 = scope.create(seedSpread, new Shape(n, g)).toType(network.type, false);
                long t3 = System.nanoTime();
                // PyTorch runs eagerly on the CPU, so each interval is the full cost of its part
                timings.forward += t2 - t1;
                timings.objective += t3 - t2;
                collector.backward(stats[0].mul(seed1).add(stats[1].mul(seed2)).sum());
            }
            gradFrac = frac.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            gradLattice = lattice.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
        timings.backward += System.nanoTime() - t1 - (timings.forward - forwardBefore)
                - (timings.objective - objectiveBefore);
        timings.calls++;
        List<SurrogateEvaluation> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            int first = batch.firstSite[b];
            int sites = batch.firstSite[b + 1] - first;
            double[][] df = new double[sites][3];
            for (int i = 0; i < sites; i++) {
                System.arraycopy(gradFrac, (first + i) * 3, df[i], 0, 3);
            }
            double[][] dl = new double[3][3];
            for (int r = 0; r < 3; r++) {
                System.arraycopy(gradLattice, b * 9 + r * 3, dl[r], 0, 3);
            }
            out.add(new SurrogateEvaluation(values[b], SurrogatePrediction.of(kind, grid, means[b], sigmas[b]),
                    StructureGradient.of(df, dl)));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ save, close

    @Override
    public void save(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        ReentrantLock lock = TorchRuntime.computeLock();
        lock.lock();
        try {
            checkFitted();
            GnnStore.save(directory, this);
        } finally {
            lock.unlock();
        }
    }

    /** Where {@link #evaluate} spends its time, accumulated since creation (for benchmarks). */
    static final class EvaluationTimings {
        long calls;
        long rebuilds;
        long graphs;
        long forward;
        long objective;
        long backward;
    }

    EvaluationTimings timings() {
        return timings;
    }

    EnsembleNetwork network() {
        return network;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    Backbone backbone() {
        return backbone;
    }

    Standardizer standardizer() {
        return standardizer;
    }

    int fits() {
        return fits;
    }

    @Override
    public void close() {
        ReentrantLock lock = TorchRuntime.computeLock();
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                if (backbone != null) {
                    backbone.close();
                }
                manager.close();
                network = null;
                candidates.clear();
                graphCache.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the GNN surrogate has been closed");
        }
    }

    private void checkFitted() {
        checkOpen();
        if (lastFit == null) {
            throw new IllegalStateException("the GNN surrogate has not been fitted yet; call fit(...) first");
        }
    }

    private static <T> T locked(Supplier<T> action) {
        ReentrantLock lock = TorchRuntime.computeLock();
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** A copy of the weights before a warm-started fit, put back if the fit fails or is cancelled. */
    private static final class Backup implements AutoCloseable {
        private final EnsembleNetwork net;
        private final NDManager store;
        private final NDArray[] copies;

        Backup(EnsembleNetwork net) {
            this.net = net;
            this.store = net.newChildManager();
            NDArray[] w = net.arrays();
            copies = new NDArray[w.length];
            try (NDManager scope = net.scope()) {
                for (int i = 0; i < w.length; i++) {
                    copies[i] = w[i].duplicate();
                    copies[i].attach(store);
                }
            }
        }

        void restore() {
            NDArray[] w = net.arrays();
            try (NDManager scope = net.scope()) {
                for (int i = 0; i < w.length; i++) {
                    EnsembleNetwork.setInPlace(w[i], copies[i]);
                }
            }
        }

        @Override
        public void close() {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "GnnSurrogate[" + kind + " on " + grid.size() + " points, " + settings + (isFitted() ? ", fitted" : "")
                + "]";
    }
}
