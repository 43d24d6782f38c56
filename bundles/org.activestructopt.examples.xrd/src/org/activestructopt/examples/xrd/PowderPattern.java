package org.activestructopt.examples.xrd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.activestructopt.structure.Element;
import org.activestructopt.structure.Structure;

/**
 * A kinematic X-ray powder pattern of a crystal, as in textbooks (Warren, <i>X-ray Diffraction</i>, ch. 4) and in
 * pymatgen's {@code XRDCalculator}:
 * <ul>
 * <li>every reciprocal lattice vector g = h a* + k b* + l c* with |g| ≤ 2 sin(θ<sub>max</sub>)/λ is a reflection at
 * sin θ = λ|g|/2 (Bragg's law, d = 1/|g|); all hkl are enumerated, so multiplicities come out of the sum and a
 * structure of lower symmetry splits its lines by itself;</li>
 * <li>F(hkl) = Σ<sub>j</sub> f<sub>j</sub>(s) exp(−B s²) exp(2πi (h x<sub>j</sub> + k y<sub>j</sub> + l
 * z<sub>j</sub>)) with the Cromer–Mann form factors of {@link FormFactors}, s = sin θ/λ and an isotropic
 * Debye–Waller B;</li>
 * <li>intensity |F|² times the Lorentz–polarisation factor of an unpolarised beam without monochromator,
 * Lp = (1 + cos² 2θ) / (sin² θ cos θ);</li>
 * <li>lines closer than {@value #MERGE_DEGREES}° are merged; the profile is a Gaussian of given FWHM in 2θ, of unit
 * area per unit intensity.</li>
 * </ul>
 * Immutable; compute once per structure and read lines or profiles.
 */
public final class PowderPattern {

    /** Lines closer than this (degrees of 2θ) are one line, as in pymatgen (TWO_THETA_TOL). */
    public static final double MERGE_DEGREES = 1e-5;
    private static final double FWHM_TO_SIGMA = 1 / (2 * Math.sqrt(2 * Math.log(2)));
    /** Gaussians are summed out to this many standard deviations (beyond, less than 1e-11 of the peak). */
    private static final double CUTOFF_SIGMAS = 7;
    /** Lines weaker than this fraction of the strongest are extinct (|F|² is rounding noise, ~1e-30 relative). */
    private static final double EXTINCT = 1e-12;

    private final List<Reflection> lines;

