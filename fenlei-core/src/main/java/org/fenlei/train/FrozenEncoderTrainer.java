package org.fenlei.train;

import org.fenlei.nn.Dense;
import org.fenlei.nn.Gradients;
import org.fenlei.nn.Loss;
import org.fenlei.nn.MeanSquaredError;
import org.fenlei.nn.Optimizer;
import org.fenlei.nn.Parameter;
import org.fenlei.nn.TransformerNetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains the output layer of a frozen pretrained encoder: each text is encoded once (its pooled representation read
 * from the {@link VectorCache} where an earlier run left it), then mini-batches of those vectors train the layer
 * with the configured optimiser, rate schedule and epochs. The encoder's weights stay as imported, so its cost is one
 * forward pass per distinct text, not one forward and backward pass per text and epoch.
 */
public final class FrozenEncoderTrainer {
    /** Texts per chunk of encoding: enough for every thread, small enough for frequent progress. */
    private static final int CHUNK = 1024;
    private FrozenEncoderTrainer() {
    }

    /**
     * @param cache the folder of the embedding cache, or null for {@link VectorCache#directory} "embeddings"
     */
    public static TrainingResult train(TransformerNetwork network, Loss loss, EncodedDataset train,
                                       EncodedDataset validation, TrainingConfig config, TrainingListener listener,
                                       Path cache) {
        Parameter weight = network.output().weight();
        Parameter bias = network.output().bias();
        VectorCache embeddings = cache(network, cache);
        float[] x = encode(network, train, embeddings, config, listener);
        float[] vx = validation != null && validation.size() > 0
                ? encode(network, validation, embeddings, config, listener) : null;
        int dim = network.dim();
        int k = network.outputs();
        int width = train.width();
        boolean classification = !(loss instanceof MeanSquaredError);
        Dense head = network.output();
        List<Parameter> headParameters = List.of(weight, bias);
        Optimizer optimizer = Optimizer.named(config.optimizer(), config.learningRate(), headParameters);
        Gradients grads = new Gradients(headParameters);
        int n = train.size();
        int batch = config.batchSize();
        int batches = (n + batch - 1) / batch;
        long total = (long) batches * config.epochs();
        long step = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(config.seed());
        float[] logits = new float[batch * k];
        float[] dLogits = new float[batch * k];
        float[] targets = new float[batch * width];
        float[] rows = new float[batch * dim];
        List<EpochStats> history = new ArrayList<>();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            StratifiedSplit.shuffle(order, random);
            listener.onEpochStart(epoch, config.epochs(), batches);
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int m = Math.min(n, from + batch) - from;
                for (int i = 0; i < m; i++) {
                    System.arraycopy(x, order[from + i] * dim, rows, i * dim, dim);
                    train.copyTarget(order[from + i], targets, i * width);
                }
                head.forward(rows, m, logits);
                if (classification) {
                    correct += Evaluator.countCorrect(loss, logits, targets, m, k, width);
                }
                lossSum += loss.forwardBackward(logits, targets, m, k, 1f / m, dLogits);
                if (train.weighted()) {
                    for (int i = 0; i < m; i++) {
                        float w = train.weight(order[from + i]);
                        for (int j = i * k; j < (i + 1) * k; j++) {
                            dLogits[j] *= w;
                        }
                    }
                }
                grads.clear();
                head.backward(rows, dLogits, m, null, grads, 0, 1);
                optimizer.advance((float) config.schedule().factor(step++, total));
                optimizer.update(grads, 0, 1);
                listener.onBatch(epoch, b + 1, lossSum / (from + m));
            }
            double valLoss = Double.NaN;
            double valAccuracy = Double.NaN;
            if (vx != null) {
                double[] r = score(vx, validation, head, k, loss, classification);
                valLoss = r[0];
                valAccuracy = r[1];
            }
            EpochStats stats = new EpochStats(epoch, lossSum / n, classification ? (double) correct / n : Double.NaN,
                    valLoss, valAccuracy, (System.nanoTime() - start) / 1e9, 0);
            history.add(stats);
            listener.onEpochEnd(stats);
        }
        return new TrainingResult(history, history.size(), false);
    }

    /**
     * The cache of {@code network}'s pooled representations, named by a fingerprint of the encoder's weights and
     * pooling, in {@code folder} (null: {@link VectorCache#directory} "embeddings").
     */
    static VectorCache cache(TransformerNetwork network, Path folder) {
        List<Parameter> params = network.parameters();
        String fingerprint = VectorCache.fingerprint(params.subList(0, params.size() - 2),
                network.firstTokenPooling() ? "cls" : "mean");
        return VectorCache.open((folder != null ? folder : VectorCache.directory("embeddings"))
                .resolve(fingerprint + ".bin"), network.dim());
    }

    /** Each document's pooled vector (N, dim): from the cache, the rest encoded now and added to it. */
    static float[] encode(TransformerNetwork network, EncodedDataset data, VectorCache cache,
                                  TrainingConfig config, TrainingListener listener) {
        List<int[]> documents = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            documents.add(data.document(i));
        }
        long start = System.nanoTime();
        // in chunks, each on all threads
        VectorCache.Filled filled = cache.fill(documents, VectorCache::key, CHUNK,
                chunk -> network.pooled(chunk, config.effectiveThreads()), "frozen encoder", listener, missing -> {
                });
        listener.onChoice(String.format(Locale.ROOT, "frozen encoder: %d texts encoded in %.1fs, %d read from %s",
                filled.computed(), (System.nanoTime() - start) / 1e9, data.size() - filled.computed(), cache.file()));
        return filled.vectors();
    }

    /** Mean loss and accuracy of the layer on encoded data. */
    private static double[] score(float[] x, EncodedDataset data, Dense head, int k, Loss loss,
                                  boolean classification) {
        int n = data.size();
        int width = data.width();
        float[] logits = new float[n * k];
        float[] targets = new float[n * width];
        for (int i = 0; i < n; i++) {
            data.copyTarget(i, targets, i * width);
        }
        head.forward(x, n, logits);
        long correct = classification ? Evaluator.countCorrect(loss, logits, targets, n, k, width) : 0;
        double sum = loss.forwardBackward(logits, targets, n, k, 1f, new float[n * k]);
        return new double[] {sum / n, classification ? (double) correct / n : Double.NaN};
    }
}
