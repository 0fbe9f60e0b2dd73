package org.fenlei.train;

import org.fenlei.model.Task;
import org.fenlei.nn.Gradients;
import org.fenlei.nn.Network;
import org.fenlei.nn.SparseLinear;
import org.fenlei.nn.TokenBatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearTrainerTest {
    private static final int FEATURES = 40;

    /** Texts of random feature ids where ids 1-5 lean to class 1 and 6-10 to class 0, with label noise. */
    private static EncodedDataset data(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> docs = new ArrayList<>();
        float[] targets = new float[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(2);
            int[] doc = new int[3 + random.nextInt(8)];
            for (int j = 0; j < doc.length; j++) {
                doc[j] = random.nextInt(3) == 0 ? (label == 1 ? 1 : 6) + random.nextInt(5)
                        : 11 + random.nextInt(FEATURES - 11);
            }
            docs.add(doc);
            targets[i] = random.nextInt(10) == 0 ? 1 - label : label;
        }
        return new EncodedDataset(docs, targets);
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * The gradient of liblinear's primal L2-regularised logistic loss, 0.5 |w|^2 + C sum log(1 + exp(-y w.x)), the
     * bias a feature of value 1 that is regularised too, computed through the network's own backward pass.
     */
    private static float[] primalGradient(SparseLinear net, EncodedDataset data, double cost) {
        TokenBatch batch = new TokenBatch();
        for (int i = 0; i < data.size(); i++) {
            batch.add(data.document(i));
        }
        Network.Pass pass = net.newPass(data.size());
        float[] z = pass.forward(batch).clone();
        float[] dz = new float[data.size()];
        for (int i = 0; i < dz.length; i++) {
            double y = data.target(i) > 0.5f ? 1 : -1;
            dz[i] = (float) (cost * (1 / (1 + Math.exp(-y * z[i])) - 1) * y);
        }
        Gradients grads = new Gradients(net.parameters());
        pass.backward(batch, dz, grads);
        float[] w = net.weight().value();
        float[] g = new float[w.length + 1];
        for (int f = 0; f < w.length; f++) {
            g[f] = w[f] + grads.values(0)[f];
        }
        g[w.length] = net.bias().value()[0] + grads.values(1)[0];
        return g;
    }

    @Test
    void logisticRegressionConvergesToTheOptimum() {
        EncodedDataset data = data(400, 3);
        TrainingConfig config = TrainingConfig.defaults().withOptimizer("tfidf-lr", 0.1f).withCost(2).withThreads(1);
        SparseLinear net = new SparseLinear(FEATURES, 1);
        LinearTrainer.train(net, Task.BINARY, data, config, TrainingListener.NONE);
        double atOptimum = norm(primalGradient(net, data, 2));
        SparseLinear zero = new SparseLinear(FEATURES, 1);
        System.arraycopy(net.scale().value(), 0, zero.scale().value(), 0, FEATURES);
        System.arraycopy(net.transform().value(), 0, zero.transform().value(), 0, 2);
        double atZero = norm(primalGradient(zero, data, 2));
        assertTrue(atOptimum < 0.02 * atZero, "gradient norm " + atOptimum + " at the fit, " + atZero + " at zero");
    }

    @Test
    void everySolverSeparatesTheClassesAndTheFitIsRepeatable() {
        EncodedDataset train = data(600, 5);
        EncodedDataset test = data(300, 6);
        for (String solver : TrainingConfig.LINEAR_SOLVERS) {
            TrainingConfig config = TrainingConfig.defaults().withOptimizer(solver, 0.1f);
            SparseLinear net = new SparseLinear(FEATURES, 1);
            LinearTrainer.train(net, Task.BINARY, train, config, TrainingListener.NONE);
            SparseLinear again = new SparseLinear(FEATURES, 1);
            LinearTrainer.train(again, Task.BINARY, train, config.withThreads(1), TrainingListener.NONE);
            assertEquals(java.util.Arrays.toString(net.weight().value()),
                    java.util.Arrays.toString(again.weight().value()), solver);
            TokenBatch batch = new TokenBatch();
            for (int i = 0; i < test.size(); i++) {
                batch.add(test.document(i));
            }
            float[] z = net.newPass(test.size()).forward(batch);
            int right = 0;
            for (int i = 0; i < test.size(); i++) {
                right += (z[i] > 0) == (test.target(i) > 0.5f) ? 1 : 0;
            }
            // the noise flips a tenth of the labels; texts without a cue are guesses
            assertTrue(right > 0.7 * test.size(), solver + ": " + right + " of " + test.size());
        }
    }

    @Test
    void theAutomaticChoiceIsOneOfTheCandidatesWithItsScore() {
        EncodedDataset data = data(500, 9);
        LinearTrainer.Choice choice = LinearTrainer.choose(FEATURES, 1, Task.BINARY, data,
                TrainingConfig.defaults().withOptimizer(TrainingConfig.LINEAR_AUTO, 0.1f));
        assertTrue(List.of("nbsvm", "tfidf-svm").contains(choice.solver()), choice.toString());
        assertTrue(choice.score() > 0.6 && choice.score() <= 1, choice.toString());
        assertTrue(choice.temperature() > 0 && Double.isFinite(choice.temperature()), choice.toString());
    }

    @Test
    void foldsAreStratifiedAndCoverEveryRow() {
        int[] classes = new int[103];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i % 3 == 0 ? 1 : 0;
        }
        int[] fold = StratifiedSplit.folds(classes, 5, 1);
        int[][] perFold = new int[5][2];
        for (int i = 0; i < fold.length; i++) {
            perFold[fold[i]][classes[i]]++;
        }
        for (int[] f : perFold) {
            assertTrue(Math.abs(f[1] - 35 / 5.0) <= 1 && Math.abs(f[0] - 68 / 5.0) <= 1,
                    java.util.Arrays.toString(f));
        }
    }
}
