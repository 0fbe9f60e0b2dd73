package org.fenlei.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Tang et al.'s (2019, section 3.2) augmentation for a distillation transfer set: each word of a text is masked with
 * probability 0.1, or else replaced with probability 0.1 by a word of the same texts (they swap words of the same
 * part of speech; Fenlei has no tagger, so any word of the corpus), and then, with probability 0.25, only an n-gram
 * of 1 to 5 words of the result is kept. The teacher labels the copies, so they need not keep the label. Words are
 * Fenlei's tokens (single characters in Chinese), joined by spaces.
 */
public final class TransferAugmenter {
    /** What a masked word becomes: BERT's mask token, which a student reads as the word "mask". */
    public static final String MASK = "[MASK]";
    private static final double P_MASK = 0.1;
    private static final double P_SWAP = 0.1;
    private static final double P_NGRAM = 0.25;
    private static final int MAX_NGRAM = 5;

    private TransferAugmenter() {
    }

    /** {@code copies} augmented copies of every text, in the texts' order, drawn from {@code seed}. */
    public static List<String> augment(List<String> texts, int copies, long seed) {
        if (copies < 0) {
            throw new IllegalArgumentException("copies must be >= 0, was " + copies);
        }
        Tokenizer tokenizer = new UnicodeWordTokenizer(false, true);
        List<String[]> tokenized = new ArrayList<>(texts.size());
        Set<String> words = new HashSet<>();
        for (String text : texts) {
            List<String> tokens = new ArrayList<>();
            tokenizer.tokenize(text, tokens);
            tokenized.add(tokens.toArray(new String[0]));
            words.addAll(tokens);
        }
        // sorted, so the draws do not depend on hash order
        String[] vocabulary = words.stream().sorted().toArray(String[]::new);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(texts.size() * copies);
        for (String[] tokens : tokenized) {
            for (int c = 0; c < copies; c++) {
                out.add(copy(tokens, vocabulary, random));
            }
        }
        return out;
    }

    private static String copy(String[] tokens, String[] vocabulary, SplittableRandom random) {
        String[] t = tokens.clone();
        for (int i = 0; i < t.length; i++) {
            double u = random.nextDouble();
            if (u < P_MASK) {
                t[i] = MASK;
            } else if (u < P_MASK + P_SWAP && vocabulary.length > 0) {
                t[i] = vocabulary[random.nextInt(vocabulary.length)];
            }
        }
        int from = 0;
        int to = t.length;
        if (t.length > 1 && random.nextDouble() < P_NGRAM) {
            int n = Math.min(t.length, 1 + random.nextInt(MAX_NGRAM));
            from = random.nextInt(t.length - n + 1);
            to = from + n;
        }
        return String.join(" ", java.util.Arrays.asList(t).subList(from, to));
    }
}
