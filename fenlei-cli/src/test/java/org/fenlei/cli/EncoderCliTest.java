package org.fenlei.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fenlei.encoder.TinyBert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.fenlei.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train --encoder with the tiny exported encoder, and the encoder options' bad usage. */
class EncoderCliTest {
    @TempDir
    Path dir;

    private Path data() throws IOException {
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i % 2 == 0 ? "animal,the cat sat on the mat\n" : "game,playing played !\n");
        }
        return Files.writeString(dir.resolve("train.csv"), sb);
    }

    @Test
    void fineTunesAnEncoderFileAndTheModelPredictsAlone() throws IOException {
        Path onnx = TinyBert.write(dir);
        Path model = dir.resolve("m.fenlei");
        CliTest.Result r = run("train", data().toString(), "--encoder", onnx.toString(), "--epochs", "2", "-q", "-o",
                model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("trained on 48 documents (2 labels, vocabulary 22)"), r.out());
        Files.delete(onnx);
        CliTest.Result info = run("info", model.toString());
        assertTrue(info.out().contains("encoder tiny: 2 layers x 8, 2 heads, feed-forward 12, mean-pooled"),
                info.out());
        CliTest.Result predict = run("predict", model.toString(), "the cat");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().startsWith("animal") || predict.out().startsWith("game"), predict.out());
    }

    @Test
    void runtimeOnnxPredictsAndEvaluatesAsFenleisKernelsAndOnlyForEncoders() throws IOException {
        Path onnx = TinyBert.write(dir);
        Path model = dir.resolve("m.fenlei");
        String data = data().toString();
        assertEquals(0, run("train", data, "--encoder", onnx.toString(), "--epochs", "2", "-q", "-o",
                model.toString()).code());
        CliTest.Result own = run("predict", model.toString(), "the cat", "playing !", "-k", "2", "--json");
        CliTest.Result ort = run("predict", model.toString(), "the cat", "playing !", "-k", "2", "--json",
                "--runtime", "onnx");
        assertEquals(0, ort.code(), ort.err());
        List<JsonNode> mine = lines(own.out());
        List<JsonNode> theirs = lines(ort.out());
        assertEquals(2, theirs.size(), ort.out());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                JsonNode a = mine.get(i).path("top").get(j);
                JsonNode b = theirs.get(i).path("top").get(j);
                assertEquals(a.path("label").asText(), b.path("label").asText());
                assertEquals(a.path("probability").asDouble(), b.path("probability").asDouble(), 1e-5);
            }
        }
        CliTest.Result eval = run("eval", model.toString(), data, "--runtime", "onnx");
        assertEquals(0, eval.code(), eval.err());
        String accuracy = run("eval", model.toString(), data).out().lines().filter(l -> l.startsWith("accuracy"))
                .findFirst().orElseThrow();
        assertTrue(eval.out().contains(accuracy), eval.out());
        CliTest.Result bad = run("predict", model.toString(), "the cat", "--runtime", "gpu");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--runtime must be fenlei or onnx, was gpu"), bad.err());
        System.setProperty("fenlei.cache", dir.resolve("cache").toString());
        try {
            CliTest.Result distilled = run("distill", model.toString(), data, "--teacher-runtime", "onnx", "-o",
                    dir.resolve("student.fenlei").toString());
            assertEquals(0, distilled.code(), distilled.err());
            assertTrue(distilled.err().contains("teacher m.fenlei: 48 texts labelled"), distilled.err());
        } finally {
            System.clearProperty("fenlei.cache");
        }
        Path bag = dir.resolve("bag.fenlei");
        assertEquals(0, run("train", data, "--model", "fasttext", "-q", "-o", bag.toString()).code());
        CliTest.Result refused = run("eval", bag.toString(), data, "--runtime", "onnx");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("--runtime onnx: ONNX Runtime runs fine-tuned encoder models only (trained "
                + "with --encoder); "
                + bag + " is a fasttext model"), refused.err());
        CliTest.Result served = run("serve", bag.toString(), "--port", "0", "--runtime", "onnx");
        assertEquals(1, served.code());
        assertTrue(served.err().startsWith("fenlei: error: cannot serve model 'bag': --runtime onnx: ONNX Runtime "
                + "runs fine-tuned encoder models only"), served.err());
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            nodes.add(new ObjectMapper().readTree(line));
        }
        return nodes;
    }

    @Test
    void layerWiseDecayTrainsAnEncoderAndIsRefusedElsewhere() throws IOException {
        Path onnx = TinyBert.write(dir);
        Path model = dir.resolve("decayed.fenlei");
        String data = data().toString();
        CliTest.Result r = run("train", data, "--encoder", onnx.toString(), "--epochs", "2", "--layer-decay", "0.8",
                "-q", "-o", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(run("info", model.toString()).out().contains("layerDecay=0.8"));
        CliTest.Result linear = run("train", data, "--model", "linear", "--layer-decay", "0.8", "-q");
        assertEquals(2, linear.code());
        assertTrue(linear.err().contains("--layer-decay is for --model encoder or transformer, not --model linear"),
                linear.err());
        CliTest.Result range = run("train", data, "--encoder", onnx.toString(), "--layer-decay", "1.5", "-q");
        assertEquals(2, range.code());
        assertTrue(range.err().contains("--layer-decay must be in (0, 1], was 1.5"), range.err());
    }

    @Test
    void aCheckpointOfAFineTunedEncoderResumesWithoutTheEncoderFile() throws IOException {
        Path onnx = TinyBert.write(dir);
        Path checkpoints = dir.resolve("checkpoints");
        String data = data().toString();
        CliTest.Result r = run("train", data, "--encoder", onnx.toString(), "--epochs", "2", "--checkpoints",
                checkpoints.toString(), "-q", "-o", dir.resolve("first.fenlei").toString());
        assertEquals(0, r.code(), r.err());
        Files.delete(onnx);
        Path resumed = dir.resolve("resumed.fenlei");
        CliTest.Result again = run("train", data, "--resume", checkpoints.resolve("epoch-1.fenlei").toString(),
                "--epochs", "1", "-q", "-o", resumed.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(run("info", resumed.toString()).out().contains("encoder tiny: 2 layers x 8"));
    }

    @Test
    void quantizeStoresAnEncodersMatricesInHalfFloatsOrBytes() throws IOException {
        Path onnx = TinyBert.write(dir);
        Path model = dir.resolve("m.fenlei");
        String data = data().toString();
        assertEquals(0, run("train", data, "--encoder", onnx.toString(), "--epochs", "40", "--lr", "0.01", "-q",
                "-o", model.toString()).code());
        // the tiny model's file is mostly vocabulary, configuration and history: its weights are about 5 kB
        long previous = Files.size(model);
        for (String weights : new String[] {"fp16", "int8"}) {
            Path small = dir.resolve(weights + ".fenlei");
            CliTest.Result q = run("quantize", model.toString(), "-o", small.toString(), "--weights", weights,
                    "--test", data);
            assertEquals(0, q.code(), q.err());
            assertTrue(q.out().contains("score on " + data + ": 1.0000 -> 1.0000"), q.out());
            // half floats save 2 of 4 bytes a value; bytes save 1 more but pay a scale on every (here 8-value) row
            assertTrue(Files.size(small) < previous - (weights.equals("fp16") ? 1500 : 500), weights + ": "
                    + Files.size(small) + " after " + previous);
            previous = Files.size(small);
            for (String text : new String[] {"the cat", "playing"}) {
                assertEquals(run("predict", model.toString(), text).out().split("\t")[0],
                        run("predict", small.toString(), text).out().split("\t")[0], weights + ": " + text);
            }
        }
        CliTest.Result both = run("quantize", model.toString(), "-o", dir.resolve("x.fenlei").toString(),
                "--weights", "fp16", "--cutoff", "10");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--weights stores every matrix in fewer bits; it takes no --cutoff"),
                both.err());
        CliTest.Result bad = run("quantize", model.toString(), "-o", dir.resolve("x.fenlei").toString(),
                "--weights", "int4");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--weights must be fp16 or int8, was int4"), bad.err());
    }

    @Test
    void aFrozenEncoderTrainsItsOutputLayerFromCachedVectors() throws Throwable {
        Path onnx = TinyBert.write(dir);
        Path cache = dir.resolve("cache");
        String data = data().toString();
        Path model = dir.resolve("frozen.fenlei");
        withCache(cache, () -> {
            CliTest.Result r = run("train", data, "--encoder", onnx.toString(), "--freeze-encoder", "-o",
                    model.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("frozen encoder: 48 texts encoded"), r.err());
            assertTrue(run("info", model.toString()).out().contains("mean-pooled, frozen"));
            // a second run reads every text from the cache
            CliTest.Result again = run("train", data, "--encoder", onnx.toString(), "--freeze-encoder", "--seed", "2",
                    "-o", dir.resolve("again.fenlei").toString());
            assertEquals(0, again.code(), again.err());
            assertTrue(again.err().contains("frozen encoder: 0 texts encoded"), again.err());
            assertTrue(again.err().contains("48 read from " + cache), again.err());
        });
    }

    @Test
    void aFusedModelReadsCachedVectorsBesideWordsAndCannotExplain() throws Throwable {
        Path onnx = TinyBert.write(dir);
        Path cache = dir.resolve("cache");
        String data = data().toString();
        Path model = dir.resolve("fused.fenlei");
        withCache(cache, () -> {
            CliTest.Result r = run("train", data, "--encoder", onnx.toString(), "--fuse", "-o", model.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("linear solver: "), r.err());
            assertTrue(r.err().contains("frozen encoder: 48 texts encoded"), r.err());
            assertTrue(r.err().contains("fused head: encoder block weight "), r.err());
            assertTrue(run("info", model.toString()).out().contains("fused: encoder tiny (2 layers x 8, mean-pooled, "
                    + "frozen) beside words, linear head "));
            CliTest.Result predicted = run("predict", model.toString(), "the cat sat");
            assertEquals(0, predicted.code(), predicted.err());
            CliTest.Result explained = run("predict", model.toString(), "--explain", "3", "the cat sat");
            assertEquals(1, explained.code());
            assertTrue(explained.err().contains("--explain: " + model + " cannot explain its predictions"),
                    explained.err());
            CliTest.Result again = run("train", data, "--encoder", onnx.toString(), "--fuse", "-o",
                    dir.resolve("again.fenlei").toString());
            assertEquals(0, again.code(), again.err());
            assertTrue(again.err().contains("frozen encoder: 0 texts encoded"), again.err());
        });
    }

    /** Runs {@code body} with the vector cache in {@code cache} (the fenlei.cache property), cleared after. */
    private static void withCache(Path cache, Executable body) throws Throwable {
        System.setProperty("fenlei.cache", cache.toString());
        try {
            body.execute();
        } finally {
            System.clearProperty("fenlei.cache");
        }
    }

    @Test
    void encoderOptionsOutOfPlaceAreBadUsage() throws IOException {
        String data = data().toString();
        Path onnx = TinyBert.write(dir);
        CliTest.Result noEncoder = run("train", data, "--model", "encoder", "-q");
        assertEquals(2, noEncoder.code());
        assertTrue(noEncoder.err().contains("--model encoder needs --encoder minilm, bge-small-en, bge-small-zh or "
                + "PATH.onnx"), noEncoder.err());
        CliTest.Result other = run("train", data, "--encoder", onnx.toString(), "--model", "cnn", "-q");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("--encoder is fine-tuned by --model encoder (or fused with words by --fuse), "
                + "not --model cnn"), other.err());
        CliTest.Result fuseAlone = run("train", data, "--fuse", "-q");
        assertEquals(2, fuseAlone.code());
        assertTrue(fuseAlone.err().contains("--fuse needs --encoder minilm, bge-small-en, bge-small-zh or PATH.onnx"),
                fuseAlone.err());
        CliTest.Result fuseOther = run("train", data, "--encoder", onnx.toString(), "--fuse", "--model", "linear",
                "-q");
        assertEquals(2, fuseOther.code());
        assertTrue(fuseOther.err().contains("--fuse makes a fused model: it takes no --model linear"),
                fuseOther.err());
        CliTest.Result pooling = run("train", data, "--encoder", onnx.toString(), "--pooling", "max", "-q");
        assertEquals(2, pooling.code());
        assertTrue(pooling.err().contains("--pooling must be mean or cls, was max"), pooling.err());
        CliTest.Result poolingAlone = run("train", data, "--pooling", "cls", "-q");
        assertEquals(2, poolingAlone.code());
        assertTrue(poolingAlone.err().contains("--pooling is for --model encoder with --encoder"),
                poolingAlone.err());
    }

    @Test
    void aMissingEncoderFileFailsNamingIt() throws IOException {
        Path model = dir.resolve("never.fenlei");
        CliTest.Result r = run("train", data().toString(), "--encoder", dir.resolve("gone.onnx").toString(), "-q",
                "-o", model.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("gone.onnx: no such ONNX file"), r.err());
        assertFalse(Files.exists(model));
    }
}
