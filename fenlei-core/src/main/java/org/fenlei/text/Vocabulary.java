package org.fenlei.text;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Token to id. Id 0 is the out-of-vocabulary token, so unseen words still count as "a word the model does not
 * know" (Keras' TextVectorization does the same). The {@code maxSize - 1} most frequent tokens with at least
 * {@code minCount} occurrences get ids 1.., ordered by count, then by the token's {@link String#hashCode}, then by
 * token, so the result does not depend on the order the tokens were seen in (the hash rather than the token itself
 * because a million rare n-grams sort by hash in a primitive sort many times faster).
 */
public final class Vocabulary {
    public static final String OOV = "[UNK]";
    public static final int OOV_ID = 0;
    private static final int SLOT = 4;

    /**
     * Open addressing over String.hashCode, lookups straight from a text range. Each slot is four ints side by
     * side, {hash, id + 1 (0 = empty), start and end of the token in the pool}, so a lookup that hits touches one
     * cache line of the table and one of the pool. Lookups land at random in a table of megabytes (imdb's 77k
     * words: 2 MB), where each separate array would be one more cache miss.
     */
    private final int[] slots;
    private final int mask;
    /** Every token's characters back to back, in id order: no string per token, no pointer chasing. */
    private final char[] pool;
    /** Token i is {@code pool[offsets[i], offsets[i + 1])}. */
    private final int[] offsets;

    public Vocabulary(List<String> tokens) {
        this(afterOov(tokens));
    }

    private static TokenPool afterOov(List<String> tokens) {
        if (tokens.isEmpty() || !OOV.equals(tokens.get(0))) {
            throw new IllegalArgumentException("a vocabulary's first token must be " + OOV);
        }
        return TokenPool.of(tokens.subList(1, tokens.size()).toArray(new String[0]));
    }

    /** {@link #OOV}, then the tokens of {@code rest} in their order. */
    private Vocabulary(TokenPool rest) {
        int n = rest.size() + 1;
        offsets = new int[n + 1];
        offsets[1] = OOV.length();
        for (int i = 1; i < n; i++) {
            offsets[i + 1] = Math.addExact(offsets[i], rest.end(i - 1) - rest.start(i - 1));
        }
        pool = new char[offsets[n]];
        OOV.getChars(0, OOV.length(), pool, 0);
        // at most three quarters full: a smaller table stays in cache more, and a probe still ends within a cache
        // line or two
        int capacity = Integer.highestOneBit(Math.max(4, n + n / 3)) << 1;
        slots = new int[Math.multiplyExact(capacity, SLOT)];
        mask = capacity - 1;
        for (int i = 0; i < n; i++) {
            int from = offsets[i];
            int to = offsets[i + 1];
            if (i > 0) {
                System.arraycopy(rest.chars(), rest.start(i - 1), pool, from, to - from);
            }
            int hash = FeatureRanges.hash(0, pool, from, to);
            int slot = hash & mask;
            for (int entry = slots[slot * SLOT + 1]; entry != 0; entry = slots[slot * SLOT + 1]) {
                if (slots[slot * SLOT] == hash && samePoolChars(slots[slot * SLOT + 2], slots[slot * SLOT + 3],
                        pool, from, to)) {
                    throw new IllegalArgumentException("duplicate token '" + token(i) + "' in vocabulary");
                }
                slot = (slot + 1) & mask;
            }
            int o = slot * SLOT;
            slots[o] = hash;
            slots[o + 1] = i + 1;
            slots[o + 2] = from;
            slots[o + 3] = to;
        }
    }

