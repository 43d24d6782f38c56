package org.activestructopt.examples.xrd;

/**
 * One powder line: reflections of equal Bragg angle merged (symmetry equivalents, Friedel pairs, accidental
 * coincidences), with the summed intensity.
 *
 * @param twoTheta     the Bragg angle 2θ in degrees
 * @param d            the interplanar spacing in Å
 * @param intensity    Σ |F(hkl)|² · Lp(θ) over the merged reflections, in electrons² (unnormalised)
 * @param multiplicity the number of hkl merged
 * @param hkl          one of the merged hkl (the first found), for labels
 */
public record Reflection(double twoTheta, double d, double intensity, int multiplicity, int[] hkl) {
}
