package org.fenlei.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fenlei.text.IntList;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * A string is int32 byte length + UTF-8 bytes. A tensor is:
 * <pre>
 *   name, int32 rows, int32 cols, int32 stored rows, int32 encoding (0 float32, 1 product-quantised)
 *   row ids     when stored &lt; rows: each stored row's id as the unsigned LEB128 varint of its gap to the one
 *               before (a fastText-class model hashes n-grams into millions of buckets and reaches few of them;
 *               rows not stored are zero)
 *   float32     stored x cols values
 *   quantised   int32 dsub, int32 k, for each sub-vector position k x width float32 centroids, then one byte per
 *               stored row and position (FastText.zip's compression, {@link ProductQuantization})
 * </pre>
 * Version 1 files (no stored-rows and encoding fields, every row float32) are read too.
 * <p>Files are streamed, never held whole in memory, written to a temporary sibling and renamed into place, so
 * a crash never leaves a half-written model where a good one was.
 */
public final class ModelFile {
    public static final int FORMAT_VERSION = 3;
    /** The version a file without half-float or 8-bit weights is written as, so that older Fenleis still read it. */
    private static final int PLAIN_VERSION = 2;
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
        write(path, model, WeightStorage.FLOAT32);
    }

    /** Writes {@code model} atomically with its weight matrices stored as {@code storage} says. */
    public static void write(Path path, ModelContents model, WeightStorage storage) throws IOException {
        byte[] head = head(model);
        byte[] tail = string(JSON.writeValueAsString(model.provenance()));
        List<StoredTensor> tensors = new ArrayList<>();
        long length = HEADER + head.length + 4 + tail.length + 8;
        boolean plain = true;
        for (ModelContents.Tensor t : model.weights()) {
            StoredTensor stored = StoredTensor.of(t, storage);
            tensors.add(stored);
            length += stored.bytes();
            plain &= stored.encoding() == FLOAT32 || stored.encoding() == PRODUCT_QUANTISED;
        }
        long total = length;
        int version = plain ? PLAIN_VERSION : FORMAT_VERSION;
        AtomicFile.write(path, out -> {
            ChecksummedWriter w = new ChecksummedWriter(out);
            w.bytes(MAGIC);
            w.buffer().putInt(version).putLong(total);
            w.bytes(head);
            w.buffer().putInt(tensors.size());
            for (StoredTensor t : tensors) {
                t.writeTo(w);
            }
            w.bytes(tail);
            w.finish();
        });
    }

    /** Config, labels and vocabulary: small enough to encode in memory first, so the file length is known. */
    private static byte[] head(ModelContents model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            string(out, JSON.writeValueAsString(model.config()));
            for (List<String> strings : List.of(model.labels(), model.vocabulary())) {
                out.writeInt(strings.size());
                for (String s : strings) {
                    string(out, s);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).array();
    }

    /** {@link #string(String)} written to {@code out}: a vocabulary of millions of entries needs no buffer each. */
    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * A tensor as the file holds it: which rows (all, or the listed ones as gaps between ascending ids in varints)
     * and how (float32 values; product-quantisation centroids and one byte per row and sub-vector; half floats; or a
     * float scale and one byte per value for each row).
     */
    private record StoredTensor(ModelContents.Tensor tensor, byte[] name, int[] rowIds, byte[] gaps,
                                float[] values, byte[] codes, int encoding) {
        static StoredTensor of(ModelContents.Tensor t, WeightStorage storage) {
            int[] rowIds = t.rowIds();
            float[] values = t.values();
            if (rowIds == null && t.quantization() == null) {
                int[] nonZero = nonZeroRows(t);
                if ((long) nonZero.length * t.cols() * 4 + 5L * nonZero.length < 4L * t.values().length) {
                    rowIds = nonZero;
                    values = gather(t, nonZero);
                }
            }
            int stored = rowIds == null ? t.rows() : rowIds.length;
            byte[] codes = t.quantization() == null ? null : t.quantization().encode(values, stored);
            // a matrix only: biases and normalisations are few values that every output depends on
            int encoding = t.quantization() != null ? PRODUCT_QUANTISED : t.rows() == 1 ? FLOAT32 : switch (storage) {
                case FLOAT32 -> FLOAT32;
                case FLOAT16 -> FLOAT16;
                case INT8 -> INT8;
            };
            return new StoredTensor(t, string(t.name()), rowIds, rowIds == null ? new byte[0] : varintGaps(rowIds),
                    values, codes, encoding);
        }

        int stored() {
            return rowIds == null ? tensor.rows() : rowIds.length;
        }

        long bytes() {
            long cells = (long) stored() * tensor.cols();
            long payload = switch (encoding) {
                case FLOAT16 -> 2 * cells;
                case INT8 -> 4L * stored() + cells;
                case PRODUCT_QUANTISED -> 8 + 4L * tensor.quantization().centroidCount() * tensor.cols()
                        + codes.length;
                default -> 4 * cells;
            };
            return name.length + 16 + gaps.length + payload;
        }

        void writeTo(ChecksummedWriter w) throws IOException {
            ProductQuantization pq = tensor.quantization();
            w.bytes(name);
            w.buffer().putInt(tensor.rows()).putInt(tensor.cols()).putInt(stored()).putInt(encoding);
            w.bytes(gaps);
            int cols = tensor.cols();
            if (encoding == FLOAT16) {
                for (int i = 0; i < stored() * cols; i++) {
                    w.room(2).putShort(WeightStorage.toHalf(values[i]));
                }
                return;
            }
            if (encoding == INT8) {
                for (int r = 0; r < stored(); r++) {
                    float max = 0f;
                    for (int j = r * cols; j < (r + 1) * cols; j++) {
                        max = Math.max(max, Math.abs(values[j]));
                    }
                    float scale = max / 127f;
                    w.room(4).putFloat(scale);
                    for (int j = r * cols; j < (r + 1) * cols; j++) {
                        w.room(1).put((byte) (scale == 0f ? 0 : Math.round(values[j] / scale)));
                    }
                }
                return;
            }
            if (pq == null) {
                w.floats(values, 0, stored() * cols);
                return;
            }
            w.buffer().putInt(pq.dsub()).putInt(pq.centroidCount());
            for (int m = 0; m < pq.positions(); m++) {
                float[] c = pq.centroids(m);
                w.floats(c, 0, c.length);
            }
            w.bytes(codes);
        }
    }

    private static final int FLOAT32 = 0;
    private static final int PRODUCT_QUANTISED = 1;
    private static final int FLOAT16 = 2;
    private static final int INT8 = 3;

    private static int[] nonZeroRows(ModelContents.Tensor t) {
        IntList rows = new IntList();
        for (int r = 0; r < t.rows(); r++) {
            if (!zeroRow(t, r)) {
                rows.add(r);
            }
        }
        return rows.toArray();
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

    private static float[] gather(ModelContents.Tensor t, int[] rows) {
        int cols = t.cols();
        float[] out = new float[Math.multiplyExact(rows.length, cols)];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(t.values(), rows[i] * cols, out, i * cols, cols);
        }
        return out;
    }

    /** Ascending ids as unsigned LEB128 varints of the gap to the previous id (the first: itself). */
    private static byte[] varintGaps(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 2);
        int previous = 0;
        for (int id : ids) {
            int gap = id - previous;
            previous = id;
            while ((gap & ~0x7F) != 0) {
                out.write((gap & 0x7F) | 0x80);
                gap >>>= 7;
            }
            out.write(gap);
        }
        return out.toByteArray();
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

        void floats(float[] v, int from, int to) throws IOException {
            for (int i = from; i < to; ) {
                ByteBuffer buf = room(4);
                int n = Math.min(to - i, buf.remaining() / 4);
                for (int end = i + n; i < end; i++) {
                    buf.putFloat(v[i]);
                }
            }
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
        requireFile(path);
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
                throw new ModelFormatException(source + ": unreadable model file: " + problem(e), e);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source, null, "model file not found");
        }
    }

    /** Refuses a directory by name: opening one fails with a bare "Is a directory" that names no path. */
    public static void requireFile(Path path) {
        if (Files.isDirectory(path)) {
            throw new ModelFormatException(path + ": is a directory, not a model file");
        }
    }

    /** A parse failure in words; a field that runs past the end of the file throws without a message. */
    private static String problem(Exception e) {
        if (e instanceof JsonProcessingException j) {
            return "its configuration is not valid JSON (" + j.getOriginalMessage() + ")";
        }
        if (e instanceof BufferUnderflowException || e.getMessage() == null) {
            return "a field runs past the end of the data (" + e.getClass().getSimpleName() + ")";
        }
        return e.getMessage();
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
        if (version < 1) {
            throw new ModelFormatException(source + ": invalid model format version " + version + " (versions start "
                    + "at 1): the file is damaged");
        }
        if (version > FORMAT_VERSION) {
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
            int encoding = version >= 2 ? in.count(0) : FLOAT32;
            if (stored > rows || encoding < FLOAT32 || encoding > (version >= 3 ? INT8 : PRODUCT_QUANTISED)) {
                throw new IllegalStateException(name + ": " + stored + " stored rows of " + rows + ", encoding "
                        + encoding);
            }
            // a stored row id takes at least a byte
            in.require(stored == rows ? 0 : stored, name + "'s row ids");
            int[] rowIds = stored == rows ? null : in.gaps(stored);
            float[] values;
            ProductQuantization pq = null;
            if (encoding == FLOAT32) {
                in.require(4L * stored * cols, name);
                values = new float[Math.multiplyExact(stored, cols)];
                in.floats(values, 0, values.length);
            } else if (encoding == FLOAT16) {
                in.require(2L * stored * cols, name);
                byte[] raw = new byte[Math.multiplyExact(2, Math.multiplyExact(stored, cols))];
                in.bytes(raw);
                ByteBuffer halves = ByteBuffer.wrap(raw);
                values = new float[stored * cols];
                for (int v = 0; v < values.length; v++) {
                    values[v] = WeightStorage.fromHalf(halves.getShort());
                }
            } else if (encoding == INT8) {
                in.require((4L + cols) * stored, name);
                byte[] raw = new byte[Math.multiplyExact(stored, 4 + cols)];
                in.bytes(raw);
                ByteBuffer rowsOf = ByteBuffer.wrap(raw);
                values = new float[Math.multiplyExact(stored, cols)];
                for (int r = 0; r < stored; r++) {
                    float scale = rowsOf.getFloat();
                    if (!Float.isFinite(scale)) {
                        throw new IllegalStateException(name + ": row " + r + " has scale " + scale);
                    }
                    for (int j = 0; j < cols; j++) {
                        values[r * cols + j] = rowsOf.get() * scale;
                    }
                }
            } else {
                int dsub = in.count(0);
                int centroids = in.count(0);
                in.require(4L * centroids * cols, name + "'s centroids");
                pq = new ProductQuantization(cols, dsub, centroids, in.centroids(cols, dsub, centroids));
                in.require((long) stored * pq.positions(), name + "'s codes");
                byte[] codes = new byte[Math.multiplyExact(stored, pq.positions())];
                in.bytes(codes);
                values = pq.decode(codes, stored);
            }
            weights.add(new ModelContents.Tensor(name, rows, cols, values, rowIds, pq));
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

        /**
         * Refuses, before anything is allocated for them, {@code bytes} more than the file holds: a damaged size
         * field would otherwise ask for gigabytes.
         */
        void require(long bytes, String what) {
            if (bytes < 0 || bytes > available()) {
                throw new IllegalStateException(what + " needs " + bytes + " bytes, the file has " + available()
                        + " left");
            }
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

        /** {@code n} ascending ids written as varint gaps. */
        int[] gaps(int n) throws IOException {
            int[] ids = new int[n];
            long previous = 0;
            for (int i = 0; i < n; i++) {
                long gap = 0;
                for (int shift = 0; ; shift += 7) {
                    int b = need(1).get() & 0xFF;
                    gap |= (long) (b & 0x7F) << shift;
                    if (b < 0x80) {
                        break;
                    }
                    if (shift > 28) {
                        throw new IllegalStateException("row id gap longer than 5 bytes");
                    }
                }
                previous += gap;
                if (previous > Integer.MAX_VALUE) {
                    throw new IllegalStateException("row id " + previous + " out of range");
                }
                ids[i] = (int) previous;
            }
            return ids;
        }

        float[][] centroids(int dim, int dsub, int count) throws IOException {
            if (dsub < 1 || dsub > dim || count < 1 || count > ProductQuantization.MAX_CENTROIDS) {
                throw new IllegalStateException("product quantisation with dsub " + dsub + " and " + count
                        + " centroids for " + dim + " columns");
            }
            int positions = (dim + dsub - 1) / dsub;
            float[][] out = new float[positions][];
            for (int m = 0; m < positions; m++) {
                out[m] = new float[count * Math.min(dsub, dim - m * dsub)];
                floats(out[m], 0, out[m].length);
            }
            return out;
        }

        void bytes(byte[] into) throws IOException {
            if (into.length > available()) {
                throw new BufferUnderflowException();
            }
            for (int off = 0; off < into.length; ) {
                int k = Math.min(into.length - off, CHUNK);
                need(k).get(into, off, k);
                off += k;
            }
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
