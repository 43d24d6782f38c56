package org.activestructopt.refinement.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;

/**
 * A measured spectrum to fit: a NeXus file (its default plottable, or the signal at an HDF5 path, optionally against
 * an explicit axis) or a text file with two columns, optionally restricted to a fit range [xmin, xmax].
 */
public final class Target extends ModelObject {

    static final EClass CLASS = ModelFeatures.eClass("Target");
    private static final EAttribute FILE = ModelFeatures.attribute(CLASS, "file", String.class);
    private static final EAttribute FORMAT = ModelFeatures.attribute(CLASS, "format", EEnum.class);
    private static final EAttribute SIGNAL = ModelFeatures.attribute(CLASS, "signal", String.class);
    private static final EAttribute AXIS = ModelFeatures.attribute(CLASS, "axis", String.class);
    private static final EAttribute XMIN = ModelFeatures.attribute(CLASS, "xmin", Double.class);
    private static final EAttribute XMAX = ModelFeatures.attribute(CLASS, "xmax", Double.class);

    private static final List<String> NEXUS_EXTENSIONS = List.of(".nxs", ".nx5", ".h5", ".hdf5", ".hdf");

    Target(EObject o) {
        super(o, CLASS);
    }

    static EObject create(String file) {
        EObject o = ModelObject.create(CLASS);
        o.eSet(FILE, Objects.requireNonNull(file, "target file"));
        return o;
    }

    /** @return the file as written in the job (relative to the job file, or absolute) */
    public String file() {
        return string(FILE);
    }

    public Target setFile(String file) {
        set(FILE, Objects.requireNonNull(file, "file"));
        return this;
    }

    /** @return the format as given (default auto) */
    public TargetFormat format() {
        return enumValue(FORMAT, TargetFormat.class);
    }

    public Target setFormat(TargetFormat format) {
        setEnum(FORMAT, format);
        return this;
    }

    /** @return the format to read with: {@link #format()}, or for auto the one the file extension implies */
    public TargetFormat effectiveFormat() {
        if (format() != TargetFormat.AUTO) {
            return format();
        }
        String f = file() == null ? "" : file().toLowerCase(Locale.ROOT);
        return NEXUS_EXTENSIONS.stream().anyMatch(f::endsWith) ? TargetFormat.NEXUS : TargetFormat.COLUMNS;
    }

    /** @return the HDF5 path of the signal (NeXus only); absent: the file's default plottable */
    public Optional<String> signal() {
        return optionalString(SIGNAL);
    }

    public Target setSignal(String signal) {
        set(SIGNAL, signal);
        return this;
    }

    /** @return the HDF5 path of the x axis (NeXus only); absent: the axis the file declares */
    public Optional<String> axis() {
        return optionalString(AXIS);
    }

    public Target setAxis(String axis) {
        set(AXIS, axis);
        return this;
    }

    /** @return the lower end of the fit range, if any */
    public OptionalDouble xmin() {
        Double v = (Double) raw(XMIN);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** @return the upper end of the fit range, if any */
    public OptionalDouble xmax() {
        Double v = (Double) raw(XMAX);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** Sets the fit range; NaN leaves that end open. */
    public Target setRange(double xmin, double xmax) {
        set(XMIN, Double.isNaN(xmin) ? null : xmin);
        set(XMAX, Double.isNaN(xmax) ? null : xmax);
        return this;
    }

    void validate(List<JobProblem> problems) {
        if (file() == null || file().isBlank()) {
            problems.add(JobProblem.at(this, "file", "missing"));
        }
        if (effectiveFormat() == TargetFormat.COLUMNS && (signal().isPresent() || axis().isPresent())) {
            problems.add(JobProblem.at(this, "signal", "signal and axis paths apply to NeXus files only, but "
                    + file() + " is read as " + TargetFormat.COLUMNS.literal()));
        }
        if (axis().isPresent() && signal().isEmpty()) {
            problems.add(JobProblem.at(this, "axis", "an axis path needs a signal path too"));
        }
        if (xmin().isPresent() && !Double.isFinite(xmin().getAsDouble())) {
            problems.add(JobProblem.at(this, "xmin", "must be finite"));
        }
        if (xmax().isPresent() && !Double.isFinite(xmax().getAsDouble())) {
            problems.add(JobProblem.at(this, "xmax", "must be finite"));
        }
        if (xmin().isPresent() && xmax().isPresent() && !(xmin().getAsDouble() < xmax().getAsDouble())) {
            problems.add(JobProblem.at(this, "xmax", "fit range [" + xmin().getAsDouble() + ", "
                    + xmax().getAsDouble() + "] is empty"));
        }
    }
}
