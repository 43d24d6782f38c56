package org.activestructopt.refinement;

import java.util.Objects;

import org.activestructopt.api.Settings;
import org.activestructopt.api.Simulator;
import org.activestructopt.refinement.model.Metric;
import org.activestructopt.spectra.Grid;
import org.activestructopt.spectra.Spectrum;

/**
 * One term of a refinement's loss: a simulator with validated settings, the target spectrum (already cut to the fit
 * range; simulations are made on its x values), the metric and the weight. The term's loss is
 * {@code weight * metric(simulated, target)}.
 *
 * @param name      for messages and reports, e.g. {@code "pdf"} or the target file
 * @param simulator the forward model
 * @param settings  the simulator's settings
 * @param target    the measured spectrum on the fit grid
 * @param weight    positive weight of this term
 * @param metric    MSE or MAE (weighted by 1/sigma^2 where the target has uncertainties)
 */
public record ObjectiveTerm(String name, Simulator simulator, Settings settings, Spectrum target, double weight,
        Metric metric) {

    public ObjectiveTerm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metric, "metric");
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight of objective " + name + " must be positive and finite, got "
                    + weight);
        }
    }

    /** A term with the simulator's default settings, weight 1 and the MSE. */
    public static ObjectiveTerm of(Simulator simulator, Spectrum target) {
        return new ObjectiveTerm(simulator.name(), simulator, simulator.descriptor().settings().defaults(), target, 1,
                Metric.MSE);
    }

    /** @return the grid simulations are made on: the target's x values */
    public Grid grid() {
        return target.grid();
    }

    /** @return weight * metric of {@code simulated} against the target */
    public double loss(Spectrum simulated) {
        double m = metric == Metric.MSE ? simulated.mse(target) : simulated.mae(target);
        return weight * m;
    }
}
