package org.fenlei.nn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference checks: every analytic gradient must match (f(w + h) - f(w - h)) / 2h, computed in double
 * through float layers, to a relative error of 1e-2 (float32 arithmetic with h = 1e-3).
 */
class GradientCheckTest {
    private static final double H = 1e-3;
    private static final double TOLERANCE = 1e-2;

    private static void assertClose(double numeric, double analytic, String what) {
        double scale = Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic));
        assertTrue(Math.abs(numeric - analytic) / scale < TOLERANCE,
                what + ": numeric " + numeric + " vs analytic " + analytic);
    }

    private static TokenBatch batch(int[]... docs) {
        TokenBatch b = new TokenBatch();
        b.clear();
        for (int[] d : docs) {
            b.add(d);
        }
        return b;
    }

    /** Checks every parameter of a network under a loss, on a small batch. */
    private static void checkNetwork(Network net, Loss loss, TokenBatch batch, float[] targets) {
        checkNetwork(net, loss, batch, targets, H);
    }

    /** h: the step; deep networks need a larger one for the float32 loss to resolve the difference. */
    private static void checkNetwork(Network net, Loss loss, TokenBatch batch, float[] targets, double h) {
        Network.Pass pass = net.newPass(batch.size());
        check(net, loss, batch, targets, h, () -> pass, 0);
    }

    /**
     * Analytic against numeric gradients, each forward pass from {@code passes}; differences up to
     * {@code noise} pass as float32 noise.
     */
    private static void check(Network net, Loss loss, TokenBatch batch, float[] targets, double h,
                              Supplier<Network.Pass> passes, double noise) {
        int k = net.outputs();
        Network.Pass pass = passes.get();
        Gradients grads = new Gradients(net.parameters());
        float[] dLogits = new float[batch.size() * k];
        loss.forwardBackward(pass.forward(batch), targets, batch.size(), k, 1f, dLogits);
        pass.backward(batch, dLogits, grads);
        List<Parameter> params = net.parameters();
        for (int p = 0; p < params.size(); p++) {
            if (params.get(p).frozen()) {
                // fixed by design (pretrained vectors, a linear model's feature scales): no gradient to check
                continue;
            }
            float[] w = params.get(p).value();
            for (int i = 0; i < w.length; i++) {
                float saved = w[i];
                w[i] = (float) (saved + h);
                double plus = loss.forwardBackward(passes.get().forward(batch), targets, batch.size(), k, 1f,
                        new float[dLogits.length]);
                w[i] = (float) (saved - h);
                double minus = loss.forwardBackward(passes.get().forward(batch), targets, batch.size(), k, 1f,
                        new float[dLogits.length]);
                w[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                if (Math.abs(numeric - grads.values(p)[i]) > noise) {
                    assertClose(numeric, grads.values(p)[i], params.get(p).name() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void bidirectionalLstmOverTextsOfDifferentLengths() {
        Network net = RecurrentNetwork.lstm(8, 3, 4, 3, 0f, 0f, 0f, 19);
        checkNetwork(net, new CategoricalCrossEntropy(),
                batch(new int[] {1, 2}, new int[] {3, 4, 5, 6, 7}, new int[] {}, new int[] {2, 2, 1}),
                new float[] {0, 2, 1, 1});
    }

    /**
     * Dropout in training passes: a fresh pass with the same seed draws the same masks, so the loss is a fixed
     * function of the weights again and every mask (embedding, word, recurrent, output) is checked. (h stays
     * small: a larger step can move the maximum over time to another step, where the loss has a kink.) The
     * masks scale values by up to 1 / 0.6, and the float32 noise with them: 3e-5.
     */
    private static void checkTrainingNetwork(Network net, Loss loss, TokenBatch batch, float[] targets) {
        check(net, loss, batch, targets, H, () -> net.newTrainingPass(batch.size(), 99), 3e-5);
    }

    @Test
    void recurrentNetworksUnderEveryDropoutMask() {
        TokenBatch batch = batch(new int[] {1, 2, 3}, new int[] {4, 5}, new int[] {6, 7, 1, 2, 3});
        checkTrainingNetwork(RecurrentNetwork.lstm(8, 4, 3, 2, 0.3f, 0.2f, 0.4f, 37), new CategoricalCrossEntropy(),
                batch, new float[] {1, 0, 1});
        checkTrainingNetwork(RecurrentNetwork.gru(8, 4, 3, 1, 0.3f, 0.2f, 0.4f, 41), new BinaryCrossEntropy(),
                batch, new float[] {1, 0, 1});
    }

    @Test
    void bidirectionalGruOverTextsOfDifferentLengths() {
        Network net = RecurrentNetwork.gru(8, 3, 4, 1, 0f, 0f, 0f, 23);
        checkNetwork(net, new BinaryCrossEntropy(),
                batch(new int[] {5, 1, 2, 3}, new int[] {4}, new int[] {6, 7, 0}), new float[] {1, 0, 1});
    }

    /**
     * BERT's embeddings (deviation 0.02) sit so close together that LayerNorm's 1 / deviation makes h = 1e-3 a
     * large step; the check runs on embeddings of unit scale instead.
     */
    private static Network widened(TransformerNetwork net) {
        SplittableRandom random = new SplittableRandom(3);
        for (int p = 0; p < 2; p++) {
            float[] w = net.parameters().get(p).value();
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) random.nextDouble(-1, 1);
            }
        }
        return net;
    }

    @Test
    void transformerEncoderWithTwoBlocksAndTwoHeads() {
        Network net = widened(new TransformerNetwork(8, 4, 2, 2, 6, 5, 3, 0f, 29));
        checkNetwork(net, new CategoricalCrossEntropy(),
                batch(new int[] {1, 2, 3}, new int[] {4}, new int[] {}, new int[] {5, 6, 7, 1, 2}),
                new float[] {0, 2, 1, 1}, 1e-2);
    }

    @Test
    void pretrainedEncoderShapeWithExactGeluAndFirstTokenPooling() {
        Network net = widened(new TransformerNetwork(8, 4, 1, 2, 6, 5, 3, 0f, 29, true, true));
        checkNetwork(net, new CategoricalCrossEntropy(),
                batch(new int[] {1, 2, 3}, new int[] {4}, new int[] {}, new int[] {5, 6, 7, 1, 2}),
                new float[] {0, 2, 1, 1}, 1e-2);
    }

    @Test
    void transformerCutsTextsAtItsPositionTable() {
        Network net = widened(new TransformerNetwork(8, 2, 1, 1, 3, 3, 1, 0f, 31));
        checkNetwork(net, new BinaryCrossEntropy(), batch(new int[] {1, 2, 3, 4, 5, 6}, new int[] {7, 0}),
                new float[] {1, 0}, 1e-2);
    }

    @Test
    void kimCnnWithTextsShorterAndLongerThanItsWidths() {
        Network net = new KimCnn(8, 3, new int[] {2, 3}, 3, 3, 0f, 17);
        checkNetwork(net, new CategoricalCrossEntropy(),
                batch(new int[] {1}, new int[] {2, 3, 4, 5}, new int[] {6, 7, 1, 2, 3, 0}), new float[] {0, 2, 1});
    }

    @Test
    void originNetworkWithSoftmaxCrossEntropy() {
        Network net = new BagOfEmbeddings(7, 0, 4, 5, 3, 0f, 0f, 11);
        checkNetwork(net, new CategoricalCrossEntropy(), batch(new int[] {1, 2, 2}, new int[] {3}, new int[] {4, 5, 6, 0}),
                new float[] {0, 2, 1});
    }

    @Test
    void originNetworkWithBinaryCrossEntropy() {
        Network net = new BagOfEmbeddings(6, 0, 3, 4, 1, 0f, 0f, 5);
        checkNetwork(net, new BinaryCrossEntropy(), batch(new int[] {1, 2}, new int[] {3, 4, 5}), new float[] {1, 0});
    }

    @Test
    void linearBagWithHashedRowsUnderMse() {
        Network net = new BagOfEmbeddings(5, 2, 3, 0, 1, 0f, 0f, 3);
        checkNetwork(net, new MeanSquaredError(), batch(new int[] {1, 1, 4, 6}, new int[] {2, 5}),
                new float[] {0.5f, -1f});
    }

    /** A sparse linear model with random weights, scales and the transform given; repeated ids give tf > 1. */
    private static SparseLinear sparseLinear(int features, int outputs, boolean sublinear, boolean normalise) {
        SparseLinear net = new SparseLinear(features, outputs);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (float[] v : new float[][] {net.weight().value(), net.bias().value(), net.scale().value()}) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) random.nextDouble(-1, 1);
            }
        }
        net.transform().value()[SparseLinear.SUBLINEAR] = sublinear ? 1 : 0;
        net.transform().value()[SparseLinear.NORMALISE] = normalise ? 1 : 0;
        return net;
    }

    @Test
    void sparseLinearWithTfIdfTransformUnderSoftmax() {
        checkNetwork(sparseLinear(8, 3, true, true), new CategoricalCrossEntropy(),
                batch(new int[] {1, 2, 2, 2, 7}, new int[] {3}, new int[] {4, 5, 6, 0, 4}), new float[] {0, 2, 1});
    }

    @Test
    void sparseLinearWithBinaryFeaturesUnderBinaryCrossEntropy() {
        checkNetwork(sparseLinear(6, 1, false, false), new BinaryCrossEntropy(),
                batch(new int[] {1, 2, 2}, new int[] {3, 4, 5, 5}), new float[] {1, 0});
    }

    /**
     * A fused head: the frozen encoder's output layer and the word features' weights and bias, over documents whose
     * WordPiece ids (below 10) are followed by word features (10 on), and documents with one part only.
     */
    @Test
    void fusedHeadOverAnEncoderAndWordFeatures() {
        SparseLinear words = new SparseLinear(6, 3);
        words.transform().value()[SparseLinear.SUBLINEAR] = 1;
        words.transform().value()[SparseLinear.NORMALISE] = 1;
        FusedNetwork net = new FusedNetwork(new TransformerNetwork(10, 8, 1, 2, 16, 12, 3, 0f, 29, true, false),
                words, 10);
        checkNetwork(net, new CategoricalCrossEntropy(),
                batch(new int[] {1, 4, 2, 10, 13, 13}, new int[] {3, 5, 15}, new int[] {7, 8}, new int[] {11, 12}),
                new float[] {0, 2, 1, 1});
    }

    @Test
    void lossGradientsMatchFiniteDifferencesOnTheLogits() {
        SplittableRandom random = new SplittableRandom(1);
        Object[][] cases = {
                {new BinaryCrossEntropy(), 1, new float[] {1, 0, 1}},
                {new CategoricalCrossEntropy(), 4, new float[] {3, 0, 2}},
                {new MeanSquaredError(), 1, new float[] {0.3f, -2f, 5f}},
                {new OneVsAll(), 3, new float[] {1, 0, 1, 0, 0, 0, 1, 1, 1}},
                {new NegativeSampling(5, null), 4, new float[] {3, 0, 2}},
                {new HierarchicalSoftmax(new long[] {5, 3, 2, 1}), 4, new float[] {3, 0, 2}},
        };
        for (Object[] c : cases) {
            Loss loss = (Loss) c[0];
            int k = (int) c[1];
            float[] targets = (float[]) c[2];
            float[] logits = new float[3 * k];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (random.nextDouble() * 4 - 2);
            }
            float[] grad = new float[logits.length];
            loss.forwardBackward(logits, targets, 3, k, 1f, grad);
            for (int i = 0; i < logits.length; i++) {
                float saved = logits[i];
                logits[i] = (float) (saved + H);
                double plus = loss.forwardBackward(logits, targets, 3, k, 1f, new float[logits.length]);
                logits[i] = (float) (saved - H);
                double minus = loss.forwardBackward(logits, targets, 3, k, 1f, new float[logits.length]);
                logits[i] = saved;
                assertClose((plus - minus) / (2 * H), grad[i], loss.name() + " logit " + i);
            }
        }
    }

    @Test
    void binaryCrossEntropyIsStableForLargeLogits() {
        float[] grad = new float[2];
        double loss = new BinaryCrossEntropy().forwardBackward(new float[] {500f, -500f}, new float[] {0, 1}, 2, 1,
                1f, grad);
        assertEquals(1000.0, loss, 1e-3);
        assertEquals(1f, grad[0], 1e-6);
        assertEquals(-1f, grad[1], 1e-6);
    }

    @Test
    void dropoutBackwardUsesTheForwardMask() {
        Dropout dropout = new Dropout(0.5f, new SplittableRandom(9));
        float[] x = {1, 1, 1, 1, 1, 1, 1, 1};
        dropout.forward(x, x.length);
        float[] dx = {1, 1, 1, 1, 1, 1, 1, 1};
        dropout.backward(dx, dx.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], dx[i]);
            assertTrue(x[i] == 0f || x[i] == 2f);
        }
    }

    @Test
    void embeddingBagAveragesOnlyRealTokens() {
        EmbeddingBag bag = new EmbeddingBag("e", 3, 0, 2, new SplittableRandom(1));
        float[] w = bag.table().value();
        System.arraycopy(new float[] {0, 0, 1, 2, 3, 6}, 0, w, 0, 6);
        float[] out = new float[4];
        bag.forward(batch(new int[] {1, 2}, new int[] {}), out);
        assertEquals(2f, out[0]);
        assertEquals(4f, out[1]);
        assertEquals(0f, out[2]);
        assertEquals(0f, out[3]);
    }

    @Test
    void hierarchicalSoftmaxGivesADistributionAndDecidesAlongThePath() {
        HierarchicalSoftmax hs = new HierarchicalSoftmax(new long[] {40, 30, 20, 5, 5});
        float[] logits = {0.3f, -1.2f, 2f, 0.7f, 99f};
        hs.activate(logits, 0, 5);
        double sum = 0;
        for (float p : logits) {
            sum += p;
        }
        assertEquals(1.0, sum, 1e-6, "class probabilities sum to one; the unused fifth row is ignored");
        int[] rows = new int[hs.maxDecisions()];
        float[] labels = new float[rows.length];
        for (int label = 0; label < 5; label++) {
            int n = hs.decisions(label, null, rows, labels);
            assertTrue(n >= 1 && n <= 4, "a path of " + n + " nodes");
            for (int j = 0; j < n; j++) {
                assertTrue(rows[j] >= 0 && rows[j] < 4, "internal nodes use rows 0..3");
            }
        }
        // the most frequent class sits nearest the root
        assertEquals(1, hs.decisions(0, null, rows, labels) <= hs.decisions(4, null, rows, labels) ? 1 : 0);
    }

    @Test
    void negativeSamplingDrawsOtherClassesByTheirCounts() {
        NegativeSampling ns = new NegativeSampling(5, new long[] {0, 100, 1, 100});
        int[] rows = new int[ns.maxDecisions()];
        float[] labels = new float[rows.length];
        int[] drawn = new int[4];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            assertEquals(6, ns.decisions(1, random, rows, labels));
            assertEquals(1, rows[0]);
            assertEquals(1f, labels[0]);
            for (int j = 1; j < 6; j++) {
                drawn[rows[j]]++;
                assertEquals(0f, labels[j]);
            }
        }
        assertEquals(0, drawn[0], "a class never seen is never drawn");
        assertEquals(0, drawn[1], "the example's own class is not a negative");
        assertTrue(drawn[3] > 5 * drawn[2], "sqrt(100) = 10 x sqrt(1): " + drawn[3] + " vs " + drawn[2]);
    }
}
