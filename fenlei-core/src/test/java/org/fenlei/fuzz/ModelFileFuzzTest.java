package org.fenlei.fuzz;

import org.fenlei.Classifier;
import org.fenlei.Prediction;
import org.fenlei.TextClassifier;
import org.fenlei.model.ModelFormatException;
import org.fenlei.model.NetworkConfig;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes model loading with damaged model files: an origin model, a fastText-class model with hashed bigrams,
 * and its product-quantised copy. Some damaged files have their length field and checksum mended afterwards, so
 * that the damage reaches the parser behind those checks. Property: a file either loads and predicts, or is
 * refused with a {@link ModelFormatException} that names it and says why; nothing else is thrown.
 */
class ModelFileFuzzTest {
    private static final int LENGTH_AT = 12;
    private static Path dir;
    private static List<byte[]> models;
    private static long files;

    @BeforeAll
    static void train() throws IOException {
        dir = Files.createTempDirectory("fenlei-model-fuzz");
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 120; i++) {
            sb.append(i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c").append(",word").append(i % 3).append(" shared w")
                    .append(i % 7).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.csv"), sb);
        TrainingConfig quick = TrainingConfig.defaults().withEpochs(2).withThreads(1);
        // a fixed time stamp makes the files, and so each input of a seed, the same in every run
        Instant stamp = Instant.parse("2026-12-01T00:00:00Z");
        TextClassifier origin = TextClassifier.builder().training(quick).reproducibleAt(stamp).train(data);
        TextClassifier fastText = TextClassifier.builder().reproducibleAt(stamp)
                .network(new NetworkConfig(NetworkConfig.FASTTEXT, 8, 0, 0f, 0f))
                .features(FeatureConfig.defaults().withWordNgrams(2).withBuckets(1000))
                .training(quick.withOptimizer(TrainingConfig.HOGWILD, 0.5f)).train(data);
        models = List.of(bytes(origin), bytes(fastText), bytes(fastText.quantize(0, 2)));
    }

    private static byte[] bytes(TextClassifier model) throws IOException {
        Path p = dir.resolve("m" + (files++) + ".fenlei");
        model.save(p);
        return Files.readAllBytes(p);
    }

    @AfterAll
    static void removeDir() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Sets the length field and the trailing CRC-32C to what the damaged bytes need to pass both checks. */
    private static byte[] mended(byte[] b) {
        if (b.length < LENGTH_AT + 8 + 8) {
            return b;
        }
        byte[] out = b.clone();
        ByteBuffer buffer = ByteBuffer.wrap(out);
        buffer.putLong(LENGTH_AT, out.length);
        CRC32C crc = new CRC32C();
        crc.update(out, 0, out.length - 8);
        buffer.putLong(out.length - 8, crc.getValue());
        return out;
    }

    @Test
    void damagedModelFiles() {
        Fuzz.run("model file", Fuzz.tries(10_000), r -> {
            byte[] damaged = Mutation.applyAll(models.get(r.nextInt(models.size())), Mutation.some(r, 1, 3));
            Path p = Files.write(dir.resolve("fuzz" + (files++) + ".fenlei"), r.nextBoolean() ? mended(damaged)
                    : damaged);
            try {
                Classifier model = Classifier.load(p);
                Prediction prediction = model.predict("word1 shared w3", model.labels().size());
                assertNotNull(prediction);
                return Fuzz.Outcome.ACCEPTED;
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
                // an exception without a message once made "unreadable model file: null"; a damaged tensor name
                // may itself read "null}", so only the message's end tells
                assertFalse(e.getMessage().endsWith(": null"), e.getMessage());
                return Fuzz.Outcome.REFUSED;
            } finally {
                Files.delete(p);
            }
        });
    }
}
