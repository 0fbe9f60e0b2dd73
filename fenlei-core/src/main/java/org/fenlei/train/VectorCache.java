package org.fenlei.train;

import org.fenlei.model.AtomicFile;
import org.fenlei.nn.Parameter;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.ToLongFunction;

/**
 * Vectors computed from texts by a fixed model, kept on disk so that a second run computes none of them again: a
 * frozen encoder's pooled representations, a teacher's logits. One file per model (named by a fingerprint of it)
 * holding (64-bit key of the text, vector) records; it is rewritten whole and atomically when vectors are added. A
 * damaged or foreign file only costs the work again: it is ignored and replaced.
 */
public final class VectorCache {
    private static final int MAGIC = 0x46454d42;
    private final Path file;
    private final int dim;
    private final Map<Long, float[]> vectors = new HashMap<>();

    private VectorCache(Path file, int dim) {
        this.file = file;
        this.dim = dim;
    }

    /** The cache in {@code file} of vectors of {@code dim} values (empty if it is missing or not such a file). */
    public static VectorCache open(Path file, int dim) {
        VectorCache cache = new VectorCache(file, dim);
        cache.load();
        return cache;
    }

    /** The folder for one kind of cache: under the fenlei.cache property or $FENLEI_CACHE, else ~/.cache/fenlei. */
    public static Path directory(String kind) {
        String env = System.getProperty("fenlei.cache", System.getenv("FENLEI_CACHE"));
        Path root = env != null && !env.isEmpty() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "fenlei");
        return root.resolve(kind);
    }

    public Path file() {
        return file;
    }

    public float[] get(long key) {
        return vectors.get(key);
    }

    public void put(long key, float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("a vector of " + vector.length + " values in a cache of " + dim);
        }
        vectors.put(key, vector);
    }

    /** The vectors of some items, and how many of them were computed rather than read from the cache. */
    public record Filled(float[] vectors, int computed) {
    }

    /**
     * The vectors (N, dim) of {@code items}, each found by its {@code key}: read from the cache where they are, the
     * rest computed by {@code compute} in chunks of {@code chunk} (so that progress can be told between them, as
     * work named {@code task}), added to the cache, which is then saved. {@code beforeComputing} hears how many
     * must be computed before any is.
     */
    public <T> Filled fill(List<T> items, ToLongFunction<T> key, int chunk, Function<List<T>, float[]> compute,
                           String task, TrainingListener listener, IntConsumer beforeComputing) {
        float[] out = new float[Math.multiplyExact(items.size(), dim)];
        List<T> missing = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            float[] v = get(key.applyAsLong(items.get(i)));
            if (v != null) {
                System.arraycopy(v, 0, out, i * dim, dim);
            } else {
                missing.add(items.get(i));
                where.add(i);
            }
        }
        beforeComputing.accept(missing.size());
        if (!missing.isEmpty()) {
            listener.onWork(task, 0, missing.size());
            for (int from = 0; from < missing.size(); from += chunk) {
                int to = Math.min(missing.size(), from + chunk);
                float[] computed = compute.apply(missing.subList(from, to));
                for (int j = from; j < to; j++) {
                    float[] v = Arrays.copyOfRange(computed, (j - from) * dim, (j - from + 1) * dim);
                    System.arraycopy(v, 0, out, where.get(j) * dim, dim);
                    put(key.applyAsLong(missing.get(j)), v);
                }
                listener.onWork(task, to, missing.size());
            }
            save();
        }
        return new Filled(out, missing.size());
    }

    public void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
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
            throw new UncheckedIOException(file + ": cannot write the cache: " + e.getMessage(), e);
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
            // a damaged cache is only lost work: compute again and replace it
            vectors.clear();
        }
    }

    /** A 64-bit key of token ids (SplitMix64's finaliser over each, chained). */
    public static long key(int[] ids) {
        long h = ids.length;
        for (int id : ids) {
            h = mix(h * 0x9E3779B97F4A7C15L + id);
        }
        return h;
    }

    /** A 64-bit key of a text's characters. */
    public static long key(String text) {
        long h = text.length();
        for (int i = 0; i < text.length(); i++) {
            h = mix(h * 0x9E3779B97F4A7C15L + text.charAt(i));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The first 128 bits of the SHA-256 of the parameters' names and values and {@code extra}, in hex. */
    public static String fingerprint(List<Parameter> parameters, String extra) {
        MessageDigest sha = sha256();
        sha.update(extra.getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (Parameter p : parameters) {
            sha.update(p.name().getBytes(StandardCharsets.UTF_8));
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
    }

    /** The first 128 bits of the SHA-256 of a file, in hex. */
    public static String fingerprint(Path file) {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
