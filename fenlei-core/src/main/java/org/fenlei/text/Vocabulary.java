package org.fenlei.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token to id. Id 0 is the out-of-vocabulary token, so unseen words still count as "a word the model does not
 * know" (Keras' TextVectorization does the same). The {@code maxSize - 1} most frequent tokens with at least
 * {@code minCount} occurrences get ids 1.., ordered by count then by token, so the result does not depend
 * on the order the tokens were seen in.
 */
public final class Vocabulary {
    public static final String OOV = "[UNK]";
    public static final int OOV_ID = 0;

    private final String[] tokens;
    private final Map<String, Integer> ids;
    /** Open addressing over String.hashCode, slots hold id + 1 (0 = empty): lookups straight from a text range. */
    private final int[] slots;
    private final int[] slotHashes;
    private final int mask;
    /** Every token's characters back to back, token i at [poolStart[i], poolStart[i + 1]): no pointer chasing. */
    private final char[] pool;
    private final int[] poolStart;

    public Vocabulary(List<String> tokens) {
        if (tokens.isEmpty() || !OOV.equals(tokens.get(0))) {
            throw new IllegalArgumentException("a vocabulary's first token must be " + OOV);
        }
        this.tokens = tokens.toArray(new String[0]);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < this.tokens.length; i++) {
            if (ids.put(this.tokens[i], i) != null) {
                throw new IllegalArgumentException("duplicate token '" + this.tokens[i] + "' in vocabulary");
            }
        }
        poolStart = new int[this.tokens.length + 1];
        for (int i = 0; i < this.tokens.length; i++) {
            poolStart[i + 1] = poolStart[i] + this.tokens[i].length();
        }
        pool = new char[poolStart[this.tokens.length]];
        for (int i = 0; i < this.tokens.length; i++) {
            this.tokens[i].getChars(0, this.tokens[i].length(), pool, poolStart[i]);
        }
        int capacity = Integer.highestOneBit(Math.max(4, this.tokens.length * 3)) << 1;
        slots = new int[capacity];
        slotHashes = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < this.tokens.length; i++) {
            int hash = this.tokens[i].hashCode();
            int slot = hash & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
            slotHashes[slot] = hash;
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
        if (maxSize < 2) {
            throw new IllegalArgumentException("maxSize must be at least 2, was " + maxSize);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, was " + minCount);
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= minCount && !OOV.equals(e.getKey())) {
                entries.add(e);
            }
        }
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> tokens = new ArrayList<>(Math.min(maxSize, entries.size() + 1));
        tokens.add(OOV);
        for (int i = 0; i < entries.size() && tokens.size() < maxSize; i++) {
            tokens.add(entries.get(i).getKey());
        }
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.length;
    }

    /** The id of {@code token}, or {@link #OOV_ID}. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? OOV_ID : id;
    }

    /** The id of the token {@code text[start, end)}, or {@link #OOV_ID}; no copy of the token is made. */
    public int id(char[] text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text[i];
        }
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot];
            if (entry == 0) {
                return OOV_ID;
            }
            if (slotHashes[slot] == h && samePoolChars(entry - 1, text, start, end)) {
                return entry - 1;
            }
        }
    }

    private boolean samePoolChars(int id, char[] text, int start, int end) {
        int from = poolStart[id];
        if (poolStart[id + 1] - from != end - start) {
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
