package org.activestructopt.structure.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Structures in the JSON form of the fixture generators: {"lattice": rows, "species": [...], "frac": N x 3}. */
final class StructureFixtures {

    private StructureFixtures() {
    }

    static Structure fromJson(JsonObject o) {
        JsonArray lat = o.getAsJsonArray("lattice");
        double[][] rows = new double[3][];
        for (int i = 0; i < 3; i++) {
            rows[i] = vector(lat.get(i).getAsJsonArray());
        }
        JsonArray sp = o.getAsJsonArray("species");
        JsonArray fr = o.getAsJsonArray("frac");
        List<Element> species = new ArrayList<>();
        double[][] frac = new double[sp.size()][];
        for (int i = 0; i < sp.size(); i++) {
            species.add(Element.of(sp.get(i).getAsString()));
            frac[i] = vector(fr.get(i).getAsJsonArray());
        }
        return Structure.of(Lattice.of(rows), species, frac);
    }

    static double[] vector(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    /** Same lattice vectors, same species in the same order, same fractional coordinates (not modulo 1). */
    static void assertSame(Structure expected, Structure actual, double tol, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of sites");
        double[][] e = expected.lattice().matrix();
        double[][] a = actual.lattice().matrix();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(e[i], a[i], tol, what + ": lattice vector " + i);
        }
        assertEquals(expected.species(), actual.species(), what + ": species");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.frac(i), actual.frac(i), tol, what + ": site " + i);
        }
    }
}
