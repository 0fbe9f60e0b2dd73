package org.fenlei.train;

import org.fenlei.model.AtomicFile;
import org.fenlei.nn.Parameter;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Texts' pooled representations under a frozen encoder, kept on disk so that a second run (another head, another
 * seed) encodes nothing again. One file per encoder, named by the SHA-256 of its weights and pooling, holding
 * (64-bit hash of the text's token ids, vector) records; it is rewritten whole and atomically when texts are added. A
 * damaged or foreign file is ignored and replaced.
 */
final class EmbeddingCache {
    private static final int MAGIC = 0x46454d42;
    private final Path file;
    private final int dim;
    private final Map<Long, float[]> vectors = new HashMap<>();

    private EmbeddingCache(Path file, int dim) {
        this.file = file;
        this.dim = dim;
    }

    /** The cache of the encoder whose parameters are {@code encoder}, in {@code dir}. */
    static EmbeddingCache open(Path dir, List<Parameter> encoder, String pooling, int dim) {
        EmbeddingCache cache = new EmbeddingCache(dir.resolve(fingerprint(encoder, pooling) + ".bin"), dim);
        cache.load();
        return cache;
    }

    /** The cache folder: the fenlei.cache property or $FENLEI_CACHE, then embeddings; else ~/.cache/fenlei/embeddings. */
    static Path defaultDirectory() {
        String env = System.getProperty("fenlei.cache", System.getenv("FENLEI_CACHE"));
        Path root = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "fenlei");
        return root.resolve("embeddings");
    }

    Path file() {
        return file;
    }

    float[] get(int[] ids) {
        return vectors.get(key(ids));
    }

    void put(int[] ids, float[] vector) {
        vectors.put(key(ids), vector);
    }

    int size() {
        return vectors.size();
    }

    void save() {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, out -> {
                DataOutputStream data = new DataOutputStream(out);
                data.writeInt(MAGIC);
                data.writeInt(dim);
                data.writeInt(vectors.size());
                ByteBuffer row = ByteBuffer.allocate(8 + 4 * dim);
                for (Map.Entry<Long, float[]> e : vectors.entrySet()) {
                    row.clear();
                    row.putLong(e.getKey());
                    row.asFloatBuffer().put(e.getValue());
                    data.write(row.array());
                }
                data.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the embedding cache: " + e.getMessage(), e);
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != MAGIC || data.readInt() != dim) {
                return;
            }
            int n = data.readInt();
            byte[] row = new byte[8 + 4 * dim];
            for (int i = 0; i < n; i++) {
                data.readFully(row);
                ByteBuffer b = ByteBuffer.wrap(row);
                long key = b.getLong();
                float[] v = new float[dim];
                b.asFloatBuffer().get(v);
                vectors.put(key, v);
            }
        } catch (IOException e) {
            // a damaged cache is only lost work: encode again and replace it
            vectors.clear();
        }
    }

    /** A 64-bit hash of the ids (SplitMix64's finaliser over each, chained). */
    private static long key(int[] ids) {
        long h = ids.length;
        for (int id : ids) {
            h = mix(h * 0x9E3779B97F4A7C15L + id);
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String fingerprint(List<Parameter> encoder, String pooling) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(pooling.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            for (Parameter p : encoder) {
                sha.update(p.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (float v : p.value()) {
                    if (b.remaining() < 4) {
                        sha.update(b.array(), 0, b.position());
                        b.clear();
                    }
                    b.putFloat(v);
                }
            }
            sha.update(b.array(), 0, b.position());
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
