package org.activestructopt.surrogate.gnn.internal;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Several structures joined into one disconnected graph, so that the network processes them in one pass: sites are
 * numbered consecutively, every site gets as many neighbour slots as the busiest site of the batch, and a pooling
 * matrix averages the sites of each structure.
 */
final class GraphBatch {

    final int structures;
    final int sites;
    final int slots;
    final int vocabulary;
    final int[] firstSite; // structures + 1
    private final long[] neighbor; // sites * slots, global site index
    private final float[] image; // sites * slots * 3
    private final double[] distance; // sites * slots
    private final float[] used; // sites * slots, 1 or 0
    private final long[] structureOfSite;
    private final long[] species;
    private final long[] neighborSpecies; // sites * slots
    private final double[] histogram; // sites * vocabulary * basis, null unless every graph has its histogram
    private final int histogramWidth;
    private final double[] backboneFeatures; // sites * width, null unless every graph has them
    private final int backboneWidth;

    private GraphBatch(List<StructureGraph> graphs, int vocabulary, boolean edges) {
        this.structures = graphs.size();
        this.vocabulary = vocabulary;
        this.firstSite = new int[structures + 1];
        int k = 1;
        for (int b = 0; b < structures; b++) {
            firstSite[b + 1] = firstSite[b] + graphs.get(b).sites;
            k = Math.max(k, graphs.get(b).slots);
        }
        this.sites = firstSite[structures];
        this.slots = k;
        int edgeSlots = edges ? sites * slots : 0;
        neighbor = new long[edgeSlots];
        image = new float[edgeSlots * 3];
        distance = new double[edgeSlots];
        used = new float[edgeSlots];
        neighborSpecies = new long[edgeSlots];
        structureOfSite = new long[sites];
        species = new long[sites];
        boolean all = graphs.stream().allMatch(g -> g.histogram != null);
        histogramWidth = all ? graphs.get(0).histogram.length / graphs.get(0).sites : 0;
        histogram = all ? new double[sites * histogramWidth] : null;
        boolean features = graphs.stream().allMatch(g -> g.backboneFeatures != null);
        backboneWidth = features ? graphs.get(0).backboneFeatures.length / graphs.get(0).sites : 0;
        backboneFeatures = features ? new double[sites * backboneWidth] : null;
        for (int b = 0; b < structures; b++) {
            StructureGraph g = graphs.get(b);
            int offset = firstSite[b];
            if (all) {
                System.arraycopy(g.histogram, 0, histogram, offset * histogramWidth, g.histogram.length);
            }
            if (features) {
                System.arraycopy(g.backboneFeatures, 0, backboneFeatures, offset * backboneWidth,
                        g.backboneFeatures.length);
            }
            for (int i = 0; i < g.sites; i++) {
                int site = offset + i;
                structureOfSite[site] = b;
                species[site] = g.species[i];
                for (int s = 0; s < (edges ? slots : 0); s++) {
                    int p = site * slots + s;
                    if (s < g.slots && g.used[i * g.slots + s]) {
                        int q = i * g.slots + s;
                        neighbor[p] = offset + g.neighbor[q];
                        image[3 * p] = g.image[3 * q];
                        image[3 * p + 1] = g.image[3 * q + 1];
                        image[3 * p + 2] = g.image[3 * q + 2];
                        distance[p] = g.distance[q];
                        used[p] = 1;
                        neighborSpecies[p] = g.species[g.neighbor[q]];
                    } else {
                        neighbor[p] = site;
                        neighborSpecies[p] = g.species[i];
                    }
                }
            }
        }
    }

    static GraphBatch of(List<StructureGraph> graphs, int vocabulary) {
        return of(graphs, vocabulary, true);
    }

    /**
     * @param edges whether to assemble the per-edge arrays; without them only cached histograms can be uploaded
     */
    static GraphBatch of(List<StructureGraph> graphs, int vocabulary, boolean edges) {
        if (graphs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one structure");
        }
        if (!edges && !graphs.stream().allMatch(g -> g.histogram != null)) {
            throw new IllegalStateException("a batch without edges needs the histograms of all its structures");
        }
        return new GraphBatch(graphs, vocabulary, edges);
    }

    /**
     * The batch as tensors in {@code manager}, floating point in {@code type}. When the batch carries cached site
     * histograms and {@code edges} is false, the per-edge tensors are left out (null): uploading them would cost more
     * than the histogram-only forward pass that uses none of them.
     */
    Tensors upload(NDManager manager, DataType type, boolean edges) {
        float[] pool = new float[structures * sites];
        for (int b = 0; b < structures; b++) {
            float w = 1f / (firstSite[b + 1] - firstSite[b]);
            for (int i = firstSite[b]; i < firstSite[b + 1]; i++) {
                pool[b * sites + i] = w;
            }
        }
        NDArray speciesArray = manager.create(species).oneHot(vocabulary).toType(type, false).reshape(sites,
                vocabulary);
        NDArray poolArray = manager.create(pool, new Shape(1, structures, sites)).toType(type, false);
        NDArray histogramArray = histogram == null ? null
                : manager.create(histogram, new Shape(sites, vocabulary, histogramWidth / vocabulary)).toType(type,
                        false);
        NDArray featureArray = backboneFeatures == null ? null
                : manager.create(backboneFeatures, new Shape(sites, backboneWidth)).toType(type, false);
        if (!edges && histogramArray != null) {
            return new Tensors(this, null, null, null, null, null, speciesArray, null, poolArray, histogramArray,
                    featureArray);
        }
        if (neighbor.length == 0) {
            throw new IllegalStateException("this batch was assembled without its edges");
        }
        NDArray usedArray = manager.create(used, new Shape(sites, slots)).toType(type, false);
        NDArray neighborSpeciesOneHot = manager.create(neighborSpecies).oneHot(vocabulary).toType(type, false)
                .reshape(sites, slots, vocabulary).mul(usedArray.expandDims(2));
        return new Tensors(this, manager.create(neighbor),
                manager.create(image, new Shape(sites, slots, 3)).toType(type, false),
                manager.create(distance, new Shape(sites, slots)).toType(type, false), usedArray,
                manager.create(structureOfSite), speciesArray, neighborSpeciesOneHot, poolArray, histogramArray,
                featureArray);
    }

    /** @see #upload(NDManager, DataType, boolean) with all edge tensors */
    Tensors upload(NDManager manager, DataType type) {
        return upload(manager, type, true);
    }

    /**
     * @param neighbor        (sites * slots) int64 global index of the neighbour in each slot
     * @param image           (sites, slots, 3) lattice translation of each slot
     * @param distance        (sites, slots) distance as built (for training, where coordinates are fixed)
     * @param used            (sites, slots) 1 for a real neighbour, 0 for padding
     * @param structure       (sites) int64 index of each site's structure
     * @param species         (sites, vocabulary) one-hot element of each site
     * @param neighborSpecies (sites, slots, vocabulary) one-hot element of each slot's neighbour, 0 for padding
     * @param pool            (1, structures, sites) averaging matrix
     * @param histogram       (sites, vocabulary, basis) cached site histograms, or null
     * @param backboneFeatures (sites, width) cached backbone features, or null
     */
    record Tensors(GraphBatch batch, NDArray neighbor, NDArray image, NDArray distance, NDArray used,
            NDArray structure, NDArray species, NDArray neighborSpecies, NDArray pool, NDArray histogram,
            NDArray backboneFeatures) {
    }
}
