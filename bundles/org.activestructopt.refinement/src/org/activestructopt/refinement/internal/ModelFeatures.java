package org.activestructopt.refinement.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.eclipse.emf.ecore.xml.type.XMLTypePackage;

/**
 * Loads {@code model/refinement.ecore} from this bundle once and hands out its classes and features by name. Every
 * look-up is recorded, so a test can show that the typed API in {@code org.activestructopt.refinement.model} uses
 * exactly the features the .ecore declares. A look-up of a name the .ecore lacks, or with another type than the API
 * expects, fails when the API class is initialised, not when a user's job happens to touch it.
 */
public final class ModelFeatures {

    /** Bundle-relative location of the model, also listed in build.properties. */
    public static final String ECORE_RESOURCE = "/model/refinement.ecore";

    private static final EPackage PACKAGE = load();
    private static final Set<EStructuralFeature> USED = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final Set<EClassifier> USED_CLASSIFIERS = Collections.synchronizedSet(new LinkedHashSet<>());

    private ModelFeatures() {
    }

    /** @return the package defined by {@value #ECORE_RESOURCE} */
    public static EPackage ePackage() {
        return PACKAGE;
    }

    /** @return the class called {@code name} */
    public static EClass eClass(String name) {
        if (!(PACKAGE.getEClassifier(name) instanceof EClass c)) {
            throw new IllegalStateException(ECORE_RESOURCE + " declares no class " + name);
        }
        USED_CLASSIFIERS.add(c);
        return c;
    }

    /** @return the enumeration called {@code name} */
    public static EEnum eEnum(String name) {
        if (!(PACKAGE.getEClassifier(name) instanceof EEnum e)) {
            throw new IllegalStateException(ECORE_RESOURCE + " declares no enumeration " + name);
        }
        USED_CLASSIFIERS.add(e);
        return e;
    }

    /**
     * @param type the Java type the API reads and writes: a boxed or primitive type, {@code java.util.List} for the
     *             list data types, or {@code EEnum.class} for an enumeration
     * @return the attribute {@code name} of {@code owner}
     */
    public static EAttribute attribute(EClass owner, String name, Class<?> type) {
        if (!(owner.getEStructuralFeature(name) instanceof EAttribute a)) {
            throw new IllegalStateException(ECORE_RESOURCE + ": class " + owner.getName() + " has no attribute " + name);
        }
        boolean ok = type == EEnum.class ? a.getEType() instanceof EEnum : type.equals(a.getEAttributeType().getInstanceClass());
        if (!ok) {
            throw new IllegalStateException(ECORE_RESOURCE + ": " + owner.getName() + "." + name + " has type "
                    + a.getEAttributeType().getInstanceClassName() + ", the API expects " + type.getName());
        }
        USED.add(a);
        return a;
    }

    /**
     * @param target the class the reference must point to
     * @return the reference {@code name} of {@code owner}
     */
    public static EReference reference(EClass owner, String name, EClass target, boolean containment, boolean many) {
        if (!(owner.getEStructuralFeature(name) instanceof EReference r)) {
            throw new IllegalStateException(ECORE_RESOURCE + ": class " + owner.getName() + " has no reference " + name);
        }
        if (r.getEReferenceType() != target || r.isContainment() != containment || r.isMany() != many) {
            throw new IllegalStateException(ECORE_RESOURCE + ": " + owner.getName() + "." + name + " is "
                    + (r.isMany() ? "a list of " : "") + r.getEReferenceType().getName()
                    + (r.isContainment() ? " (contained)" : " (referenced)") + ", the API expects "
                    + (many ? "a list of " : "") + target.getName() + (containment ? " (contained)" : " (referenced)"));
        }
        USED.add(r);
        return r;
    }

    /** @return the features looked up so far (for the agreement test) */
    public static Set<EStructuralFeature> usedFeatures() {
        synchronized (USED) {
            return Set.copyOf(USED);
        }
    }

    /** @return the classes and enumerations looked up so far (for the agreement test) */
    public static Set<EClassifier> usedClassifiers() {
        synchronized (USED_CLASSIFIERS) {
            return Set.copyOf(USED_CLASSIFIERS);
        }
    }

    private static EPackage load() {
        // the list data types name XMLType's double and string as item types; its generated package registers itself
        XMLTypePackage.eINSTANCE.getEFactoryInstance();
        ResourceSet rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("ecore", new EcoreResourceFactoryImpl());
        Resource r = rs.createResource(URI.createURI("platform:/plugin/org.activestructopt.refinement" + ECORE_RESOURCE));
        try (InputStream in = ModelFeatures.class.getResourceAsStream(ECORE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(ECORE_RESOURCE + " is missing from the refinement bundle (build.properties?)");
            }
            r.load(in, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ECORE_RESOURCE, e);
        }
        if (r.getContents().isEmpty() || !(r.getContents().get(0) instanceof EPackage p)) {
            throw new IllegalStateException(ECORE_RESOURCE + " does not contain an EPackage");
        }
        return p;
    }
}
