package org.fenlei;

import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;

/** Text to vocabulary ids with a model's analyzer; one per thread (it reuses an id buffer). */
final class TextEncoder {
    private final TextAnalyzer analyzer;
    private final Vocabulary vocabulary;
    private final IntList ids = new IntList();

    TextEncoder(TextAnalyzer analyzer, Vocabulary vocabulary) {
        this.analyzer = analyzer;
        this.vocabulary = vocabulary;
    }

    int[] encode(String text) {
        ids.clear();
        analyzer.encode(text, vocabulary, ids);
        return ids.toArray();
    }
}
