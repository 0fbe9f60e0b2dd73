package org.fenlei.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The single-file model format, version 2. Big-endian:
 * <pre>
 *   magic       8 bytes  0x89 'F' 'N' 'L' '\r' '\n' 0x1A '\n'  (PNG's trick: catches text-mode mangling)
 *   version     int32    2
 *   length      int64    total file length, to tell truncation from corruption
 *   config      string   ModelConfig as JSON
 *   labels      int32 n, n strings
 *   vocabulary  int32 n, n strings
 *   weights     int32 n, n x tensor
 *   provenance  string   Provenance as JSON
 *   checksum    int64    CRC-32C of every byte before it
 * </pre>
 * A string is int32 byte length + UTF-8 bytes. A tensor is string name, int32 rows, int32 cols, int32 stored rows,
 * then either every row (stored = rows: rows*cols float32) or only the rows that are not all zero, each as int32
 * row index + cols float32: a fastText-class model hashes n-grams into millions of buckets and training reaches
 * few of them. Version 1 files (no stored-rows field, every row stored) are read too.
 * <p>Files are streamed, never held whole in memory, written to a temporary sibling and renamed into place, so
 * a crash never leaves a half-written model where a good one was.
 */
public final class ModelFile {
    public static final int FORMAT_VERSION = 2;
    static final byte[] MAGIC = {(byte) 0x89, 'F', 'N', 'L', '\r', '\n', 0x1A, '\n'};
    private static final int HEADER = MAGIC.length + 4 + 8;
    private static final int CHUNK = 1 << 20;
    /** fastText's .bin/.ftz files start with the int32 793712314, little-endian. */
    private static final int FASTTEXT_MAGIC = 793712314;

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelFile() {
    }

    /** Writes {@code model} atomically; the tensors' arrays must not change while this runs. */
    public static void write(Path path, ModelContents model) throws IOException {
        byte[] head = head(model);
        byte[] tail = string(JSON.writeValueAsString(model.provenance()));
        List<byte[]> names = new ArrayList<>();
        int[] stored = new int[model.weights().size()];
        long length = HEADER + head.length + 4 + tail.length + 8;
        for (int i = 0; i < stored.length; i++) {
            ModelContents.Tensor t = model.weights().get(i);
            names.add(string(t.name()));
            int nonZero = t.rowIds() != null ? t.rowIds().length : nonZeroRows(t);
            long sparseBytes = (long) nonZero * (4 + 4L * t.cols());
            long denseBytes = 4L * t.values().length;
            stored[i] = sparseBytes < denseBytes || t.rowIds() != null ? nonZero : t.rows();
            length += names.get(i).length + 12 + (stored[i] == t.rows() ? denseBytes : sparseBytes);
        }
        long total = length;
        AtomicFile.write(path, out -> {
            ChecksummedWriter w = new ChecksummedWriter(out);
            w.bytes(MAGIC);
            w.buffer().putInt(FORMAT_VERSION).putLong(total);
            w.bytes(head);
            w.buffer().putInt(stored.length);
            for (int i = 0; i < stored.length; i++) {
                ModelContents.Tensor t = model.weights().get(i);
                w.bytes(names.get(i));
                w.buffer().putInt(t.rows()).putInt(t.cols()).putInt(stored[i]);
                if (t.rowIds() != null) {
                    writeStoredRows(w, t);
                } else {
                    writeRows(w, t, stored[i] == t.rows());
                }
            }
            w.bytes(tail);
            w.finish();
        });
    }

    /** Config, labels and vocabulary: small enough to encode in memory first, so the file length is known. */
    private static byte[] head(ModelContents model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(string(JSON.writeValueAsString(model.config())));
            for (List<String> strings : List.of(model.labels(), model.vocabulary())) {
                out.writeInt(strings.size());
                for (String s : strings) {
                    out.write(string(s));
                }
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).array();
    }

    private static int nonZeroRows(ModelContents.Tensor t) {
        int count = 0;
        for (int r = 0; r < t.rows(); r++) {
            if (!zeroRow(t, r)) {
                count++;
            }
        }
        return count;
    }

    private static boolean zeroRow(ModelContents.Tensor t, int row) {
        float[] v = t.values();
        for (int i = row * t.cols(), end = i + t.cols(); i < end; i++) {
            if (Float.floatToRawIntBits(v[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeRows(ChecksummedWriter w, ModelContents.Tensor t, boolean dense) throws IOException {
        float[] v = t.values();
        int cols = t.cols();
        for (int r = 0; r < t.rows(); r++) {
            if (!dense && zeroRow(t, r)) {
                continue;
            }
            ByteBuffer buf = w.room(4 + 4 * cols);
            if (!dense) {
                buf.putInt(r);
            }
            for (int i = r * cols, end = i + cols; i < end; i++) {
                buf.putFloat(v[i]);
            }
        }
    }

    private static void writeStoredRows(ChecksummedWriter w, ModelContents.Tensor t) throws IOException {
        float[] v = t.values();
        int cols = t.cols();
        int[] ids = t.rowIds();
        for (int i = 0; i < ids.length; i++) {
            ByteBuffer buf = w.room(4 + 4 * cols).putInt(ids[i]);
            for (int j = i * cols, end = j + cols; j < end; j++) {
                buf.putFloat(v[j]);
            }
        }
    }

    /** Bytes to a stream through one chunk buffer, with the running CRC-32C that the file ends with. */
    private static final class ChecksummedWriter {
        private final OutputStream out;
        private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        private final CRC32C crc = new CRC32C();

        ChecksummedWriter(OutputStream out) {
            this.out = out;
        }

        ByteBuffer buffer() throws IOException {
            return room(64);
        }

        /** The chunk, flushed first if fewer than {@code bytes} bytes are free. */
        ByteBuffer room(int bytes) throws IOException {
            if (chunk.remaining() < bytes) {
                flush();
            }
            if (chunk.remaining() < bytes) {
                throw new IOException("a row of " + bytes + " bytes is larger than the write buffer");
            }
            return chunk;
        }

        void bytes(byte[] b) throws IOException {
            for (int off = 0; off < b.length; ) {
                int n = Math.min(b.length - off, room(1).remaining());
                chunk.put(b, off, n);
                off += n;
            }
        }

        private void flush() throws IOException {
            crc.update(chunk.array(), 0, chunk.position());
            out.write(chunk.array(), 0, chunk.position());
            chunk.clear();
        }

        void finish() throws IOException {
            flush();
            chunk.putLong(crc.getValue());
            out.write(chunk.array(), 0, chunk.position());
            chunk.clear();
        }
    }

    public static ModelContents read(Path path) throws IOException {
        String source = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (header.hasRemaining() && ch.read(header) >= 0) {
                // fill the header, or stop at the end of a short file
            }
            header.flip();
            int version = checkHeader(header, size, source);
            verifyChecksum(ch, size, source);
            ch.position(HEADER);
            try {
                return parse(new ChannelReader(ch, size - 8), version);
            } catch (IOException | RuntimeException e) {
                throw new ModelFormatException(source + ": unreadable model file: " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source, null, "model file not found");
        }
    }

    /** Checks magic, version and length; returns the version. */
    private static int checkHeader(ByteBuffer header, long size, String source) {
        byte[] start = new byte[header.remaining()];
        header.duplicate().get(start);
        if (start.length < MAGIC.length || !startsWithMagic(start)) {
            if (start.length >= 4 && Integer.reverseBytes(header.getInt(0)) == FASTTEXT_MAGIC) {
                throw new ModelFormatException(source + ": this is a fastText model, not a Fenlei model; "
                        + "`fenlei predict`, `eval` and `info` read it (in Java: Classifier.load)");
            }
            throw new ModelFormatException(source + ": not a Fenlei model file (wrong magic bytes)");
        }
        if (start.length < HEADER) {
            throw new ModelFormatException(source + ": truncated model file (" + size + " bytes)");
        }
        int version = header.getInt(MAGIC.length);
        if (version > FORMAT_VERSION || version < 1) {
            throw new ModelFormatException(source + ": model format version " + version + " is newer than this "
                    + "Fenlei reads (up to " + FORMAT_VERSION + "); upgrade Fenlei to load it");
        }
        long length = header.getLong(MAGIC.length + 4);
        if (length > size) {
            throw new ModelFormatException(source + ": truncated model file: " + size + " of " + length
                    + " bytes; copy it again");
        }
        if (length != size || length < HEADER + 8) {
            throw new ModelFormatException(source + ": corrupted model file: length field says " + length
                    + " bytes, file has " + size);
        }
        return version;
    }

    /** Compares the CRC-32C of everything before the last 8 bytes with them, before any field is trusted. */
    private static void verifyChecksum(FileChannel ch, long size, String source) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        ch.position(0);
        long left = size - 8;
        while (left > 0) {
            buf.clear().limit((int) Math.min(CHUNK, left));
            int n = ch.read(buf);
            if (n < 0) {
                throw new ModelFormatException(source + ": truncated model file while reading");
            }
            buf.flip();
            crc.update(buf);
            left -= n;
        }
        ByteBuffer stored = ByteBuffer.allocate(8);
        while (stored.hasRemaining() && ch.read(stored) >= 0) {
            // read the checksum
        }
        if (stored.hasRemaining() || crc.getValue() != stored.getLong(0)) {
            throw new ModelFormatException(source + ": corrupted model file: checksum mismatch");
        }
    }

    private static ModelContents parse(ChannelReader in, int version) throws IOException {
        ModelConfig config = JSON.readValue(in.string(), ModelConfig.class);
        List<String> labels = in.strings();
        List<String> vocabulary = in.strings();
        int n = in.count(16);
        List<ModelContents.Tensor> weights = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.string();
            int rows = in.count(0);
            int cols = in.count(0);
            int stored = version >= 2 ? in.count(0) : rows;
            if (stored > rows) {
                throw new IllegalStateException(name + ": " + stored + " stored rows of " + rows);
            }
            float[] values = new float[Math.multiplyExact(stored, cols)];
            int[] rowIds = stored == rows ? null : new int[stored];
            if (rowIds == null) {
                in.floats(values, 0, values.length);
            } else {
                for (int r = 0; r < stored; r++) {
                    rowIds[r] = in.count(0);
                    in.floats(values, r * cols, cols);
                }
            }
            weights.add(new ModelContents.Tensor(name, rows, cols, values, rowIds));
        }
        Provenance provenance = JSON.readValue(in.string(), Provenance.class);
        return new ModelContents(config, labels, vocabulary, weights, provenance);
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Big-endian fields from a channel through one chunk buffer, up to {@code end}: a length field larger than
     * what is left of the file is refused before anything is allocated for it.
     */
    private static final class ChannelReader {
        private final FileChannel ch;
        private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        private long left;

        ChannelReader(FileChannel ch, long end) throws IOException {
            this.ch = ch;
            this.left = end - ch.position();
            chunk.limit(0);
        }

        /** Makes at least {@code bytes} (at most one chunk) readable. */
        private ByteBuffer need(int bytes) throws IOException {
            if (chunk.remaining() < bytes) {
                if (bytes > left + chunk.remaining()) {
                    throw new BufferUnderflowException();
                }
                chunk.compact();
                while (chunk.position() < bytes) {
                    int want = (int) Math.min(chunk.remaining(), left);
                    chunk.limit(chunk.position() + want);
                    int n = ch.read(chunk);
                    if (n < 0) {
                        throw new BufferUnderflowException();
                    }
                    left -= n;
                }
                chunk.flip();
            }
            return chunk;
        }

        private long available() {
            return left + chunk.remaining();
        }

        /** A non-negative int32 that counts things at least {@code unit} bytes each in the rest of the file. */
        int count(int unit) throws IOException {
            int n = need(4).getInt();
            if (n < 0 || (long) n * unit > available()) {
                throw new IllegalStateException("size field " + n + " does not fit in the file");
            }
            return n;
        }

        String string() throws IOException {
            int n = count(1);
            byte[] b = new byte[n];
            for (int off = 0; off < n; ) {
                int k = Math.min(n - off, CHUNK);
                need(k).get(b, off, k);
                off += k;
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        List<String> strings() throws IOException {
            int n = count(4);
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        void floats(float[] into, int offset, int n) throws IOException {
            if (4L * n > available()) {
                throw new BufferUnderflowException();
            }
            for (int off = 0; off < n; ) {
                int k = Math.min(n - off, CHUNK / 4);
                ByteBuffer buf = need(4 * k);
                buf.asFloatBuffer().get(into, offset + off, k);
                buf.position(buf.position() + 4 * k);
                off += k;
            }
        }
    }
}
