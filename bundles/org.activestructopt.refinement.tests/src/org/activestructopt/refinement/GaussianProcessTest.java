package org.activestructopt.refinement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian process of the GP-BO baseline against scikit-learn's GaussianProcessRegressor on the same 25 points
 * in 3 dimensions (data/gp/gp-reference.json, written by data/gp/gp_reference.py with Debian's python3-sklearn).
 */
class GaussianProcessTest {

    private static JsonObject ref;
    private static double[][] x;
    private static double[] y;
    private static double[][] test;

    @BeforeAll
    static void read() throws Exception {
        ref = JsonParser.parseString(Files.readString(Path.of("data", "gp", "gp-reference.json"))).getAsJsonObject();
        x = matrix(ref.getAsJsonArray("x"));
        y = vector(ref.getAsJsonArray("y"));
        test = matrix(ref.getAsJsonArray("test"));
    }

    private static double[][] matrix(JsonArray a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(a.get(i).getAsJsonArray());
        }
        return m;
    }

    private static double[] vector(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    private static GaussianProcess.Hyper hyper(JsonObject o) {
        return new GaussianProcess.Hyper(o.get("amplitude").getAsDouble(), vector(o.getAsJsonArray("length_scales")),
                o.get("noise").getAsDouble());
    }

    /**
     * With sklearn's fixed kernel, the same closed-form posterior: agreement to rounding (1e-9 relative; the
     * Cholesky of a matrix of condition about 1e3 loses a few digits, not nine).
     */
    @Test
    void posteriorAndLikelihoodAtFixedHyperParametersAreSklearns() {
        GaussianProcess gp = GaussianProcess.fit(x, y, hyper(ref.getAsJsonObject("fixed")));
        assertEquals(ref.get("lml_fixed").getAsDouble(), gp.logMarginalLikelihood(), 1e-9);
        double[] mean = vector(ref.getAsJsonArray("mean"));
        double[] std = vector(ref.getAsJsonArray("std"));
        double[] ei = vector(ref.getAsJsonArray("ei_latent"));
        double best = ref.get("best").getAsDouble();
        for (int i = 0; i < test.length; i++) {
            double[] p = gp.predict(test[i]);
            assertEquals(mean[i], p[0], 1e-9 * Math.max(1, Math.abs(mean[i])), "mean at test point " + i);
            assertEquals(std[i], p[1], 1e-9 * std[i], "sd at test point " + i);
            // EI of 1e-16 and below is the tail of Phi, where sklearn's and our cancellation differ: absolute 1e-12
            assertEquals(ei[i], gp.expectedImprovement(test[i], best), 1e-12 + 1e-8 * ei[i], "EI at test point " + i);
        }
    }

    /**
     * Hyper-parameters by maximum likelihood (BOBYQA here, L-BFGS-B with 20 restarts in sklearn) reach sklearn's
     * optimum: the likelihood within 1e-3 (nats; or higher), the well-determined parameters within 2 % and the
     * predictions within 1 % of the sd. The third input hardly matters (y depends on it by 0.1 x): its length scale is
     * only pinned to "long" (sklearn: 21), the likelihood being flat there.
     */
    @Test
    void fittedHyperParametersMaximiseTheLikelihoodAsSklearns() {
        JsonObject opt = ref.getAsJsonObject("optimum");
        GaussianProcess gp = GaussianProcess.optimise(x, y, 4, new SplittableRandom(1));
        double lml = opt.get("lml").getAsDouble();
        assertTrue(gp.logMarginalLikelihood() > lml - 1e-3, gp.logMarginalLikelihood() + " vs sklearn's " + lml);
        GaussianProcess.Hyper h = gp.hyper();
        GaussianProcess.Hyper s = hyper(opt);
        assertEquals(s.amplitude(), h.amplitude(), 0.02 * s.amplitude(), "amplitude");
        assertEquals(s.lengthScales()[0], h.lengthScales()[0], 0.02 * s.lengthScales()[0], "length scale 0");
        assertEquals(s.lengthScales()[1], h.lengthScales()[1], 0.02 * s.lengthScales()[1], "length scale 1");
        assertTrue(h.lengthScales()[2] > 5, "length scale 2: " + h.lengthScales()[2]);
        assertEquals(s.noise(), h.noise(), 0.02 * s.noise(), "noise");
        double[] mean = vector(opt.getAsJsonArray("mean"));
        double[] std = vector(opt.getAsJsonArray("std"));
        for (int i = 0; i < test.length; i++) {
            double[] p = gp.predict(test[i]);
            assertEquals(mean[i], p[0], 0.01 * std[i], "mean at test point " + i);
            assertEquals(std[i], p[1], 0.01 * std[i], "sd at test point " + i);
        }
    }
}
