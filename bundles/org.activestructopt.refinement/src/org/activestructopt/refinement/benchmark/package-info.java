/**
 * Benchmarks of refinement methods on suites of known problems: {@link
 * org.activestructopt.refinement.benchmark.BenchmarkSuite} reads a suite (a {@code suite.json} with real crystal
 * structures; the bundle ships {@code thermal}, {@code linio2} and {@code perovskite} in its {@code suites/} folder)
 * and generates its problems reproducibly, {@link org.activestructopt.refinement.benchmark.Benchmark} runs one job per
 * problem and method in a directory (resumable), and {@link org.activestructopt.refinement.benchmark.BenchmarkReport}
 * compares the methods: median best loss after n simulations, simulations reverse Monte Carlo needs to reach the same
 * median, match rate of the best structures and wall time.
 */
package org.activestructopt.refinement.benchmark;
