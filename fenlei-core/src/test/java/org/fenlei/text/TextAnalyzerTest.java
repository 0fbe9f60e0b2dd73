package org.fenlei.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextAnalyzerTest {
    @Test
    void theEndTokenFollowsTheTokensAndJoinsTheirNgrams() {
        TextAnalyzer plain = new TextAnalyzer(FeatureConfig.defaults().withWordNgrams(2));
        assertEquals(List.of("good", "film", "good film"), plain.features("Good film"));
        TextAnalyzer ended = new TextAnalyzer(FeatureConfig.defaults().withWordNgrams(2).withEndOfText(true));
        assertEquals(List.of("good", "film", "</s>", "good film", "film </s>"), ended.features("Good film"));
        // the tokeniser cannot make the end token from text: its characters are tokens of their own
        PreprocessConfig keepTags = new PreprocessConfig(false, true, true, true, false, false, true);
        assertEquals(List.of("<", "s", ">", "</s>"), new TextAnalyzer(FeatureConfig.defaults().withEndOfText(true)
                .withPreprocess(keepTags)).features("</s>"));
    }

    @Test
    void textBeyondLatin1IsFoldedAsToLowerCaseFoldsIt() {
        TextAnalyzer analyzer = new TextAnalyzer(FeatureConfig.defaults());
        // toLowerCase(ROOT) makes the capital dotted I an i with a combining dot, and a final sigma of a word's last Σ
        assertEquals(List.of("i\u0307stanbul", "\u03c3\u03bf\u03c2", "caf\u00e9"),
                analyzer.features("\u0130STANBUL \u03a3\u039f\u03a3 CAF\u00c9"));
        assertEquals(List.of("caf\u00e9", "\u00fcber", "na\u00efve"),
                analyzer.features("CAF\u00c9 \u00dcBER Na\u00cfve"));
        assertEquals("i\u0307stanbul caf\u00e9", analyzer.clean("<b>\u0130STANBUL</b>   CAF\u00c9"));
        Vocabulary vocabulary = new Vocabulary(List.of(Vocabulary.OOV, "caf\u00e9", "\u03c3\u03bf\u03c2"));
        IntList ids = new IntList();
        analyzer.encode("\u03a3\u039f\u03a3 CAF\u00c9", vocabulary, ids);
        assertEquals(List.of(2, 1), List.of(ids.get(0), ids.get(1)));
    }

    @Test
    void encodingWithTheEndTokenGivesTheIdsOfTheFeatures() {
        TextAnalyzer ended = new TextAnalyzer(FeatureConfig.defaults().withEndOfText(true));
        Vocabulary vocabulary = new Vocabulary(List.of(Vocabulary.OOV, "good", FeatureConfig.END_OF_TEXT));
        IntList ids = new IntList();
        ended.encode("good film", vocabulary, ids);
        assertEquals(List.of(1, 0, 2), List.of(ids.get(0), ids.get(1), ids.get(2)));
        assertEquals(3, ids.size());
    }
}
