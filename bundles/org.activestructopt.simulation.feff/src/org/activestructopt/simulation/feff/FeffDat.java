package org.activestructopt.simulation.feff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.activestructopt.api.SimulationException;
import org.activestructopt.api.SimulationException.Reason;
import org.activestructopt.simulation.feff.internal.ColumnText;
import org.activestructopt.structure.Element;

/**
 * One scattering path as FEFF writes it to {@code feffNNNN.dat} (with {@code PRINT ... 3} in FEFF 8.5L): the path
 * geometry and, on FEFF's k grid, the central-atom phase 2&delta;<sub>c</sub>, the effective scattering amplitude
 * |F<sub>eff</sub>| and phase, the reduction factor, the mean free path &lambda; and Re p.
 * <p>
 * With these, the standard EXAFS equation gives the path's chi(k) for any half path length R near {@link #reff()}
 * (see {@link SingleScatteringModel}):
 * chi(k) = Im[ N S02 |F| red / (k R<sup>2</sup>) exp(i(2kR<sub>eff</sub> + 2&delta;<sub>c</sub> + &phi;
 * + 2p(R - R<sub>eff</sub>))) exp(-2R<sub>eff</sub>/&lambda; - 2p<sup>2</sup>&sigma;<sup>2</sup>) ],
 * the form Larch's {@code feffpath} also uses.
 * <p>
 * Immutable; arrays are copied out.
 *
 * @see #read(Path)
 */
public final class FeffDat {

    /** One atom of the path: FEFF's unique-potential index, the element and the position relative to the absorber. */
    public record PathAtom(int ipot, Element element, double x, double y, double z) {
    }

    private final String name;
    private final int nleg;
    private final double degeneracy;
    private final double reff;
    private final double rnrmav;
    private final List<PathAtom> atoms;
    private final double[] k;
    private final double[] centralPhase;
    private final double[] magnitude;
    private final double[] phase;
    private final double[] reduction;
    private final double[] lambda;
    private final double[] realP;

    private FeffDat(String name, int nleg, double degeneracy, double reff, double rnrmav, List<PathAtom> atoms,
            ColumnText.Table t) {
        this.name = name;
        this.nleg = nleg;
        this.degeneracy = degeneracy;
        this.reff = reff;
        this.rnrmav = rnrmav;
        this.atoms = List.copyOf(atoms);
        this.k = t.column(0);
        this.centralPhase = t.column(1);
        this.magnitude = t.column(2);
        this.phase = t.column(3);
        this.reduction = t.column(4);
        this.lambda = t.column(5);
        this.realP = t.column(6);
    }

    /**
     * Reads a feffNNNN.dat file.
     *
     * @throws SimulationException {@link Reason#EXTERNAL_FAILURE} naming the file and line if the file is missing or
     *                             does not have the layout described above; {@link Reason#NUMERICAL} for NaN values
     */
    public static FeffDat read(Path file) throws SimulationException {
        return parse(ChiDat.readText(file), file.toString());
    }

