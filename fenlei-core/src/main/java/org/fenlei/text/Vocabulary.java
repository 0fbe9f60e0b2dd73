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

    public String token(int id) {
        return tokens[id];
    }

    public List<String> tokens() {
        return Arrays.asList(tokens.clone());
    }
}