    /**
     * Chooses the vocabulary from token counts.
     *
     * @param counts   occurrences of each token in the training data
     * @param maxSize  at most this many ids, the OOV id included
     * @param minCount tokens seen fewer times are out of vocabulary
     */
    public static Vocabulary fromCounts(Map<String, Long> counts, int maxSize, int minCount) {
        String[] tokens = counts.keySet().toArray(new String[0]);
        long[] values = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            values[i] = counts.get(tokens[i]);
        }
        return fromCounts(values, TokenPool.of(tokens), maxSize, minCount);
    }

    /**
     * {@link #fromCounts(Map, int, int)} for the tokens of a pool, token {@code i} seen {@code counts[i]} times: a
     * corpus's millions of features become a vocabulary without a string each.
     */
    public static Vocabulary fromCounts(long[] counts, TokenPool tokens, int maxSize, int minCount) {
        if (maxSize < 2) {
            throw new IllegalArgumentException("maxSize must be at least 2, was " + maxSize);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, was " + minCount);
        }
        // by count, descending, in one primitive sort: (MAX - count) above, the token's number below
        long[] keys = new long[counts.length];
        int kept = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= minCount) {
                keys[kept++] = (Integer.MAX_VALUE - Math.min(counts[i], Integer.MAX_VALUE)) << 32 | i;
            }
        }
        Arrays.parallelSort(keys, 0, kept);
        char[] chars = tokens.chars();
        char[] oov = OOV.toCharArray();
        int[] chosen = new int[Math.min(maxSize - 1, kept)];
        int size = 0;
        // then within a count by the token's String.hashCode, a primitive sort of (hash, place) pairs, and only
        // tokens that share a hash by their characters: sorting a million bigrams as strings took a second
        for (int from = 0; from < kept && size < chosen.length; ) {
            int to = from;
            while (to < kept && keys[to] >>> 32 == keys[from] >>> 32) {
                to++;
            }
            long[] byHash = new long[to - from];
            for (int i = from; i < to; i++) {
                byHash[i - from] = (long) (tokens.hash((int) keys[i]) ^ Integer.MIN_VALUE) << 32 | (i - from);
            }
            Arrays.parallelSort(byHash);
            int[] same = new int[byHash.length];
            for (int i = 0; i < same.length; i++) {
                same[i] = (int) keys[from + (int) byHash[i]];
            }
            for (int i = 0, j; i < same.length; i = j) {
                for (j = i + 1; j < same.length && byHash[j] >>> 32 == byHash[i] >>> 32; ) {
                    j++;
                }
                if (j - i > 1) {
                    sortByCharacters(same, i, j, tokens);
                }
            }
            for (int i = 0; i < same.length && size < chosen.length; i++) {
                if (!Arrays.equals(chars, tokens.start(same[i]), tokens.end(same[i]), oov, 0, oov.length)) {
                    chosen[size++] = same[i];
                }
            }
            from = to;
        }
        int[] order = Arrays.copyOf(chosen, size);
        return new Vocabulary(new TokenPool() {
            @Override
            public int size() {
                return order.length;
            }

            @Override
            public char[] chars() {
                return chars;
            }

            @Override
            public int start(int token) {
                return tokens.start(order[token]);
            }

            @Override
            public int end(int token) {
                return tokens.end(order[token]);
            }
        });
    }

    /** Sorts the tokens {@code ids[from, to)} of {@code tokens} by their characters (those that share a hash). */
    private static void sortByCharacters(int[] ids, int from, int to, TokenPool tokens) {
        char[] c = tokens.chars();
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = ids[i];
        }
        Arrays.sort(boxed, (x, y) -> Arrays.compare(c, tokens.start(x), tokens.end(x), c, tokens.start(y),
                tokens.end(y)));
        for (int i = from; i < to; i++) {
            ids[i] = boxed[i - from];
        }
    }

    public int size() {
        return offsets.length - 1;
    }

    /** The id of {@code token}, or {@link #OOV_ID}. */
    public int id(String token) {
        int hash = token.hashCode();
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int o = slot * SLOT;
            int entry = slots[o + 1];
            if (entry == 0) {
                return OOV_ID;
            }
            if (slots[o] == hash && samePoolChars(slots[o + 2], slots[o + 3], token)) {
                return entry - 1;
            }
        }
    }

    /** The id of the token {@code text[start, end)}, or {@link #OOV_ID}; no copy of the token is made. */
    public int id(char[] text, int start, int end) {
        int entry = find(text, start, end, FeatureRanges.hash(0, text, start, end));
        return entry < 0 ? OOV_ID : entry;
    }

    /** Whether the token {@code text[start, end)} is in the vocabulary. */
    public boolean has(char[] text, int start, int end) {
        return find(text, start, end, FeatureRanges.hash(0, text, start, end)) >= 0;
    }

    /** {@link #id(char[], int, int)} for a token whose {@link String#hashCode} {@code hash} is known. */
    public int id(char[] text, int start, int end, int hash) {
        int entry = find(text, start, end, hash);
        return entry < 0 ? OOV_ID : entry;
    }

    private int find(char[] text, int start, int end, int h) {
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int o = slot * SLOT;
            int entry = slots[o + 1];
            if (entry == 0) {
                return -1;
            }
            if (slots[o] == h && samePoolChars(slots[o + 2], slots[o + 3], text, start, end)) {
                return entry - 1;
            }
        }
    }

    private boolean samePoolChars(int from, int to, char[] text, int start, int end) {
        return to - from == end - start && Arrays.equals(pool, from, to, text, start, end);
    }

    private boolean samePoolChars(int from, int to, String token) {
        if (to - from != token.length()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (pool[from + i] != token.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public String token(int id) {
        return new String(pool, offsets[id], offsets[id + 1] - offsets[id]);
    }

    /** Every token in id order: a view that makes each string as it is read. */
    public List<String> tokens() {
        return new AbstractList<>() {
            @Override
            public String get(int id) {
                return token(id);
            }

            @Override
            public int size() {
                return Vocabulary.this.size();
            }
        };
    }
}
