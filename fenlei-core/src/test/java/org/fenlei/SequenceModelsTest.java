package org.fenlei;

import org.fenlei.model.NetworkConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sequence models learn what a bag of words cannot see: whether "alpha" comes before "omega" among filler
 * words. Both classes have the same words, so the origin model stays at chance; each sequence model must
 * learn the order, and predict the same after a save and a load.
 */
class SequenceModelsTest {
    @TempDir
    Path dir;

    private static Path write(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>(List.of("label,text"));
        for (int i = 0; i < rows; i++) {
            int length = 4 + random.nextInt(6);
            String[] words = new String[length];
            for (int k = 0; k < length; k++) {
                words[k] = "w" + random.nextInt(8);
            }
            int a = random.nextInt(length);
            int b = random.nextInt(length - 1);
            b = b >= a ? b + 1 : b;
            words[a] = "alpha";
            words[b] = "omega";
            lines.add((a < b ? "before" : "after") + "," + String.join(" ", words));
        }
        return Files.write(file, lines);
    }

    private static double accuracy(TextClassifier model) {
        return model.provenance().metrics().classification().accuracy();
    }

    private TextClassifier train(String architecture, int hidden, float lr, int epochs) throws IOException {
        Path train = write(dir.resolve("train.csv"), 800, 1);
        Path test = write(dir.resolve("test.csv"), 200, 2);
        return TextClassifier.builder()
                .network(new NetworkConfig(architecture, 16, hidden, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(epochs).withThreads(1).withOptimizer("adam", lr))
                .train(train, test);
    }

    @ParameterizedTest
    @ValueSource(strings = {NetworkConfig.CNN, NetworkConfig.BILSTM, NetworkConfig.GRU, NetworkConfig.TRANSFORMER})
    void learnsWordOrderAndPredictsTheSameAfterReload(String architecture) throws IOException {
        TextClassifier model = train(architecture, 16, 1e-2f, 12);
        assertTrue(accuracy(model) > 0.9, architecture + ": " + accuracy(model));
        Path file = dir.resolve(architecture + ".fenlei");
        model.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        for (String text : List.of("w1 alpha w2 omega", "omega w3 w3 alpha w5", "alpha omega")) {
            assertEquals(model.predict(text).probability(), loaded.predict(text).probability(), 1e-6, text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {NetworkConfig.ORIGIN})
    void aBagOfWordsCannotSeeTheOrder(String architecture) throws IOException {
        double accuracy = accuracy(train(architecture, 16, 1e-2f, 12));
        assertTrue(accuracy < 0.65, architecture + ": " + accuracy);
    }
}
