package org.fenlei.train;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StratifiedSplitTest {
    @Test
    void keepsEachClassShareAndPartitionsTheRows() {
        int[] classes = new int[100];
        for (int i = 0; i < 100; i++) {
            classes[i] = i < 80 ? 0 : 1;
        }
        StratifiedSplit s = StratifiedSplit.of(classes, 0.2, 42);
        assertEquals(20, s.test().length);
        assertEquals(16, Arrays.stream(s.test()).filter(i -> classes[i] == 0).count());
        assertEquals(4, Arrays.stream(s.test()).filter(i -> classes[i] == 1).count());
        int[] all = new int[100];
        System.arraycopy(s.train(), 0, all, 0, 80);
        System.arraycopy(s.test(), 0, all, 80, 20);
        Arrays.sort(all);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, all[i]);
        }
    }

    @Test
    void isReproducibleForASeedAndDiffersAcrossSeeds() {
        int[] classes = new int[50];
        assertArrayEquals(StratifiedSplit.of(classes, 0.3, 1).test(), StratifiedSplit.of(classes, 0.3, 1).test());
        assertEquals(false, Arrays.equals(StratifiedSplit.of(classes, 0.3, 1).test(),
                StratifiedSplit.of(classes, 0.3, 2).test()));
    }

    @Test
    void singletonClassesStayInTraining() {
        StratifiedSplit s = StratifiedSplit.of(new int[] {0, 0, 0, 0, 1}, 0.5, 3);
        assertEquals(0, Arrays.stream(s.test()).filter(i -> i == 4).count());
    }

    @Test
    void rejectsShareOutsideTheOpenUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.of(new int[] {0}, 1.0, 1));
    }
}
