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
 * @param delta2    peak sharpening, 1/r^2 term (angstrom^2)
 * @param delta1    peak sharpening, 1/r term (angstrom)
 * @param qbroad    peak broadening growing with r (angstrom^-1)
 */
record PdfParameters(double scale, double uiso, Map<Element, Double> byElement, double qdamp, double qmax,
        double delta2, double delta1, double qbroad) {

    PdfParameters {
        byElement = Map.copyOf(byElement);
    }

    /** @return the isotropic displacement parameter U of {@code e} in angstrom^2 */
    double u(Element e) {
        return byElement.getOrDefault(e, uiso);
    }

    /**
     * DiffPy's msdSharpeningRatio (diffpy.srreal, JeongPeakWidth.cpp): the factor by which correlated motion and
     * instrumental broadening change the variance of a pair peak at distance r,
     * {@code 1 - delta1 / r - delta2 / r^2 + (qbroad r)^2}. DiffPy multiplies the Debye-Waller width by its square
     * root, so here sigma_ij^2 = (U_i + U_j) times this ratio.
     */
    double widthRatio(double r) {
        return 1 - delta1 / r - delta2 / (r * r) + qbroad * qbroad * r * r;
    }

    /** @return d(widthRatio)/dr */
    double widthRatioSlope(double r) {
        return delta1 / (r * r) + 2 * delta2 / (r * r * r) + 2 * qbroad * qbroad * r;
    }
}
