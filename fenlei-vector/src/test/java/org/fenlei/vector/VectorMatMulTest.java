package org.fenlei.vector;

import org.fenlei.nn.MatMul;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SIMD kernel against the naive triple loop, on shapes with every kind of row, column and depth remainder. */
class VectorMatMulTest {
    private static final int[][] SHAPES = {{1, 1, 1}, {3, 5, 7}, {4, 32, 16}, {5, 33, 300}, {17, 64, 257},
        {30, 30, 32}, {64, 1152, 384}, {2, 2, 1536}};

    private static float[] random(int n, SplittableRandom r) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    @Test
    void isTheKernelMatMulUses() {
        assertEquals("VectorMatMul", MatMul.kernel());
    }

    @Test
    void allThreeFormsMatchTheNaiveProductWithOffsetsAndLeadingDimensions() {
        VectorMatMul kernel = new VectorMatMul();
        SplittableRandom r = new SplittableRandom(5);
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            // padding of 3 in every leading dimension and an offset of 2 in every array
            int lda = k + 3;
            int ldb = n + 3;
            int ldc = n + 3;
            float[] a = random(2 + m * lda, r);
            float[] b = random(2 + k * ldb, r);
            float[] c = random(2 + m * ldc, r);
            float[] expected = c.clone();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += a[2 + i * lda + p] * b[2 + p * ldb + j];
                    }
                    expected[2 + i * ldc + j] += (float) sum;
                }
            }
            float[] got = c.clone();
            kernel.nn(m, n, k, a, 2, lda, b, 2, ldb, got, 2, ldc);
            assertClose(expected, got, "nn " + m + "x" + n + "x" + k);
            // nt: B given transposed (n, k)
            int ldt = k + 3;
            float[] bt = new float[2 + n * ldt];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    bt[2 + j * ldt + p] = b[2 + p * ldb + j];
                }
            }
            got = c.clone();
            kernel.nt(m, n, k, a, 2, lda, bt, 2, ldt, got, 2, ldc);
            assertClose(expected, got, "nt " + m + "x" + n + "x" + k);
            // tn: A given transposed (k, m): C(m, n) += At(k, m)^T B(k, n)
            int ldat = m + 3;
            float[] at = new float[2 + k * ldat];
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    at[2 + p * ldat + i] = a[2 + i * lda + p];
                }
            }
            got = c.clone();
            kernel.tn(k, n, m, at, 2, ldat, b, 2, ldb, got, 2, ldc);
            assertClose(expected, got, "tn " + m + "x" + n + "x" + k);
        }
    }

    private static void assertClose(float[] expected, float[] got, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-4 * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }
}
