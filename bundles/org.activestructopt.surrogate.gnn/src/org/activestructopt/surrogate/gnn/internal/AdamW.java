package org.activestructopt.surrogate.gnn.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * AdamW (Loshchilov and Hutter 2019: Adam with weight decay decoupled from the gradient) over a fixed list of weights,
 * updating them in place. Its moment estimates live in a manager of their own, created with the optimiser and closed
 * with it, so that a new fit starts from fresh moments without leaking the old ones.
 */
final class AdamW implements AutoCloseable {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** DJL's value for "do not clip gradients". */
    private static final float NO_CLIPPING = -1f;

    private final List<NDArray> weights;
    private final NDManager state;
    private final NDArray[] first;
    private final NDArray[] second;
    private final double weightDecay;
    private int steps;

    AdamW(NDManager parent, List<NDArray> weights, double weightDecay) {
        this.weights = List.copyOf(weights);
        this.weightDecay = weightDecay;
        this.state = parent.newSubManager();
        first = new NDArray[weights.size()];
        second = new NDArray[weights.size()];
        for (int i = 0; i < first.length; i++) {
            NDArray w = weights.get(i);
            first[i] = state.zeros(w.getShape(), w.getDataType());
            second[i] = state.zeros(w.getShape(), w.getDataType());
        }
    }

    /**
     * One step with the gradients accumulated by the last backward pass, which are then zeroed. Call outside a
     * gradient collector. Uses libtorch's fused update through DJL (one native call per weight instead of about ten
     * tensor operations, which dominated small training steps); it applies the decay as {@code w -= lr * wd * w} and
     * the bias corrections as in PyTorch's AdamW.
     *
     * @param learningRate the step size
     */
    void step(double learningRate) {
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        float corrected = (float) (learningRate * Math.sqrt(c2) / c1);
        for (int i = 0; i < first.length; i++) {
            NDArray w = weights.get(i);
            try (NDArray g = w.getGradient()) {
                w.getNDArrayInternal().adamUpdate(new NDList(w, g, first[i], second[i]), new NDList(w),
                        (float) learningRate, corrected, (float) weightDecay, 1f, NO_CLIPPING, (float) BETA1,
                        (float) BETA2, (float) EPSILON, false, true);
            }
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
