package org.fenlei.model;

import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    @TempDir
    Path dir;

    private static ModelContents sample() {
        ModelConfig config = new ModelConfig(Task.BINARY, FeatureConfig.defaults(), NetworkConfig.origin(),
                TrainingConfig.defaults());
        Provenance provenance = new Provenance("0.1.0", "17", "2026-01-01T00:00:00Z", null, null, 1, null,
                List.of(), 1, null);
        return new ModelContents(config, List.of("neg", "pos"), List.of("[UNK]", "good", "好"),
                List.of(new ModelContents.Tensor("w", 2, 2, new float[] {1, -2, 3.5f, 0})), provenance);
    }

    @Test
    void roundTripsEveryField() throws IOException {
        Path p = dir.resolve("m.fenlei");
        ModelFile.write(p, sample());
        ModelContents back = ModelFile.read(p);
        assertEquals(sample().config(), back.config());
        assertEquals(List.of("neg", "pos"), back.labels());
        assertEquals(List.of("[UNK]", "good", "好"), back.vocabulary());
        assertArrayEquals(new float[] {1, -2, 3.5f, 0}, back.weights().get(0).values());
        assertEquals("2026-01-01T00:00:00Z", back.provenance().createdAt());
    }

    @Test
    void overwritingLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("m.fenlei");
        ModelFile.write(p, sample());
        ModelFile.write(p, sample());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }

    @Test
    void refusesTruncatedFiles() throws IOException {
        byte[] bytes = ModelFile.encode(sample());
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.decode(Arrays.copyOf(bytes, bytes.length - 10), "m"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void refusesCorruptedFiles() throws IOException {
        byte[] bytes = ModelFile.encode(sample());
        bytes[bytes.length / 2] ^= 0x40;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.decode(bytes, "m"));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void refusesForeignAndFastTextFiles() {
        ModelFormatException foreign = assertThrows(ModelFormatException.class,
                () -> ModelFile.decode("label,text\n".getBytes(), "data.csv"));
        assertTrue(foreign.getMessage().contains("not a Fenlei model file"), foreign.getMessage());
        byte[] fastText = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(793712314).array();
        ModelFormatException ft = assertThrows(ModelFormatException.class, () -> ModelFile.decode(fastText, "m.bin"));
        assertTrue(ft.getMessage().contains("fastText model"), ft.getMessage());
    }

    @Test
    void refusesNewerFormatVersions() throws IOException {
        byte[] bytes = ModelFile.encode(sample());
        ByteBuffer.wrap(bytes).putInt(ModelFile.MAGIC.length, ModelFile.FORMAT_VERSION + 1);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.decode(bytes, "m"));
        assertTrue(e.getMessage().contains("newer than this Fenlei reads"), e.getMessage());
    }
}
