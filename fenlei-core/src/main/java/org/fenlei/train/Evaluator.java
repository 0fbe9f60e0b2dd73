package org.fenlei.train;

import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.nn.TokenBatch;

/** Loss and accuracy of a network on a dataset, forward only, in parallel over a {@link WorkerGang}. */
final class Evaluator {
    private final Network network;
    private final int batchSize;
    private final Loss loss;
    private final WorkerGang gang;
    private final Network.Pass[] passes;
    private final double[] lossSums;
    private final long[] corrects;

    record Result(double loss, double accuracy) {
    }

    Evaluator(Network network, Loss loss, WorkerGang gang) {
        this.network = network;
        this.loss = loss;
        this.gang = gang;
        this.batchSize = network.predictionBatch();
        passes = new Network.Pass[gang.size()];
        for (int i = 0; i < passes.length; i++) {
            passes[i] = network.newPass(batchSize);
        }
        lossSums = new double[gang.size()];
        corrects = new long[gang.size()];
    }

    Result evaluate(EncodedDataset data) {
        int k = network.outputs();
        gang.run(t -> {
            TokenBatch batch = new TokenBatch();
            int width = data.width();
            float[] targets = new float[batchSize * width];
            float[] scratch = new float[batchSize * k];
            double sum = 0;
            long correct = 0;
            int end = gang.to(t, data.size());
            for (int from = gang.from(t, data.size()); from < end; from += batchSize) {
                int n = Math.min(batchSize, end - from);
                batch.clear();
                for (int i = 0; i < n; i++) {
                    batch.add(data.document(from + i));
                    data.copyTarget(from + i, targets, i * width);
                }
                float[] logits = passes[t].forward(batch);
                correct += countCorrect(loss, logits, targets, n, k, width);
                sum += loss.forwardBackward(logits, targets, n, k, 0f, scratch);
            }
            lossSums[t] = sum;
            corrects[t] = correct;
        });
        double sum = 0;
        long correct = 0;
        for (int t = 0; t < passes.length; t++) {
            sum += lossSums[t];
            correct += corrects[t];
        }
        return new Result(sum / data.size(), (double) correct / data.size());
    }

    /**
     * Examples whose top output is right: logit above 0 for one output, the arg max for several; with a target
     * per output (multi-label), the arg max is one of the example's labels (precision at 1).
     */
    static long countCorrect(Loss loss, float[] logits, float[] targets, int n, int k, int width) {
        long correct = 0;
        for (int i = 0; i < n; i++) {
            if (loss.agrees(loss.predictedClass(logits, i * k, k), targets, i * width, k, width)) {
                correct++;
            }
        }
        return correct;
    }
}
