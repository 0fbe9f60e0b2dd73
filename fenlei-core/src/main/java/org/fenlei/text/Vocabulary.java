package org.fenlei.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Token to id. Id 0 is the out-of-vocabulary token, so unseen words still count as "a word the model does not
 * know" (Keras' TextVectorization does the same). The {@code maxSize - 1} most frequent tokens with at least
 * {@code minCount} occurrences get ids 1.., ordered by count then by token, so the result does not depend
 * on the order the tokens were seen in.
 */
public final class Vocabulary {
    public static final String OOV = "[UNK]";
    public static final int OOV_ID = 0;
    private static final int SLOT = 4;

    private final String[] tokens;
    /**
     * Open addressing over String.hashCode, lookups straight from a text range. Each slot is four ints side by
     * side, {hash, id + 1 (0 = empty), start and end of the token in the pool}, so a lookup that hits touches one
     * cache line of the table and one of the pool. Lookups land at random in a table of megabytes (imdb's 77k
     * words: 4 MB), where each separate array would be one more cache miss.
     */
    private final int[] slots;
    private final int mask;
    /** Every token's characters back to back: no pointer chasing. */
    private final char[] pool;

    public Vocabulary(List<String> tokens) {
        if (tokens.isEmpty() || !OOV.equals(tokens.get(0))) {
            throw new IllegalArgumentException("a vocabulary's first token must be " + OOV);
        }
        this.tokens = tokens.toArray(new String[0]);
        int chars = 0;
        for (String token : this.tokens) {
            chars = Math.addExact(chars, token.length());
        }
        pool = new char[chars];
        int capacity = Integer.highestOneBit(Math.max(4, this.tokens.length * 2)) << 1;
        slots = new int[Math.multiplyExact(capacity, SLOT)];
        mask = capacity - 1;
        for (int i = 0, from = 0; i < this.tokens.length; i++) {
            String token = this.tokens[i];
            token.getChars(0, token.length(), pool, from);
            int o = slotOf(token) * SLOT;
            if (slots[o + 1] != 0) {
                throw new IllegalArgumentException("duplicate token '" + token + "' in vocabulary");
            }
            slots[o] = token.hashCode();
            slots[o + 1] = i + 1;
            slots[o + 2] = from;
            slots[o + 3] = from + token.length();
            from += token.length();
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
        return fromCounts(values, i -> tokens[i], maxSize, minCount);
    }

    /**
     * {@link #fromCounts(Map, int, int)} for tokens numbered 0 .. counts.length - 1: token {@code i}, seen
     * {@code counts[i]} times, is {@code token.apply(i)}, asked only of tokens that may be kept, so that a caller
     * holding millions of candidates as characters makes strings only of those.
     */
    public static Vocabulary fromCounts(long[] counts, IntFunction<String> token, int maxSize, int minCount) {
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
        List<String> tokens = new ArrayList<>(Math.min(maxSize, kept + 1));
        tokens.add(OOV);
        // then by token within a count, sorting only the counts that reach the cap
        for (int from = 0; from < kept && tokens.size() < maxSize; ) {
            int to = from;
            while (to < kept && keys[to] >>> 32 == keys[from] >>> 32) {
                to++;
            }
            String[] same = new String[to - from];
            for (int i = from; i < to; i++) {
                same[i - from] = token.apply((int) keys[i]);
            }
            Arrays.parallelSort(same);
            for (int i = 0; i < same.length && tokens.size() < maxSize; i++) {
                if (!OOV.equals(same[i])) {
                    tokens.add(same[i]);
                }
            }
            from = to;
        }
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.length;
    }

    /** The id of {@code token}, or {@link #OOV_ID}. */
    public int id(String token) {
        int entry = slots[slotOf(token) * SLOT + 1];
        return entry == 0 ? OOV_ID : entry - 1;
    }

    /** The slot that holds {@code token}, or the empty slot where it would go; uses the string's cached hash. */
    private int slotOf(String token) {
        int hash = token.hashCode();
        int slot = hash & mask;
        for (int entry = slots[slot * SLOT + 1]; entry != 0; entry = slots[slot * SLOT + 1]) {
            if (slots[slot * SLOT] == hash && token.equals(tokens[entry - 1])) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** The id of the token {@code text[start, end)}, or {@link #OOV_ID}; no copy of the token is made. */
    public int id(char[] text, int start, int end) {
        int entry = find(text, start, end);
        return entry < 0 ? OOV_ID : entry;
    }

    /** Whether the token {@code text[start, end)} is in the vocabulary. */
    public boolean has(char[] text, int start, int end) {
        return find(text, start, end) >= 0;
    }

    /** {@link #id(char[], int, int)} for a token whose {@link String#hashCode} {@code hash} is known. */
    public int id(char[] text, int start, int end, int hash) {
        int entry = find(text, start, end, hash);
        return entry < 0 ? OOV_ID : entry;
    }

    private int find(char[] text, int start, int end) {
        return find(text, start, end, FeatureRanges.hash(0, text, start, end));
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
        if (to - from != end - start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (pool[from++] != text[i]) {
                return false;
            }
        }
        return true;
    }

    public String token(int id) {
        return tokens[id];
    }

    public List<String> tokens() {
        return Arrays.asList(tokens.clone());
    }
}
