package org.fenlei;

import org.fenlei.data.LabeledText;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;
import org.fenlei.text.WordPieceConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Training encodes its texts once into a dictionary and remaps them to the vocabulary ({@code Corpus.remap});
 * prediction encodes each text directly ({@link TextAnalyzer#encode}). The two must give the same ids, or a model
 * predicts from other features than it learned: random texts under every feature setting prove they agree.
 */
class CorpusEncodingTest {
    private static final String[] WORDS = {"the", "film", "was", "great", "awful", "don't", "3.14", "U.S.A", "好",
        "酒店", "很好", "!", "?", "café", "Émile", "😀", "<b>bold</b>", "http://x.org/a", "a@b.cn", "2024", "倚天屠龙记",
        "十大创新概览", "体验2D巅峰"};

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
                base.withVocabulary(12, 2).withMaxTokens(6),
                base.withPunctuation(true).withSplitContractions(true).withCjkCharacters(true).withWordNgrams(2),
                base.withPunctuation(true).withCjkCharacters(true).withCjkSpaces(true).withWordNgrams(2));
        SplittableRandom random = new SplittableRandom(11);
        for (FeatureConfig features : settings) {
            TextAnalyzer analyzer = new TextAnalyzer(features);
            List<String> texts = texts(random, 200);
            Corpus corpus = corpus(analyzer, texts);
            Vocabulary vocabulary = corpus.vocabulary(TRAIN_ROWS, features.vocabularySize(), features.minCount());
            assertAgree(analyzer, texts, vocabulary, corpus.remap(vocabulary, features), features);
        }
    }

    /** A fused model's ids: the WordPiece ids, then the word features the vocabulary has, in both ways alike. */
    @Test
    void aFusedModelsWordFeaturesFollowItsWordPiecesAlike() {
        Vocabulary tokens = new Vocabulary(List.of(Vocabulary.OOV, WordPieceConfig.CLS, WordPieceConfig.SEP, "the",
                "film", "was", "great", "aw", "##ful", "don", "'", "t", "好", "!", "?"));
        FeatureConfig words = FeatureConfig.defaults().withPunctuation(true).withSplitContractions(true)
                .withCjkCharacters(true).withWordNgrams(2).withVocabulary(Integer.MAX_VALUE, 1);
        FeatureConfig features = FeatureConfig.defaults().withCjkBigrams(false).withMaxTokens(8)
                .withWordPiece(new WordPieceConfig(true, true, true, "##", 100)).withWords(words);
        TextAnalyzer analyzer = new TextAnalyzer(features, tokens);
        List<String> texts = texts(new SplittableRandom(5), 200);
        Corpus corpus = corpus(analyzer, texts);
        Vocabulary vocabulary = ClassifierBuilder.withWords(tokens, corpus.vocabulary(TRAIN_ROWS, Integer.MAX_VALUE,
                1));
        assertAgree(analyzer, texts, vocabulary, corpus.remap(vocabulary, features), features);
    }

    /** Every other text trains. */
    private static final int[] TRAIN_ROWS = IntStream.range(0, 100).map(i -> 2 * i).toArray();

    private static Corpus corpus(TextAnalyzer analyzer, List<String> texts) {
        Corpus corpus = new Corpus(false);
        for (int i = 0; i < texts.size(); i++) {
            corpus.add(new Corpus.Row(analyzer.ranges(texts.get(i)),
                    new LabeledText(texts.get(i), "x", i + 1)));
        }
        return corpus;
    }

    private static void assertAgree(TextAnalyzer analyzer, List<String> texts, Vocabulary vocabulary,
                                    List<int[]> remapped, FeatureConfig features) {
        for (int i = 0; i < texts.size(); i++) {
            IntList direct = new IntList();
            analyzer.encode(texts.get(i), vocabulary, direct);
            assertArrayEquals(direct.toArray(), remapped.get(i), features + ": " + texts.get(i));
        }
    }
}
