package org.fenlei.train;

import org.fenlei.nn.Gradients;
import org.fenlei.nn.Loss;
import org.fenlei.nn.MeanSquaredError;
import org.fenlei.nn.Network;
import org.fenlei.nn.Optimizer;
import org.fenlei.nn.Parameter;
import org.fenlei.nn.TokenBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training by backpropagation, data-parallel: each batch is cut into one contiguous share per
 * thread, every thread runs forward and backward on its share into its own gradients, the gradients are summed
 * in thread order (so a fixed thread count gives the same result every run), and the optimiser step is split
 * across the threads too.
 */
public final class Trainer {
    private final Network network;
    private final Loss loss;
    private final TrainingConfig config;
    private final TrainingListener listener;
    private final WorkerGang gang;
    private final Worker[] workers;
    private final Optimizer optimizer;
    private final boolean classification;

    private Trainer(Network network, Loss loss, TrainingConfig config, TrainingListener listener, WorkerGang gang) {
        this.network = network;
        this.loss = loss;
        this.config = config;
        this.listener = listener;
        this.gang = gang;
        boolean decays = config.layerDecay() > 0 && config.layerDecay() < 1;
        this.optimizer = Optimizer.named(config.optimizer(), config.learningRate(), network.parameters(),
                decays ? network.layerRates(config.layerDecay()) : null);
        this.classification = !(loss instanceof MeanSquaredError);
        workers = new Worker[gang.size()];
        int share = (config.batchSize() + gang.size() - 1) / gang.size();
        for (int i = 0; i < workers.length; i++) {
            // thread i draws dropout masks from seed + i, as fastText seeds its threads
            workers[i] = new Worker(network.newTrainingPass(share, config.seed() + i), network);
        }
    }

