package org.activestructopt.refinement.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EClassifier;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EEnumLiteral;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.EcoreResourceFactoryImpl;
import org.junit.jupiter.api.Test;

/**
 * The .ecore file is the single definition of the job model; the typed API reads it at run time. These tests show
 * that the file in the source tree is what the bundle loads, that the API exposes every class and feature it
 * declares and uses nothing it does not, and that the Java enumerations list the same literals.
 */
class ModelAgreementTest {

    /** Every view class; initialising them performs (and records) all feature look-ups of the API. */
    private static final List<Class<?>> VIEWS = List.of(Job.class, StructureSource.class, CrystalRecord.class,
            Objective.class, Target.class, ModelObject.SettingKeys.class, SamplerConfig.class, Constraints.class,
            PairDistance.class, SurrogateConfig.class, Budget.class, OptimiserConfig.class, SearchProfile.class,
            RmcConfig.class, LeastSquaresConfig.class, GpboConfig.class, Results.class, Candidate.class);

    private static final Map<String, Class<? extends ModelEnum>> ENUMS = Map.of("Method", Method.class, "Variation",
            Variation.class, "Metric", Metric.class, "TargetFormat", TargetFormat.class, "Phase", Phase.class,
            "Status", Status.class);

    private static EPackage runtime() throws Exception {
        for (Class<?> c : VIEWS) {
            Class.forName(c.getName(), true, c.getClassLoader());
        }
        return ModelFeatures.ePackage();
    }

    @Test
    void runtimePackageIsTheEcoreFileOfTheSourceTree() throws Exception {
        Path file = Path.of("..", "org.activestructopt.refinement", "model", "refinement.ecore");
        assertTrue(Files.isRegularFile(file), "run from the test bundle's directory: " + file.toAbsolutePath());
        ResourceSetImpl rs = new ResourceSetImpl();
        rs.getResourceFactoryRegistry().getExtensionToFactoryMap().put("ecore", new EcoreResourceFactoryImpl());
        Resource r = rs.getResource(URI.createFileURI(file.toAbsolutePath().toString()), true);
        EPackage onDisk = (EPackage) r.getContents().get(0);
        assertTrue(EcoreUtil.equals(onDisk, runtime()), "bundle resource differs from " + file);
        assertEquals("http://www.activestructopt.org/refinement/1.0", onDisk.getNsURI());
    }

    @Test
    void apiUsesExactlyTheDeclaredFeatures() throws Exception {
        EPackage p = runtime();
        Set<String> declared = new TreeSet<>();
        for (EClassifier c : p.getEClassifiers()) {
            if (c instanceof EClass ec) {
                for (EStructuralFeature f : ec.getEStructuralFeatures()) {
                    declared.add(ec.getName() + "." + f.getName());
                }
            }
        }
        Set<String> used = ModelFeatures.usedFeatures().stream()
                .map(f -> f.getEContainingClass().getName() + "." + f.getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unused = new TreeSet<>(declared);
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "declared in the .ecore but not exposed by the API");
        Set<String> undeclared = new TreeSet<>(used);
        undeclared.removeAll(declared);
        assertEquals(Set.of(), undeclared, "used by the API but not declared");
    }

    @Test
    void everyClassAndDataTypeIsUsed() throws Exception {
        EPackage p = runtime();
        Set<EClassifier> usedTypes = ModelFeatures.usedFeatures().stream().map(EStructuralFeature::getEType)
                .collect(Collectors.toSet());
        for (EClassifier c : p.getEClassifiers()) {
            if (c instanceof EClass) {
                assertTrue(ModelFeatures.usedClassifiers().contains(c), "class " + c.getName() + " has no API");
            } else if (c instanceof EEnum e) {
                assertTrue(ENUMS.containsKey(e.getName()), "enumeration " + e.getName() + " has no Java enum");
            } else {
                assertTrue(usedTypes.contains(c), "data type " + c.getName() + " is not used by any attribute");
                assertEquals(List.class, ((EDataType) c).getInstanceClass());
            }
        }
    }

    @Test
    void javaEnumerationsListTheEcoreLiterals() throws Exception {
        EPackage p = runtime();
        for (Map.Entry<String, Class<? extends ModelEnum>> e : ENUMS.entrySet()) {
            EEnum ee = (EEnum) p.getEClassifier(e.getKey());
            List<String> ecore = ee.getELiterals().stream().map(EEnumLiteral::getLiteral).toList();
            List<String> java = Arrays.stream(e.getValue().getEnumConstants()).map(ModelEnum::literal).toList();
            assertEquals(ecore, java, e.getKey());
        }
    }

    @Test
    void enumAttributesHaveJavaCounterparts() throws Exception {
        for (EStructuralFeature f : ModelFeatures.usedFeatures()) {
            if (f instanceof EAttribute a && a.getEType() instanceof EEnum ee) {
                assertTrue(ENUMS.containsKey(ee.getName()), a.getName());
                assertTrue(a.getDefaultValueLiteral() == null || ee.getEEnumLiteralByLiteral(a.getDefaultValueLiteral()) != null,
                        "default of " + a.getName());
            }
        }
    }
}
