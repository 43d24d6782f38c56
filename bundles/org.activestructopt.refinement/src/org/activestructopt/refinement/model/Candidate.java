package org.activestructopt.refinement.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.structure.Structure;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * One simulated structure in the results: why it was simulated ({@link #phase()}), the structure, its spectra and
 * per-objective losses, the total loss, the wall time, or why the simulation failed. Candidates are added through
 * {@link Results}; their contents are not changed afterwards.
 */
public final class Candidate extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Candidate");
    private static final EAttribute INDEX = ModelFeatures.attribute(CLASS, "index", int.class);
    private static final EAttribute PHASE = ModelFeatures.attribute(CLASS, "phase", EEnum.class);
    private static final EAttribute LOSS = ModelFeatures.attribute(CLASS, "loss", double.class);
    private static final EAttribute LOSSES = ModelFeatures.attribute(CLASS, "losses", List.class);
    private static final EAttribute SECONDS = ModelFeatures.attribute(CLASS, "seconds", double.class);
    private static final EAttribute FAILURE_REASON = ModelFeatures.attribute(CLASS, "failureReason", String.class);
    private static final EAttribute FAILURE = ModelFeatures.attribute(CLASS, "failure", String.class);
    private static final EReference STRUCTURE = ModelFeatures.reference(CLASS, "structure", CrystalRecord.CLASS, true,
            false);
    static final EClass SPECTRUM_CLASS = ModelFeatures.eClass("SpectrumRecord");
    static final EAttribute Y = ModelFeatures.attribute(SPECTRUM_CLASS, "y", List.class);
    private static final EReference SPECTRA = ModelFeatures.reference(CLASS, "spectra", SPECTRUM_CLASS, true, true);
    static final EClass FIT_CLASS = ModelFeatures.eClass("NuisanceValue");
    private static final EAttribute FIT_OBJECTIVE = ModelFeatures.attribute(FIT_CLASS, "objective", int.class);
    private static final EAttribute FIT_NAME = ModelFeatures.attribute(FIT_CLASS, "name", String.class);
    private static final EAttribute FIT_VALUE = ModelFeatures.attribute(FIT_CLASS, "value", double.class);
    private static final EAttribute FIT_UNCERTAINTY = ModelFeatures.attribute(FIT_CLASS, "uncertainty", double.class);
    private static final EAttribute FIT_REFINED = ModelFeatures.attribute(FIT_CLASS, "refined", boolean.class);
    private static final EReference FITS = ModelFeatures.reference(CLASS, "nuisance", FIT_CLASS, true, true);
    static final EClass STATISTIC_CLASS = ModelFeatures.eClass("Statistic");
    private static final EAttribute STAT_OBJECTIVE = ModelFeatures.attribute(STATISTIC_CLASS, "objective", int.class);
    private static final EAttribute STAT_NAME = ModelFeatures.attribute(STATISTIC_CLASS, "name", String.class);
    private static final EAttribute STAT_VALUE = ModelFeatures.attribute(STATISTIC_CLASS, "value", double.class);
    private static final EReference STATISTICS = ModelFeatures.reference(CLASS, "statistics", STATISTIC_CLASS, true,
            true);

    /**
     * A nuisance value a candidate's spectrum of one objective is at.
     *
     * @param objective   index of the objective in the job
     * @param name        the simulator's name of the parameter, e.g. {@code qdamp}
     * @param value       the value
     * @param uncertainty standard uncertainty from the inner fit (covariance scaled by reduced chi^2); NaN if fixed
     * @param refined     whether the inner fit refined it
     */
    public record FitValue(int objective, String name, double value, double uncertainty, boolean refined) {
    }

    /**
     * A fit statistic of one objective, e.g. {@code Rw} or {@code reduced_chi2}.
     *
     * @param objective index of the objective in the job
     * @param name      see {@link org.activestructopt.refinement.FitStatistics}
     * @param value     the value
     */
    public record Statistic(int objective, String name, double value) {
    }

    Candidate(EObject o) {
        super(o, CLASS);
    }

    static EObject create(int index, Phase phase, Structure structure, double seconds) {
        Candidate c = new Candidate(ModelObject.create(CLASS));
        c.set(INDEX, index);
        c.setEnum(PHASE, phase);
        c.setChild(STRUCTURE, CrystalRecord.of(structure));
        c.set(SECONDS, seconds);
        return c.eObject();
    }

    void setSuccess(List<double[]> spectraY, double[] losses, double loss) {
        for (double[] y : spectraY) {
            EObject s = ModelObject.create(SPECTRUM_CLASS);
            children(SPECTRA).add(s);
            setDoublesOf(s, y);
        }
        setDoubles(LOSSES, losses);
        set(LOSS, loss);
    }

    void setFits(List<FitValue> fits, List<Statistic> statistics) {
        for (FitValue f : fits) {
            EObject o = ModelObject.create(FIT_CLASS);
            o.eSet(FIT_OBJECTIVE, f.objective());
            o.eSet(FIT_NAME, f.name());
            o.eSet(FIT_VALUE, f.value());
            o.eSet(FIT_UNCERTAINTY, f.uncertainty());
            o.eSet(FIT_REFINED, f.refined());
            children(FITS).add(o);
        }
        for (Statistic st : statistics) {
            EObject o = ModelObject.create(STATISTIC_CLASS);
            o.eSet(STAT_OBJECTIVE, st.objective());
            o.eSet(STAT_NAME, st.name());
            o.eSet(STAT_VALUE, st.value());
            children(STATISTICS).add(o);
        }
    }

    /** @return the nuisance values of every objective's spectrum, in the order recorded; empty if there are none */
    public List<FitValue> nuisance() {
        return children(FITS).stream().map(o -> new FitValue((Integer) o.eGet(FIT_OBJECTIVE),
                (String) o.eGet(FIT_NAME), (Double) o.eGet(FIT_VALUE), (Double) o.eGet(FIT_UNCERTAINTY),
                (Boolean) o.eGet(FIT_REFINED))).toList();
    }

    /** @return the nuisance values of objective {@code objective} */
    public List<FitValue> nuisance(int objective) {
        return nuisance().stream().filter(f -> f.objective() == objective).toList();
    }

    /** @return the fit statistics of every objective */
    public List<Statistic> statistics() {
        return children(STATISTICS).stream().map(o -> new Statistic((Integer) o.eGet(STAT_OBJECTIVE),
                (String) o.eGet(STAT_NAME), (Double) o.eGet(STAT_VALUE))).toList();
    }

    /** @return statistic {@code name} of objective {@code objective}, if recorded */
    public java.util.OptionalDouble statistic(int objective, String name) {
        return statistics().stream().filter(st -> st.objective() == objective && st.name().equals(name))
                .mapToDouble(Statistic::value).findFirst();
    }

    private void setDoublesOf(EObject spectrum, double[] y) {
        List<Double> list = new ArrayList<>(y.length);
        for (double v : y) {
            list.add(v);
        }
        spectrum.eSet(Y, list);
    }

    void setFailure(String reason, String message) {
        set(FAILURE_REASON, reason);
        set(FAILURE, message);
    }

    /** @return the 0-based number of this simulation in the run */
    public int index() {
        return integer(INDEX);
    }

    /** @return why this candidate was simulated */
    public Phase phase() {
        return enumValue(PHASE, Phase.class);
    }

    /** @return the simulated structure */
    public Structure structure() {
        return CrystalRecord.toStructure(child(STRUCTURE));
    }

    /** @return the total loss (weighted sum of the objectives' losses); NaN if the simulation failed */
    public double loss() {
        return real(LOSS);
    }

    /** @return the loss of each objective, in the job's order; empty if the simulation failed */
    public double[] losses() {
        return doubles(LOSSES);
    }

    /** @return wall time of the simulations of this candidate in seconds */
    public double seconds() {
        return real(SECONDS);
    }

    /** @return whether the simulation failed (then there are no spectra and the loss is NaN) */
    public boolean isFailed() {
        return optionalString(FAILURE_REASON).isPresent() || optionalString(FAILURE).isPresent();
    }

    /** @return the failure's reason code, e.g. {@code INVALID_STRUCTURE} (a SimulationException.Reason), if failed */
    public Optional<String> failureReason() {
        return optionalString(FAILURE_REASON);
    }

    /** @return the failure message, if failed */
    public Optional<String> failure() {
        return optionalString(FAILURE);
    }

    /** @return the number of simulated spectra (the number of objectives, or 0 for a failure) */
    public int spectrumCount() {
        return children(SPECTRA).size();
    }

    /**
     * @param objective index of the objective in the job
     * @return the simulated spectrum of that objective on the grid recorded in {@link Results}
     * @throws IndexOutOfBoundsException if there is no such spectrum
     */
    public Spectrum spectrum(int objective) {
        EObject s = children(SPECTRA).get(objective);
        Results results = new Results(eObject().eContainer());
        double[] y = doublesOf(s);
        return Spectrum.of(results.gridKind(objective), results.grid(objective), y);
    }

    @SuppressWarnings("unchecked")
    private static double[] doublesOf(EObject s) {
        List<Double> list = (List<Double>) s.eGet(Y);
        double[] out = new double[list == null ? 0 : list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    /** @return the number of y values of spectrum {@code objective}, for validation */
    int spectrumLength(int objective) {
        return doublesOf(children(SPECTRA).get(objective)).length;
    }

    void validate(List<JobProblem> problems, int objectives, int[] gridSizes) {
        EObject c = child(STRUCTURE);
        if (c == null) {
            problems.add(JobProblem.at(this, "structure", "missing"));
        } else {
            try {
                CrystalRecord.toStructure(c);
            } catch (IllegalArgumentException e) {
                problems.add(JobProblem.at(this, "structure", e.getMessage()));
            }
        }
        if (!isFailed()) {
            if (losses().length != objectives) {
                problems.add(JobProblem.at(this, "losses", "has " + losses().length + " values for " + objectives
                        + " objectives"));
            }
            if (spectrumCount() != objectives) {
                problems.add(JobProblem.at(this, "spectra", "has " + spectrumCount() + " spectra for " + objectives
                        + " objectives"));
            }
            for (int i = 0; i < Math.min(spectrumCount(), gridSizes.length); i++) {
                if (spectrumLength(i) != gridSizes[i]) {
                    problems.add(JobProblem.at(this, "spectra[" + i + "]", "has " + spectrumLength(i)
                            + " values but the grid of objective " + i + " has " + gridSizes[i]));
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Candidate " + index() + " (" + phase() + ", "
                + (isFailed() ? "failed: " + failure().orElse("") : "loss " + loss()) + ")";
    }
}
