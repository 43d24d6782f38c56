package org.activestructopt.surrogate.gnn.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A pre-trained TorchScript model that replaces the message-passing layers: it maps each site's neighbourhood to a
 * feature vector, on which every ensemble member trains its own atom-wise layers and head. The backbone itself is
 * frozen (shared by the members, not trained), but gradients flow through it to the coordinates.
 * <p>
 * Contract of the TorchScript module's {@code forward}:
 * <pre>
 * forward(species:   int64[sites]            atomic numbers,
 *         neighbors: int64[sites, slots]     site index (within the batch) in each neighbour slot,
 *         vectors:   float[sites, slots, 3]  Cartesian vectors r_j + n L - r_i to the neighbours (angstrom),
 *         mask:      float[sites, slots]     1 for a neighbour within the cutoff, 0 for padding or beyond)
 *     -&gt; float[sites, features]
 * </pre>
 * Several structures are joined into one disconnected graph (neighbour indices never cross structures); unused slots
 * point at the site itself with a zero vector. Floats are in the surrogate's precision, which must match the module's
 * parameters. The module is run in evaluation mode.
 */
final class Backbone implements AutoCloseable {

    private final Path file;
    private final PtSymbolBlock block;
    private final int features;

    private Backbone(Path file, PtSymbolBlock block, int features) {
        this.file = file;
        this.block = block;
        this.features = features;
    }

    /**
     * Loads and checks a backbone: parameters in {@code type}, output of shape (sites, features) on a two-site probe.
     *
     * @param manager owns the module; closing it releases the module
     * @param probeZ  an atomic number for the probe
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    static Backbone load(Path file, NDManager manager, DataType type, int probeZ) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("backbone file " + file.toAbsolutePath() + " does not exist");
        }
        PtSymbolBlock block;
        try {
            // loaded as trainable: tensors loaded for inference cannot take part in autograd, and the gradient
            // w.r.t. coordinates must flow through the backbone; eval() then disables dropout and the like
            block = JniUtils.loadModule((PtNDManager) manager, file, true, new String[0], new String[0], true);
            JniUtils.enableInferenceMode(block);
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalArgumentException("backbone file " + file + " is not a TorchScript module libtorch "
                    + "can load: " + e.getMessage(), e);
        }
        try (NDManager scope = manager.newSubManager()) {
            for (NDArray p : JniUtils.moduleGetParams(block, (PtNDManager) scope)) {
                if (p.getDataType() != type) {
                    throw new IllegalArgumentException("backbone " + file + " has " + p.getDataType()
                            + " parameters but the surrogate computes in " + type + " (setting precision)");
                }
                p.setRequiresGradient(false);
            }
            Backbone probe = new Backbone(file, block, -1);
            NDArray out = probe.forward(scope.create(new long[] {probeZ, probeZ}),
                    scope.create(new long[] {1, 0}, new Shape(2, 1)),
                    scope.create(new double[] {2, 0, 0, -2, 0, 0}, new Shape(2, 1, 3)).toType(type, false),
                    scope.ones(new Shape(2, 1), type));
            Shape s = out.getShape();
            if (s.dimension() != 2 || s.get(0) != 2 || out.getDataType() != type) {
                throw new IllegalArgumentException("backbone " + file + " returned " + out.getDataType() + " of shape "
                        + s + " for 2 sites; expected " + type + " of shape (sites, features)");
            }
            return new Backbone(file, block, (int) s.get(1));
        } catch (RuntimeException e) {
            block.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    int features() {
        return features;
    }

    /** @see Backbone the contract; the result lives in the manager of {@code species} */
    NDArray forward(NDArray species, NDArray neighbors, NDArray vectors, NDArray mask) {
        NDList out;
        try {
            // IValueUtils.forward with training=true keeps autograd on without switching the module to train mode
            out = IValueUtils.forward(block, new NDList(species, neighbors, vectors, mask), true);
        } catch (EngineException e) {
            throw new IllegalStateException("backbone " + file + " failed: " + e.getMessage(), e);
        }
        if (out.size() != 1) {
            throw new IllegalStateException("backbone " + file + " returned " + out.size() + " values, expected 1");
        }
        return out.get(0);
    }

    @Override
    public void close() {
        block.close();
    }

    @Override
    public String toString() {
        return "Backbone[" + file + ", " + features + " features]";
    }
}
