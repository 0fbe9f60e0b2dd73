package org.fenlei.train;

import org.fenlei.nn.BinaryCrossEntropy;
import org.fenlei.nn.BinaryDecisions;
import org.fenlei.nn.Loss;
import org.fenlei.nn.MeanSquaredError;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * fastText's training algorithm for a bag of embeddings with a linear output (Joulin et al. 2017): one example at a
 * time, plain SGD whose rate falls linearly from its start to 0 over the whole run, and Hogwild (Recht et al. 2011):
 * threads update the shared weights without locks, which is safe enough because two documents rarely touch the same
 * rows at the same moment. Each thread owns its scratch vectors, and the inner loops allocate nothing.
 * <p>The network must be an embedding table (rows, dim), an output weight (K, dim) and bias (K): the parameters of
 * {@code BagOfEmbeddings} without a hidden layer.
 */
public final class HogwildTrainer {
    private final float[] table;
    private final boolean tableFrozen;
    private final float[] weight;
    private final float[] bias;
    private final int dim;
    private final int outputs;
    private final Loss loss;
    /** Set for negative sampling and hierarchical softmax: a step computes only the rows they decide. */
    private final BinaryDecisions decisions;
    private final boolean classification;
    private final TrainingConfig config;
    /** The part [decayFrom, decayTo) of a longer run's linear decay that this run covers; [0, 1) alone. */
    private final double decayFrom;
    private final double decayTo;

    private HogwildTrainer(Network network, Loss loss, TrainingConfig config, double decayFrom, double decayTo) {
        this.decayFrom = decayFrom;
        this.decayTo = decayTo;
        List<Parameter> p = network.parameters();
        if (p.size() != 3) {
            throw new IllegalArgumentException("hogwild training needs an embedding bag with a linear output (no "
                    + "hidden layer); this network has " + p.size() + " parameter tensors");
        }
        table = p.get(0).value();
        tableFrozen = p.get(0).frozen();
        dim = p.get(0).cols();
        weight = p.get(1).value();
        bias = p.get(2).value();
        outputs = p.get(2).cols();
        this.loss = loss;
        this.decisions = loss instanceof BinaryDecisions d ? d : null;
        // training accuracy needs every output; the sampled losses compute only a few
        this.classification = !(loss instanceof MeanSquaredError) && decisions == null;
        this.config = config;
    }

    public static TrainingResult train(Network network, Loss loss, EncodedDataset train, TrainingConfig config,
                                       TrainingListener listener) {
        return train(network, loss, train, config, listener, 0, 1);
    }

