package org.activestructopt.structure.match;

import java.util.List;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;

/**
 * The matcher's working copy of a structure: lattice rows, species and fractional coordinates as bare arrays. Treated
 * as immutable by convention (nothing writes into the arrays after construction); unlike {@link Structure} it does no
 * defensive copying, because the reductions create many short-lived cells.
 */
record Cell(double[][] lattice, Element[] species, double[][] frac) {

    static Cell of(Structure s) {
        List<Element> sp = s.species();
        return new Cell(s.lattice().matrix(), sp.toArray(new Element[0]), s.fracCoords());
    }

    int size() {
        return species.length;
    }

    double volume() {
        return Math.abs(Mat3.det(lattice));
    }

    double[][] cart() {
        return Mat3.timesEach(frac, lattice);
    }

    /** @return the same atoms (same Cartesian positions) described in another cell of the same lattice, wrapped */
    Cell inBasis(double[][] newLattice) {
        double[][] f = Mat3.timesEach(cart(), Mat3.inverse(newLattice));
        for (double[] row : f) {
            for (int k = 0; k < 3; k++) {
                row[k] = Mat3.wrap(row[k]);
            }
        }
        return new Cell(newLattice, species, f);
    }

    /** @return the cell with its lattice vectors multiplied by {@code factor}, fractional coordinates kept */
    Cell scaled(double factor) {
        return new Cell(Mat3.scaled(lattice, factor), species, frac);
    }
}
