package org.fenlei.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The single-file model format, version 1. Big-endian:
 * <pre>
 *   magic       8 bytes  0x89 'F' 'N' 'L' '\r' '\n' 0x1A '\n'  (PNG's trick: catches text-mode mangling)
 *   version     int32    1
 *   length      int64    total file length, to tell truncation from corruption
 *   config      string   ModelConfig as JSON
 *   labels      int32 n, n strings
 *   vocabulary  int32 n, n strings
 *   weights     int32 n, n x (string name, int32 rows, int32 cols, rows*cols float32)
 *   provenance  string   Provenance as JSON
 *   checksum    int64    CRC-32C of every byte before it
 * </pre>
 * A string is int32 byte length + UTF-8 bytes. Files are written to a temporary sibling and renamed into place,
 * so a crash never leaves a half-written model where a good one was.
 */
public final class ModelFile {
    public static final int FORMAT_VERSION = 1;
    static final byte[] MAGIC = {(byte) 0x89, 'F', 'N', 'L', '\r', '\n', 0x1A, '\n'};
    private static final int HEADER = MAGIC.length + 4 + 8;
    /** fastText's .bin/.ftz files start with the int32 793712314, little-endian. */
    private static final int FASTTEXT_MAGIC = 793712314;

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelFile() {
    }

    public static void write(Path path, ModelContents model) throws IOException {
        AtomicFile.write(path, encode(model));
    }

    static byte[] encode(ModelContents model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(0);
            writeString(out, JSON.writeValueAsString(model.config()));
            writeStrings(out, model.labels());
            writeStrings(out, model.vocabulary());
            out.writeInt(model.weights().size());
            for (ModelContents.Tensor t : model.weights()) {
                writeString(out, t.name());
                out.writeInt(t.rows());
                out.writeInt(t.cols());
                ByteBuffer buf = ByteBuffer.allocate(t.values().length * 4).order(ByteOrder.BIG_ENDIAN);
                buf.asFloatBuffer().put(t.values());
                out.write(buf.array());
            }
            writeString(out, JSON.writeValueAsString(model.provenance()));
        }
        byte[] body = bytes.toByteArray();
        byte[] all = new byte[body.length + 8];
        System.arraycopy(body, 0, all, 0, body.length);
        ByteBuffer.wrap(all).putLong(MAGIC.length + 4, all.length);
        CRC32C crc = new CRC32C();
        crc.update(all, 0, body.length);
        ByteBuffer.wrap(all).putLong(body.length, crc.getValue());
        return all;
    }

    public static ModelContents read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "model file not found");
        }
        return decode(bytes, path.toString());
    }

    static ModelContents decode(byte[] bytes, String source) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < MAGIC.length || !startsWithMagic(bytes)) {
            if (bytes.length >= 4 && ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt() == FASTTEXT_MAGIC) {
                throw new ModelFormatException(source + ": this is a fastText model, not a Fenlei model; "
                        + "`fenlei predict` and `fenlei info` read it (in Java: Classifier.load)");
            }
            throw new ModelFormatException(source + ": not a Fenlei model file (wrong magic bytes)");
        }
        if (bytes.length < HEADER) {
            throw new ModelFormatException(source + ": truncated model file (" + bytes.length + " bytes)");
        }
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version > FORMAT_VERSION || version < 1) {
            throw new ModelFormatException(source + ": model format version " + version + " is newer than this "
                    + "Fenlei reads (up to " + FORMAT_VERSION + "); upgrade Fenlei to load it");
        }
        long length = buf.getLong();
        if (length > bytes.length) {
            throw new ModelFormatException(source + ": truncated model file: " + bytes.length + " of " + length
                    + " bytes; copy it again");
        }
        if (length != bytes.length || length < HEADER + 8) {
            throw new ModelFormatException(source + ": corrupted model file: length field says " + length
                    + " bytes, file has " + bytes.length);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(bytes).getLong(bytes.length - 8)) {
            throw new ModelFormatException(source + ": corrupted model file: checksum mismatch");
        }
        try {
            ModelConfig config = JSON.readValue(readString(buf), ModelConfig.class);
            List<String> labels = readStrings(buf);
            List<String> vocabulary = readStrings(buf);
            int n = buf.getInt();
            List<ModelContents.Tensor> weights = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = readString(buf);
                int rows = buf.getInt();
                int cols = buf.getInt();
                float[] values = new float[Math.multiplyExact(rows, cols)];
                buf.asFloatBuffer().get(values);
                buf.position(buf.position() + values.length * 4);
                weights.add(new ModelContents.Tensor(name, rows, cols, values));
            }
            Provenance provenance = JSON.readValue(readString(buf), Provenance.class);
            return new ModelContents(config, labels, vocabulary, weights, provenance);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(source + ": unreadable model file: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(out, s);
        }
    }

    private static String readString(ByteBuffer buf) {
        int n = buf.getInt();
        if (n < 0 || n > buf.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] b = new byte[n];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static List<String> readStrings(ByteBuffer buf) {
        int n = buf.getInt();
        if (n < 0 || n > buf.remaining() / 4) {
            throw new BufferUnderflowException();
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readString(buf));
        }
        return out;
    }
}
