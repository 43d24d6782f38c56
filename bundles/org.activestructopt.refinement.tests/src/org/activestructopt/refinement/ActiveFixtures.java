package org.activestructopt.refinement;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

import org.activestructopt.api.SurrogateRegistry;
import org.activestructopt.spectra.Grid;
import org.activestructopt.structure.Structure;
import org.osgi.framework.FrameworkUtil;

/**
 * The small problem of the active-loop tests: a 6-site rutile cell whose atoms were displaced by 0.12 A (the truth),
 * refined from the ideal cell (the start) with the real PDF simulator and a small GNN.
 */
final class ActiveFixtures {

    /** A GNN small enough for tests (jobs give the ensemble size separately). */
    static final Map<String, String> SMALL_GNN = Map.of("features", "8", "radial_basis", "16", "epochs", "60",
            "finetune_epochs", "10", "patience", "15", "batch_size", "8");
    /** r from 1.5 to 6 A: the first shells, 91 points. */
    static final Grid GRID = Grid.uniform(1.5, 6.0, 0.05);

    private ActiveFixtures() {
    }

    static Structure start() {
        return TestStructures.rutile();
    }

    static Structure truth() {
        return start().perturbed(new SplittableRandom(5), 0.12, 0.12).wrapped();
    }

    /** @return a registry on this bundle's context with the gnn surrogate registered; the caller closes it */
    static SurrogateRegistry surrogates() throws InterruptedException {
        SurrogateRegistry r = SurrogateRegistry.open(FrameworkUtil.getBundle(ActiveFixtures.class).getBundleContext());
        r.await("gnn", Duration.ofSeconds(30)).orElseThrow(() -> new IllegalStateException(
                "surrogate 'gnn' is not registered; available: " + r.available().keySet()));
        return r;
    }
}