    /**
     * Parses the text of a feffNNNN.dat file.
     *
     * @param source the file name, for messages and {@link #name()}
     * @throws SimulationException as for {@link #read(Path)}
     */
    public static FeffDat parse(String text, String source) throws SimulationException {
        String[] lines = text.split("\\R", -1);
        int geometry = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("nleg, deg, reff")) {
                geometry = i;
                break;
            }
        }
        if (geometry < 0) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, source
                    + ": no line 'nleg, deg, reff, rnrmav(bohr), edge'; not a FEFF path file (feffNNNN.dat)");
        }
        String geometryLine = lines[geometry].substring(0, lines[geometry].indexOf("nleg, deg, reff"));
        double[] g = ColumnText.numbers(geometryLine, source, geometry + 1, "nleg", "deg", "reff", "rnrmav", "edge");
        // FEFF's paths have at most a handful of legs (NLEG, default 8); a bound keeps the counts below from overflowing
        if (g.length < 4 || g[0] < 2 || g[0] > 100 || g[0] != Math.rint(g[0]) || !(g[2] > 0)) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " line " + (geometry + 1)
                    + ": expected 2 <= nleg <= 100, degeneracy, reff > 0 and rnrmav, found '" + lines[geometry].strip()
                    + "'");
        }
        int nleg = (int) g[0];
        // the column labels "x y z pot at#" follow, then one line per atom of the path, absorber first
        int first = geometry + 2;
        if (first + nleg > lines.length) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, source + ": file ends inside the list of " + nleg
                    + " path atoms (truncated output?)");
        }
        List<PathAtom> atoms = new ArrayList<>();
        for (int i = first; i < first + nleg; i++) {
            atoms.add(atom(lines[i], source, i + 1));
        }
        int labels = first + nleg;
        if (labels >= lines.length || !lines[labels].strip().startsWith("k")) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " line " + (labels + 1)
                    + ": expected the column labels 'k real[2*phc] mag[feff] ...' after the " + nleg + " path atoms");
        }
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            // keep line numbers in messages right by blanking everything that is not table data
            data.append(i > labels ? lines[i] : "").append('\n');
        }
        ColumnText.Table t = ColumnText.read(data.toString(), source, 7, "k", "real[2*phc]", "mag[feff]",
                "phase[feff]", "red factor", "lambda", "real[p]");
        ColumnText.requireIncreasing(t.column(0), t.lineNumbers(), source, "k");
        String name = Path.of(source).getFileName().toString();
        return new FeffDat(name, nleg, g[1], g[2], g[3], atoms, t);
    }

    private static PathAtom atom(String line, String source, int lineNumber) throws SimulationException {
        String[] tokens = line.strip().split("\\s+");
        if (tokens.length < 5) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " line " + lineNumber
                    + ": expected a path atom 'x y z ipot Z [tag]', found '" + line.strip() + "'");
        }
        double[] v = ColumnText.numbers(String.join(" ", tokens[0], tokens[1], tokens[2], tokens[3], tokens[4]),
                source, lineNumber, "x", "y", "z", "ipot", "Z");
        int z = (int) v[4];
        if (v[4] != z || z < 1 || z > Element.values().length) {
            throw new SimulationException(Reason.EXTERNAL_FAILURE, source + " line " + lineNumber
                    + ": atomic number " + tokens[4] + " is not an element");
        }
        return new PathAtom((int) v[3], Element.ofZ(z), v[0], v[1], v[2]);
    }

    /** @return the file name, e.g. {@code feff0001.dat} */
    public String name() {
        return name;
    }

    /** @return the number of legs (2 for single scattering) */
    public int nleg() {
        return nleg;
    }

    /** @return the path degeneracy N */
    public double degeneracy() {
        return degeneracy;
    }

    /** @return half the path length, angstrom */
    public double reff() {
        return reff;
    }

    /** @return FEFF's average Norman radius (bohr), the length scale of its correlated Debye model */
    public double rnrmav() {
        return rnrmav;
    }

    /** @return the atoms of the path, absorber first */
    public List<PathAtom> atoms() {
        return atoms;
    }

    /** @return the absorbing element */
    public Element absorber() {
        return atoms.get(0).element();
    }

    /**
     * @return the scattering element of a single-scattering path
     * @throws IllegalStateException for multiple-scattering paths
     */
    public Element scatterer() {
        if (nleg != 2) {
            throw new IllegalStateException(name + " is a " + nleg + "-leg path, not single scattering");
        }
        return atoms.get(1).element();
    }

    /** @return FEFF's k grid, 1/angstrom (a copy) */
    public double[] k() {
        return k.clone();
    }

    /** @return |F<sub>eff</sub>| times the reduction factor (Larch's {@code amp}) (a copy) */
    public double[] amplitude() {
        double[] a = new double[k.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = magnitude[i] * reduction[i];
        }
        return a;
    }

    /** @return 2&delta;<sub>c</sub> + &phi;<sub>eff</sub> (Larch's {@code pha}), radians (a copy) */
    public double[] phase() {
        double[] p = new double[k.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = centralPhase[i] + phase[i];
        }
        return p;
    }

    /** @return the mean free path &lambda;, angstrom (a copy) */
    public double[] lambda() {
        return lambda.clone();
    }

    /** @return Re p, the real part of the complex photo-electron momentum, 1/angstrom (a copy) */
    public double[] realP() {
        return realP.clone();
    }

    @Override
    public String toString() {
        return "FeffDat[" + name + ", nleg " + nleg + ", deg " + degeneracy + ", reff " + reff + ", "
                + atoms.stream().map(a -> a.element().symbol()).toList() + "]";
    }
}
