package org.activestructopt.surrogate.gnn.internal;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;

/**
 * The elements a network has embeddings for, in ascending atomic number. A structure containing any other element
 * cannot be predicted: its embedding was never trained.
 */
final class Vocabulary {

    private final Element[] elements;
    private final int[] indexOfZ;

    private Vocabulary(Element[] elements) {
        this.elements = elements;
        this.indexOfZ = new int[Element.values().length + 2];
        Arrays.fill(indexOfZ, -1);
        for (int i = 0; i < elements.length; i++) {
            indexOfZ[elements[i].z()] = i;
        }
    }

    /** @return the elements occurring in any of the structures */
    static Vocabulary of(List<Structure> structures) {
        TreeSet<Element> set = new TreeSet<>((a, b) -> Integer.compare(a.z(), b.z()));
        for (Structure s : structures) {
            set.addAll(s.species());
        }
        return new Vocabulary(set.toArray(Element[]::new));
    }

    /** @return the vocabulary of these atomic numbers (from a saved model) */
    static Vocabulary ofAtomicNumbers(int[] z) {
        Element[] e = new Element[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Element.ofZ(z[i]);
            if (i > 0 && z[i] <= z[i - 1]) {
                throw new IllegalArgumentException("atomic numbers must be strictly increasing: " + Arrays.toString(z));
            }
        }
        return new Vocabulary(e);
    }

    int size() {
        return elements.length;
    }

    int[] atomicNumbers() {
        return Arrays.stream(elements).mapToInt(Element::z).toArray();
    }

    boolean containsAll(Vocabulary other) {
        return Arrays.stream(other.elements).allMatch(e -> indexOfZ[e.z()] >= 0);
    }

    /**
     * @param what names the structure in the message, e.g. "candidate 3"
     * @return the index of every site's element
     * @throws IllegalArgumentException naming the unknown elements
     */
    int[] indices(Structure s, String what) {
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOfZ[s.species(i).z()];
            if (out[i] < 0) {
                String unknown = s.species().stream().filter(e -> indexOfZ[e.z()] < 0).map(Element::symbol).distinct()
                        .collect(Collectors.joining(", "));
                throw new IllegalArgumentException(what + " (" + s.reducedFormula() + ") contains " + unknown
                        + ", which the surrogate was not trained on (it knows " + this + ")");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return Arrays.stream(elements).map(Element::symbol).collect(Collectors.joining(", "));
    }
}
