package org.activestructopt.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Lattice;
import org.activestructopt.structure.Structure;
import org.activestructopt.ui.internal.structure.BallAndStickScene;
import org.activestructopt.ui.internal.structure.BallAndStickScene.Atom;
import org.activestructopt.ui.internal.structure.BallAndStickScene.Bond;
import org.junit.jupiter.api.Test;

/** The drawn geometry against facts of crystallographic drawings. */
class BallAndStickSceneTest {

    private static Structure rockSalt() {
        double[][] fcc = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        Structure.Builder b = Structure.builder(Lattice.cubic(5.64));
        for (double[] f : fcc) {
            b.add(Element.Na, f);
            b.add(Element.Cl, new double[] {f[0] + 0.5, f[1], f[2]});
        }
        return b.build();
    }

    @Test
    void conventionalFccCellShowsFourteenAtoms() {
        Structure cu = Structure.of(Lattice.cubic(3.61), List.of(Element.Cu, Element.Cu, Element.Cu, Element.Cu),
                new double[][] {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}});
        BallAndStickScene scene = BallAndStickScene.of(cu);
        assertEquals(14, scene.atoms().size(), "8 corners + 6 face centres");
        assertEquals(4, scene.atoms().stream().filter(a -> !a.image()).count());
    }

    @Test
    void rockSaltCellIsAThreeByThreeByThreeGridWithFiftyFourBonds() {
        BallAndStickScene scene = BallAndStickScene.of(rockSalt());
        List<Atom> atoms = scene.atoms();
        assertEquals(27, atoms.size());
        assertEquals(14, atoms.stream().filter(a -> a.element() == Element.Na).count(), "Na on the fcc points");
        assertEquals(13, atoms.stream().filter(a -> a.element() == Element.Cl).count(), "Cl on edges and centre");
        // nearest neighbours along the grid lines: 3 directions x 9 lines x 2 bonds, each Na-Cl at a/2
        assertEquals(54, scene.bonds().size());
        for (Bond b : scene.bonds()) {
            assertEquals(2.82, b.length(), 1e-9);
            assertTrue(atoms.get(b.a()).element() != atoms.get(b.b()).element(), "only Na-Cl bonds");
            Atom a = atoms.get(b.a());
            Atom c = atoms.get(b.b());
            double d = Math.sqrt(Math.pow(a.x() - c.x(), 2) + Math.pow(a.y() - c.y(), 2) + Math.pow(a.z() - c.z(), 2));
            assertEquals(b.length(), d, 1e-9, "bond joins the drawn positions");
        }
    }

    @Test
    void cellCornersAreTheLatticeVectorSums() {
        Lattice l = Lattice.fromParameters(3, 4, 5, 80, 95, 105);
        Structure s = Structure.of(l, List.of(Element.O), new double[][] {{0.2, 0.3, 0.4}});
        double[][] c = BallAndStickScene.of(s).cellCorners();
        double[][] m = l.matrix();
        for (int k = 0; k < 8; k++) {
            for (int d = 0; d < 3; d++) {
                double expected = (k & 1) * m[0][d] + ((k >> 1) & 1) * m[1][d] + ((k >> 2) & 1) * m[2][d];
                assertEquals(expected, c[k][d], 1e-12);
            }
        }
        assertEquals(1, BallAndStickScene.of(s).atoms().size(), "an interior atom has no images");
    }
}
