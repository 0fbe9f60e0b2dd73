package org.fenlei.model;

import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void storesOnlyTheNonZeroRowsOfMostlyEmptyTables() throws IOException {
        float[] table = new float[1000 * 4];
        table[7 * 4 + 2] = 0.25f;
        table[999 * 4] = -1f;
        ModelContents sparse = new ModelContents(sample().config(), sample().labels(), sample().vocabulary(),
                List.of(new ModelContents.Tensor("embedding", 1000, 4, table),
                        new ModelContents.Tensor("w", 2, 2, new float[] {1, 0, 0, 0})), sample().provenance());
        Path p = dir.resolve("sparse.fenlei");
        ModelFile.write(p, sparse);
        ModelContents.Tensor back = ModelFile.read(p).weights().get(0);
        assertArrayEquals(new int[] {7, 999}, back.rowIds());
        assertArrayEquals(new float[] {0, 0, 0.25f, 0, -1, 0, 0, 0}, back.values());
        assertArrayEquals(table, back.denseValues());
        assertArrayEquals(new float[] {1, 0, 0, 0}, ModelFile.read(p).weights().get(1).denseValues());
        Path dense = dir.resolve("dense.fenlei");
        ModelFile.write(dense, sample());
        assertTrue(Files.size(p) < Files.size(dense) + 100, "two rows of 1000 stored: " + Files.size(p) + " bytes");
    }

    @Test
    void quantisedTablesKeepTheirCodesAndDecodeToTheSameValues() throws IOException {
        int n = 2000;
        float[] table = new float[n * 4];
        java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) random.nextGaussian();
        }
        ProductQuantization pq = ProductQuantization.train(table, n, 4, 2, 1);
        float[] decoded = pq.decode(pq.encode(table, n), n);
        ModelContents quantised = new ModelContents(sample().config(), sample().labels(), sample().vocabulary(),
                List.of(new ModelContents.Tensor("embedding", n, 4, decoded, null, pq)), sample().provenance());
        Path p = dir.resolve("q.fenlei");
        ModelFile.write(p, quantised);
        ModelContents.Tensor back = ModelFile.read(p).weights().get(0);
        assertArrayEquals(decoded, back.values());
        assertEquals(2, back.quantization().dsub());
        // 2 bytes a row instead of 16
        assertTrue(Files.size(p) < n * 2 + 256 * 4 * 4 + 2000, "quantised file of " + Files.size(p) + " bytes");
    }

    @Test
    void readsVersionOneFiles() throws IOException {
        // version 1 stored every row and had no stored-rows field
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.write(ModelFile.MAGIC);
        out.writeInt(1);
        out.writeLong(0);
        writeString(out, ModelFile.JSON.writeValueAsString(sample().config()));
        out.writeInt(2);
        writeString(out, "neg");
        writeString(out, "pos");
        out.writeInt(1);
        writeString(out, "good");
        out.writeInt(1);
        writeString(out, "w");
        out.writeInt(1);
        out.writeInt(2);
        out.writeFloat(0.5f);
        out.writeFloat(-3f);
        writeString(out, ModelFile.JSON.writeValueAsString(sample().provenance()));
        Path p = dir.resolve("v1.fenlei");
        Files.write(p, withLengthAndChecksum(body.toByteArray()));
        ModelContents back = ModelFile.read(p);
        assertEquals(List.of("good"), back.vocabulary());
        assertArrayEquals(new float[] {0.5f, -3f}, back.weights().get(0).values());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] withLengthAndChecksum(byte[] body) {
        byte[] all = Arrays.copyOf(body, body.length + 8);
        ByteBuffer.wrap(all).putLong(ModelFile.MAGIC.length + 4, all.length);
        CRC32C crc = new CRC32C();
        crc.update(all, 0, body.length);
        ByteBuffer.wrap(all).putLong(body.length, crc.getValue());
        return all;
    }

    private Path written() throws IOException {
        Path p = dir.resolve("m.fenlei");
        ModelFile.write(p, sample());
        return p;
    }

    @Test
    void refusesTruncatedFiles() throws IOException {
        Path p = written();
        byte[] bytes = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(bytes, bytes.length - 10));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }

    @Test
    void refusesCorruptedFiles() throws IOException {
        Path p = written();
        byte[] bytes = Files.readAllBytes(p);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(p, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void refusesForeignEmptyAndFastTextFiles() throws IOException {
        Path csv = Files.writeString(dir.resolve("data.csv"), "label,text\n");
        ModelFormatException foreign = assertThrows(ModelFormatException.class, () -> ModelFile.read(csv));
        assertTrue(foreign.getMessage().contains("not a Fenlei model file"), foreign.getMessage());
        Path empty = Files.write(dir.resolve("empty.fenlei"), new byte[0]);
        assertThrows(ModelFormatException.class, () -> ModelFile.read(empty));
        Path fastText = Files.write(dir.resolve("m.bin"),
                ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(793712314).array());
        ModelFormatException ft = assertThrows(ModelFormatException.class, () -> ModelFile.read(fastText));
        assertTrue(ft.getMessage().contains("fastText model"), ft.getMessage());
    }

    @Test
    void refusesNewerFormatVersions() throws IOException {
        Path p = written();
        byte[] bytes = Files.readAllBytes(p);
        ByteBuffer.wrap(bytes).putInt(ModelFile.MAGIC.length, ModelFile.FORMAT_VERSION + 1);
        Files.write(p, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("newer than this Fenlei reads"), e.getMessage());
    }
    @Test
    void versionsBelowOneAreInvalidNotNewer() throws IOException {
        for (int version : new int[] {0, -1}) {
            Path p = written();
            byte[] bytes = Files.readAllBytes(p);
            ByteBuffer.wrap(bytes).putInt(ModelFile.MAGIC.length, version);
            Files.write(p, bytes);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(p));
            assertTrue(e.getMessage().contains("invalid model format version " + version), e.getMessage());
        }
    }

    /** A cut file whose length field and checksum were mended afterwards passes both checks; parsing must say why. */
    @Test
    void cutFileWithMendedLengthAndChecksumNamesTheProblem() throws IOException {
        Path p = written();
        byte[] whole = Files.readAllBytes(p);
        for (int cut = 24; cut < whole.length - 8; cut += 3) {
            byte[] bytes = Arrays.copyOf(whole, cut + 8);
            ByteBuffer b = ByteBuffer.wrap(bytes);
            b.putLong(ModelFile.MAGIC.length + 4, bytes.length);
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, cut);
            b.putLong(cut, crc.getValue());
            Files.write(p, bytes);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(p),
                    "cut at " + cut);
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("null"), "cut at " + cut + ": " + e.getMessage());
        }
    }

    @Test
    void aDirectoryIsNotAModelFile() {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(dir));
        assertEquals(dir + ": is a directory, not a model file", e.getMessage());
    }
    /** Found by the long fuzz run: a mended size field made the reader allocate gigabytes before reading them. */
    @Test
    void aSizeFieldLargerThanTheFileIsRefusedBeforeAnythingIsAllocated() throws IOException {
        Path p = written();
        byte[] bytes = Files.readAllBytes(p);
        // the tensor "w": name length 1, 'w', rows 2, cols 2 (big-endian ints)
        byte[] header = {0, 0, 0, 1, 'w', 0, 0, 0, 2, 0, 0, 0, 2};
        int at = -1;
        for (int i = 0; i + header.length <= bytes.length && at < 0; i++) {
            if (Arrays.equals(bytes, i, i + header.length, header, 0, header.length)) {
                at = i;
            }
        }
        assertTrue(at > 0, "the tensor header is in the file");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        b.putInt(at + 9, 1 << 28);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        b.putLong(bytes.length - 8, crc.getValue());
        Files.write(p, bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(p));
        assertTrue(e.getMessage().contains("w needs 2147483648 bytes"), e.getMessage());
    }
}
