package org.fenlei.nn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The blocked kernels against the textbook triple loop, on sub-matrices (offsets and leading dimensions wider
 * than the rows) at sizes below, at and across the block edges, and accumulating into a C that is not zero.
 */
class MatMulTest {
    private static float[] random(int size, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    /** a(i, p) of a row-major matrix at offset o with leading dimension ld, optionally read transposed. */
    private static float at(float[] x, int o, int ld, int row, int col, boolean transposed) {
        return transposed ? x[o + col * ld + row] : x[o + row * ld + col];
    }

    private static void assertMultiplies(String form, int m, int n, int k) {
        SplittableRandom random = new SplittableRandom(m * 31L + n * 7L + k);
        boolean ta = form.equals("tn");
        boolean tb = form.equals("nt");
        int lda = (ta ? m : k) + 3;
        int ldb = (tb ? k : n) + 2;
        int ldc = n + 5;
        float[] a = random(5 + (ta ? k : m) * lda, random);
        float[] b = random(7 + (tb ? n : k) * ldb, random);
        float[] c = random(1 + m * ldc, random);
        float[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) at(a, 5, lda, i, p, ta) * at(b, 7, ldb, p, j, tb);
                }
                expected[1 + i * ldc + j] += (float) s;
            }
        }
        switch (form) {
            case "nn" -> MatMul.nn(m, n, k, a, 5, lda, b, 7, ldb, c, 1, ldc);
            case "nt" -> MatMul.nt(m, n, k, a, 5, lda, b, 7, ldb, c, 1, ldc);
            default -> MatMul.tn(k, n, m, a, 5, lda, b, 7, ldb, c, 1, ldc);
        }
        for (int i = 0; i < c.length; i++) {
            assertEquals(expected[i], c[i], 1e-4f * (1 + Math.abs(expected[i])), form + " element " + i);
        }
    }

    @ParameterizedTest(name = "{0}: {1} x {2} x {3}")
    @CsvSource({
        "nn, 1, 1, 1", "nn, 3, 5, 7", "nn, 17, 300, 129", "nn, 40, 513, 260",
        "nt, 1, 4, 9", "nt, 3, 5, 7", "nt, 17, 300, 129", "nt, 40, 513, 260",
        "tn, 1, 1, 1", "tn, 3, 5, 7", "tn, 17, 300, 129", "tn, 40, 513, 260",
    })
    void blockedKernelEqualsTheTripleLoop(String form, int m, int n, int k) {
        assertMultiplies(form, m, n, k);
    }
}