    private PowderPattern(List<Reflection> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * Computes the lines with 2θ ≤ {@code maxTwoTheta}.
     *
     * @param wavelength  λ in Å
     * @param maxTwoTheta the largest 2θ in degrees, below 180
     * @param biso        isotropic Debye–Waller B in Å² (0: atoms at rest)
     * @throws IllegalArgumentException for an element without form factor, or parameters out of range
     */
    public static PowderPattern of(Structure structure, double wavelength, double maxTwoTheta, double biso) {
        Objects.requireNonNull(structure, "structure");
        if (!(wavelength > 0) || !Double.isFinite(wavelength)) {
            throw new IllegalArgumentException("wavelength must be positive, got " + wavelength);
        }
        if (!(maxTwoTheta > 0 && maxTwoTheta < 180)) {
            throw new IllegalArgumentException("2θ must be within (0, 180) degrees, got " + maxTwoTheta);
        }
        if (!(biso >= 0) || !Double.isFinite(biso)) {
            throw new IllegalArgumentException("biso must be >= 0, got " + biso);
        }
        Atoms atoms = new Atoms(structure);
        double[][] rec = structure.lattice().reciprocalMatrix();
        double[][] direct = structure.lattice().matrix();
        double gMax = 2 * Math.sin(Math.toRadians(maxTwoTheta / 2)) / wavelength;
        // h = g · a, so |h| <= |g| |a|
        int[] max = new int[3];
        for (int i = 0; i < 3; i++) {
            max[i] = (int) Math.floor(gMax * norm(direct[i]) + 1e-9);
        }
        List<double[]> raw = new ArrayList<>(); // {2theta, d, intensity, h, k, l}
        for (int h = -max[0]; h <= max[0]; h++) {
            for (int k = -max[1]; k <= max[1]; k++) {
                for (int l = -max[2]; l <= max[2]; l++) {
                    if (h == 0 && k == 0 && l == 0) {
                        continue;
                    }
                    double gLen = norm(g(rec, h, k, l));
                    if (gLen > gMax) {
                        continue;
                    }
                    double sinTheta = wavelength * gLen / 2;
                    double theta = Math.asin(sinTheta);
                    double cos2t = Math.cos(2 * theta);
                    double lp = (1 + cos2t * cos2t) / (sinTheta * sinTheta * Math.cos(theta));
                    double f2 = atoms.f2(h, k, l, gLen * gLen / 4, biso);
                    raw.add(new double[] {Math.toDegrees(2 * theta), 1 / gLen, f2 * lp, h, k, l});
                }
            }
        }
        raw.sort(Comparator.comparingDouble(r -> r[0]));
        List<Reflection> merged = new ArrayList<>();
        int i = 0;
        while (i < raw.size()) {
            double[] first = raw.get(i);
            double sum = 0;
            int count = 0;
            int j = i;
            while (j < raw.size() && raw.get(j)[0] - first[0] < MERGE_DEGREES) {
                sum += raw.get(j)[2];
                count++;
                j++;
            }
            merged.add(new Reflection(first[0], first[1], sum, count, new int[] {(int) first[3], (int) first[4],
                (int) first[5]}));
            i = j;
        }
        // systematic absences come out of the sum as rounding noise, not as zeros: they are not lines
        double strongest = merged.stream().mapToDouble(Reflection::intensity).max().orElse(0);
        return new PowderPattern(merged.stream().filter(r -> r.intensity() > EXTINCT * strongest).toList());
    }

    /**
     * @param biso isotropic Debye–Waller B in Å²
     * @return |F(hkl)|² in electrons², the structure factor of one reflection
     * @throws IllegalArgumentException for an element without form factor
     */
    public static double structureFactorSquared(Structure structure, int h, int k, int l, double biso) {
        double[] g = g(structure.lattice().reciprocalMatrix(), h, k, l);
        double s2 = (g[0] * g[0] + g[1] * g[1] + g[2] * g[2]) / 4;
        return new Atoms(structure).f2(h, k, l, s2, biso);
    }

    /** The atoms of a structure in arrays, for the inner loop over reflections. */
    private static final class Atoms {
        private final Element[] species;
        private final double[][] frac;

        Atoms(Structure s) {
            species = s.species().toArray(Element[]::new);
            frac = s.fracCoords();
            for (Element e : species) {
                if (!FormFactors.has(e)) {
                    throw new IllegalArgumentException("no X-ray form factor for " + e.symbol());
                }
            }
        }

        /** |Σ_j f_j(s) exp(-B s²) exp(2πi h·x_j)|² with s² = (sin θ/λ)². */
        double f2(int h, int k, int l, double s2, double biso) {
            double dw = Math.exp(-biso * s2);
            double re = 0;
            double im = 0;
            for (int j = 0; j < species.length; j++) {
                double f = FormFactors.f0(species[j], s2) * dw;
                double phase = 2 * Math.PI * (h * frac[j][0] + k * frac[j][1] + l * frac[j][2]);
                re += f * Math.cos(phase);
                im += f * Math.sin(phase);
            }
            return re * re + im * im;
        }
    }

    private static double[] g(double[][] rec, int h, int k, int l) {
        double[] g = new double[3];
        for (int c = 0; c < 3; c++) {
            g[c] = h * rec[0][c] + k * rec[1][c] + l * rec[2][c];
        }
        return g;
    }

    /** @return the lines in order of 2θ, without systematically absent ones */
    public List<Reflection> lines() {
        return lines;
    }

    /**
     * @param twoTheta the 2θ values in degrees
     * @param fwhm     full width at half maximum of the Gaussian lines, in degrees of 2θ
     * @return Σ<sub>lines</sub> I · G(2θ − 2θ<sub>line</sub>) at each 2θ, G of unit area
     */
    public double[] profile(double[] twoTheta, double fwhm) {
        if (!(fwhm > 0) || !Double.isFinite(fwhm)) {
            throw new IllegalArgumentException("fwhm must be positive, got " + fwhm);
        }
        double sigma = fwhm * FWHM_TO_SIGMA;
        double norm = 1 / (sigma * Math.sqrt(2 * Math.PI));
        double[] y = new double[twoTheta.length];
        for (Reflection r : lines) {
            double lo = r.twoTheta() - CUTOFF_SIGMAS * sigma;
            double hi = r.twoTheta() + CUTOFF_SIGMAS * sigma;
            for (int k = 0; k < twoTheta.length; k++) {
                double x = twoTheta[k];
                if (x >= lo && x <= hi) {
                    double u = (x - r.twoTheta()) / sigma;
                    y[k] += r.intensity() * norm * Math.exp(-0.5 * u * u);
                }
            }
        }
        return y;
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
}
