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

    /** The tokens in id order, looked up straight from a text range; lookups land at random in megabytes. */
    private final CharTable table;

    public Vocabulary(List<String> tokens) {
        if (tokens.isEmpty() || !OOV.equals(tokens.get(0))) {
            throw new IllegalArgumentException("a vocabulary's first token must be " + OOV);
        }
        int chars = 0;
        for (String token : tokens) {
            chars = Math.addExact(chars, token.length());
        }
        table = new CharTable(tokens.size(), chars);
        for (String token : tokens) {
            if (table.intern(token) != table.size() - 1) {
                throw new IllegalArgumentException("duplicate token '" + token + "' in vocabulary");
            }
        }
    }

    private Vocabulary(CharTable table) {
        this.table = table;
    }

    /**
     * Chooses the vocabulary from token counts.
     *
     * @param counts   occurrences of each token in the training data
     * @param maxSize  at most this many ids, the OOV id included
     * @param minCount tokens seen fewer times are out of vocabulary
     */
    public static Vocabulary fromCounts(Map<String, Long> counts, int maxSize, int minCount) {
        CharTable tokens = new CharTable();
        long[] values = new long[counts.size()];
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            values[tokens.intern(e.getKey())] = e.getValue();
        }
        return fromCounts(values, tokens, maxSize, minCount);
    }

    /**
     * {@link #fromCounts(Map, int, int)} for the entries of a table, entry {@code i} seen {@code counts[i]} times:
     * a corpus's millions of features become a vocabulary without a string each.
     */
    public static Vocabulary fromCounts(long[] counts, CharTable tokens, int maxSize, int minCount) {
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
        int oov = tokens.find(OOV);
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
                if (same[i] != oov) {
                    chosen[size++] = same[i];
                }
            }
            from = to;
        }
        int length = OOV.length();
        for (int i = 0; i < size; i++) {
            length = Math.addExact(length, tokens.end(chosen[i]) - tokens.start(chosen[i]));
        }
        CharTable table = new CharTable(size + 1, length);
        table.intern(OOV);
        for (int i = 0; i < size; i++) {
            table.intern(tokens.chars(), tokens.start(chosen[i]), tokens.end(chosen[i]), tokens.hash(chosen[i]));
        }
        return new Vocabulary(table);
    }

    /** Sorts the tokens {@code ids[from, to)} of {@code tokens} by their characters (those that share a hash). */
    private static void sortByCharacters(int[] ids, int from, int to, CharTable tokens) {
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
        return table.size();
    }

    /** The id of {@code token}, or {@link #OOV_ID}. */
    public int id(String token) {
        return Math.max(OOV_ID, table.find(token));
    }

    /** The id of the token {@code text[start, end)}, or {@link #OOV_ID}; no copy of the token is made. */
    public int id(char[] text, int start, int end) {
        return id(text, start, end, FeatureRanges.hash(0, text, start, end));
    }

    /** Whether the token {@code text[start, end)} is in the vocabulary. */
    public boolean has(char[] text, int start, int end) {
        return table.find(text, start, end, FeatureRanges.hash(0, text, start, end)) >= 0;
    }

    /** {@link #id(char[], int, int)} for a token whose {@link String#hashCode} {@code hash} is known. */
    public int id(char[] text, int start, int end, int hash) {
        return Math.max(OOV_ID, table.find(text, start, end, hash));
    }

    public String token(int id) {
        return table.string(id);
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
