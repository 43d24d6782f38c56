package org.activestructopt.refinement;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GpTimingScratchTest {
    @Test
    void timing() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : new int[] { 20, 40, 100 }) {
            double[][] x = new double[n][18];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 18; d++) {
                    x[i][d] = rng.nextDouble();
                }
                y[i] = Math.sin(3 * x[i][0]) + x[i][1] * x[i][1] + 0.1 * rng.nextGaussian();
            }
            long t0 = System.nanoTime();
            GaussianProcess.fit(x, y, GaussianProcess.Hyper.initial(18));
            long t1 = System.nanoTime();
            GaussianProcess gp = GaussianProcess.optimise(x, y, 2, rng);
            long t2 = System.nanoTime();
            for (int k = 0; k < 1000; k++) {
                gp.expectedImprovement(x[k % n], -1);
            }
            long t3 = System.nanoTime();
            System.out.printf("GPTIMING n=%d fit %.3f ms optimise %.3f s 1000 EI %.3f ms%n", n, (t1 - t0) * 1e-6,
                    (t2 - t1) * 1e-9, (t3 - t2) * 1e-6);
        }
    }
}
