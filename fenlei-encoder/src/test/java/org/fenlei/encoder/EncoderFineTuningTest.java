package org.fenlei.encoder;

import org.fenlei.TextClassifier;
import org.fenlei.model.PretrainedEncoder;
import org.fenlei.train.TrainingConfig;
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
 * The tiny exported encoder fine-tuned on a task its words decide: it must learn it, and its model file must stand
 * alone (the ONNX file deleted) and predict the same after a load.
 */
class EncoderFineTuningTest {
    @TempDir
    Path dir;

    private static Path write(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        String[] animals = {"cat", "mat", "cat sat"};
        String[] games = {"playing", "played", "play"};
        String[] filler = {"the", "on", "!", "?", "中国", "unbelievable"};
        List<String> lines = new ArrayList<>(List.of("label,text"));
        for (int i = 0; i < rows; i++) {
            boolean animal = random.nextBoolean();
            String key = (animal ? animals : games)[random.nextInt(3)];
            String text = filler[random.nextInt(filler.length)] + " " + key + " " + filler[random.nextInt(
                    filler.length)];
            lines.add((animal ? "animal" : "game") + "," + text);
        }
        return Files.write(file, lines);
    }

    @Test
    void learnsAndItsModelFileStandsAlone() throws Exception {
        Path onnx = TinyBert.write(dir);
        PretrainedEncoder encoder = Encoders.load(onnx.toString());
        Files.delete(onnx);
        TextClassifier model = TextClassifier.builder().model("encoder").encoder(encoder)
                .training(TrainingConfig.defaults().withEpochs(20).withThreads(2).withOptimizer("adamw", 1e-2f))
                .train(write(dir.resolve("train.csv"), 400, 1), write(dir.resolve("test.csv"), 100, 2));
        double accuracy = model.provenance().metrics().classification().accuracy();
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy);
        assertTrue(model.card().network().startsWith("encoder tiny: 2 layers x 8, 2 heads"),
                model.card().network());
        Path file = dir.resolve("model.fenlei");
        model.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        for (String text : List.of("the cat sat", "playing on", "中国 mat !", "zebra")) {
            assertEquals(model.predict(text, 2), loaded.predict(text, 2), text);
        }
    }

    @Test
    void theEncoderKindNeedsAnEncoderAndAnEncoderNeedsItsKind() throws Exception {
        Path data = write(dir.resolve("train.csv"), 20, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextClassifier.builder().model("encoder").train(data));
        assertTrue(e.getMessage().contains("needs a pretrained encoder"), e.getMessage());
        PretrainedEncoder encoder = Encoders.load(TinyBert.write(dir).toString());
        e = assertThrows(IllegalArgumentException.class,
                () -> TextClassifier.builder().model("origin").encoder(encoder).train(data));
        assertTrue(e.getMessage().contains("fine-tuned by the encoder model kind"), e.getMessage());
    }
}
