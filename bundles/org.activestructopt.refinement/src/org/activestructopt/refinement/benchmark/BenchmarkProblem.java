package org.activestructopt.refinement.benchmark;

import java.util.Objects;

import org.activestructopt.refinement.model.Variation;
import org.activestructopt.structure.Structure;

/**
 * One problem of a benchmark suite, generated from the suite definition and its seed: the refinement starts from
 * {@code start} and should find {@code target}, whose simulated spectra are the targets.
 *
 * @param id        unique within the suite, usable as a directory name, e.g. {@code rutile-2}
 * @param title     one line for reports
 * @param repeat    1-based number of the draw of this definition
 * @param start     the starting structure; every candidate keeps its composition and site order
 * @param target    the true structure
 * @param variation what the refinement may change
 * @param seed      the seed of every job made for this problem (the same for all methods)
 */
public record BenchmarkProblem(String id, String title, int repeat, Structure start, Structure target,
        Variation variation, long seed) {

    public BenchmarkProblem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(variation, "variation");
    }
}
