/**
 * Crystallographic symmetry: the 230 space groups with their operations and Wyckoff positions
 * ({@link org.activestructopt.structure.symmetry.SpaceGroup}, data generated from cctbx and spglib and documented
 * there), symmetry operations in "x,y+1/2,-z" notation
 * ({@link org.activestructopt.structure.symmetry.SymmetryOperation}), Wyckoff positions
 * ({@link org.activestructopt.structure.symmetry.WyckoffPosition}) and the expansion of an asymmetric unit into a
 * full {@link org.activestructopt.structure.Structure}
 * ({@link org.activestructopt.structure.symmetry.SymmetryExpansion}).
 *
 * <pre>{@code
 * SpaceGroup g = SpaceGroup.bySymbol("R-3m");                       // 166, hexagonal axes, order 36
 * WyckoffPosition c = g.wyckoff('c');                               // 6c, 3m, "0,0,z"
 * Structure linio2 = g.expand(Lattice.hexagonal(2.88, 14.19),
 *         List.of(Element.of("Ni"), Element.of("Li"), Element.of("O")),
 *         new double[][] {{0, 0, 0}, {0, 0, 0.5}, {0, 0, 0.258}});     // 12 atoms
 * }</pre>
 */
package org.activestructopt.structure.symmetry;
