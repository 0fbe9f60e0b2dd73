package org.fenlei.nn;

import java.util.List;

/**
 * A network from token-id sequences to K outputs (logits). The network owns the parameters; each thread runs
 * its own {@link Pass}, which owns the activation buffers, so passes run in parallel without locks.
 */
public interface Network {
    int outputs();

    /** The trainable parameters, in a fixed order (the order of the model file and of {@link Gradients}). */
    List<Parameter> parameters();

    /**
     * The table with one row per feature (word, hashed n-gram): the embedding table, or a linear model's weights.
     * Pretrained vectors start it, compression prunes and quantises it, and the model file stores it first.
     */
    Parameter table();

    /** Other parameters with one row per feature, in the table's row order (a linear model's feature scales). */
    default List<Parameter> featureRows() {
        return List.of();
    }

    /**
     * Whether the network steps through each text's tokens in order, so that a step's work shrinks as the shorter
     * texts of a batch end (a recurrent layer); the trainer then batches texts of similar length. A convolution
     * or attention over a packed batch costs the same either way, and its training is better left to random
     * batches (on trec, Kim's CNN gave 90.0% with length buckets and 91.4% without, one run each).
     */
    default boolean sequential() {
        return false;
    }

    /**
     * Texts per prediction batch: 256 by default; fewer where a pass's buffers grow with every text's length
     * squared and its depth (an encoder's attention and feed-forward activations, kept per layer).
     */
    default int predictionBatch() {
        return 256;
    }

    /** The network's logits as a constant plus one term per token, where it is linear in its tokens; else null. */
    default TokenTerms tokenTerms() {
        return null;
    }

    /**
     * Each parameter's learning rate under layer-wise decay {@code decay}, as a multiple of the rate: 1 for the top
     * layer and the output, {@code decay} times the layer above for each one below; null where the network has no
     * stack of layers to decay over (the default).
     */
    default float[] layerRates(double decay) {
        return null;
    }

    /** Whether its predictions can be explained feature by feature ({@link #tokenTerms} or integrated gradients). */
    default boolean explainable() {
        return true;
    }

    /** Enforces the network's weight constraints (such as a max-norm) after an optimiser step; none by default. */
    default void constrain() {
    }

    /** Buffers for one thread, sized for batches of up to {@code maxBatch} documents; an inference pass. */
    Pass newPass(int maxBatch);

    /** A training pass: dropout (where the network has it) draws its masks from {@code seed}. */
    Pass newTrainingPass(int maxBatch, long seed);

    interface Pass {
        /** Returns the logits (B, K) of the batch; the array belongs to the pass and is overwritten next call. */
        float[] forward(TokenBatch batch);

        /** Accumulates the parameter gradients for dLogits (B, K) of the last {@link #forward} into grads. */
        void backward(TokenBatch batch, float[] dLogits, Gradients grads);
    }
}
