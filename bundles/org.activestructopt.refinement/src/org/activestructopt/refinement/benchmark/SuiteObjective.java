package org.activestructopt.refinement.benchmark;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.refinement.model.Metric;
import org.activestructopt.spectra.Grid;

/**
 * One objective of a suite's jobs: the simulator by its service name, its settings, the grid of the target spectrum
 * (the simulator's default grid when absent), the weight and the metric.
 *
 * @param simulator registered simulator name, e.g. {@code pdf} or {@code exafs-ss}
 * @param settings  simulator settings as in a job file
 * @param grid      x values of the target spectra, if the suite gives them
 * @param weight    positive weight
 * @param metric    the misfit
 */
public record SuiteObjective(String simulator, Map<String, String> settings, Optional<Grid> grid, double weight,
        Metric metric) {

    public SuiteObjective {
        Objects.requireNonNull(simulator, "simulator");
        settings = Map.copyOf(settings);
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(metric, "metric");
        if (!(weight > 0 && Double.isFinite(weight))) {
            throw new IllegalArgumentException("weight must be positive and finite, got " + weight);
        }
    }
}
