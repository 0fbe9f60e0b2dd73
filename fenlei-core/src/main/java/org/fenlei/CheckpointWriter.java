package org.fenlei;

import org.fenlei.model.ModelConfig;
import org.fenlei.model.Provenance;
import org.fenlei.nn.Network;
import org.fenlei.text.Vocabulary;
import org.fenlei.train.EpochStats;
import org.fenlei.train.TrainingListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Saves the model after every epoch as {@code epoch-N.fenlei}, atomically, and passes the events on: a run that
 * stops (or is stopped) can continue from its last epoch with {@link ClassifierBuilder#resume}. Trainers call the
 * listener between epochs, when no thread is changing the weights.
 */
final class CheckpointWriter implements TrainingListener {
    private final Path dir;
    private final TrainingListener next;
    private final ModelConfig config;
    private final List<String> labels;
    private final Vocabulary vocabulary;
    private final Network network;
    private final List<EpochStats> history = new ArrayList<>();

    CheckpointWriter(Path dir, TrainingListener next, ModelConfig config, List<String> labels,
                     Vocabulary vocabulary, Network network) {
        this.dir = dir;
        this.next = next;
        this.config = config;
        this.labels = labels;
        this.vocabulary = vocabulary;
        this.network = network;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int batches) {
        next.onEpochStart(epoch, epochs, batches);
    }

    @Override
    public void onBatch(int epoch, int batch, double runningLoss) {
        next.onBatch(epoch, batch, runningLoss);
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        history.add(stats);
        Provenance provenance = new Provenance(TextClassifier.VERSION, Runtime.version().toString(),
                Instant.now().toString(), null, null, config.training().effectiveThreads(), null, history,
                stats.epoch(), null);
        Path file = dir.resolve(String.format(Locale.ROOT, "epoch-%d.fenlei", stats.epoch()));
        try {
            new TextClassifier(config, labels, vocabulary, network, provenance).save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
        next.onEpochEnd(stats);
    }
}
