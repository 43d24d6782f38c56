package org.activestructopt.surrogate.gnn.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
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
     * gradient collector, inside a scope that holds the weights (temporaries land there).
     *
     * @param learningRate the step size
     */
    void step(double learningRate) {
        steps++;
        double c1 = 1 - Math.pow(BETA1, steps);
        double c2 = 1 - Math.pow(BETA2, steps);
        try (NDManager temporaries = state.newSubManager()) {
            // products whose first operand is a moment would otherwise stay in the state manager until close()
            temporaries.tempAttachAll(first);
            temporaries.tempAttachAll(second);
            for (int i = 0; i < first.length; i++) {
                NDArray w = weights.get(i);
                try (NDArray g = w.getGradient()) {
                    first[i].muli(BETA1).addi(g.mul(1 - BETA1));
                    second[i].muli(BETA2).addi(g.square().mul(1 - BETA2));
                    NDArray update = first[i].div(second[i].div(c2).sqrt().add(EPSILON)).mul(learningRate / c1);
                    w.muli(1 - learningRate * weightDecay).subi(update);
                    g.muli(0);
                }
            }
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
