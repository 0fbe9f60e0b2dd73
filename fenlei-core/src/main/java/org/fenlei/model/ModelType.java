package org.fenlei.model;

import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.train.EncodedDataset;
import org.fenlei.train.HogwildTrainer;
import org.fenlei.train.Trainer;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingListener;
import org.fenlei.train.TrainingResult;

import java.util.Locale;

/**
 * A kind of model (origin, fasttext, linear, cnn, ...): its name, the defaults it trains with, the rules of its
 * options, how its network is built, and how it is trained. {@link ModelTypes} finds every implementation on the
 * class path through {@link java.util.ServiceLoader}; adding a kind means writing one of these and naming it in
 * {@code META-INF/services/org.fenlei.model.ModelType}. The CLI, the Java API, {@code info} and the server ask
 * the model's type instead of switching on its name.
 */
public interface ModelType {
    /** The name that {@code --model} and the model file use. */
    String name();

    /** What it is, in a phrase. */
    String description();

    /** Whether it reads the tokens in order, so takes no hashed n-gram rows. */
    default boolean readsInOrder() {
        return false;
    }

    /** Whether it has a recurrence, the only place recurrent dropout applies. */
    default boolean recurrent() {
        return false;
    }

    /** Refuses a network configuration this kind cannot build; NetworkConfig checks the general ranges. */
    default void validate(NetworkConfig network) {
    }

    /** Sets each option the user did not give to this kind's default. */
    default void applyDefaults(TrainingOptions options) {
    }

    /** The network for {@code vocabulary} words and {@code buckets} hashed rows after them, sizes resolved. */
    Network build(NetworkConfig network, int vocabulary, int buckets, int outputs, long seed);

    /** The rows of the network's first parameter: one per vocabulary entry and hashed row by default. */
    default int tableRows(NetworkConfig network, int vocabulary, int buckets) {
        return vocabulary + buckets;
    }

    /** The columns of the network's first parameter, its table with one row per feature. */
    default int tableColumns(NetworkConfig network, int outputs) {
        return network.embeddingDim();
    }

    /**
     * Choices to make from the training data before training (the linear model's solver), with the network built
     * (a pretrained encoder's weights in it); none by default.
     */
    default Prepared prepare(TrainingConfig config, Network network, Task task, EncodedDataset train,
                             TrainingListener listener) {
        return new Prepared(config, Double.NaN);
    }

    /**
     * The training configuration of a distilled student, whose targets are a teacher's logits: no choice is made on
     * gold labels (the linear model names the solver that fits logits); {@code config} by default.
     */
    default TrainingConfig student(TrainingConfig config) {
        return config;
    }

    /**
     * What {@link #prepare} chose: the training configuration, and the temperature that calibrates the model's
     * scores if the choice measured one on texts its fits did not see (NaN if not).
     */
    record Prepared(TrainingConfig training, double temperature) {
    }

    /** Trains {@code network}: Hogwild SGD when the optimiser says so, otherwise the mini-batch trainer. */
    default TrainingResult train(Network network, Loss loss, Task task, EncodedDataset train,
                                 EncodedDataset validation, TrainingConfig config, TrainingListener listener) {
        return TrainingConfig.HOGWILD.equals(config.optimizer())
                ? HogwildTrainer.train(network, loss, train, config, listener)
                : Trainer.train(network, loss, train, validation, config, listener);
    }

    /** The network in a few words, for the model card. */
    default String describe(ModelConfig config) {
        return String.format(Locale.ROOT, "%s: embedding %d, hidden %d", name(), config.network().embeddingDim(),
                config.network().hiddenUnits());
    }
}
