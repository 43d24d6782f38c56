/**
 * Structure matching: whether two crystal structures are the same up to cell choice, origin, orientation, site order
 * and (optionally) volume, with pymatgen's StructureMatcher semantics, and how far apart their atoms are.
 * {@link org.activestructopt.structure.match.StructureMatcher} is the entry point,
 * {@link org.activestructopt.structure.match.MatchResult} its answer.
 */
package org.activestructopt.structure.match;
