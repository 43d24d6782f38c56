package org.activestructopt.refinement.model;

import java.util.ArrayList;
import java.util.List;

import org.activestructopt.refinement.internal.ModelFeatures;
import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;

/**
 * Conversion between the model's Crystal (lattice, species and fractional coordinates as white-space separated
 * lists) and {@link Structure}. Crystals have no view of their own: the API hands out structures.
 */
final class CrystalRecord {

    static final EClass CLASS = ModelFeatures.eClass("Crystal");
    static final EAttribute LATTICE = ModelFeatures.attribute(CLASS, "lattice", List.class);
    static final EAttribute SPECIES = ModelFeatures.attribute(CLASS, "species", List.class);
    static final EAttribute FRAC = ModelFeatures.attribute(CLASS, "frac", List.class);

    private CrystalRecord() {
    }

    static EObject of(Structure s) {
        EObject c = ModelObject.create(CLASS);
        double[][] m = s.lattice().matrix();
        List<Double> lattice = new ArrayList<>(9);
        for (double[] row : m) {
            for (double v : row) {
                lattice.add(v);
            }
        }
        c.eSet(LATTICE, lattice);
        c.eSet(SPECIES, s.species().stream().map(Element::symbol).toList());
        List<Double> frac = new ArrayList<>(3 * s.size());
        for (double v : s.fracCoordsFlat()) {
            frac.add(v);
        }
        c.eSet(FRAC, frac);
        return c;
    }

    /**
     * @throws IllegalArgumentException naming the attribute at fault (wrong count, unknown element, singular lattice)
     */
    @SuppressWarnings("unchecked")
    static Structure toStructure(EObject c) {
        List<Double> l = (List<Double>) c.eGet(LATTICE);
        List<String> sp = (List<String>) c.eGet(SPECIES);
        List<Double> f = (List<Double>) c.eGet(FRAC);
        if (l == null || l.size() != 9) {
            throw new IllegalArgumentException("lattice needs 9 numbers (vectors a, b, c row by row), got "
                    + (l == null ? 0 : l.size()));
        }
        int n = sp == null ? 0 : sp.size();
        if (f == null || f.size() != 3 * n) {
            throw new IllegalArgumentException("frac needs 3 numbers per site, " + (3 * n) + " for the " + n
                    + " species, got " + (f == null ? 0 : f.size()));
        }
        double[][] rows = new double[3][3];
        for (int k = 0; k < 9; k++) {
            rows[k / 3][k % 3] = l.get(k);
        }
        List<Element> elements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                elements.add(Element.of(sp.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("species of site " + i + ": " + e.getMessage(), e);
            }
        }
        double[][] frac = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                frac[i][k] = f.get(3 * i + k);
            }
        }
        return Structure.of(Lattice.of(rows), elements, frac);
    }
}
