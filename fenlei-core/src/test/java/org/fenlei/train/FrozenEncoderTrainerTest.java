package org.fenlei.train;

import org.fenlei.nn.BinaryCrossEntropy;
import org.fenlei.nn.Parameter;
import org.fenlei.nn.TransformerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output layer of a frozen encoder learns from cached vectors; the encoder does not move. */
class FrozenEncoderTrainerTest {
    @TempDir
    Path dir;

    @Test
    void learnsTheOutputLayerAloneAndEncodesEachTextOnce() {
        TransformerNetwork net = new TransformerNetwork(20, 16, 1, 2, 32, 16, 1, 0f, 5, true, false);
        List<Parameter> params = net.parameters();
        params.subList(0, params.size() - 2).forEach(Parameter::freeze);
        List<float[]> before = params.stream().map(p -> p.value().clone()).toList();
        SplittableRandom random = new SplittableRandom(1);
        List<int[]> docs = new ArrayList<>();
        float[] targets = new float[300];
        for (int i = 0; i < 300; i++) {
            int label = i % 2;
            int[] doc = new int[3 + random.nextInt(4)];
            for (int t = 0; t < doc.length; t++) {
                // class 0 draws words 1-9, class 1 words 10-19
                doc[t] = 1 + label * 9 + random.nextInt(9);
            }
            docs.add(doc);
            targets[i] = label;
        }
        EncodedDataset data = new EncodedDataset(docs, targets);
        List<String> messages = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onChoice(String description) {
                messages.add(description);
            }
        };
        TrainingConfig config = TrainingConfig.defaults().withEpochs(30).withThreads(2).withOptimizer("adam", 3e-2f);
        TrainingResult result = FrozenEncoderTrainer.train(net, new BinaryCrossEntropy(), data, null, config, listener,
                dir);
        double accuracy = result.history().get(result.history().size() - 1).trainAccuracy();
        assertTrue(accuracy >= 0.95, "training accuracy " + accuracy + ": " + result.history());
        for (int p = 0; p < params.size() - 2; p++) {
            assertArrayEquals(before.get(p), params.get(p).value(), params.get(p).name());
        }
        assertTrue(messages.get(0).startsWith("frozen encoder: 300 texts encoded"), messages.toString());
        // a second run (another head from the same start) reads every vector back
        FrozenEncoderTrainer.train(net, new BinaryCrossEntropy(), data, null, config, listener, dir);
        assertTrue(messages.get(1).startsWith("frozen encoder: 0 texts encoded"), messages.toString());
        assertTrue(messages.get(1).contains("300 read from " + dir), messages.toString());
        assertEquals(1, dir.toFile().list().length);
    }

    @Test
    void aDamagedCacheIsEncodedAgainAndReplaced() throws Exception {
        TransformerNetwork net = new TransformerNetwork(20, 16, 1, 2, 32, 16, 1, 0f, 5, true, false);
        EncodedDataset data = new EncodedDataset(List.of(new int[] {1, 2}, new int[] {11, 12}), new float[] {0, 1});
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1).withThreads(1);
        FrozenEncoderTrainer.train(net, new BinaryCrossEntropy(), data, null, config, TrainingListener.NONE, dir);
        Path file = Files.list(dir).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        List<String> messages = new ArrayList<>();
        FrozenEncoderTrainer.train(net, new BinaryCrossEntropy(), data, null, config, new TrainingListener() {
            @Override
            public void onChoice(String description) {
                messages.add(description);
            }
        }, dir);
        assertTrue(messages.get(0).startsWith("frozen encoder: 2 texts encoded"), messages.toString());
        assertEquals(bytes.length, Files.size(file));
    }
}
