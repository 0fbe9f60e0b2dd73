package org.fenlei.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordPieceTokenizerTest {
    private static final Vocabulary VOCABULARY = new Vocabulary(List.of("[UNK]", "[CLS]", "[SEP]", "the", "cafe",
            "play", "##ing", "##ed", "un", "##believ", "##able", "!", ",", "$", "中", "国", "Ab", "##c", "a", "##b"));

    private static List<String> tokens(WordPieceConfig config, String text) {
        List<String> out = new ArrayList<>();
        new WordPieceTokenizer(config, VOCABULARY).tokenize(text, out);
        return out;
    }

    private static final WordPieceConfig UNCASED = new WordPieceConfig(true, true, true, "##", 100);
    private static final WordPieceConfig CASED = new WordPieceConfig(false, false, true, "##", 100);

    @Test
    void longestPiecesFirstThenContinuations() {
        assertEquals(List.of("play", "##ing", "un", "##believ", "##able", "play", "##ed"),
                tokens(UNCASED, "Playing unbelievable PLAYED"));
    }

    @Test
    void punctuationAndSymbolsAreTokensOfTheirOwn() {
        assertEquals(List.of("the", "!", "$", ",", "cafe"), tokens(UNCASED, "the!$,cafe"));
    }

    @Test
    void accentsAreStrippedWhenLowercasing() {
        assertEquals(List.of("cafe"), tokens(UNCASED, "CAFÉ"));
        // a cased tokenizer keeps the accent, and the word is unknown
        assertEquals(List.of("[UNK]"), tokens(CASED, "café"));
    }

    @Test
    void ideographsAreWordsEvenWithoutSpaces() {
        assertEquals(List.of("中", "国", "the"), tokens(CASED, "中国the"));
    }

    @Test
    void aWordWithAnUncoveredPartIsOneUnknown() {
        assertEquals(List.of("[UNK]", "the"), tokens(UNCASED, "playx the"));
    }

    @Test
    void casedTokenizerKeepsCase() {
        assertEquals(List.of("Ab", "##c", "a", "##b"), tokens(CASED, "Abc ab"));
    }

    @Test
    void tooLongWordsAreUnknown() {
        assertEquals(List.of("[UNK]"), tokens(new WordPieceConfig(true, true, true, "##", 3), "playing"));
    }

    @Test
    void controlCharactersGoAndAnyWhiteSpaceSplits() {
        assertEquals(List.of("the", "cafe", "the"), tokens(UNCASED, "th\u0000e\u00a0cafe\u2003\tthe\u200b"));
    }

    @Test
    void analyzerFramesTextsAndCountsTheFrameInTheCap() {
        FeatureConfig features = FeatureConfig.defaults().withPreprocess(PreprocessConfig.none()).withWordPiece(UNCASED);
        assertEquals(List.of("[CLS]", "play", "##ing", "[SEP]"),
                new TextAnalyzer(features, VOCABULARY).features("playing"));
        TextAnalyzer capped = new TextAnalyzer(features.withMaxTokens(4), VOCABULARY);
        assertEquals(List.of("[CLS]", "play", "##ing", "[SEP]"), capped.features("playing the cafe"));
        IntList ids = new IntList();
        capped.encode("playing the cafe", VOCABULARY, ids);
        assertEquals(List.of(1, 5, 6, 2), List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3)));
        assertEquals(4, ids.size());
    }
}
