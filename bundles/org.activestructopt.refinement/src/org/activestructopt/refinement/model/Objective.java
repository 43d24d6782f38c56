package org.activestructopt.refinement.model;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;

/**
 * One term of the loss: a simulator (by its registered name) with its settings, the target spectrum it is compared
 * with, the metric and a weight. The total loss of a candidate is the weighted sum over the job's objectives.
 *
 * <pre>{@code
 * <objectives simulator="pdf" weight="1.0" metric="mse">
 *   <target file="LiNiO2.nxs" signal="/entry/pdf/G" xmin="1.5" xmax="10"/>
 *   <settings key="qmax" value="25"/>
 *   <nuisance name="qdamp" value="0.04" lower="0" upper="0.2" refine="true"/>
 * </objectives>
 * }</pre>
 */
public final class Objective extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Objective");
    private static final EAttribute SIMULATOR = ModelFeatures.attribute(CLASS, "simulator", String.class);
    private static final EAttribute WEIGHT = ModelFeatures.attribute(CLASS, "weight", double.class);
    private static final EAttribute METRIC = ModelFeatures.attribute(CLASS, "metric", EEnum.class);
    private static final EReference TARGET = ModelFeatures.reference(CLASS, "target", Target.CLASS, true, false);
    private static final EReference SETTINGS = ModelFeatures.reference(CLASS, "settings", SettingKeys.CLASS, true,
            true);
    private static final EReference NUISANCE = ModelFeatures.reference(CLASS, "nuisance", NuisanceEntry.CLASS, true,
            true);

    /** Simulator names as accepted by the api's SimulatorDescriptor. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    Objective(EObject o) {
        super(o, CLASS);
    }

    static EObject create(String simulator, String targetFile) {
        EObject o = ModelObject.create(CLASS);
        o.eSet(SIMULATOR, Objects.requireNonNull(simulator, "simulator"));
        o.eSet(TARGET, Target.create(targetFile));
        return o;
    }

    /** @return the registered name of the simulator, e.g. {@code pdf} */
    public String simulator() {
        return string(SIMULATOR);
    }

    public Objective setSimulator(String simulator) {
        set(SIMULATOR, Objects.requireNonNull(simulator, "simulator"));
        return this;
    }

    /** @return the weight of this term in the total loss (default 1) */
    public double weight() {
        return real(WEIGHT);
    }

    public Objective setWeight(double weight) {
        set(WEIGHT, weight);
        return this;
    }

    /** @return how the simulated spectrum is compared with the target (default mse) */
    public Metric metric() {
        return enumValue(METRIC, Metric.class);
    }

    public Objective setMetric(Metric metric) {
        setEnum(METRIC, metric);
        return this;
    }

    /** @return the measured spectrum this objective fits */
    public Target target() {
        return new Target(child(TARGET));
    }

    /** @return the simulator settings as given in the job (key to value, in file order) */
    public Map<String, String> settings() {
        return settingsOf(SETTINGS);
    }

    /** Sets or replaces one simulator setting (validated against the simulator's schema when the job is set up). */
    public Objective setSetting(String key, String value) {
        putSetting(SETTINGS, key, value);
        return this;
    }

    /** @return whether the setting was present */
    public boolean removeSetting(String key) {
        return removeSetting(SETTINGS, key);
    }

    /** Replaces all settings. */
    public Objective setSettings(Map<String, String> settings) {
        replaceSettings(SETTINGS, settings);
        return this;
    }

    /** @return the nuisance parameters the job names, in file order */
    public List<NuisanceEntry> nuisance() {
        return children(NUISANCE).stream().map(NuisanceEntry::new).toList();
    }

    /** @return the job's entry for nuisance parameter {@code name}, if any */
    public java.util.Optional<NuisanceEntry> nuisance(String name) {
        return nuisance().stream().filter(n -> name.equals(n.name())).findFirst();
    }

    /** @return the entry for {@code name}, added (with nothing but the name) if the job has none */
    public NuisanceEntry nuisanceEntry(String name) {
        return nuisance(name).orElseGet(() -> {
            EObject o = NuisanceEntry.create(name);
            children(NUISANCE).add(o);
            return new NuisanceEntry(o);
        });
    }

    /** @return whether there was an entry for {@code name} */
    public boolean removeNuisance(String name) {
        return children(NUISANCE).removeIf(o -> name.equals(new NuisanceEntry(o).name()));
    }

    void validate(List<JobProblem> problems) {
        String s = simulator();
        if (s == null || !NAME.matcher(s).matches()) {
            problems.add(JobProblem.at(this, "simulator", s == null ? "missing (the registered name, e.g. pdf)"
                    : "'" + s + "' is not a simulator name (lower-case letters, digits, '.', '_', '-')"));
        }
        if (!(weight() > 0) || !Double.isFinite(weight())) {
            problems.add(JobProblem.at(this, "weight", "must be positive and finite, got " + weight()));
        }
        if (child(TARGET) == null) {
            problems.add(JobProblem.at(this, "target", "missing: <target file=\"...\"/>"));
        } else {
            target().validate(problems);
        }
        validateKeys(this, children(SETTINGS), problems);
        Set<String> names = new HashSet<>();
        for (NuisanceEntry n : nuisance()) {
            n.validate(problems);
            if (n.name() != null && !names.add(n.name())) {
                problems.add(JobProblem.at(n, "name", "nuisance parameter '" + n.name() + "' is given twice"));
            }
        }
    }

    /** Reports empty and repeated keys of a settings list. */
    static void validateKeys(ModelObject owner, List<EObject> entries, List<JobProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            EObject e = entries.get(i);
            String key = (String) e.eGet(SettingKeys.KEY);
            String where = owner.path() + "/settings[" + i + "]";
            if (key == null || key.isBlank()) {
                problems.add(JobProblem.at(e, where, "missing key"));
            } else if (!seen.add(key)) {
                problems.add(JobProblem.at(e, where, "setting '" + key + "' is given twice"));
            }
            if (e.eGet(SettingKeys.VALUE) == null) {
                problems.add(JobProblem.at(e, where, "setting '" + key + "' has no value"));
            }
        }
    }
}
