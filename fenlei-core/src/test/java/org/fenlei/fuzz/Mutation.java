package org.fenlei.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One change to a file's bytes, at a position given as a share of its length so that it fits any file: the
 * changes a damaged download, a hand edit or a careless export makes.
 */
public record Mutation(Kind kind, double at, double span, byte[] payload) {
    public enum Kind { INSERT, DELETE, FLIP, TRUNCATE, DUPLICATE, APPEND }

    /** Byte sequences that mean something to one of the formats, or to UTF-8. */
    static final List<byte[]> TOKENS = List.of(
            b("\""), b("\"\""), b(","), b("\t"), b("\n"), b("\r"), b("\r\n"), b("\n\n"), b(" "), b("{"), b("}"),
            b("["), b("]"), b(":"), b("\\"), b("\"label\":"), b("__label__"), b("|"), b("\u00e9"), b("\uD83D\uDE00"),
            b("\u4e2d\u6587"), new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xEF,
                (byte) 0xBB, (byte) 0xBF}, new byte[] {0}, new byte[] {(byte) 0x1f, (byte) 0x8b}, b("label,text"),
            b("1e400"), b("true"), b("null"));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A random mutation whose payload is one of {@code tokens} or up to four random bytes. */
    public static Mutation random(SplittableRandom r, List<byte[]> tokens) {
        byte[] payload;
        if (r.nextBoolean()) {
            payload = tokens.get(r.nextInt(tokens.size()));
        } else {
            payload = new byte[1 + r.nextInt(4)];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) r.nextInt(256);
            }
        }
        Kind[] kinds = Kind.values();
        return new Mutation(kinds[r.nextInt(kinds.length)], r.nextDouble(), r.nextDouble() * 0.2, payload);
    }

    /** Between {@code min} and {@code max} mutations with the data formats' tokens. */
    public static List<Mutation> some(SplittableRandom r, int min, int max) {
        return some(r, min, max, TOKENS);
    }

    public static List<Mutation> some(SplittableRandom r, int min, int max, List<byte[]> tokens) {
        List<Mutation> out = new ArrayList<>();
        for (int i = r.nextInt(min, max + 1); i > 0; i--) {
            out.add(random(r, tokens));
        }
        return out;
    }

    public static byte[] applyAll(byte[] bytes, List<Mutation> mutations) {
        byte[] out = bytes;
        for (Mutation m : mutations) {
            out = m.apply(out);
        }
        return out;
    }

    public byte[] apply(byte[] in) {
        int n = in.length;
        int pos = (int) Math.min(n, Math.floor(at * (n + 1)));
        int len = (int) Math.min(n - pos, Math.ceil(span * n));
        return switch (kind) {
            case INSERT -> splice(in, pos, 0, payload);
            case DELETE -> splice(in, pos, Math.max(1, len), new byte[0]);
            case FLIP -> {
                byte[] out = in.clone();
                if (pos < n) {
                    out[pos] ^= payload[0] == 0 ? 1 : payload[0];
                }
                yield out;
            }
            case TRUNCATE -> Arrays.copyOf(in, pos);
            case DUPLICATE -> splice(in, pos, 0, Arrays.copyOfRange(in, pos, pos + len));
            case APPEND -> splice(in, n, 0, payload);
        };
    }

    private static byte[] splice(byte[] in, int pos, int remove, byte[] insert) {
        int cut = Math.min(remove, in.length - pos);
        byte[] out = new byte[in.length - cut + insert.length];
        System.arraycopy(in, 0, out, 0, pos);
        System.arraycopy(insert, 0, out, pos, insert.length);
        System.arraycopy(in, pos + cut, out, pos + insert.length, in.length - pos - cut);
        return out;
    }

    @Override
    public String toString() {
        return kind + "@" + String.format(java.util.Locale.ROOT, "%.3f", at) + "+" + String.format(
                java.util.Locale.ROOT, "%.3f", span) + " " + Arrays.toString(payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mutation m && kind == m.kind && at == m.at && span == m.span
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(payload);
    }
}
