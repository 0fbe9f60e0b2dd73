package org.fenlei;

import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;

/** Text to vocabulary ids with a model's analyzer; one per thread (it reuses an id buffer). */
final class TextEncoder {
    private final TextAnalyzer analyzer;
    private final Vocabulary vocabulary;
    private final PackedBuckets packed;
    private final IntList ids = new IntList();
    private final IntList hashes = new IntList();

    /** {@code packed}: the model's packed n-gram buckets, or null when its table has every bucket. */
    TextEncoder(TextAnalyzer analyzer, Vocabulary vocabulary, PackedBuckets packed) {
        this.analyzer = analyzer;
        this.vocabulary = vocabulary;
        this.packed = packed;
    }

    int[] encode(String text) {
        ids.clear();
        analyzer.encode(text, vocabulary, ids, hashes);
        return packed == null ? ids.toArray() : packed.pack(ids.toArray());
    }
}
