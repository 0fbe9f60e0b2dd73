package org.fenlei;

import org.fenlei.data.DataException;
import org.fenlei.model.NetworkConfig;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints after every epoch, and training that continues from one. */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    @Test
    void aRunContinuesFromItsCheckpointWhereItStopped() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 600, 3, 2);
        Path checkpoints = dir.resolve("checkpoints");
        TrainingConfig adam = TrainingConfig.defaults().withThreads(1).withOptimizer("adam", 0.01f);
        TextClassifier.builder().training(adam.withEpochs(2)).checkpoints(checkpoints).train(data);
        assertTrue(Files.isRegularFile(checkpoints.resolve("epoch-1.fenlei")));
        TextClassifier second = TextClassifier.load(checkpoints.resolve("epoch-2.fenlei"));
        assertEquals(2, second.provenance().history().size());

        TextClassifier fresh = TextClassifier.builder().training(adam.withEpochs(1)).train(data);
        TextClassifier resumed = TextClassifier.builder().training(adam.withEpochs(1))
                .resume(checkpoints.resolve("epoch-2.fenlei")).train(data);
        assertEquals(second.vocabularySize(), resumed.vocabularySize(), "the vocabulary is the model's");
        double freshLoss = fresh.provenance().history().get(0).trainLoss();
        double secondLoss = second.provenance().history().get(1).trainLoss();
        double resumedLoss = resumed.provenance().history().get(0).trainLoss();
        assertTrue(resumedLoss < secondLoss && secondLoss < freshLoss, "a third epoch goes on from the second: "
                + "losses " + freshLoss + ", " + secondLoss + ", " + resumedLoss);
    }

    @Test
    void aFastTextModelResumesWithItsHashedBucketsAndLoss() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 600, 3, 2);
        Path model = dir.resolve("ft.fenlei");
        TrainingConfig hogwild = TrainingConfig.defaults().withEpochs(2).withThreads(1)
                .withOptimizer(TrainingConfig.HOGWILD, 0.2f);
        TextClassifier.builder().features(FeatureConfig.defaults().withWordNgrams(2).withBuckets(5000))
                .network(new NetworkConfig(NetworkConfig.FASTTEXT, 8, 0, 0f, 0f))
                .training(hogwild.withLoss("hs", 5)).train(data).save(model);
        TextClassifier resumed = TextClassifier.builder().training(hogwild).resume(model).train(data);
        assertEquals(5000, resumed.config().features().buckets());
        assertEquals("hs", resumed.config().training().loss(), "the resumed model keeps its loss");
        assertTrue(resumed.provenance().metrics().classification().accuracy() > 0.9);
    }

    @Test
    void dataWithALabelTheModelLacksIsRefused() throws IOException {
        Path model = dir.resolve("m.fenlei");
        TextClassifier.builder().training(TrainingConfig.defaults().withEpochs(1))
                .train(SyntheticData.write(dir.resolve("two.csv"), 100, 2, 1)).save(model);
        Path three = SyntheticData.write(dir.resolve("three.csv"), 90, 3, 1);
        DataException e = assertThrows(DataException.class,
                () -> TextClassifier.builder().resume(model).train(three));
        assertTrue(e.getMessage().contains("three.csv:") && e.getMessage().contains("label 'sport'"),
                e.getMessage());
    }
}
