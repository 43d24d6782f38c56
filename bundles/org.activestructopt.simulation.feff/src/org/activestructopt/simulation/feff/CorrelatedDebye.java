package org.activestructopt.simulation.feff;

/**
 * The correlated Debye model of the EXAFS Debye-Waller factor (Sevillano, Meuth and Rehr, Phys. Rev. B 20, 4908
 * (1979)), which FEFF's DEBYE card uses: the mean-square variation of the distance R between an absorber of mass m1
 * and a scatterer of mass m2 at temperature T,
 * <pre>
 * sigma^2 = 3 hbar^2 / (2 k_B theta_D) * integral_0^1 dx x coth(x theta_D / 2T)
 *           [1/m1 + 1/m2 - 2 sin(x k_D R) / (x k_D R sqrt(m1 m2))]
 * </pre>
 * where k_D = (6 pi^2 n)^(1/3) is the Debye wavenumber of a solid of atomic density n. The first two terms are the
 * uncorrelated motions of the two atoms, the last their correlation; for equal masses this is the familiar
 * (1/mu) (1 - sin(x k_D R) / (x k_D R)) with mu the reduced mass. Like FEFF, the density is that of spheres of the
 * average Norman radius r_s of the cluster, k_D = (9 pi / 2)^(1/3) / r_s; FEFF writes r_s to every feffNNNN.dat
 * ({@link FeffDat#rnrmav()}, in bohr). The tests check this against the sigma^2 FEFF reports for Cu-Cu, Ni-O, Ni-Ni
 * and Ni-Li pairs.
 * <p>
 * At T = 0 it keeps the zero-point motion; at high T it grows linearly with T.
 */
public final class CorrelatedDebye {

    /** Bohr radius in angstrom (CODATA 2018). */
    public static final double BOHR = 0.529177210903;

    /** hbar^2 / (1 u * k_B) in angstrom^2 K: CODATA 2018 hbar, atomic mass constant and Boltzmann constant. */
    private static final double HBAR2_OVER_AMU_KB = 1.054571817e-34 * 1.054571817e-34 / (1.66053906660e-27
            * 1.380649e-23) * 1e20;

    /** Simpson intervals; the integrand is smooth, 400 give 1e-9 relative accuracy. */
    private static final int INTERVALS = 400;

    private CorrelatedDebye() {
    }

    /**
     * @param temperature sample temperature, K (at least 0)
     * @param thetaD      Debye temperature, K (positive)
     * @param distance    absorber-scatterer distance R, angstrom (positive)
     * @param mass1       mass of one atom, u
     * @param mass2       mass of the other atom, u
     * @param rsBohr      average Norman radius of the solid, bohr (FEFF's rnrmav)
     * @return sigma^2 in angstrom^2
     * @throws IllegalArgumentException for a parameter outside its range
     */
    public static double sigma2(double temperature, double thetaD, double distance, double mass1, double mass2,
            double rsBohr) {
        if (!(temperature >= 0) || !(thetaD > 0) || !(distance > 0) || !(mass1 > 0) || !(mass2 > 0)
                || !(rsBohr > 0) || !Double.isFinite(temperature + thetaD + distance + mass1 + mass2 + rsBohr)) {
            throw new IllegalArgumentException("correlated Debye model needs T >= 0 and positive theta_D, R, masses "
                    + "and r_s; got T=" + temperature + " theta=" + thetaD + " R=" + distance + " m=" + mass1 + ", "
                    + mass2 + " rs=" + rsBohr);
        }
        double kD = Math.cbrt(4.5 * Math.PI) / (rsBohr * BOHR);
        double b = kD * distance;
        double a = temperature > 0 ? thetaD / (2 * temperature) : Double.POSITIVE_INFINITY;
        double self = 1 / mass1 + 1 / mass2;
        double cross = 2 / Math.sqrt(mass1 * mass2);
        double h = 1.0 / INTERVALS;
        double sum = integrand(0, a, b, self, cross) + integrand(1, a, b, self, cross);
        for (int i = 1; i < INTERVALS; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * integrand(i * h, a, b, self, cross);
        }
        double integral = sum * h / 3;
        return 1.5 * HBAR2_OVER_AMU_KB / thetaD * integral;
    }

    /** x coth(a x) [self - cross sinc(b x)], which tends to 0 at x = 0 (self - cross >= 0, and x coth(ax) -> 1/a). */
    private static double integrand(double x, double a, double b, double self, double cross) {
        if (x == 0) {
            return Double.isInfinite(a) ? 0 : (self - cross) / a;
        }
        double bx = b * x;
        double sinc = bx < 1e-4 ? 1 - bx * bx / 6 : Math.sin(bx) / bx;
        double coth = Double.isInfinite(a) ? 1 : 1 / Math.tanh(a * x);
        return x * coth * (self - cross * sinc);
    }
}
