package org.fenlei.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferAugmenterTest {
    private static final List<String> TEXTS = List.of("a gripping and beautifully shot film", "dull, slow and long",
            "这部电影很好看");

    @Test
    void makesTheCopiesInOrderFromTheTextsOwnWordsAndMasks() {
        List<String> copies = TransferAugmenter.augment(TEXTS, 50, 7);
        assertEquals(150, copies.size());
        Set<String> words = Set.of("a", "gripping", "and", "beautifully", "shot", "film", "dull", ",", "slow", "long",
                "这", "部", "电", "影", "很", "好", "看", TransferAugmenter.MASK);
        int masked = 0;
        int shortened = 0;
        for (int i = 0; i < copies.size(); i++) {
            String[] tokens = copies.get(i).split(" ");
            for (String t : tokens) {
                assertTrue(words.contains(t), t);
                masked += t.equals(TransferAugmenter.MASK) ? 1 : 0;
            }
            int original = new int[] {6, 5, 7}[i / 50];
            assertTrue(tokens.length <= original);
            shortened += tokens.length < original ? 1 : 0;
        }
        // about a tenth of the words masked, about a quarter of the copies cut to an n-gram
        assertTrue(masked > 50 && masked < 200, "masked " + masked);
        assertTrue(shortened > 20 && shortened < 70, "shortened " + shortened);
    }

    @Test
    void theSameSeedGivesTheSameCopies() {
        assertEquals(TransferAugmenter.augment(TEXTS, 3, 1), TransferAugmenter.augment(TEXTS, 3, 1));
        assertNotEquals(TransferAugmenter.augment(TEXTS, 3, 1), TransferAugmenter.augment(TEXTS, 3, 2));
    }
}
