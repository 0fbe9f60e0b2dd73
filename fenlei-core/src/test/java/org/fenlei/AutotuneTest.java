package org.fenlei;

import org.fenlei.model.NetworkConfig;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutotuneTest {
    @TempDir
    Path dir;

    private static ClassifierBuilder builder(Autotune.Settings s) {
        return TextClassifier.builder()
                .features(FeatureConfig.defaults().withWordNgrams(s.wordNgrams())
                        .withBuckets(s.wordNgrams() > 1 ? 10_000 : 0))
                .network(new NetworkConfig(NetworkConfig.FASTTEXT, s.dim(), 0, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(s.epochs())
                        .withOptimizer(TrainingConfig.HOGWILD, s.learningRate()).withThreads(1));
    }

    @Test
    void triesSettingsUntilTheBudgetIsSpentAndKeepsTheBest() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 300, 3, 2);
        List<Autotune.Trial> told = new ArrayList<>();
        Autotune.Settings start = new Autotune.Settings(0.01f, 10, 1, 1);
        Autotune.Result r = Autotune.search(AutotuneTest::builder, data, start, Duration.ofSeconds(2), 1, told::add);
        assertTrue(r.trials().size() >= 3, "trials in 2 s: " + r.trials().size());
        assertEquals(r.trials(), told, "each trial is reported as it ends");
        assertEquals(start, r.trials().get(0).settings());
        double bestScore = r.trials().stream().mapToDouble(Autotune.Trial::score).max().orElseThrow();
        assertEquals(bestScore, r.best().score());
        assertTrue(r.best().score() > r.trials().get(0).score(), "one epoch at lr 0.01 is beaten: " + r.trials());
    }

    @Test
    void drawsSettingsInsideTheSpace() {
        SplittableRandom random = new SplittableRandom(3);
        Autotune.Settings s = new Autotune.Settings(0.5f, 25, 10, 2);
        for (int i = 0; i < 1000; i++) {
            s = i % 2 == 0 ? Autotune.near(s, random) : Autotune.anywhere(random);
            assertTrue(s.learningRate() >= 0.01f && s.learningRate() <= 2f, s.toString());
            assertTrue(s.epochs() >= 1 && s.epochs() <= 100, s.toString());
            assertTrue(s.wordNgrams() >= 1 && s.wordNgrams() <= 3, s.toString());
            assertTrue(List.of(10, 16, 25, 50, 100, 200).contains(s.dim()), s.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> Autotune.search(AutotuneTest::builder, dir,
                new Autotune.Settings(0.1f, 10, 1, 1), Duration.ZERO, 1, t -> { }));
    }
}