    /**
     * Trains {@code network} in place.
     *
     * @param validation held-out data for per-epoch validation figures and early stopping, or null
     */
    public static TrainingResult train(Network network, Loss loss, EncodedDataset train, EncodedDataset validation,
                                       TrainingConfig config, TrainingListener listener) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training documents");
        }
        try (WorkerGang gang = new WorkerGang(Math.min(config.effectiveThreads(), config.batchSize()))) {
            return new Trainer(network, loss, config, listener, gang).run(train, validation);
        }
    }

    private TrainingResult run(EncodedDataset train, EncodedDataset validation) {
        SplittableRandom random = new SplittableRandom(config.seed());
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Evaluator evaluator = new Evaluator(network, loss, gang);
        List<EpochStats> history = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        float[][] bestWeights = null;
        boolean stoppedEarly = false;
        float[][] average = null;
        int averaged = 0;
        int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) batches * config.epochs();
        long stepsDone = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            StratifiedSplit.shuffle(order, random);
            if (network.sequential()) {
                LengthBuckets.arrange(order, train, config.batchSize(), random);
            }
            listener.onEpochStart(epoch, config.epochs(), batches);
            double lossSum = 0;
            long correct = 0;
            long tokens = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * config.batchSize();
                int to = Math.min(train.size(), from + config.batchSize());
                step(train, order, from, to, (float) config.schedule().factor(stepsDone++, totalSteps));
                for (Worker w : workers) {
                    lossSum += w.lossSum;
                    correct += w.correct;
                    tokens += w.tokens;
                }
                listener.onBatch(epoch, b + 1, lossSum / to);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double valLoss = Double.NaN;
            double valAccuracy = Double.NaN;
            if (validation != null && validation.size() > 0) {
                Evaluator.Result r = evaluator.evaluate(validation);
                valLoss = r.loss();
                valAccuracy = classification ? r.accuracy() : Double.NaN;
            }
            EpochStats stats = new EpochStats(epoch, lossSum / train.size(),
                    classification ? (double) correct / train.size() : Double.NaN, valLoss, valAccuracy, seconds,
                    tokens);
            history.add(stats);
            listener.onEpochEnd(stats);
            if (epoch > config.epochs() - config.averageEpochs()) {
                average = averaged++ == 0 ? snapshot() : addToMean(average, averaged);
            }
            if (config.patience() > 0 && !Double.isNaN(valLoss)) {
                if (valLoss < bestLoss) {
                    bestLoss = valLoss;
                    bestEpoch = epoch;
                    bestWeights = snapshot();
                } else if (epoch - bestEpoch >= config.patience()) {
                    stoppedEarly = true;
                    break;
                }
            }
        }
        if (average != null) {
            restore(average);
        }
        if (bestWeights != null) {
            restore(bestWeights);
        } else {
            bestEpoch = history.size();
        }
        return new TrainingResult(history, bestEpoch, stoppedEarly);
    }

    private void step(EncodedDataset data, int[] order, int from, int to, float rateFactor) {
        int n = to - from;
        float scale = 1f / n;
        gang.run(t -> {
            Worker w = workers[t];
            w.gradients.clear();
            w.forwardBackward(data, order, from + gang.from(t, n), from + gang.to(t, n), scale);
        });
        Gradients total = workers[0].gradients;
        for (int t = 1; t < workers.length; t++) {
            total.add(workers[t].gradients);
        }
        if (config.clipNorm() > 0) {
            double norm = total.norm();
            if (norm > config.clipNorm()) {
                total.scale((float) (config.clipNorm() / norm));
            }
        }
        optimizer.advance(rateFactor);
        gang.run(t -> optimizer.update(total, t, workers.length));
        network.constrain();
    }

    private float[][] snapshot() {
        List<Parameter> params = network.parameters();
        float[][] copy = new float[params.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = params.get(i).value().clone();
        }
        return copy;
    }

    /** mean += (weights - mean) / count: the running mean of the weights now and the {@code count - 1} before. */
    private float[][] addToMean(float[][] mean, int count) {
        List<Parameter> params = network.parameters();
        for (int i = 0; i < mean.length; i++) {
            float[] w = params.get(i).value();
            float[] m = mean[i];
            for (int j = 0; j < m.length; j++) {
                m[j] += (w[j] - m[j]) / count;
            }
        }
        return mean;
    }

    private void restore(float[][] weights) {
        List<Parameter> params = network.parameters();
        for (int i = 0; i < weights.length; i++) {
            System.arraycopy(weights[i], 0, params.get(i).value(), 0, weights[i].length);
        }
    }

    /** One thread's buffers, allocated once. */
    private final class Worker {
        final Network.Pass pass;
        final TokenBatch batch = new TokenBatch();
        final Gradients gradients;
        float[] targets = new float[0];
        float[] dLogits = new float[0];
        double lossSum;
        long correct;
        long tokens;

        Worker(Network.Pass pass, Network network) {
            this.pass = pass;
            this.gradients = new Gradients(network.parameters());
        }

        void forwardBackward(EncodedDataset data, int[] order, int from, int to, float scale) {
            lossSum = 0;
            correct = 0;
            tokens = 0;
            int n = to - from;
            if (n == 0) {
                return;
            }
            int k = network.outputs();
            int width = data.width();
            if (targets.length < n * width) {
                targets = new float[n * width];
                dLogits = new float[n * k];
            }
            batch.clear();
            for (int i = 0; i < n; i++) {
                int row = order[from + i];
                int[] doc = data.document(row);
                batch.add(doc);
                tokens += doc.length;
                data.copyTarget(row, targets, i * width);
            }
            float[] logits = pass.forward(batch);
            if (classification) {
                correct = Evaluator.countCorrect(loss, logits, targets, n, k, width);
            }
            lossSum = loss.forwardBackward(logits, targets, n, k, scale, dLogits);
            if (data.weighted()) {
                // class weights scale each example's gradient; the reported loss stays unweighted
                for (int i = 0; i < n; i++) {
                    float w = data.weight(order[from + i]);
                    for (int j = i * k; j < (i + 1) * k; j++) {
                        dLogits[j] *= w;
                    }
                }
            }
            pass.backward(batch, dLogits, gradients);
        }
    }
}
