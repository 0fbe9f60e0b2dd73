package org.fenlei;

import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;

import java.util.ArrayList;
import java.util.List;

/** Text to vocabulary ids with a model's analyzer; one per thread (it reuses a token list). */
final class TextEncoder {
    private final TextAnalyzer analyzer;
    private final Vocabulary vocabulary;
    private final List<String> features = new ArrayList<>();

    TextEncoder(TextAnalyzer analyzer, Vocabulary vocabulary) {
        this.analyzer = analyzer;
        this.vocabulary = vocabulary;
    }

    int[] encode(String text) {
        features.clear();
        analyzer.features(text, features);
        int[] ids = new int[features.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.id(features.get(i));
        }
        return ids;
    }
}
