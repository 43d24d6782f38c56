package org.activestructopt.surrogate.gnn;

import java.util.List;

import org.activestructopt.api.Setting;
import org.activestructopt.api.SettingsSchema;
import org.activestructopt.api.SurrogateFactory;

/**
 * The settings of the {@code gnn} surrogate: a k-fold ensemble of SchNet-type message-passing networks.
 * <p>
 * Architecture: every atom starts from an embedding of its element; {@link #INTERACTIONS} continuous-filter
 * convolutions pass messages from all neighbours within {@link #CUTOFF}, with filters computed from
 * {@link #RADIAL_BASIS} Gaussians of the interatomic distance times a cosine cutoff that takes value and slope to zero
 * at the cutoff; an atom-wise layer, the mean over atoms and a two-layer head give the spectrum on the job's grid. In
 * parallel, a linear layer reads the mean over atoms of the first convolution's input, the smooth partial radial
 * distribution functions per element pair: a spectrum such as G(r) is, to first order, a linear functional of them, and
 * without this path the network needs far more data to find that out. Messages, pooled features and these
 * distributions are standardised with statistics of the training data fixed at creation.
 * Every member of the ensemble has its own weights, trains on all folds but its own and stops early on its own fold.
 */
public final class GnnSettings {

    /** The name under which the surrogate is registered. */
    public static final String NAME = "gnn";

    /** k: the number of members, and of folds of the training data. */
    public static final Setting<Integer> ENSEMBLE_SIZE = Setting.integer(SurrogateFactory.ENSEMBLE_SIZE_SETTING, 5, "",
            "number of ensemble members k; each trains on k-1 folds and stops early on the remaining one")
            .withRange(2, 32);
    /** Neighbour cutoff. */
    public static final Setting<Double> CUTOFF = Setting.real("cutoff", 6.0, "angstrom",
            "neighbours within this distance exchange messages; the filters go smoothly to zero there").withRange(1, 8);
    /** Width of the atom features. */
    public static final Setting<Integer> FEATURES = Setting.integer("features", 32, "",
            "number of features per atom (width of every hidden layer)").withRange(2, 512);
    /** Number of Gaussians expanding each distance. */
    public static final Setting<Integer> RADIAL_BASIS = Setting.integer("radial_basis", 64, "",
            "number of Gaussian radial basis functions, evenly spaced from 0 to the cutoff (their width is the "
                    + "spacing: 0.095 angstrom for 64 over 6 angstrom, about the thermal width of PDF peaks)")
            .withRange(2, 512);
    /** Number of message-passing steps. */
    public static final Setting<Integer> INTERACTIONS = Setting.integer("interactions", 1, "",
            "number of message-passing (continuous-filter convolution) steps; 1 sees all pair distances (enough "
                    + "for PDF and single-scattering EXAFS) and trains from cached per-site histograms, each further "
                    + "step adds three-body and longer-range information at the cost of per-edge work in every epoch")
            .withRange(1, 8);
    /** Longest training from scratch. */
    public static final Setting<Integer> EPOCHS = Setting.integer("epochs", 300, "",
            "maximum number of epochs when training from scratch").withRange(1, 1_000_000);
    /** Longest fine-tuning from the previous round's weights. */
    public static final Setting<Integer> FINETUNE_EPOCHS = Setting.integer("finetune_epochs", 30, "",
            "maximum number of epochs when continuing from the previous fit (warm start)").withRange(1, 1_000_000);
    /** Early stopping. */
    public static final Setting<Integer> PATIENCE = Setting.integer("patience", 30, "",
            "a member stops once its validation error has not improved for this many epochs; "
                    + "its best weights are kept").withRange(1, 1_000_000);
    /** Mini-batch size. */
    public static final Setting<Integer> BATCH_SIZE = Setting.integer("batch_size", 16, "",
            "structures per optimisation step").withRange(1, 100_000);
    /** AdamW step size. */
    public static final Setting<Double> LEARNING_RATE = Setting.real("learning_rate", 2e-3, "",
            "AdamW learning rate").withRange(1e-7, 1);
    /** AdamW decoupled weight decay. */
    public static final Setting<Double> WEIGHT_DECAY = Setting.real("weight_decay", 1e-4, "",
            "AdamW decoupled weight decay").withRange(0, 1);
    /** Training loss. */
    public static final Setting<String> LOSS = Setting.choice("loss", "l1", List.of("l1", "mse"),
            "loss on the standardised spectra: mean absolute (l1) or mean squared (mse) error");
    /** Warm start. */
    public static final Setting<Boolean> WARM_START = Setting.bool("warm_start", true,
            "continue from the previous fit's weights when new data arrive (fine-tuning) instead of starting afresh");
    /** Random seed. */
    public static final Setting<Integer> SEED = Setting.integer("seed", 0, "",
            "seed of the weight initialisation, folds and batch order; with a fixed thread count training is "
                    + "bit-for-bit reproducible");
    /** Floating-point precision. */
    public static final Setting<String> PRECISION = Setting.choice("precision", "float32",
            List.of("float32", "float64"), "floating-point precision of weights and arithmetic");
    /** Verlet skin of cached neighbour lists. */
    public static final Setting<Double> NEIGHBOR_SKIN = Setting.real("neighbor_skin", 0.3, "angstrom",
            "neighbour lists of candidates are built this much beyond the cutoff and reused while no distance can "
                    + "have crossed the cutoff (saves rebuilding them at every optimisation step)")
            .withRange(0, 4);
    /** Optional pre-trained TorchScript backbone. */
    public static final Setting<String> BACKBONE = Setting.text("backbone", "",
            "path of a TorchScript file that replaces the message-passing layers (see the bundle documentation for "
                    + "its inputs and outputs); empty for the built-in network");

    /** All settings, in display order. */
    public static final SettingsSchema SCHEMA = SettingsSchema.of(NAME, ENSEMBLE_SIZE, CUTOFF, FEATURES, RADIAL_BASIS,
            INTERACTIONS, EPOCHS, FINETUNE_EPOCHS, PATIENCE, BATCH_SIZE, LEARNING_RATE, WEIGHT_DECAY, LOSS,
            WARM_START, SEED, PRECISION, NEIGHBOR_SKIN, BACKBONE);

    private GnnSettings() {
    }
}
