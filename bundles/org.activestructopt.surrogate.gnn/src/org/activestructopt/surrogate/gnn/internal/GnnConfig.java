package org.activestructopt.surrogate.gnn.internal;

import org.activestructopt.api.Settings;
import org.activestructopt.surrogate.gnn.GnnSettings;

import ai.djl.ndarray.types.DataType;

/** The settings of a GNN surrogate, resolved to plain values. */
record GnnConfig(int members, double cutoff, int features, int radial, int interactions, int epochs,
        int finetuneEpochs, int patience, int batchSize, double learningRate, double weightDecay, boolean l1Loss,
        boolean warmStart, int seed, DataType type, double skin, String backbone) {

    static GnnConfig of(Settings s) {
        if (!s.schema().equals(GnnSettings.SCHEMA)) {
            throw new IllegalArgumentException("settings of '" + s.schema().owner() + "' given to the "
                    + GnnSettings.NAME + " surrogate; use its descriptor's settings schema");
        }
        return new GnnConfig(s.get(GnnSettings.ENSEMBLE_SIZE), s.get(GnnSettings.CUTOFF), s.get(GnnSettings.FEATURES),
                s.get(GnnSettings.RADIAL_BASIS), s.get(GnnSettings.INTERACTIONS), s.get(GnnSettings.EPOCHS),
                s.get(GnnSettings.FINETUNE_EPOCHS), s.get(GnnSettings.PATIENCE), s.get(GnnSettings.BATCH_SIZE),
                s.get(GnnSettings.LEARNING_RATE), s.get(GnnSettings.WEIGHT_DECAY),
                s.get(GnnSettings.LOSS).equals("l1"), s.get(GnnSettings.WARM_START), s.get(GnnSettings.SEED),
                s.get(GnnSettings.PRECISION).equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32,
                s.get(GnnSettings.NEIGHBOR_SKIN), s.get(GnnSettings.BACKBONE).trim());
    }
}
