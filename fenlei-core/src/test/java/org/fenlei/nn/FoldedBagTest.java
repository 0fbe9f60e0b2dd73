package org.fenlei.nn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FoldedBagTest {
    @Test
    void foldedLogitsEqualTheNetworksOnEveryDocumentAnEmptyOneIncluded() {
        BagOfEmbeddings bag = new BagOfEmbeddings(40, 25, 10, 0, 3, 0f, 0f, 7);
        SplittableRandom random = new SplittableRandom(3);
        for (Parameter p : bag.parameters()) {
            p.initUniform(0.5, random);
        }
        TokenBatch batch = new TokenBatch();
        batch.add(new int[] {1, 2, 3});
        batch.add(new int[0]);
        batch.add(new int[] {64, 40, 0, 0, 17});
        batch.add(new int[] {39});
        float[] expected = bag.newPass(8).forward(batch);
        FoldedBag folded = bag.fold();
        assertNotNull(folded);
        float[] actual = folded.newPass(8).forward(batch);
        for (int i = 0; i < 4 * 3; i++) {
            assertEquals(expected[i], actual[i], 1e-6, "logit " + i);
        }
        assertEquals(bag.parameters().get(2).value()[1], actual[3 + 1], 0f, "an empty document scores the bias");
    }

    @Test
    void onlyALinearBagWhoseTableAtLeastHalvesFolds() {
        assertNull(new BagOfEmbeddings(10, 0, 10, 16, 2, 0f, 0f, 1).fold(), "a hidden layer is not linear");
        assertNull(new BagOfEmbeddings(10, 0, 10, 0, 6, 0f, 0f, 1).fold(), "6 logits are not half of 10 dimensions");
        assertNotNull(new BagOfEmbeddings(10, 0, 10, 0, 5, 0f, 0f, 1).fold());
    }

    @Test
    void aFoldedPassRefusesToTrain() {
        Network.Pass pass = new BagOfEmbeddings(10, 0, 10, 0, 2, 0f, 0f, 1).fold().newPass(1);
        TokenBatch batch = new TokenBatch();
        batch.add(new int[] {1});
        pass.forward(batch);
        assertThrows(UnsupportedOperationException.class, () -> pass.backward(batch, new float[2], null));
    }
}
