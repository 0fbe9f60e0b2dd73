package org.fenlei.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnicodeWordTokenizerTest {
    private static List<String> tokens(String text, boolean bigrams) {
        List<String> out = new ArrayList<>();
        new UnicodeWordTokenizer(bigrams, false).tokenize(text, out);
        return out;
    }

    @Test
    void keepsContractionsAndNumbersWhole() {
        assertEquals(List.of("Don't", "pay", "3.14", "or", "1,000", "e.g", "U.S.A"),
                tokens("Don't pay 3.14 or 1,000, e.g. U.S.A.!", false));
    }

    @Test
    void dropsPunctuationAndSplitsOnAnyWhiteSpace() {
        assertEquals(List.of("a", "b", "c"), tokens("  a,\u00a0b\u3000(c)?! ", false));
    }

    @Test
    void makesEachPunctuationCharacterATokenWhenAsked() {
        List<String> out = new ArrayList<>();
        new UnicodeWordTokenizer(false, true).tokenize("Don't (ever)!! 3.14, \"no\" — 好，吗？ $5", out);
        assertEquals(List.of("Don't", "(", "ever", ")", "!", "!", "3.14", ",", "\"", "no", "\"", "—", "好", "，",
                "吗", "？", "$", "5"), out);
    }

    @Test
    void splitsContractionsAsScikitLearnsTokenPatternWhenAsked() {
        List<String> out = new ArrayList<>();
        new UnicodeWordTokenizer(false, true, true, false, false).tokenize("Don't U.S.A 3.14, it\u2019s re-do 好，吗", out);
        assertEquals(List.of("Don", "'", "t", "U.S.A", "3.14", ",", "it", "\u2019", "s", "re", "-", "do", "好", "，",
                "吗"), out);
        List<String> without = new ArrayList<>();
        new UnicodeWordTokenizer(false, false, true, false, false).tokenize("don't 3.14", without);
        assertEquals(List.of("don", "t", "3.14"), without);
    }

    @Test
    void readsATextMostlyOfIdeographsAsCharactersWhenAsked() {
        List<String> out = new ArrayList<>();
        UnicodeWordTokenizer characters = new UnicodeWordTokenizer(false, true, false, true, false);
        characters.tokenize("苹果发布iPhone 6，屏幕3.5寸", out);
        assertEquals(List.of("苹", "果", "发", "布", "i", "P", "h", "o", "n", "e", "6", "，", "屏", "幕", "3", ".", "5",
                "寸"), out);
        // a text of more words than ideographs keeps its words, its ideographs tokens of their own
        List<String> english = new ArrayList<>();
        characters.tokenize("the word 中国 means China", english);
        assertEquals(List.of("the", "word", "中", "国", "means", "China"), english);
    }

    /** With cjkSpaces, white space between two tokens of a text read as characters is a token: once per run. */
    @Test
    void marksTheSpacesOfATextReadAsCharactersWhenAsked() {
        String s = FeatureConfig.SPACE;
        UnicodeWordTokenizer spaces = new UnicodeWordTokenizer(false, true, false, true, true);
        List<String> out = new ArrayList<>();
        spaces.tokenize(" 体验2D巅峰 \t 倚天屠龙，\u3000记 ", out);
        assertEquals(List.of("体", "验", "2", "D", "巅", "峰", s, "倚", "天", "屠", "龙", "，", s, "记"), out);
        // a text of more words than ideographs is not read as characters: its spaces stay boundaries
        List<String> english = new ArrayList<>();
        spaces.tokenize("the word 中国 means China", english);
        assertEquals(List.of("the", "word", "中", "国", "means", "China"), english);
        // without cjkSpaces the spaces are dropped as before
        List<String> without = new ArrayList<>();
        new UnicodeWordTokenizer(false, true, false, true, false).tokenize("体验 倚天", without);
        assertEquals(List.of("体", "验", "倚", "天"), without);
    }

    @Test
    void joinsLettersDigitsAndUnderscores() {
        assertEquals(List.of("abc123", "snake_case"), tokens("abc123 snake_case", false));
    }

    @Test
    void splitsHanIntoCharactersAndAddsAdjacentBigrams() {
        assertEquals(List.of("酒", "店", "酒店", "很", "店很", "好", "很好"), tokens("酒店很好", true));
        assertEquals(List.of("酒", "店", "很", "好"), tokens("酒店，很好", false));
        // punctuation breaks a run: no bigram across it
        assertEquals(List.of("酒", "店", "酒店", "很", "好", "很好"), tokens("酒店，很好", true));
    }

    @Test
    void mixedScriptsAndKatakanaRuns() {
        assertEquals(List.of("iPhone", "手", "机", "コンピューター", "москва"),
                tokens("iPhone手机 コンピューター москва", false));
    }

    @Test
    void emojiAndSymbolsAreTokensAndSurrogatePairsStayWhole() {
        assertEquals(List.of("great", "😀", "$", "5"), tokens("great😀 $5", false));
        assertEquals(List.of("\uD83D\uDC4D\uD83C\uDFFD"), tokens("\uD83D\uDC4D\uD83C\uDFFD", false));
    }

    @Test
    void combiningMarksStayInTheirWord() {
        assertEquals(List.of("cafe\u0301", "nai\u0308ve"), tokens("cafe\u0301 nai\u0308ve", false));
    }

    @Test
    void emptyAndPunctuationOnlyTextGiveNoTokens() {
        assertEquals(List.of(), tokens("", true));
        assertEquals(List.of(), tokens("?!... ---", true));
    }

    @Test
    void randomTextNeverThrowsAndTokensAreNonEmptySubstrings() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                int cp = random.nextInt(4) == 0 ? random.nextInt(0x1F700) : random.nextInt(0x80);
                if (Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)) {
                    sb.appendCodePoint(cp);
                } else if (random.nextBoolean()) {
                    sb.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogate
                }
            }
            String text = sb.toString();
            new UnicodeWordTokenizer(true, random.nextBoolean()).tokenize(text, (s, start, end) -> {
                assertTrue(start < end && end <= s.length, "range " + start + ".." + end);
            });
        }
    }
}
