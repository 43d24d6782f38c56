package org.activestructopt.spectra.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

import org.activestructopt.spectra.Spectrum;
import org.activestructopt.spectra.SpectrumKind;
import org.activestructopt.spectra.internal.Texts;

/**
 * Checks a measured target against what a simulator compares, before any simulation runs, so that a target in the
 * wrong units or the wrong space is refused in one line instead of being fitted at a constant loss.
 *
 * @param kind         the kind of spectrum the simulator writes
 * @param xmin         the lowest x the fit needs, if any
 * @param xmax         the highest x the fit needs, if any
 * @param absoluteEnergy for XANES: whether the simulator's energies are absolute (eV) rather than relative to E0
 */
public record TargetCheck(SpectrumKind kind, OptionalDouble xmin, OptionalDouble xmax, boolean absoluteEnergy) {

    public TargetCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(xmin, "xmin");
        Objects.requireNonNull(xmax, "xmax");
    }

    /** What a simulator of {@code kind} needs, with no fit range and absolute energies. */
    public static TargetCheck of(SpectrumKind kind) {
        return new TargetCheck(kind, OptionalDouble.empty(), OptionalDouble.empty(), true);
    }

    /** @return a copy needing data over [xmin, xmax] (NaN leaves an end open) */
    public TargetCheck withRange(double lo, double hi) {
        return new TargetCheck(kind, Double.isNaN(lo) ? OptionalDouble.empty() : OptionalDouble.of(lo),
                Double.isNaN(hi) ? OptionalDouble.empty() : OptionalDouble.of(hi), absoluteEnergy);
    }

    /** @return a copy for a simulator whose energies are relative to E0 */
    public TargetCheck relativeEnergy() {
        return new TargetCheck(kind, xmin, xmax, false);
    }

    /**
     * @return one line per problem, each starting with the file name; empty when the target fits
     */
    public List<String> problems(SpectrumFile target) {
        List<String> out = new ArrayList<>();
        String f = target.file().toString() + ": ";
        Spectrum s = target.spectrum();
        double lo = s.xMin();
        double hi = s.xMax();
        String range = s.xName() + " from " + Texts.compact(lo) + " to " + Texts.compact(hi);
        SpectrumKind k = s.kind();
        if (k != SpectrumKind.OTHER && k != kind) {
            String hint = k == SpectrumKind.XANES && kind == SpectrumKind.EXAFS
                    ? ": convert mu(E) to chi(k) first (background removal)"
                    : "";
            out.add(f + "holds " + describe(k) + " but the simulator compares " + describe(kind) + hint);
            return out;
        }
        switch (kind) {
        case PDF -> {
            double peak = peakPosition(s);
            // the peak test needs data past the first shell of any crystal (about 2 to 3 angstrom)
            if (hi < 1.5 || hi >= 3 && peak < 0.3) {
                out.add(f + "r axis looks like nm, expected angstrom (" + range + ", highest peak at r = "
                        + Texts.compact(peak) + "): multiply r by 10");
            }
        }
        case EXAFS -> {
            if (hi > 100) {
                out.add(f + "x axis looks like energy in eV, expected k in 1/angstrom (" + range
                        + "): convert mu(E) to chi(k) first");
            }
        }
        case XANES -> {
            if (hi < 40 && lo >= 0) {
                out.add(f + "x axis looks like k in 1/angstrom or energy in keV, expected energy in eV (" + range
                        + ")");
            } else if (absoluteEnergy && lo < 0) {
                out.add(f + "energy axis looks relative to E0 (" + range + " eV), but the simulator writes absolute"
                        + " energies: add E0");
            } else if (!absoluteEnergy && lo > 1000) {
                out.add(f + "energy axis looks absolute (" + range + " eV), but the simulator writes energies"
                        + " relative to E0: subtract E0");
            }
        }
        default -> {
        }
        }
        if (out.isEmpty()) {
            double tol = 1e-6 * Math.max(1, Math.abs(hi - lo));
            if (xmin.isPresent() && xmin.getAsDouble() < lo - tol || xmax.isPresent() && xmax.getAsDouble() > hi + tol) {
                out.add(f + "the fit needs " + s.xName() + " from " + (xmin.isPresent() ? Texts.compact(
                        xmin.getAsDouble()) : Texts.compact(lo)) + " to " + (xmax.isPresent() ? Texts.compact(
                                xmax.getAsDouble()) : Texts.compact(hi)) + " but the data cover " + Texts.compact(lo)
                        + " to " + Texts.compact(hi));
            }
        }
        return out;
    }

    private static String describe(SpectrumKind k) {
        return switch (k) {
        case PDF -> "G(r) against r";
        case EXAFS -> "chi(k) against k";
        case XANES -> "mu(E) against energy";
        default -> "y against x";
        };
    }

    /** r of the largest |G|, ignoring the first point (G(0) artefacts). */
    private static double peakPosition(Spectrum s) {
        double[] x = s.xArray();
        double[] y = s.yArray();
        int best = Math.min(1, x.length - 1);
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        return x[best];
    }
}
