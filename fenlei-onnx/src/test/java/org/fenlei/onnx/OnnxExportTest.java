package org.fenlei.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.fenlei.ClassifierBuilder;
import org.fenlei.Prediction;
import org.fenlei.ScoredLabel;
import org.fenlei.TextClassifier;
import org.fenlei.model.ModelFile;
import org.fenlei.model.NetworkConfig;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every exportable model kind, run by ONNX Runtime, gives Fenlei's probabilities to 1e-5. */
class OnnxExportTest {
    private static final String[][] WORDS = {
            {"great", "wonderful", "superb", "loved", "brilliant", "moving"},
            {"awful", "boring", "terrible", "hated", "dull", "waste"},
            {"goal", "match", "striker", "league", "coach", "penalty"},
    };
    private static final String[] NOISE = {"the", "a", "film", "it", "was", "and", "this", "story", "of", "to"};

    @TempDir
    Path dir;

    private static List<String> texts(int n, int classes, long seed, List<String> labels) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            StringBuilder sb = new StringBuilder();
            for (int j = 0, length = 3 + random.nextInt(9); j < length; j++) {
                String[] pool = random.nextInt(3) == 0 ? WORDS[c] : NOISE;
                sb.append(j == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
            }
            out.add(sb.toString());
            labels.add(new String[] {"pos", "neg", "sport"}[c]);
        }
        return out;
    }

    private Path data(int classes) throws IOException {
        List<String> labels = new ArrayList<>();
        List<String> texts = texts(600, classes, 3, labels);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < texts.size(); i++) {
            sb.append(labels.get(i)).append(',').append(texts.get(i)).append('\n');
        }
        return Files.writeString(dir.resolve("d" + classes + ".csv"), sb);
    }

    private TextClassifier train(String kind, int classes) throws IOException {
        ClassifierBuilder b = TextClassifier.builder();
        TrainingConfig adam = TrainingConfig.defaults().withEpochs(6).withThreads(1).withOptimizer("adam", 1e-2f)
                .withValidation(0.1, 0);
        b = switch (kind) {
            case "fasttext" -> b.features(FeatureConfig.defaults().withWordNgrams(2).withBuckets(5_000)
                            .withCharNgrams(2, 4).withEndOfText(true))
                    .network(new NetworkConfig(NetworkConfig.FASTTEXT, 8, 0, 0f, 0f))
                    .training(TrainingConfig.defaults().withEpochs(8).withOptimizer(TrainingConfig.HOGWILD, 0.5f)
                            .withThreads(1));
            case "fasttext-ns" -> b.features(FeatureConfig.defaults().withWordNgrams(2).withBuckets(5_000))
                    .network(new NetworkConfig(NetworkConfig.FASTTEXT, 8, 0, 0f, 0f))
                    .training(TrainingConfig.defaults().withEpochs(8).withOptimizer(TrainingConfig.HOGWILD, 0.5f)
                            .withThreads(1).withLoss(TrainingConfig.NEGATIVE_SAMPLING, 2));
            case "linear" -> b.network(new NetworkConfig(NetworkConfig.LINEAR, 1, 0, 0f, 0f))
                    .features(FeatureConfig.defaults().withWordNgrams(2).withVocabulary(Integer.MAX_VALUE, 1))
                    .training(TrainingConfig.defaults().withOptimizer("tfidf-lr", 0.1f));
            case "nbsvm" -> b.network(new NetworkConfig(NetworkConfig.LINEAR, 1, 0, 0f, 0f))
                    .features(FeatureConfig.defaults().withWordNgrams(2).withVocabulary(Integer.MAX_VALUE, 1))
                    .training(TrainingConfig.defaults().withOptimizer("nbsvm", 0.1f));
            case "cnn" -> b.network(new NetworkConfig(NetworkConfig.CNN, 8, 4, 0f, 0f)).training(adam);
            default -> b.network(new NetworkConfig(NetworkConfig.ORIGIN, 8, 8, 0f, 0f)).training(adam);
        };
        return b.train(data(classes));
    }

    /** Runs the exported graph on {@code texts} (one batch) and returns its probabilities. */
    static float[][] run(Path onnx, TextClassifier model, Path file, List<String> texts) throws OrtException,
            IOException {
        var contents = ModelFile.read(file);
        Vocabulary vocabulary = new Vocabulary(contents.vocabulary());
        TextAnalyzer analyzer = new TextAnalyzer(contents.config().features(), vocabulary);
        IntList ids = new IntList();
        long[] offsets = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            offsets[i] = ids.size();
            analyzer.encode(texts.get(i), vocabulary, ids);
        }
        long[] flat = new long[ids.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = ids.get(i);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        try (OrtSession session = env.createSession(onnx.toString(), options);
             OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(flat), new long[] {flat.length});
             OnnxTensor offsetTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(offsets),
                     new long[] {offsets.length});
             OrtSession.Result result = session.run(Map.of("ids", idTensor, "offsets", offsetTensor))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"origin", "fasttext", "fasttext-ns", "linear", "nbsvm", "cnn"})
    void onnxRuntimeGivesFenleisProbabilities(String kind) throws Exception {
        for (int classes : new int[] {2, 3}) {
            TextClassifier model = train(kind, classes);
            Path file = dir.resolve(kind + classes + ".fenlei");
            model.save(file);
            Path onnx = dir.resolve(kind + classes + ".onnx");
            Path json = dir.resolve(kind + classes + ".json");
            OnnxExport.write(file, onnx, json);
            List<String> texts = new ArrayList<>(texts(120, classes, 9, new ArrayList<>()));
            texts.add(5, "");
            texts.add("an unknown zebra");
            // texts as long as reviews, then very long ones: ONNX Runtime splits large operations over its threads
            // (a scatter-add lost sums so); over thousands of tokens Fenlei's float sums drift from the graph's
            // double ones by more than 1e-5, so those get 1e-3, which a lost sum exceeds by far
            for (String text : texts(40, classes, 10, new ArrayList<>())) {
                texts.add((text + " ").repeat(30).strip());
            }
            int veryLong = texts.size();
            for (String text : texts(40, classes, 11, new ArrayList<>())) {
                texts.add((text + " ").repeat(400).strip());
            }
            float[][] p = run(onnx, model, file, texts);
            assertEquals(texts.size(), p.length);
            double worst = 0;
            double worstLong = 0;
            for (int i = 0; i < texts.size(); i++) {
                Prediction expected = model.predict(texts.get(i), classes);
                for (ScoredLabel s : expected.top()) {
                    double difference = Math.abs(p[i][model.labels().indexOf(s.label())] - s.probability());
                    if (i < veryLong) {
                        worst = Math.max(worst, difference);
                    } else {
                        worstLong = Math.max(worstLong, difference);
                    }
                }
            }
            assertTrue(worstLong < 1e-3, kind + " with " + classes + " classes, texts of thousands of tokens: "
                    + worstLong);
            System.out.printf(java.util.Locale.ROOT, "ONNX export parity, %s, %d classes: largest difference %.2e%n",
                    kind, classes, worst);
            assertTrue(worst < 1e-5, kind + " with " + classes + " classes: largest difference " + worst);
            String sidecar = Files.readString(json);
            assertTrue(sidecar.contains("\"labels\"") && sidecar.contains("\"vocabulary\"")
                    && sidecar.contains("\"preprocess\""), sidecar);
        }
    }

    @Test
    void modelsThatDoNotExportSaySo() throws IOException {
        TextClassifier model = TextClassifier.builder().network(new NetworkConfig(NetworkConfig.GRU, 8, 8, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(1).withThreads(1).withOptimizer("adam", 1e-2f))
                .train(data(2));
        Path file = dir.resolve("gru.fenlei");
        model.save(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(file, dir.resolve("g.onnx"), dir.resolve("g.json")));
        assertTrue(e.getMessage().contains("the gru model does not export"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("g.onnx")), "nothing written");
    }
}
