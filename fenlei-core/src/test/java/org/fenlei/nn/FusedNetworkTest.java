package org.fenlei.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fused network's logits are its encoder's on the WordPiece ids plus its word features' on the rest. */
class FusedNetworkTest {
    private static TokenBatch batch(int[]... docs) {
        TokenBatch b = new TokenBatch();
        for (int[] d : docs) {
            b.add(d);
        }
        return b;
    }

    @Test
    void addsTheEncodersLogitsOnItsTokensToTheWordFeaturesLogits() {
        TransformerNetwork encoder = new TransformerNetwork(10, 8, 1, 2, 16, 12, 2, 0f, 3, true, false);
        SparseLinear words = new SparseLinear(5, 2);
        SplittableRandom random = new SplittableRandom(4);
        float[] w = words.weight().value();
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        words.bias().value()[1] = 0.5f;
        FusedNetwork fused = new FusedNetwork(encoder, words, 10);
        float[] both = fused.newPass(3).forward(batch(new int[] {1, 2, 3, 12, 10, 12}, new int[] {4, 14},
                new int[] {5, 6})).clone();
        float[] e = encoder.newPass(3).forward(batch(new int[] {1, 2, 3}, new int[] {4}, new int[] {5, 6}));
        float[] x = words.newPass(3).forward(batch(new int[] {2, 0, 2}, new int[] {4}, new int[] {}));
        float[] sum = new float[6];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = e[i] + x[i];
        }
        assertArrayEquals(sum, both, 1e-6f);
        assertFalse(fused.explainable());
        assertEquals(encoder.parameters().size() + 4, fused.parameters().size());
        for (int p = 0; p < encoder.parameters().size() - 2; p++) {
            assertTrue(fused.parameters().get(p).frozen(), fused.parameters().get(p).name());
        }
        assertFalse(encoder.output().weight().frozen());
    }

    @Test
    void refusesPartsWithDifferentOutputs() {
        TransformerNetwork encoder = new TransformerNetwork(10, 8, 1, 2, 16, 12, 2, 0f, 3, true, false);
        assertThrows(IllegalArgumentException.class, () -> new FusedNetwork(encoder, new SparseLinear(5, 3), 10));
    }
}
