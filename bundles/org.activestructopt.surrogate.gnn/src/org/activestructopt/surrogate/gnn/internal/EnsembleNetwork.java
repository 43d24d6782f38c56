package org.activestructopt.surrogate.gnn.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The members of the ensemble as one stacked SchNet-type network: every weight carries a member axis, so all k members
 * run in one pass (one set of native calls instead of k) while remaining mathematically independent models.
 * <p>
 * Layout: node features are (members, sites, features); edge quantities are (sites, slots, ...), every site having
 * the same number of neighbour slots, so that gathering neighbours is a row gather and sums over neighbours are
 * batched matrix products (DJL has no scatter-add).
 * <p>
 * The first interaction exploits that its input depends only on the element: the sum over neighbours of
 * {@code filter(d_ij) * v(Z_j)} equals, per neighbour element, the filter applied to a smooth partial radial
 * distribution of the site (a histogram of its neighbours' distances in the radial basis). That is exact and costs a
 * small fraction of a full convolution. Later interactions are full continuous-filter convolutions.
 * <p>
 * Filters are {@code (rbf(d) W + b) fc(d)} with Gaussians {@code exp(-(d - mu_k)^2 / (2 delta^2))} on an even grid of
 * spacing delta from 0 to the cutoff and {@code fc(d) = (cos(pi d / rc) + 1) / 2} for d below rc, 0 beyond; the bias
 * term enters as one more basis function, fc itself. Messages are divided by the mean number of neighbours in the
 * training data so that activations do not scale with density.
 * <p>
 * A linear readout of the pooled site histograms per element pair (the smooth partial radial distribution functions of
 * the structure) is added to the network's output: spectra such as G(r) are, to first order, linear functionals of
 * them.
 * <p>
 * Fixed standardisation: the pooled pair histograms, the message of every interaction (or the backbone's features) and
 * the pooled features are shifted and scaled by their mean and standard deviation over the training data, measured
 * once when the network is created (data-dependent initialisation) and then kept as constants of the model. Without it
 * the network is almost blind to what matters here: perturbed copies of one crystal differ by a small fraction of the
 * features' typical size, so the signal reaching the head is about 1e-3 of its constant part and training stalls at
 * the mean spectrum.
 * <p>
 * With a {@link Backbone} the interactions are replaced by the backbone's per-site features, mapped by a per-member
 * layer into the atom-wise part; the backbone is shared and frozen.
 */
final class EnsembleNetwork implements AutoCloseable {

    private static final double MIN_EXPONENT = -40;
    /** Added under the square root of squared distances: sqrt has an infinite slope at 0 (padding slots). */
    private static final double DISTANCE_EPSILON = 1e-12;

    final int members;
    final int features;
    final int radial;
    final int interactions;
    final int vocabulary;
    final int outputs;
    final double cutoff;
    final double neighborNorm;
    final DataType type;
    /** Width of the backbone's features, 0 without a backbone. */
    final int backboneFeatures;

    private final NDManager manager;
    private final Backbone backbone;
    private final int[] atomicNumbers;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Parameter> buffers = new ArrayList<>();
    /** Standardisations, see {@link #standardisations()} for their order. */
    private final List<NDArray> normShift = new ArrayList<>();
    private final List<NDArray> normScale = new ArrayList<>(); // inverse standard deviations
    private final NDArray embedding;
    private final NDArray[] filter;
    private final NDArray[] in;
    private final NDArray[] update1;
    private final NDArray[] bias1;
    private final NDArray[] update2;
    private final NDArray[] bias2;
    private final NDArray backboneWeight;
    private final NDArray backboneBias;
    private final NDArray atomWeight;
    private final NDArray atomBias;
    private final NDArray headWeight;
    private final NDArray headBias;
    private final NDArray outWeight;
    private final NDArray outBias;
    private final NDArray linearWeight;

    /**
     * A weight and the view in which its member axis is explicit, for per-member snapshots.
     *
     * @param memberView shape with the member axis at {@code memberAxis}
     */
    record Parameter(String name, NDArray array, Shape memberView, int memberAxis) {
    }

    /**
     * Hyper-parameters fixed for the life of a network.
     *
     * @param interactions     message-passing steps; 0 with a backbone
     * @param backboneFeatures width of the backbone's output, 0 without a backbone
     */
    record Architecture(int members, int features, int radial, int interactions, int vocabulary, int outputs,
            double cutoff, double neighborNorm, DataType type, int backboneFeatures) {
    }

    /**
     * @param backbone      the frozen backbone, or null; must match {@code a.backboneFeatures()}
     * @param atomicNumbers the atomic number of every vocabulary index (the backbone takes atomic numbers)
     */
    private EnsembleNetwork(NDManager parent, Architecture a, Backbone backbone, int[] atomicNumbers) {
        this.members = a.members();
        this.features = a.features();
        this.radial = a.radial();
        this.interactions = a.interactions();
        this.vocabulary = a.vocabulary();
        this.outputs = a.outputs();
        this.cutoff = a.cutoff();
        this.neighborNorm = a.neighborNorm();
        this.type = a.type();
        this.backboneFeatures = a.backboneFeatures();
        if ((backbone == null) != (backboneFeatures == 0)
                || backbone != null && (backbone.features() != backboneFeatures || interactions != 0)) {
            throw new IllegalArgumentException("architecture " + a + " does not fit backbone " + backbone);
        }
        this.backbone = backbone;
        this.atomicNumbers = atomicNumbers.clone();
        this.manager = parent.newSubManager();
        int m = members;
        int f = features;
        int basis = radial + 1;
        embedding = backbone == null
                ? add("embedding", new Shape(vocabulary, m * f), new Shape(vocabulary, m, f), 1)
                : null;
        filter = new NDArray[interactions];
        in = new NDArray[interactions];
        update1 = new NDArray[interactions];
        bias1 = new NDArray[interactions];
        update2 = new NDArray[interactions];
        bias2 = new NDArray[interactions];
        for (int t = 0; t < interactions; t++) {
            filter[t] = add("filter." + t, new Shape(basis, m * f), new Shape(basis, m, f), 1);
            in[t] = add("in." + t, new Shape(m, f, f), null, 0);
            update1[t] = add("update1." + t, new Shape(m, f, f), null, 0);
            bias1[t] = add("bias1." + t, new Shape(m, 1, f), null, 0);
            update2[t] = add("update2." + t, new Shape(m, f, f), null, 0);
            bias2[t] = add("bias2." + t, new Shape(m, 1, f), null, 0);
        }
        backboneWeight = backbone == null ? null : add("backbone.weight", new Shape(m, backboneFeatures, f), null, 0);
        backboneBias = backbone == null ? null : add("backbone.bias", new Shape(m, 1, f), null, 0);
        atomWeight = add("atom.weight", new Shape(m, f, f), null, 0);
        atomBias = add("atom.bias", new Shape(m, 1, f), null, 0);
        headWeight = add("head.weight", new Shape(m, f, f), null, 0);
        headBias = add("head.bias", new Shape(m, 1, f), null, 0);
        outWeight = add("out.weight", new Shape(m, f, outputs), null, 0);
        outBias = add("out.bias", new Shape(m, 1, outputs), null, 0);
        int pairs = vocabulary * vocabulary * basis;
        linearWeight = add("linear.weight", new Shape(m, pairs, outputs), null, 0);
        standardisation("pairs", new Shape(1, 1, pairs));
        for (int i = 0; i < interactions; i++) {
            standardisation("message." + i, new Shape(m, 1, f));
        }
        if (backbone != null) {
            standardisation("backbone", new Shape(1, 1, backboneFeatures));
        }
        standardisation("pooled", new Shape(m, 1, f));
    }

    private void standardisation(String point, Shape shape) {
        normShift.add(buffer("norm." + point + ".shift", shape, 0));
        normScale.add(buffer("norm." + point + ".scale", shape, 1));
    }

    private NDArray buffer(String name, Shape shape, double value) {
        NDArray a = manager.full(shape, (float) value, type);
        a.setName(name);
        buffers.add(new Parameter(name, a, shape, 0));
        return a;
    }

    private NDArray add(String name, Shape shape, Shape memberView, int memberAxis) {
        NDArray a = manager.zeros(shape, type);
        a.setName(name);
        parameters.add(new Parameter(name, a, memberView == null ? shape : memberView, memberAxis));
        return a;
    }

    /**
     * A network with freshly initialised weights: Gaussian with variance 1/fan-in for every matrix (1 for the
     * embedding), zero biases and linear readout, and an output layer scaled down by 10 so that the initial prediction
     * is close to the mean spectrum. Drawn from a Java generator so that they depend on the seed only, not on the
     * thread count.
     */
    static EnsembleNetwork initialised(NDManager parent, Architecture a, Backbone backbone, int[] atomicNumbers,
            long seed) {
        EnsembleNetwork net = new EnsembleNetwork(parent, a, backbone, atomicNumbers);
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameter p : net.parameters) {
            if (p.name().contains("bias") || p.name().equals("linear.weight")) {
                continue; // zero: members start from the mean spectrum and differ by their data and their network
            }
            Shape s = p.array().getShape();
            int size = (int) s.size();
            double fanIn;
            if (p.name().equals("embedding")) {
                fanIn = 1;
            } else if (p.name().startsWith("filter")) {
                fanIn = s.get(0);
            } else {
                fanIn = s.get(1);
            }
            double sd = 1 / Math.sqrt(fanIn) * (p.name().equals("out.weight") ? 0.1 : 1);
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = sd * random.nextGaussian();
            }
            try (NDArray v = net.manager.create(values, s)) {
                setInPlace(p.array(), v);
            }
        }
        return net;
    }

    /** A network with the architecture {@code a} whose weights are all zero, to be loaded. */
    static EnsembleNetwork empty(NDManager parent, Architecture a, Backbone backbone, int[] atomicNumbers) {
        return new EnsembleNetwork(parent, a, backbone, atomicNumbers);
    }

    Architecture architecture() {
        return new Architecture(members, features, radial, interactions, vocabulary, outputs, cutoff, neighborNorm,
                type, backboneFeatures);
    }

    /** Overwrites {@code target} with {@code source} (converted to the target's type) without autograd. */
    static void setInPlace(NDArray target, NDArray source) {
        try (NDArray converted = source.toType(target.getDataType(), true)) {
            target.muli(0).addi(converted);
        }
    }

    /** @return the trained weights */
    List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** @return the constants fixed at creation (standardisation), saved with the weights but not trained */
    List<Parameter> buffers() {
        return Collections.unmodifiableList(buffers);
    }

    /** @return weights and constants: everything that {@link #scope()} must hold and a save must write */
    List<Parameter> state() {
        List<Parameter> all = new ArrayList<>(parameters);
        all.addAll(buffers);
        return all;
    }

    NDArray[] arrays() {
        return parameters.stream().map(Parameter::array).toArray(NDArray[]::new);
    }

    long parameterCount() {
        return parameters.stream().mapToLong(p -> p.array().getShape().size()).sum() / members;
    }

    void requireGradients(boolean on) {
        for (Parameter p : parameters) {
            p.array().setRequiresGradient(on);
        }
    }

    /** @return a manager for arrays that must live as long as the network or until closed explicitly */
    NDManager newChildManager() {
        return manager.newSubManager();
    }

    /**
     * A manager for one computation, holding the weights temporarily: an operation's result belongs to the manager of
     * its first operand, so without this every product whose first operand is a weight would stay alive with the
     * network and native memory would grow step after step.
     */
    NDManager scope() {
        NDManager sub = manager.newSubManager();
        sub.tempAttachAll(state().stream().map(Parameter::array).toArray(NDArray[]::new));
        return sub;
    }

    // ------------------------------------------------------------------------------------------------ geometry

    /**
     * Neighbour vectors from coordinates, differentiable w.r.t. both: {@code (f_j + n - f_i) L}.
     *
     * @param frac    (sites, 3) fractional coordinates
     * @param lattice (structures, 3, 3) lattice matrices, rows are the lattice vectors
     * @return (sites, slots, 3) Cartesian vectors to the neighbours
     */
    NDArray vectors(GraphBatch.Tensors t, NDArray frac, NDArray lattice) {
        int a = t.batch().sites;
        int k = t.batch().slots;
        NDArray delta = frac.get(t.neighbor()).reshape(a, k, 3).sub(frac.reshape(a, 1, 3)).add(t.image());
        return delta.matMul(lattice.get(t.structure()));
    }

    /** @return (sites, slots) lengths of {@code vectors} */
    static NDArray lengths(NDArray vectors) {
        return vectors.square().sum(new int[] {2}).add(DISTANCE_EPSILON).sqrt();
    }

    /**
     * The radial expansion of every slot's distance.
     *
     * @param gaussians (sites, slots, radial) {@code exp(-(d - mu_k)^2 / (2 delta^2))}
     * @param cutoff    (sites, slots) the cutoff function divided by the neighbour normalisation, 0 in unused slots
     * @param inside    (sites, slots) 1 for a neighbour within the cutoff, else 0
     */
    record Radial(NDArray gaussians, NDArray cutoff, NDArray inside) {
    }

    /**
     * The Gaussians are computed as {@code exp([d^2, d, 1] W)} with a constant 3 x radial matrix W: one product and
     * one exponential over the (sites, slots, radial) tensor instead of a chain of five element-wise passes. This
     * tensor is the largest of the whole network and its memory traffic dominated the cost of an evaluation. The
     * expanded square loses about 1e-4 relative accuracy in float32 (none that matters in float64).
     *
     * @param distance (sites, slots)
     */
    Radial radial(GraphBatch.Tensors t, NDArray distance) {
        NDManager scope = distance.getManager();
        double delta = cutoff / (radial - 1);
        double[] w = new double[3 * radial];
        for (int r = 0; r < radial; r++) {
            double mu = r * delta;
            w[r] = -0.5 / (delta * delta);
            w[radial + r] = mu / (delta * delta);
            w[2 * radial + r] = -0.5 * mu * mu / (delta * delta);
        }
        NDArray exponentMatrix = scope.create(w, new Shape(3, radial)).toType(type, false);
        NDArray d = distance.expandDims(2);
        NDArray powers = d.square().concat(d, 2).concat(d.onesLike(), 2); // (a, k, 3)
        // Far from their centre the Gaussians underflow through subnormal numbers, which the CPU handles about 20
        // times slower than normal ones (it took most of an evaluation); below e^-40 they are cut to that value,
        // with zero slope, which no spectrum can notice.
        NDArray gaussians = powers.matMul(exponentMatrix).maximum(MIN_EXPONENT).exp();
        NDArray inside = distance.lt(cutoff).toType(type, false).mul(t.used());
        NDArray fc = distance.mul(Math.PI / cutoff).cos().add(1).mul(0.5 / neighborNorm).mul(inside);
        return new Radial(gaussians, fc, inside);
    }

    /**
     * @return (sites, vocabulary, radial + 1): every site's smooth partial radial distribution per neighbour element,
     *         {@code sum_j fc(d_ij) [g_1(d_ij) .. g_R(d_ij), 1]} over the neighbours j of each element; the cutoff
     *         function enters through the small (sites, slots, vocabulary) weights rather than the big Gaussian tensor
     */
    NDArray histogram(GraphBatch.Tensors t, Radial r) {
        NDArray weights = t.neighborSpecies().mul(r.cutoff().expandDims(2)); // (a, k, s)
        NDArray gaussianPart = weights.transpose(0, 2, 1).matMul(r.gaussians());
        return gaussianPart.concat(weights.sum(new int[] {1}).expandDims(2), 2);
    }

    /** @return (sites, backbone features) from the backbone, or null without one */
    NDArray backboneFeatures(GraphBatch.Tensors t, NDArray vectors, Radial r) {
        if (backbone == null) {
            return null;
        }
        NDManager scope = vectors.getManager();
        NDArray z = t.species().matMul(scope.create(atomicNumbers).toType(type, false)).round()
                .toType(DataType.INT64, false);
        GraphBatch b = t.batch();
        return backbone.forward(z, t.neighbor().reshape(b.sites, b.slots), vectors, r.inside());
    }

    // ------------------------------------------------------------------------------------------------- forward

    /**
     * The forward pass from coordinates, differentiable w.r.t. them: predictions and the acquisition's gradients.
     *
     * @param frac    (sites, 3) fractional coordinates
     * @param lattice (structures, 3, 3) lattice matrices
     * @return (members, structures, outputs) the standardised spectra predicted by every member
     */
    NDArray forwardFromCoordinates(GraphBatch.Tensors t, NDArray frac, NDArray lattice) {
        NDArray vectors = vectors(t, frac, lattice);
        Radial r = radial(t, lengths(vectors));
        return forward(t, histogram(t, r), basisT(r), backboneFeatures(t, vectors, r), null);
    }

    /**
     * The forward pass from the distances stored with the batch (training, where coordinates are fixed); not possible
     * with a backbone, which needs vectors: use {@link #forwardFromCaches}.
     *
     * @param taps if not null, receives the input of every standardisation, before it is standardised
     */
    NDArray forward(GraphBatch.Tensors t, NDArray distance, List<NDArray> taps) {
        if (backbone != null) {
            throw new IllegalStateException("a network with a backbone trains from cached site features");
        }
        Radial r = radial(t, distance);
        return forward(t, histogram(t, r), basisT(r), null, taps);
    }

    /**
     * @return whether training can run on per-site quantities computed once per structure (site histograms and the
     *         frozen backbone's features) without any per-edge work in the epochs: one interaction, or a backbone
     */
    boolean trainsFromCaches() {
        return interactions <= 1;
    }

    /**
     * The forward pass from cached site histograms and backbone features ({@link #trainsFromCaches()}).
     *
     * @param histogram        (sites, vocabulary, radial + 1)
     * @param backboneFeatures (sites, backbone features), null without a backbone
     * @param taps             as for {@link #forward(GraphBatch.Tensors, NDArray, List)}
     */
    NDArray forwardFromCaches(GraphBatch.Tensors t, NDArray histogram, NDArray backboneFeatures, List<NDArray> taps) {
        if (!trainsFromCaches()) {
            throw new IllegalStateException("a network with " + interactions + " interactions needs distances");
        }
        return forward(t, histogram, null, backboneFeatures, taps);
    }

    private NDArray basisT(Radial r) {
        if (interactions <= 1) {
            return null;
        }
        NDArray fc = r.cutoff().expandDims(2);
        return r.gaussians().mul(fc).concat(fc, 2).transpose(0, 2, 1);
    }

    private NDArray forward(GraphBatch.Tensors t, NDArray histogram, NDArray basisT, NDArray siteFeatures,
            List<NDArray> taps) {
        GraphBatch b = t.batch();
        int a = b.sites;
        int k = b.slots;
        int m = members;
        int f = features;
        int basisSize = radial + 1;
        int point = 0;

        NDArray pairs = t.species().reshape(a, vocabulary, 1, 1).mul(histogram.reshape(a, 1, vocabulary, basisSize))
                .reshape(a, (long) vocabulary * vocabulary * basisSize);
        NDArray pooledPairs = standardised(t.pool().matMul(pairs), point++, taps); // (1, structures, pairs)

        NDArray x;
        if (backbone != null) {
            NDArray s = standardised(siteFeatures.expandDims(0), point++, taps); // (1, a, backbone features)
            x = softplus(s.matMul(backboneWeight).add(backboneBias));
        } else {
            x = t.species().matMul(embedding).reshape(a, m, f).transpose(1, 0, 2);
        }
        for (int i = 0; i < interactions; i++) {
            NDArray message;
            if (i == 0) {
                NDArray filters = histogram.reshape((long) a * vocabulary, basisSize).matMul(filter[0])
                        .reshape(a, vocabulary, m * f);
                NDArray perElement = embedding.reshape(vocabulary, m, f).transpose(1, 0, 2).matMul(in[0])
                        .transpose(1, 0, 2).reshape(1, vocabulary, m * f);
                message = filters.mul(perElement).sum(new int[] {1});
            } else {
                // sum_j (basis_j W) * v_j = sum_r W_r * (sum_j basis_jr v_j): one batched product per site, which
                // moves a third of the memory of forming the (edges, m f) filters explicitly
                NDArray v = x.matMul(in[i]).transpose(1, 0, 2).reshape(a, m * f);
                NDArray projected = basisT.matMul(v.get(t.neighbor()).reshape(a, k, m * f)); // (a, basis, m f)
                message = projected.mul(filter[i].expandDims(0)).sum(new int[] {1});
            }
            NDArray mm = standardised(message.reshape(a, m, f).transpose(1, 0, 2), point++, taps);
            x = x.add(softplus(mm.matMul(update1[i]).add(bias1[i])).matMul(update2[i]).add(bias2[i]));
        }
        NDArray h = softplus(x.matMul(atomWeight).add(atomBias));
        NDArray pooled = standardised(t.pool().matMul(h), point, taps); // (m, structures, f)
        NDArray network = softplus(pooled.matMul(headWeight).add(headBias)).matMul(outWeight).add(outBias);
        return network.add(pooledPairs.matMul(linearWeight));
    }

    private NDArray standardised(NDArray x, int point, List<NDArray> taps) {
        if (taps != null) {
            taps.add(x);
        }
        return x.sub(normShift.get(point)).mul(normScale.get(point));
    }

    /**
     * The number of standardisation points, in the order the forward pass meets them: pooled pair histograms, the
     * backbone's features (with a backbone), each interaction's message, the pooled features.
     */
    int standardisations() {
        return normShift.size();
    }

    /**
     * Fixes standardisation {@code point} from statistics gathered over the training data.
     *
     * @param mean means, laid out as the standardised quantity without its middle (sites or structures) axis
     * @param sd   standard deviations; those below 1 % of the largest are raised to it
     */
    void setStandardisation(int point, double[] mean, double[] sd) {
        double largest = 0;
        for (double v : sd) {
            largest = Math.max(largest, v);
        }
        // A feature constant over the training data (e.g. the pair histogram below the shortest distance) must not
        // be amplified without bound: a candidate that moves into that range would blow up the network's input.
        double floor = Math.max(0.01 * largest, 1e-12);
        double[] inverse = new double[sd.length];
        for (int i = 0; i < sd.length; i++) {
            inverse[i] = 1 / Math.max(sd[i], floor);
        }
        Shape shape = normShift.get(point).getShape();
        try (NDArray shift = manager.create(mean, shape); NDArray scale = manager.create(inverse, shape)) {
            setInPlace(normShift.get(point), shift);
            setInPlace(normScale.get(point), scale);
        }
    }

    private static NDArray softplus(NDArray x) {
        return x.getNDArrayInternal().softPlus();
    }

    @Override
    public void close() {
        manager.close();
    }
}
