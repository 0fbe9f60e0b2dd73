package org.fenlei;

import org.fenlei.eval.ClassificationReport;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Class weights trade the majority class's precision for the minority class's recall. */
class ClassWeightsTest {
    @TempDir
    Path dir;

    /** 90% "common", 10% "rare"; a rare text shows a rare word only half the time, so many look common. */
    private Path imbalanced(String name, long seed) throws IOException {
        String[] noise = {"the", "a", "of", "report", "said", "today", "market", "new", "year", "plan"};
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 1000; i++) {
            boolean rare = i % 10 == 0;
            sb.append(rare ? "rare," : "common,");
            for (int j = 0; j < 6; j++) {
                sb.append(noise[random.nextInt(noise.length)]).append(' ');
            }
            if (rare && random.nextBoolean()) {
                sb.append("anomaly");
            } else if (!rare && random.nextInt(20) == 0) {
                sb.append("anomaly");
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private double rareRecall(String weights) throws IOException {
        TextClassifier model = TextClassifier.builder()
                .training(TrainingConfig.defaults().withEpochs(15).withThreads(1).withClassWeights(weights))
                .train(imbalanced("train.csv", 1), imbalanced("test.csv", 2));
        ClassificationReport r = model.provenance().metrics().classification();
        return r.perClass().get(model.labels().indexOf("rare")).recall();
    }

    @Test
    void balancedWeightsRaiseTheRareClassRecall() throws IOException {
        double plain = rareRecall("");
        double balanced = rareRecall(TrainingConfig.BALANCED);
        double explicit = rareRecall("rare=9");
        assertTrue(balanced > plain + 0.2, "recall of the rare class: plain " + plain + ", balanced " + balanced);
        assertTrue(explicit > plain + 0.2, "recall of the rare class: plain " + plain + ", rare=9 " + explicit);
    }

    @Test
    void badWeightsAreNamed() throws IOException {
        Path data = imbalanced("train.csv", 1);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> TextClassifier.builder()
                .training(TrainingConfig.defaults().withClassWeights("often=2")).train(data));
        assertTrue(unknown.getMessage().contains("no class 'often'; classes are [common, rare]"),
                unknown.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> TextClassifier
                .builder().training(TrainingConfig.defaults().withClassWeights("rare=-1")).train(data));
        assertTrue(negative.getMessage().contains("must be a positive number"), negative.getMessage());
    }
}
