package org.fenlei.encoder;

import org.fenlei.TextClassifier;
import org.fenlei.model.PretrainedEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tiny exported encoder fused with word features on a task that words outside its vocabulary decide (the
 * encoder alone reads them as [UNK]): the fused head must learn it from the words, and its model file must stand
 * alone and predict the same after a load.
 */
class FusedModelTest {
    @TempDir
    Path dir;
    private String cache;

    @BeforeEach
    void cacheInTheTemporaryFolder() {
        cache = System.getProperty("fenlei.cache");
        System.setProperty("fenlei.cache", dir.resolve("cache").toString());
    }

    @AfterEach
    void restoreCache() {
        if (cache == null) {
            System.clearProperty("fenlei.cache");
        } else {
            System.setProperty("fenlei.cache", cache);
        }
    }

    private static Path write(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        // words the tiny encoder's vocabulary lacks: only the word features tell the classes apart
        String[] good = {"zesty", "quokka", "brilliant"};
        String[] bad = {"dreary", "wombat", "dismal"};
        String[] filler = {"the", "cat", "on", "!", "played"};
        List<String> lines = new ArrayList<>(List.of("label,text"));
        for (int i = 0; i < rows; i++) {
            boolean positive = random.nextBoolean();
            String text = filler[random.nextInt(filler.length)] + " " + (positive ? good : bad)[random.nextInt(3)]
                    + " " + filler[random.nextInt(filler.length)];
            lines.add((positive ? "pos" : "neg") + "," + text);
        }
        return Files.write(file, lines);
    }

    @Test
    void learnsFromTheWordsAndItsModelFileStandsAlone() throws Exception {
        Path onnx = TinyBert.write(dir);
        PretrainedEncoder encoder = Encoders.load(onnx.toString());
        Files.delete(onnx);
        TextClassifier model = TextClassifier.builder().model("fused").encoder(encoder)
                .train(write(dir.resolve("train.csv"), 300, 1), write(dir.resolve("test.csv"), 100, 2));
        double accuracy = model.provenance().metrics().classification().accuracy();
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
        // the weight choice's held-out scores calibrate the head
        Double t = model.temperature();
        assertTrue(t != null && t > 0 && t != 1, "temperature " + t);
        assertTrue(model.card().network().startsWith("fused: encoder tiny (2 layers x 8, mean-pooled, frozen) "
                + "beside words, linear head "), model.card().network());
        // the encoder's tokens, then words and bigrams: 3 + 3 + 5 words and at most 2 x 3 x 5 x 2 bigrams
        int words = model.vocabularySize() - encoder.vocabulary().size();
        assertTrue(words > 11 && words <= 11 + 60, words + " word features");
        Path file = dir.resolve("model.fenlei");
        model.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        for (String text : List.of("the quokka", "dismal cat !", "zebra", "")) {
            assertEquals(model.predict(text, 2), loaded.predict(text, 2), text);
        }
        assertEquals("pos", loaded.predict("on zesty played").label());
        assertEquals("neg", loaded.predict("on wombat played").label());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> loaded.explain("the quokka"));
        assertTrue(e.getMessage().contains("cannot explain"), e.getMessage());
        IllegalArgumentException q = assertThrows(IllegalArgumentException.class, () -> loaded.quantize(0, 2));
        assertTrue(q.getMessage().contains("a fused model's first table is not one"), q.getMessage());
    }

    @Test
    void aFusedModelNeedsAnEncoder() throws Exception {
        Path data = write(dir.resolve("train.csv"), 20, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextClassifier.builder().model("fused").train(data));
        assertTrue(e.getMessage().contains("the fused model kind needs a pretrained encoder"), e.getMessage());
    }
}
