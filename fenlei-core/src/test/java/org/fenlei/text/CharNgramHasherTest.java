package org.fenlei.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CharNgramHasherTest {
    private static int bucket(String gram, int buckets, int offset) {
        return offset + Integer.remainderUnsigned(WordNgramHasher.hash(gram), buckets);
    }

    @Test
    void framesTheTokenAndLeavesOutTheFrameCharactersAlone() {
        IntList out = new IntList();
        char[] text = "xaby".toCharArray();
        CharNgramHasher.appendNgrams(text, 1, 3, 1, 2, 1000, 7, out);
        // "<ab>": "<a", "a", "ab", "b", "b>"; "<" and ">" alone are not n-grams
        List<String> grams = List.of("<a", "a", "ab", "b", "b>");
        assertEquals(grams.size(), out.size());
        for (int i = 0; i < grams.size(); i++) {
            assertEquals(bucket(grams.get(i), 1000, 7), out.get(i), grams.get(i));
        }
    }

    @Test
    void keepsOnlyTheLengthsAsked() {
        IntList out = new IntList();
        CharNgramHasher.appendNgrams("where".toCharArray(), 0, 5, 3, 3, 1 << 20, 0, out);
        // fastText's example: <wh, whe, her, ere, re>
        List<String> grams = List.of("<wh", "whe", "her", "ere", "re>");
        assertEquals(grams.size(), out.size());
        for (int i = 0; i < grams.size(); i++) {
            assertEquals(bucket(grams.get(i), 1 << 20, 0), out.get(i), grams.get(i));
        }
    }
}
