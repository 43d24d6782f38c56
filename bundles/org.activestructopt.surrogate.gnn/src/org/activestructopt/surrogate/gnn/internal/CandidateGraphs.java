package org.activestructopt.surrogate.gnn.internal;

import java.util.ArrayList;
import java.util.List;

import org.activestructopt.structure.Structure;

/**
 * The joined neighbour table of the last batch of candidates, reused while it is provably still complete (a Verlet
 * list): it lists all pairs within cutoff + skin of the reference positions, so it still contains every pair within
 * the cutoff as long as no pair distance can have shrunk by the skin. A pair distance changes by at most the
 * displacements of its two sites plus the stretch of its lattice translation, bounded by
 * {@code (cutoff + skin) * |L_ref^-1 (L - L_ref)|}; pairs beyond the cutoff in the table are masked by the network.
 * During a gradient-based optimisation of the acquisition this saves rebuilding the table at almost every step.
 */
final class CandidateGraphs {

    private final List<Structure> reference;
    private final GraphBatch batch;
    private final double cutoff;
    private final double skin;

    private CandidateGraphs(List<Structure> reference, GraphBatch batch, double cutoff, double skin) {
        this.reference = reference;
        this.batch = batch;
        this.cutoff = cutoff;
        this.skin = skin;
    }

    /** @param first the index of the first structure in the caller's list (for error messages) */
    static CandidateGraphs build(List<Structure> structures, int first, Vocabulary vocabulary, double cutoff,
            double skin) {
        List<StructureGraph> graphs = new ArrayList<>(structures.size());
        for (int i = 0; i < structures.size(); i++) {
            Structure s = structures.get(i);
            graphs.add(StructureGraph.of(s, vocabulary.indices(s, "candidate " + (first + i)), cutoff, skin));
        }
        return new CandidateGraphs(List.copyOf(structures), GraphBatch.of(graphs, vocabulary.size()), cutoff, skin);
    }

    GraphBatch batch() {
        return batch;
    }

    boolean validFor(List<Structure> structures) {
        if (structures.size() != reference.size() || skin <= 0) {
            return false;
        }
        for (int b = 0; b < structures.size(); b++) {
            Structure now = structures.get(b);
            Structure then = reference.get(b);
            if (now == then) {
                continue;
            }
            if (now.size() != then.size() || !now.species().equals(then.species())) {
                return false;
            }
            double[][] l = now.lattice().matrix();
            double[][] l0 = then.lattice().matrix();
            double[][] inverse = then.lattice().inverse();
            double strain = 0;
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    double e = 0;
                    for (int q = 0; q < 3; q++) {
                        e += inverse[r][q] * (l[q][c] - l0[q][c]);
                    }
                    strain += e * e;
                }
            }
            double worst = 0;
            double[] f = now.fracCoordsFlat();
            double[] f0 = then.fracCoordsFlat();
            for (int i = 0; i < now.size(); i++) {
                double dx = f[3 * i] - f0[3 * i];
                double dy = f[3 * i + 1] - f0[3 * i + 1];
                double dz = f[3 * i + 2] - f0[3 * i + 2];
                double sq = 0;
                for (int c = 0; c < 3; c++) {
                    double v = dx * l[0][c] + dy * l[1][c] + dz * l[2][c];
                    sq += v * v;
                }
                worst = Math.max(worst, sq);
            }
            if ((cutoff + skin) * Math.sqrt(strain) + 2 * Math.sqrt(worst) >= skin) {
                return false;
            }
        }
        return true;
    }
}
