package org.activestructopt.refinement.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.activestructopt.refinement.internal.JobResource;
import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.util.EcoreUtil;

/**
 * A typed view of one object of the refinement model (an EMF {@link EObject} of a class declared in
 * {@code model/refinement.ecore}). Views hold no state of their own: two views of the same object are equal, and
 * changes through a view are changes of the underlying object, visible to EMF editors, data binding and XMI.
 * <p>
 * Like EMF objects, views are not thread-safe.
 */
public abstract class ModelObject {

    private final EObject eObject;

    ModelObject(EObject eObject, EClass expected) {
        this.eObject = Objects.requireNonNull(eObject, "eObject");
        if (eObject.eClass() != expected) {
            throw new IllegalArgumentException("expected a " + expected.getName() + ", got a " + eObject.eClass().getName());
        }
    }

    /** @return the underlying EMF object, for EMF editors and data binding */
    public EObject eObject() {
        return eObject;
    }

    /**
     * @return the line of the job file where this object starts, if it was read from a file (for messages that point
     *         users to the right place)
     */
    public OptionalInt line() {
        return JobResource.lineOf(eObject);
    }

    /** @return e.g. {@code objectives[1]/target}: where this object sits below the job, for messages */
    public String path() {
        String p = JobResource.pathOf(eObject);
        return p.isEmpty() ? eObject.eClass().getName() : p;
    }

    // ------------------------------------------------------------------ helpers for the views

    static EObject create(EClass c) {
        return EcoreUtil.create(c);
    }

    final Object raw(EAttribute a) {
        return eObject.eGet(a);
    }

    final boolean isSet(EAttribute a) {
        return eObject.eIsSet(a);
    }

    final String string(EAttribute a) {
        return (String) eObject.eGet(a);
    }

    final Optional<String> optionalString(EAttribute a) {
        String s = (String) eObject.eGet(a);
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    final int integer(EAttribute a) {
        return (Integer) eObject.eGet(a);
    }

    final long longValue(EAttribute a) {
        return (Long) eObject.eGet(a);
    }

    final double real(EAttribute a) {
        return (Double) eObject.eGet(a);
    }

    final boolean bool(EAttribute a) {
        return (Boolean) eObject.eGet(a);
    }

    final void set(EAttribute a, Object value) {
        eObject.eSet(a, value);
    }

    final void unset(EAttribute a) {
        eObject.eUnset(a);
    }

    final <E extends Enum<E> & ModelEnum> E enumValue(EAttribute a, Class<E> type) {
        Object v = eObject.eGet(a);
        String literal = v instanceof EEnumLiteral l ? l.getLiteral() : String.valueOf(v);
        return ModelEnum.of(type, literal);
    }

    final void setEnum(EAttribute a, ModelEnum value) {
        Objects.requireNonNull(value, a.getName());
        EEnumLiteral l = ((EEnum) a.getEType()).getEEnumLiteralByLiteral(value.literal());
        eObject.eSet(a, l.getInstance());
    }

    @SuppressWarnings("unchecked")
    final double[] doubles(EAttribute a) {
        List<Double> list = (List<Double>) eObject.eGet(a);
        if (list == null) {
            return new double[0];
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    final void setDoubles(EAttribute a, double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        eObject.eSet(a, list);
    }

    @SuppressWarnings("unchecked")
    final List<String> strings(EAttribute a) {
        List<String> list = (List<String>) eObject.eGet(a);
        return list == null ? List.of() : List.copyOf(list);
    }

    final EObject child(EReference r) {
        return (EObject) eObject.eGet(r);
    }

    /** The contained object of reference {@code r}, created with default values if absent. */
    final EObject childOrCreate(EReference r) {
        EObject c = (EObject) eObject.eGet(r);
        if (c == null) {
            c = create(r.getEReferenceType());
            eObject.eSet(r, c);
        }
        return c;
    }

    final void setChild(EReference r, EObject child) {
        eObject.eSet(r, child);
    }

    @SuppressWarnings("unchecked")
    final EList<EObject> children(EReference r) {
        return (EList<EObject>) eObject.eGet(r);
    }

    // ------------------------------------------------------------------ key/value settings

    /** Settings lists: entries of class SettingEntry, keys unique (checked by validation). */
    final Map<String, String> settingsOf(EReference r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (EObject e : children(r)) {
            out.put((String) e.eGet(SettingKeys.KEY), (String) e.eGet(SettingKeys.VALUE));
        }
        return out;
    }

    final void putSetting(EReference r, String key, String value) {
        Objects.requireNonNull(key, "setting key");
        Objects.requireNonNull(value, () -> "value of setting " + key);
        for (EObject e : children(r)) {
            if (key.equals(e.eGet(SettingKeys.KEY))) {
                e.eSet(SettingKeys.VALUE, value);
                return;
            }
        }
        EObject e = create(SettingKeys.CLASS);
        e.eSet(SettingKeys.KEY, key);
        e.eSet(SettingKeys.VALUE, value);
        children(r).add(e);
    }

    final boolean removeSetting(EReference r, String key) {
        return children(r).removeIf(e -> key.equals(e.eGet(SettingKeys.KEY)));
    }

    final void replaceSettings(EReference r, Map<String, String> settings) {
        children(r).clear();
        settings.forEach((k, v) -> putSetting(r, k, v));
    }

    /** Features of the SettingEntry class, which has no view of its own (settings are exposed as maps). */
    static final class SettingKeys {
        static final EClass CLASS = ModelFeatures.eClass("SettingEntry");
        static final EAttribute KEY = ModelFeatures.attribute(CLASS, "key", String.class);
        static final EAttribute VALUE = ModelFeatures.attribute(CLASS, "value", String.class);

        private SettingKeys() {
        }
    }

    // ------------------------------------------------------------------ identity

    /** Views are equal when they show the same object. */
    @Override
    public final boolean equals(Object o) {
        return o instanceof ModelObject m && m.eObject == eObject;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(eObject);
    }

    @Override
    public String toString() {
        return eObject.eClass().getName() + " at " + path();
    }
}