    /**
     * {@link #train} as the part [{@code from}, {@code to}) of a longer run's linear decay: the rate falls from
     * lr * (1 - from) to lr * (1 - to). A round of distributed training is one epoch of E: from r / E to
     * (r + 1) / E.
     */
    public static TrainingResult train(Network network, Loss loss, EncodedDataset train, TrainingConfig config,
                                       TrainingListener listener, double from, double to) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training documents");
        }
        if (!(from >= 0 && from < to && to <= 1)) {
            throw new IllegalArgumentException("the decay's part must lie in [0, 1] in order, was [" + from + ", "
                    + to + ")");
        }
        HogwildTrainer trainer = new HogwildTrainer(network, loss, config, from, to);
        try (WorkerGang gang = new WorkerGang(config.effectiveThreads())) {
            return trainer.run(train, gang, listener);
        }
    }

    private TrainingResult run(EncodedDataset data, WorkerGang gang, TrainingListener listener) {
        int n = data.size();
        int threads = gang.size();
        Worker[] workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker(new SplittableRandom(config.seed() + 1 + t));
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom shuffler = new SplittableRandom(config.seed());
        List<EpochStats> history = new ArrayList<>();
        int epochs = config.epochs();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            StratifiedSplit.shuffle(order, shuffler);
            listener.onEpochStart(epoch, epochs, 1);
            int e = epoch - 1;
            gang.run(t -> {
                Worker w = workers[t];
                w.lossSum = 0;
                w.correct = 0;
                w.tokens = 0;
                int from = gang.from(t, n);
                int to = gang.to(t, n);
                double span = Math.max(1, to - from);
                for (int i = from; i < to; i++) {
                    // linear decay over this thread's share of every epoch: the rate is a function of progress only,
                    // so it does not depend on how fast the other threads run
                    double progress = decayFrom + (decayTo - decayFrom) * (e + (i - from) / span) / epochs;
                    float lr = (float) (config.learningRate() * (1 - progress));
                    data.copyTarget(order[i], w.targets, 0);
                    w.step(data.document(order[i]), lr * data.weight(order[i]));
                }
            });
            double lossSum = 0;
            long correct = 0;
            long tokens = 0;
            for (Worker w : workers) {
                lossSum += w.lossSum;
                correct += w.correct;
                tokens += w.tokens;
            }
            listener.onBatch(epoch, 1, lossSum / n);
            EpochStats stats = new EpochStats(epoch, lossSum / n,
                    classification ? (double) correct / n : Double.NaN, Double.NaN, Double.NaN,
                    (System.nanoTime() - start) / 1e9, tokens);
            history.add(stats);
            listener.onEpochEnd(stats);
        }
        return new TrainingResult(history, history.size(), false);
    }

    /** One thread's scratch: the averaged input, its gradient, the logits and the step at each logit. */
    private final class Worker {
        final float[] hidden = new float[dim];
        final float[] gradient = new float[dim];
        final float[] out = new float[outputs];
        final float[] steps = new float[outputs];
        final float[] targets = new float[loss.targetWidth(outputs)];
        final int[] rows;
        final float[] labels;
        final SplittableRandom random;
        double lossSum;
        long correct;
        long tokens;

        Worker(SplittableRandom random) {
            this.random = random;
            rows = new int[decisions != null ? decisions.maxDecisions() : 0];
            labels = new float[rows.length];
        }

        /** One SGD step on document {@code ids}, whose targets are in {@link #targets}. */
        void step(int[] ids, float lr) {
            int length = ids.length;
            tokens += length;
            if (length == 0) {
                return;
            }
            Arrays.fill(hidden, 0f);
            for (int id : ids) {
                int row = id * dim;
                for (int c = 0; c < dim; c++) {
                    hidden[c] += table[row + c];
                }
            }
            float scale = 1f / length;
            for (int c = 0; c < dim; c++) {
                hidden[c] *= scale;
                gradient[c] = 0f;
            }
            if (decisions != null) {
                decide(lr);
            } else {
                stepAllOutputs(lr);
            }
            if (tableFrozen) {
                return;
            }
            for (int c = 0; c < dim; c++) {
                gradient[c] *= scale;
            }
            for (int id : ids) {
                int row = id * dim;
                for (int c = 0; c < dim; c++) {
                    table[row + c] += gradient[c];
                }
            }
        }

        /** Every output's logit, the loss's step at each, applied to the output layer and the hidden gradient. */
        private void stepAllOutputs(float lr) {
            for (int k = 0; k < outputs; k++) {
                float s = bias[k];
                int row = k * dim;
                for (int c = 0; c < dim; c++) {
                    s += weight[row + c] * hidden[c];
                }
                out[k] = s;
            }
            if (classification) {
                correct += Evaluator.countCorrect(loss, out, targets, 1, outputs, targets.length);
            }
            // scale -lr: steps[k] is the SGD step at logit k, -lr * d loss / d logit
            lossSum += loss.forwardBackward(out, targets, 1, outputs, -lr, steps);
            for (int k = 0; k < outputs; k++) {
                float g = steps[k];
                int row = k * dim;
                for (int c = 0; c < dim; c++) {
                    gradient[c] += g * weight[row + c];
                    weight[row + c] += g * hidden[c];
                }
                bias[k] += g;
            }
        }

        /** fastText's binaryLogistic on each decided row: sigmoid, cross-entropy, step lr * (label - p). */
        private void decide(float lr) {
            int n = decisions.decisions((int) targets[0], random, rows, labels);
            for (int j = 0; j < n; j++) {
                int row = rows[j] * dim;
                float z = bias[rows[j]];
                for (int c = 0; c < dim; c++) {
                    z += weight[row + c] * hidden[c];
                }
                float y = labels[j];
                lossSum += BinaryCrossEntropy.loss(z, y);
                float g = lr * (y - BinaryCrossEntropy.sigmoid(z));
                for (int c = 0; c < dim; c++) {
                    gradient[c] += g * weight[row + c];
                    weight[row + c] += g * hidden[c];
                }
                bias[rows[j]] += g;
            }
        }

    }
}
