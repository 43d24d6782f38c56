package org.activestructopt.refinement;

import java.util.List;
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
 * @param nuisance  the simulator's nuisance parameters this term uses (empty for a simulator that has none); their
 *                  values are also in {@code settings}. Refined ones are fitted per candidate by {@link NuisanceFit}.
 */
public record ObjectiveTerm(String name, Simulator simulator, Settings settings, Spectrum target, double weight,
        Metric metric, List<Nuisance> nuisance) {

    /** A term without nuisance parameters (every setting fixed). */
    public ObjectiveTerm(String name, Simulator simulator, Settings settings, Spectrum target, double weight,
            Metric metric) {
        this(name, simulator, settings, target, weight, metric, List.of());
    }

    public ObjectiveTerm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metric, "metric");
        nuisance = List.copyOf(nuisance);
        for (Nuisance n : nuisance) {
            if (!settings.schema().contains(n.parameter().setting())) {
                throw new IllegalArgumentException("objective " + name + ": nuisance parameter '" + n.name()
                        + "' is not a setting of " + settings.schema().owner());
            }
            settings = settings.with(n.parameter().setting(), n.value());
        }
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

    /** @return the refined nuisance parameters, in order */
    public List<Nuisance> refined() {
        return nuisance.stream().filter(Nuisance::refine).toList();
    }

    /** @return whether a candidate's loss needs an inner fit of nuisance parameters */
    public boolean hasRefined() {
        return nuisance.stream().anyMatch(Nuisance::refine);
    }

    /** @return a copy whose nuisance parameters are these (same names), e.g. with other values or refine flags */
    public ObjectiveTerm withNuisance(List<Nuisance> other) {
        return new ObjectiveTerm(name, simulator, settings, target, weight, metric, other);
    }

    /** @return the settings with {@code values[i]} for {@code parameters.get(i)} */
    public Settings settingsAt(List<Nuisance> parameters, double[] values) {
        Settings s = settings;
        for (int i = 0; i < parameters.size(); i++) {
            s = s.with(parameters.get(i).parameter().setting(), values[i]);
        }
        return s;
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
