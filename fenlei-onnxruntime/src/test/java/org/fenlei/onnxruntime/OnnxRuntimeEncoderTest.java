package org.fenlei.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.fenlei.Prediction;
import org.fenlei.ScoredLabel;
import org.fenlei.TextClassifier;
import org.fenlei.data.ReadOptions;
import org.fenlei.encoder.Encoders;
import org.fenlei.encoder.TinyBert;
import org.fenlei.eval.Evaluation;
import org.fenlei.model.EncoderShape;
import org.fenlei.onnx.OnnxExport;
import org.fenlei.text.IntList;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fine-tuned tiny encoder predicted by ONNX Runtime gives Fenlei's probabilities, one text at a time and in
 * batches of mixed lengths (padding, texts cut at the position table), with mean and [CLS] pooling, two and three
 * labels; its exported file gives them to a plain ONNX Runtime caller; other models are refused, saying why.
 */
class OnnxRuntimeEncoderTest {
    private static final String[] ANIMALS = {"cat", "mat", "cat sat"};
    private static final String[] GAMES = {"playing", "played", "play"};
    private static final String[] PLACES = {"中国", "cafe"};
    private static final String[] FILLER = {"the", "on", "!", "?", "unbelievable"};
    private static final List<String> TEXTS = List.of("the cat sat", "playing on", "中国 mat !", "zebra", "",
            "the cat sat on the mat , the cat played on the mat and the cat sat on the cafe mat again ! ?",
            "cafe cafe", "unbelievable", "play the cat");

    @TempDir
    Path dir;

    private static Path write(Path file, int rows, int classes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        String[][] keys = {ANIMALS, GAMES, PLACES};
        String[] labels = {"animal", "game", "place"};
        List<String> lines = new ArrayList<>(List.of("label,text"));
        for (int i = 0; i < rows; i++) {
            int c = random.nextInt(classes);
            String text = FILLER[random.nextInt(FILLER.length)] + " " + keys[c][random.nextInt(keys[c].length)]
                    + " " + FILLER[random.nextInt(FILLER.length)];
            lines.add(labels[c] + "," + text);
        }
        return Files.write(file, lines);
    }

    private TextClassifier fineTuned(String pooling, int classes) throws IOException {
        Path onnx = TinyBert.write(dir);
        return TextClassifier.builder().model("encoder").encoder(Encoders.load(onnx.toString(), pooling))
                .training(TrainingConfig.defaults().withEpochs(4).withThreads(2).withOptimizer("adamw", 1e-2f))
                .train(write(dir.resolve("train.csv"), 200, classes, 1));
    }

    private static void assertSame(Prediction expected, Prediction actual, String text) {
        assertEquals(expected.label(), actual.label(), text);
        assertEquals(expected.top().size(), actual.top().size(), text);
        for (int i = 0; i < expected.top().size(); i++) {
            ScoredLabel e = expected.top().get(i);
            ScoredLabel a = actual.top().get(i);
            assertEquals(e.label(), a.label(), text);
            assertEquals(e.probability(), a.probability(), 1e-5, text);
        }
    }

    @ParameterizedTest
    @CsvSource({"mean, 2", "cls, 2", "mean, 3", "cls, 3"})
    void predictsAsFenleisKernels(String pooling, int classes) throws Exception {
        TextClassifier model = fineTuned(pooling, classes);
        TextClassifier onnx = OnnxRuntimeEncoder.on(model, "tiny");
        for (String text : TEXTS) {
            assertSame(model.predict(text, 3), onnx.predict(text, 3), text);
        }
        // one batch of every length at once: padding must change nothing
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(TEXTS.get(i % TEXTS.size()) + " cat".repeat(i % 5));
        }
        List<Prediction> expected = model.predictAll(many, 2);
        List<Prediction> actual = onnx.predictAll(many, 2);
        for (int i = 0; i < many.size(); i++) {
            assertSame(expected.get(i), actual.get(i), many.get(i));
        }
        Path test = write(dir.resolve("test.csv"), 80, classes, 2);
        Evaluation mine = model.evaluate(test, ReadOptions.labeled());
        Evaluation theirs = onnx.evaluate(test, ReadOptions.labeled());
        assertEquals(mine.classification().accuracy(), theirs.classification().accuracy());
        assertEquals(mine.classification().logLoss(), theirs.classification().logLoss(), 1e-5);
    }

    @Test
    void theExportedFileGivesTheModelsProbabilities() throws Exception {
        TextClassifier model = fineTuned(EncoderShape.MEAN, 3);
        Path onnx = dir.resolve("model.onnx");
        Path json = dir.resolve("model.json");
        Path saved = dir.resolve("model.fenlei");
        model.save(saved);
        OnnxExport.write(saved, onnx, json);
        assertTrue(Files.readString(json).contains("\"input_ids\""));
        List<String> texts = List.of("the cat sat", "playing on the mat !", "cafe");
        List<String> vocabulary = model.contents().vocabulary();
        int longest = 0;
        List<int[]> ids = new ArrayList<>();
        for (String text : texts) {
            IntList encoded = new IntList();
            for (String piece : model.features(text)) {
                encoded.add(vocabulary.indexOf(piece));
            }
            ids.add(encoded.toArray());
            longest = Math.max(longest, encoded.size());
        }
        long[] inputIds = new long[texts.size() * longest];
        long[] mask = new long[inputIds.length];
        for (int d = 0; d < texts.size(); d++) {
            for (int i = 0; i < ids.get(d).length; i++) {
                inputIds[d * longest + i] = ids.get(d)[i];
                mask[d * longest + i] = 1;
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {texts.size(), longest};
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(inputIds), shape);
             OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", m))) {
            float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
            for (int d = 0; d < texts.size(); d++) {
                Prediction p = model.predict(texts.get(d), 3);
                for (ScoredLabel s : p.top()) {
                    assertEquals(s.probability(), probabilities[d][model.labels().indexOf(s.label())], 1e-5,
                            texts.get(d));
                }
            }
        }
    }

    @Test
    void refusesModelsThatAreNotEncoders() throws Exception {
        TextClassifier linear = TextClassifier.builder().model("fasttext")
                .train(write(dir.resolve("train.csv"), 100, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxRuntimeEncoder.on(linear, "small.fenlei"));
        assertEquals("ONNX Runtime runs fine-tuned encoder models only (trained with --encoder); small.fenlei is a "
                + "fasttext model, which Fenlei's own kernels predict", e.getMessage());
    }
}
