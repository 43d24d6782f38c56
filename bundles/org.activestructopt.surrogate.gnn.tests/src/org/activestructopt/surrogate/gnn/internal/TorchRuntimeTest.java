package org.activestructopt.surrogate.gnn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.util.Utils;

/** PyTorch through DJL, inside the running Equinox, offline, with natives from the Maven Central fragment. */
class TorchRuntimeTest {

    @Test
    void gradientOfASmallFunctionEqualsTheAnalyticValue() {
        Engine engine = TorchRuntime.engine();
        double[] x = {-1.3, 0.2, 0.7, 2.5};
        double[] gradient;
        try (NDManager manager = engine.newBaseManager()) {
            NDArray input = manager.create(x).toType(DataType.FLOAT64, false);
            input.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                // f(x) = sum(x^2 sin x + exp(-x/2))
                NDArray f = input.square().mul(input.sin()).add(input.mul(-0.5).exp()).sum();
                collector.backward(f);
            }
            gradient = input.getGradient().toDoubleArray();
        }
        for (int i = 0; i < x.length; i++) {
            double analytic = 2 * x[i] * Math.sin(x[i]) + x[i] * x[i] * Math.cos(x[i]) - 0.5 * Math.exp(-x[i] / 2);
            assertEquals(analytic, gradient[i], 1e-12, "df/dx at x=" + x[i]);
        }
    }

    @Test
    void engineRunsOfflineWithNativesUnpackedIntoOurCache() throws IOException {
        Engine engine = TorchRuntime.engine();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("2.7.1", engine.getVersion());
        assertTrue(Utils.isOfflineMode(), "offline mode is set by our code");
        Path cache = TorchRuntime.cacheDirectory();
        try (Stream<Path> files = Files.walk(cache)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("libtorch_cpu.so")),
                    "libtorch_cpu.so unpacked under " + cache);
        }
        assertTrue(TorchRuntime.isMallocTuned(), "glibc malloc tuned for large tensors");
        assertEquals(TorchRuntime.threads(), Integer.getInteger("ai.djl.pytorch.num_threads"));
    }

    @Test
    void djlComesFromTheWrappedBundleAndItsFragments() {
        Bundle djl = FrameworkUtil.getBundle(Engine.class);
        assertEquals("ai.djl.api", djl.getSymbolicName());
        Bundle engineBundle = FrameworkUtil.getBundle(ai.djl.pytorch.engine.PtEngine.class);
        assertEquals("ai.djl.api", engineBundle.getSymbolicName(), "the engine is a fragment of ai.djl.api");
    }
}
