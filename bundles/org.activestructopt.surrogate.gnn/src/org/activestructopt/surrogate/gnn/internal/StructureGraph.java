package org.activestructopt.surrogate.gnn.internal;

import org.activestructopt.structure.NeighborList;
import org.activestructopt.structure.Structure;

/**
 * The neighbour table of one structure in the padded layout the network uses: every site has the same number of
 * slots, each naming a neighbouring site and the lattice translation (image) that brings it within the cutoff. Unused
 * slots point at the site itself with image 0 and are masked. Distances are those of the structure as built; the
 * network recomputes them from coordinates when it needs their gradient.
 */
final class StructureGraph {

    final int sites;
    final int slots;
    final int[] species;
    final int[] neighbor; // sites * slots, site index within the structure
    final int[] image; // sites * slots * 3
    final double[] distance; // sites * slots, 0 in unused slots
    final boolean[] used; // sites * slots
    /** Pairs within {@code cutoff} proper (not counting the skin), for the message normalisation. */
    final int pairsWithinCutoff;
    /**
     * The network's site histograms (sites x vocabulary x basis) for these fixed coordinates, filled in by the
     * surrogate that owns the graph and valid for its current network only.
     */
    double[] histogram;
    /** The backbone's features (sites x backbone features) for these coordinates, like {@link #histogram}. */
    double[] backboneFeatures;

    private StructureGraph(int sites, int slots, int[] species, int[] neighbor, int[] image, double[] distance,
            boolean[] used, int pairsWithinCutoff) {
        this.sites = sites;
        this.slots = slots;
        this.species = species;
        this.neighbor = neighbor;
        this.image = image;
        this.distance = distance;
        this.used = used;
        this.pairsWithinCutoff = pairsWithinCutoff;
    }

    /**
     * @param s       the structure
     * @param species the vocabulary index of every site
     * @param cutoff  the network's cutoff
     * @param skin    extra range listed beyond the cutoff, so that the table stays valid while sites move a little
     */
    static StructureGraph of(Structure s, int[] species, double cutoff, double skin) {
        NeighborList list = NeighborList.of(s, cutoff + skin);
        int n = s.size();
        int slots = 1;
        for (int i = 0; i < n; i++) {
            slots = Math.max(slots, list.centerStart(i + 1) - list.centerStart(i));
        }
        int[] neighbor = new int[n * slots];
        int[] image = new int[n * slots * 3];
        double[] distance = new double[n * slots];
        boolean[] used = new boolean[n * slots];
        int within = 0;
        for (int i = 0; i < n; i++) {
            int p = i * slots;
            for (int k = list.centerStart(i); k < list.centerStart(i + 1); k++, p++) {
                neighbor[p] = list.neighbor(k);
                for (int a = 0; a < 3; a++) {
                    image[3 * p + a] = list.image(k, a);
                }
                distance[p] = list.distance(k);
                used[p] = true;
                within += list.distance(k) <= cutoff ? 1 : 0;
            }
            for (; p < (i + 1) * slots; p++) {
                neighbor[p] = i;
            }
        }
        return new StructureGraph(n, slots, species.clone(), neighbor, image, distance, used, within);
    }
}
