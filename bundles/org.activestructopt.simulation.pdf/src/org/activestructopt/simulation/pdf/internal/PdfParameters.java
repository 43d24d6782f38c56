package org.activestructopt.simulation.pdf.internal;

import java.util.Map;

import org.activestructopt.structure.Element;

/**
 * Resolved PDF settings.
 *
 * @param scale     overall scale factor
 * @param uiso      U (angstrom^2) of elements not in {@code byElement}
 * @param byElement per-element U (angstrom^2)
 * @param qdamp     Gaussian damping of G(r) (angstrom^-1)
 * @param qmax      termination (angstrom^-1), 0 = none
 * @param delta2    peak sharpening (angstrom^2)
 */
record PdfParameters(double scale, double uiso, Map<Element, Double> byElement, double qdamp, double qmax,
        double delta2) {

    PdfParameters {
        byElement = Map.copyOf(byElement);
    }

    /** @return the isotropic displacement parameter U of {@code e} in angstrom^2 */
    double u(Element e) {
        return byElement.getOrDefault(e, uiso);
    }
}
