package org.fenlei;

import org.fenlei.data.LabeledText;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Training encodes its texts once into a dictionary and remaps them to the vocabulary ({@code Corpus.remap});
 * prediction encodes each text directly ({@link TextAnalyzer#encode}). The two must give the same ids, or a model
 * predicts from other features than it learned: random texts under every feature setting prove they agree.
 */
class CorpusEncodingTest {
    private static final String[] WORDS = {"the", "film", "was", "great", "awful", "don't", "3.14", "U.S.A", "好",
        "酒店", "很好", "!", "?", "café", "Émile", "😀", "<b>bold</b>", "http://x.org/a", "a@b.cn", "2024"};

    private static List<String> texts(SplittableRandom random, int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = random.nextInt(0, 25); j > 0; j--) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "" : " ");
            }
            texts.add(sb.toString());
        }
        return texts;
    }

    @Test
    void remappedTrainingTextsEqualTheirEncodingAtPrediction() {
        FeatureConfig base = FeatureConfig.defaults();
        List<FeatureConfig> settings = List.of(base, base.withWordNgrams(2), base.withWordNgrams(3).withBuckets(1000),
                base.withBuckets(500).withCharNgrams(2, 4), base.withEndOfText(true).withWordNgrams(2).withBuckets(97),
                base.withPunctuation(true).withCjkBigrams(false).withWordNgrams(2),
                base.withVocabulary(12, 2).withMaxTokens(6));
        SplittableRandom random = new SplittableRandom(11);
        for (FeatureConfig features : settings) {
            TextAnalyzer analyzer = new TextAnalyzer(features);
            List<String> texts = texts(random, 200);
            ClassifierBuilder.Corpus corpus = new ClassifierBuilder.Corpus(false);
            for (int i = 0; i < texts.size(); i++) {
                corpus.add(new ClassifierBuilder.AnalyzedRow(analyzer.features(texts.get(i)).toArray(new String[0]),
                        new LabeledText(texts.get(i), "x", i + 1)));
            }
            int[] trainRows = new int[texts.size() / 2];
            Arrays.setAll(trainRows, i -> 2 * i);
            Vocabulary vocabulary = corpus.vocabulary(trainRows, features.vocabularySize(), features.minCount());
            List<int[]> remapped = corpus.remap(vocabulary, features);
            for (int i = 0; i < texts.size(); i++) {
                IntList direct = new IntList();
                analyzer.encode(texts.get(i), vocabulary, direct);
                assertArrayEquals(direct.toArray(), remapped.get(i), features + ": " + texts.get(i));
            }
        }
    }
}
