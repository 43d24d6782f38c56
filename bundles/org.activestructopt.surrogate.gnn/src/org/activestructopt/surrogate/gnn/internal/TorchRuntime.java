package org.activestructopt.surrogate.gnn.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.jna.Library;
import com.sun.jna.Native;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.engine.PtEngineProvider;

/**
 * The one place where the PyTorch engine of DJL is brought up inside OSGi.
 * <p>
 * DJL finds engines and their natives through the thread context class loader, expects to download natives unless told
 * otherwise, and by default phones home for telemetry. None of that may happen at a beamline, so everything is set here,
 * in code, before the first tensor exists: offline mode, a cache directory for the unpacked natives (they come from the
 * {@code ai.djl.pytorch.native.cpu} fragment, i.e. from Maven Central at build time), glibc malloc tuning and the thread
 * counts.
 * <p>
 * Settings (system properties, read once): {@code aso.djl.cache} (where libtorch is unpacked, default
 * {@code ~/.cache/activestructopt/djl}), {@code aso.threads} (intra-op threads, default: available processors).
 */
public final class TorchRuntime {

    /** Property naming the directory that holds the unpacked PyTorch natives. */
    public static final String CACHE_PROPERTY = "aso.djl.cache";
    /** Property with the number of intra-op threads PyTorch may use. */
    public static final String THREADS_PROPERTY = "aso.threads";

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_MAX = -4;

    /**
     * PyTorch allows one gradient collector per process (DJL keeps a static flag), so every computation that records
     * gradients, and for simplicity every computation at all, runs under this lock.
     */
    private static final ReentrantLock COMPUTE = new ReentrantLock();

    private static Engine engine;
    private static volatile boolean mallocTuned;

    private TorchRuntime() {
    }

    /**
     * Returns the PyTorch engine, starting it on first use.
     *
     * @throws IllegalStateException with the reason when the natives cannot be loaded
     */
    public static synchronized Engine engine() {
        if (engine == null) {
            engine = start();
        }
        return engine;
    }

    /**
     * The lock serialising native computations; hold it around any use of a gradient collector.
     *
     * @return the process-wide lock
     */
    public static ReentrantLock computeLock() {
        return COMPUTE;
    }

    /** The directory that holds (or will hold) the unpacked natives. */
    public static Path cacheDirectory() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "activestructopt", "djl");
    }

    /** The number of intra-op threads the engine runs with. */
    public static int threads() {
        String configured = System.getProperty(THREADS_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(configured.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "System property " + THREADS_PROPERTY + "=" + configured + " is not a positive whole number");
        }
    }

    private static Engine start() {
        Path cache = cacheDirectory();
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the PyTorch native cache directory " + cache, e);
        }
        // DJL reads these through Utils.getEnvOrSystemProperty, so system properties are enough.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ENGINE_CACHE_DIR", cache.toString());
        System.setProperty("DJL_CACHE_DIR", cache.toString());
        int threads = threads();
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        tuneMalloc();

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Engine.class.getClassLoader());
        try {
            if (!Engine.hasEngine(PtEngine.ENGINE_NAME)) {
                Engine.registerEngine(new PtEngineProvider());
            }
            return Engine.getEngine(PtEngine.ENGINE_NAME);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("The PyTorch engine could not be started (natives unpacked to " + cache
                    + "): " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Large tensors are otherwise mmapped afresh and page-faulted on every step: 10-25x slower training at 216 atoms
     * (measured, see the project notes). Keeping freed memory in the heap costs RSS up to the high-water mark only.
     */
    private static void tuneMalloc() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            c.mallopt(M_MMAP_MAX, 0);
            c.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE);
            mallocTuned = true;
        } catch (UnsatisfiedLinkError e) {
            // Not glibc (e.g. musl): slower, but correct.
            mallocTuned = false;
        }
    }

    /** Whether glibc's malloc was tuned for large tensors (false before {@link #engine()} or off glibc). */
    public static boolean isMallocTuned() {
        return mallocTuned;
    }

    /** glibc's mallopt(3). */
    public interface CLibrary extends Library {
        int mallopt(int param, int value);
    }
}
