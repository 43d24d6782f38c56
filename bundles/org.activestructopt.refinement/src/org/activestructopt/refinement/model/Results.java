package org.activestructopt.refinement.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.structure.Structure;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * Everything a run simulated, in order (the history), the best candidate so far, the x grid of each objective's
 * spectra and the run's status. A runner adds a candidate after every simulation and saves the job file, so that a
 * killed run can be resumed from {@link #candidates()}.
 */
public final class Results extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Results");
    private static final EAttribute STATUS = ModelFeatures.attribute(CLASS, "status", EEnum.class);
    private static final EAttribute MESSAGE = ModelFeatures.attribute(CLASS, "message", String.class);
    private static final EClass GRID_CLASS = ModelFeatures.eClass("GridRecord");
    private static final EAttribute GRID_KIND = ModelFeatures.attribute(GRID_CLASS, "kind", String.class);
    private static final EAttribute GRID_X = ModelFeatures.attribute(GRID_CLASS, "x", List.class);
    private static final EReference GRIDS = ModelFeatures.reference(CLASS, "grids", GRID_CLASS, true, true);
    private static final EReference CANDIDATES = ModelFeatures.reference(CLASS, "candidates", Candidate.CLASS, true,
            true);
    private static final EAttribute SCALES = ModelFeatures.attribute(CLASS, "scales", List.class);
    private static final EReference BEST = ModelFeatures.reference(CLASS, "best", Candidate.CLASS, false, false);

    /** Relative tolerance when checking that a spectrum lies on the recorded grid. */
    private static final double GRID_TOLERANCE = 1e-9;

    Results(EObject o) {
        super(o, CLASS);
    }

    /** @return the status last written */
    public Status status() {
        return enumValue(STATUS, Status.class);
    }

    /** Sets the status and its message (e.g. the error that stopped the run; null for none). */
    public Results setStatus(Status status, String message) {
        setEnum(STATUS, status);
        set(MESSAGE, message);
        return this;
    }

    /** @return the message that goes with the status, if any */
    public Optional<String> message() {
        return optionalString(MESSAGE);
    }

    /** @return all candidates in the order they were simulated */
    public List<Candidate> candidates() {
        return children(CANDIDATES).stream().map(Candidate::new).toList();
    }

    /** @return the number of simulations recorded */
    public int size() {
        return children(CANDIDATES).size();
    }

    /** @return candidate {@code index} */
    public Candidate candidate(int index) {
        return new Candidate(children(CANDIDATES).get(index));
    }

    /** @return the successful candidate with the lowest loss, if any */
    public Optional<Candidate> best() {
        EObject b = child(BEST);
        return b == null ? Optional.empty() : Optional.of(new Candidate(b));
    }

    /** @return the total loss of every candidate in order, NaN for failures (the history) */
    public double[] lossHistory() {
        return children(CANDIDATES).stream().mapToDouble(o -> new Candidate(o).loss()).toArray();
    }

    /**
     * @return with several objectives, the loss scale of each, fixed by the run's first successful simulation (see
     *         {@link org.activestructopt.refinement.ObjectiveFunction}); empty before it and with one objective
     */
    public Optional<double[]> scales() {
        double[] s = doubles(SCALES);
        return s.length == 0 ? Optional.empty() : Optional.of(s);
    }

    /** Records the loss scales (one per objective, positive). */
    public Results setScales(double[] scales) {
        setDoubles(SCALES, scales.clone());
        return this;
    }

    /** @return the x values of objective {@code objective}'s spectra */
    public double[] grid(int objective) {
        return doublesOf(children(GRIDS).get(objective));
    }

    /** @return the kind of objective {@code objective}'s spectra */
    public SpectrumKind gridKind(int objective) {
        String k = (String) children(GRIDS).get(objective).eGet(GRID_KIND);
        return SpectrumKind.valueOf(k);
    }

    /** @return the number of recorded grids (one per objective once a simulation succeeded) */
    public int gridCount() {
        return children(GRIDS).size();
    }

    /**
     * Records a successful simulation and makes it the best candidate if its loss is the lowest so far.
     *
     * @param spectra one simulated spectrum per objective, in the job's order; each on the same grid as in earlier
     *                candidates
     * @param losses  the loss of each objective
     * @param loss    the total loss
     * @param seconds wall time of the simulations
     * @return the new candidate
     * @throws IllegalArgumentException if the numbers of spectra and losses differ, or a spectrum's grid differs from
     *                                  the recorded one
     */
    public Candidate add(Phase phase, Structure structure, List<Spectrum> spectra, double[] losses, double loss,
            double seconds) {
        return add(phase, structure, spectra, losses, loss, seconds, List.of(), List.of());
    }

    /**
     * As {@link #add(Phase, Structure, List, double[], double, double)}, with the nuisance values the spectra are at
     * and the fit statistics of each objective.
     */
    public Candidate add(Phase phase, Structure structure, List<Spectrum> spectra, double[] losses, double loss,
            double seconds, List<Candidate.FitValue> fits, List<Candidate.Statistic> statistics) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(structure, "structure");
        if (spectra.size() != losses.length) {
            throw new IllegalArgumentException(spectra.size() + " spectra but " + losses.length + " losses");
        }
        if (gridCount() > 0 && gridCount() != spectra.size()) {
            throw new IllegalArgumentException(spectra.size() + " spectra but earlier candidates have " + gridCount());
        }
        for (int i = 0; i < spectra.size(); i++) {
            checkGrid(i, spectra.get(i));
        }
        for (int i = gridCount(); i < spectra.size(); i++) {
            EObject g = ModelObject.create(GRID_CLASS);
            g.eSet(GRID_KIND, spectra.get(i).kind().name());
            children(GRIDS).add(g);
            setGridX(g, spectra.get(i).xArray());
        }
        EObject o = Candidate.create(size(), phase, structure, seconds);
        Candidate c = new Candidate(o);
        c.setSuccess(spectra.stream().map(Spectrum::yArray).toList(), losses.clone(), loss);
        c.setFits(fits, statistics);
        children(CANDIDATES).add(o);
        Optional<Candidate> best = best();
        if (!Double.isNaN(loss) && (best.isEmpty() || loss < best.get().loss())) {
            setChild(BEST, o);
        }
        return c;
    }

    /**
     * Records a failed simulation.
     *
     * @param reason  the reason code, e.g. a {@code SimulationException.Reason} name
     * @param message what failed
     */
    public Candidate addFailure(Phase phase, Structure structure, String reason, String message, double seconds) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(structure, "structure");
        EObject o = Candidate.create(size(), phase, structure, seconds);
        Candidate c = new Candidate(o);
        c.setFailure(Objects.requireNonNull(reason, "reason"), Objects.requireNonNull(message, "message"));
        children(CANDIDATES).add(o);
        return c;
    }

    /** Adds a candidate read back from a {@link RunJournal}, keeping the best one up to date. */
    void append(EObject candidate) {
        children(CANDIDATES).add(candidate);
        double loss = new Candidate(candidate).loss();
        Optional<Candidate> best = best();
        if (!Double.isNaN(loss) && (best.isEmpty() || loss < best.get().loss())) {
            setChild(BEST, candidate);
        }
    }

    private void setGridX(EObject grid, double[] x) {
        List<Double> list = new ArrayList<>(x.length);
        for (double v : x) {
            list.add(v);
        }
        grid.eSet(GRID_X, list);
    }

    private void checkGrid(int objective, Spectrum s) {
        if (objective >= gridCount()) {
            return;
        }
        double[] x = grid(objective);
        double[] sx = s.xArray();
        boolean same = x.length == sx.length;
        double tol = GRID_TOLERANCE * (x.length == 0 ? 1 : Math.abs(x[x.length - 1] - x[0]) + 1);
        for (int k = 0; same && k < x.length; k++) {
            same = Math.abs(x[k] - sx[k]) <= tol;
        }
        if (!same) {
            throw new IllegalArgumentException("spectrum of objective " + objective + " has " + sx.length
                    + " points on another grid than the " + x.length + " recorded for earlier candidates");
        }
    }

    @SuppressWarnings("unchecked")
    private static double[] doublesOf(EObject grid) {
        List<Double> list = (List<Double>) grid.eGet(GRID_X);
        double[] out = new double[list == null ? 0 : list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    void validate(List<JobProblem> problems, int objectives) {
        double[] sc = doubles(SCALES);
        if (sc.length > 0 && sc.length != objectives) {
            problems.add(JobProblem.at(this, "scales", "has " + sc.length + " scales for " + objectives
                    + " objectives"));
        }
        for (double v : sc) {
            if (!(v > 0) || !Double.isFinite(v)) {
                problems.add(JobProblem.at(this, "scales", "must be positive and finite, got " + v));
                break;
            }
        }
        List<EObject> grids = children(GRIDS);
        int[] sizes = new int[grids.size()];
        for (int i = 0; i < grids.size(); i++) {
            sizes[i] = doublesOf(grids.get(i)).length;
            String kind = (String) grids.get(i).eGet(GRID_KIND);
            try {
                SpectrumKind.valueOf(String.valueOf(kind));
            } catch (IllegalArgumentException e) {
                problems.add(JobProblem.at(grids.get(i), path() + "/grids[" + i + "]/kind", "'" + kind
                        + "' is not a spectrum kind (PDF, EXAFS, XANES or OTHER)"));
            }
        }
        if (!grids.isEmpty() && grids.size() != objectives) {
            problems.add(JobProblem.at(this, "grids", "has " + grids.size() + " grids for " + objectives
                    + " objectives"));
        }
        List<Candidate> all = candidates();
        for (int i = 0; i < all.size(); i++) {
            Candidate c = all.get(i);
            if (c.index() != i) {
                problems.add(JobProblem.at(c, "index", "is " + c.index() + " but the candidate is number " + i));
            }
            c.validate(problems, objectives, sizes);
        }
    }
}
