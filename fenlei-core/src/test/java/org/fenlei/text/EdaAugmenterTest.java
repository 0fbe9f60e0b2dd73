package org.fenlei.text;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdaAugmenterTest {
    private static final int[] DOC = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void swapKeepsTheSameTokens() {
        int[] swapped = new EdaAugmenter(0.2).randomSwap(DOC, new SplittableRandom(1));
        int[] sorted = swapped.clone();
        Arrays.sort(sorted);
        assertArrayEquals(DOC, sorted);
    }

    @Test
    void deletionKeepsOrderAndAtLeastOneToken() {
        int[] kept = new EdaAugmenter(0.5).randomDeletion(DOC, new SplittableRandom(3));
        assertTrue(kept.length >= 1 && kept.length < DOC.length);
        for (int i = 1; i < kept.length; i++) {
            assertTrue(kept[i - 1] < kept[i]);
        }
        assertEquals(1, new EdaAugmenter(0.99).randomDeletion(new int[] {4, 4, 4}, new SplittableRandom(5)).length);
    }

    @Test
    void isDeterministicForASeed() {
        EdaAugmenter eda = new EdaAugmenter(0.1);
        assertArrayEquals(eda.augment(DOC, new SplittableRandom(42)), eda.augment(DOC, new SplittableRandom(42)));
    }

    @Test
    void rejectsAlphaOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new EdaAugmenter(0));
        assertThrows(IllegalArgumentException.class, () -> new EdaAugmenter(1));
    }
}
