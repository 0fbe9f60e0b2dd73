package org.fenlei.train;

import org.fenlei.nn.BagOfEmbeddings;
import org.fenlei.nn.BinaryCrossEntropy;
import org.fenlei.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    /** 200 documents of 3-8 tokens; the class is whether token 1 appears. */
    private static EncodedDataset data() {
        SplittableRandom random = new SplittableRandom(5);
        List<int[]> docs = new ArrayList<>();
        float[] targets = new float[200];
        for (int i = 0; i < 200; i++) {
            int[] doc = new int[3 + random.nextInt(6)];
            for (int t = 0; t < doc.length; t++) {
                doc[t] = 2 + random.nextInt(18);
            }
            if (i % 2 == 0) {
                doc[random.nextInt(doc.length)] = 1;
                targets[i] = 1;
            }
            docs.add(doc);
        }
        return new EncodedDataset(docs, targets);
    }

    @Test
    void weightAveragingEndsWithTheMeanOfTheLastEpochsWeights() {
        BagOfEmbeddings network = new BagOfEmbeddings(20, 0, 8, 4, 1, 0f, 0f, 3);
        List<float[][]> atEpochEnd = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats) {
                float[][] copy = new float[network.parameters().size()][];
                for (int i = 0; i < copy.length; i++) {
                    copy[i] = network.parameters().get(i).value().clone();
                }
                atEpochEnd.add(copy);
            }
        };
        TrainingConfig config = TrainingConfig.defaults().withEpochs(5).withThreads(1).withAveraging(3);
        TrainingResult result = Trainer.train(network, new BinaryCrossEntropy(), data(), null, config, recorder);
        assertEquals(5, atEpochEnd.size());
        assertEquals(5, result.bestEpoch());
        List<Parameter> params = network.parameters();
        for (int i = 0; i < params.size(); i++) {
            float[] actual = params.get(i).value();
            for (int j = 0; j < actual.length; j++) {
                double mean = (atEpochEnd.get(2)[i][j] + atEpochEnd.get(3)[i][j] + atEpochEnd.get(4)[i][j]) / 3.0;
                assertEquals(mean, actual[j], 1e-6, params.get(i).name() + "[" + j + "]");
            }
        }
        // and the average is not simply the last epoch's weights
        assertTrue(atEpochEnd.get(4)[0][8] != params.get(0).value()[8]);
    }

    @Test
    void averagingRefusesEarlyStoppingHogwildAndMoreEpochsThanTrained() {
        TrainingConfig base = TrainingConfig.defaults().withEpochs(4);
        assertThrows(IllegalArgumentException.class, () -> base.withValidation(0.1, 2).withAveraging(2));
        // early stopping watches the validation loss: without a validation share it is refused, in the Java API too
        IllegalArgumentException patience = assertThrows(IllegalArgumentException.class,
                () -> base.withValidation(0, 2));
        org.junit.jupiter.api.Assertions.assertTrue(patience.getMessage().contains("needs a validation share"));
        assertThrows(IllegalArgumentException.class, () -> base.withOptimizer("hogwild", 0.1f).withAveraging(2));
        assertThrows(IllegalArgumentException.class, () -> base.withAveraging(5));
        assertEquals(3, base.withAveraging(4).withEpochs(3).averageEpochs(), "fewer epochs shorten the average");
    }
}
