package org.fenlei;

import org.fenlei.model.ModelTypes;
import org.fenlei.model.NetworkConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model kinds come from the registry: the built-in ones, and one that a test adds through it alone. */
class ModelTypeRegistryTest {
    @TempDir
    Path dir;

    @Test
    void theBuiltInKindsAreRegisteredInOrderAndUnknownNamesListThem() {
        // the class path puts the tests' toy kind first
        assertEquals(List.of("origin", "fasttext", "linear", "cnn", "bilstm", "gru", "transformer", "encoder", "fused"),
                ModelTypes.names().stream().filter(n -> !n.equals(ToyModelType.NAME)).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkConfig("nope", 8, 0, 0f, 0f));
        assertTrue(e.getMessage().startsWith("unknown model 'nope'; available: "), e.getMessage());
        assertTrue(e.getMessage().contains("origin, fasttext, linear, cnn, bilstm, gru, transformer, encoder"),
                e.getMessage());
        assertTrue(ModelTypes.get("cnn").readsInOrder());
        assertTrue(ModelTypes.get("gru").recurrent());
    }

    @Test
    void aKindAddedThroughTheRegistryTrainsSavesLoadsAndPredicts() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 400, 2, 6);
        TextClassifier model = TextClassifier.builder()
                .network(new NetworkConfig(ToyModelType.NAME, 1, 0, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(15).withOptimizer("adam", 0.05f).withThreads(1))
                .train(data);
        assertEquals(ToyModelType.NAME, model.config().network().architecture());
        assertTrue(model.provenance().metrics().score() > 0.9, "held-out " + model.provenance().metrics().score());
        Path file = dir.resolve("toy.fenlei");
        model.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        List<String> texts = List.of("a wonderful brilliant superb film", "awful boring dull waste", "");
        assertEquals(model.predictAll(texts, 2), loaded.predictAll(texts, 2));
        assertEquals("pos", loaded.predict(texts.get(0)).label());
        assertTrue(loaded.describe().contains("toy: embedding 1, hidden 0"), loaded.describe());
    }
}
