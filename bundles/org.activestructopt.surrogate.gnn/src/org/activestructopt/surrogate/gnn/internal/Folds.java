package org.activestructopt.surrogate.gnn.internal;

import java.util.SplittableRandom;

/**
 * Assignment of training examples to the k folds of the ensemble. Examples are taken in blocks of k consecutive
 * indices and each block is dealt to the folds in a seeded random order: folds stay balanced (sizes differ by at most
 * one), and an example keeps its fold when examples are appended, so a warm-started member never sees the examples it
 * validated on before.
 */
final class Folds {

    private Folds() {
    }

    static int[] assign(int examples, int k, long seed) {
        int[] fold = new int[examples];
        for (int block = 0; block * k < examples; block++) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + block);
            int[] order = new int[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            for (int i = k - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i = 0; i < k && block * k + i < examples; i++) {
                fold[block * k + i] = order[i];
            }
        }
        return fold;
    }
}
