package org.fenlei.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.fenlei.nn.MatMulKernel;

/**
 * {@link MatMulKernel} on the Vector API: every form is C(M, N) += X(M, K) Y(K, N) with X and Y read through strides,
 * so one micro-kernel serves all three. A panel of Y, {@code kc} deep and four vectors wide, is read in place where
 * Y's rows are contiguous (nn, tn) and packed otherwise (transposed for the nt form, and for a last panel narrower
 * than four vectors, zeros past the last column): packing all of a weight matrix for the few rows of one short text
 * cost as much as the product. A block of C four rows by four vectors stays
 * in sixteen registers across the panel's depth while X's four values are broadcast (Goto &amp; van de Geijn 2008's
 * register blocking). A last panel narrower than four vectors is computed in a padded copy of its rows of C, not with
 * masked loads and stores: on Java 17 those leave the intrinsics, and C2, deoptimised by them again and again, gives
 * the kernel up to the interpreter.
 */
public final class VectorMatMul implements MatMulKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = 4 * L;
    /** Depth per packed panel: 256 x 4 vectors of floats (64 KiB with AVX-512) stays in L2 across C's rows. */
    private static final int KC = 256;
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[KC * W]);
    /** Four rows of a narrow last panel of C, padded to the full width. */
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[4 * W]);

    @Override
    public void nn(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
                   int ldc) {
        multiply(m, n, k, a, ao, lda, 1, b, bo, ldb, 1, c, co, ldc);
    }

    @Override
    public void nt(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
                   int ldc) {
        multiply(m, n, k, a, ao, lda, 1, b, bo, 1, ldb, c, co, ldc);
    }

    @Override
    public void tn(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
                   int ldc) {
        multiply(k, n, m, a, ao, 1, lda, b, bo, ldb, 1, c, co, ldc);
    }

    /** C(rows, cols) += X Y, X(r, q) = x[xo + r xr + q xq], Y(q, j) = y[yo + q yq + j yj]. */
    private static void multiply(int rows, int cols, int depth, float[] x, int xo, int xr, int xq, float[] y, int yo,
                                 int yq, int yj, float[] c, int co, int ldc) {
        float[] packed = PANEL.get();
        float[] edge = EDGE.get();
        for (int j0 = 0; j0 < cols; j0 += W) {
            int width = Math.min(W, cols - j0);
            // a constant stride lets C2 drop the bounds checks of the inner loop, which pays for packing where the
            // panel serves many rows
            boolean inPlace = yj == 1 && width == W && rows < 16;
            for (int q0 = 0; q0 < depth; q0 += KC) {
                int kc = Math.min(KC, depth - q0);
                float[] panel = inPlace ? y : packed;
                int po = inPlace ? yo + q0 * yq + j0 : 0;
                int ps = inPlace ? yq : W;
                if (!inPlace) {
                    pack(packed, y, yo + q0 * yq + j0 * yj, yq, yj, kc, width);
                }
                for (int r = 0; r < rows; r += 4) {
                    int n = Math.min(4, rows - r);
                    int xi = xo + r * xr + q0 * xq;
                    int ci = co + r * ldc + j0;
                    if (width == W && n == 4) {
                        block4(panel, po, ps, kc, x, xi, xr, xq, c, ci, ldc);
                    } else if (width == W) {
                        for (int i = 0; i < n; i++) {
                            block1(panel, po, ps, kc, x, xi + i * xr, xq, c, ci + i * ldc);
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            System.arraycopy(c, ci + i * ldc, edge, i * W, width);
                        }
                        if (n == 4) {
                            block4(panel, po, ps, kc, x, xi, xr, xq, edge, 0, W);
                        } else {
                            for (int i = 0; i < n; i++) {
                                block1(panel, po, ps, kc, x, xi + i * xr, xq, edge, i * W);
                            }
                        }
                        for (int i = 0; i < n; i++) {
                            System.arraycopy(edge, i * W, c, ci + i * ldc, width);
                        }
                    }
                }
            }
        }
    }

    /** panel[q][0..W) = Y(q, j0 .. j0 + width), zeros after. */
    private static void pack(float[] panel, float[] y, int yo, int yq, int yj, int kc, int width) {
        for (int q = 0; q < kc; q++) {
            int p = q * W;
            int o = yo + q * yq;
            if (yj == 1) {
                System.arraycopy(y, o, panel, p, width);
            } else {
                for (int j = 0; j < width; j++) {
                    panel[p + j] = y[o + j * yj];
                }
            }
            for (int j = width; j < W; j++) {
                panel[p + j] = 0f;
            }
        }
    }

    /** C's four rows by four vectors += X's four rows times the panel (row q at po + q ps). */
    private static void block4(float[] panel, int po, int ps, int kc, float[] x, int xo, int xr, int xq, float[] c,
                               int c0, int ldc) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector a0 = FloatVector.fromArray(S, c, c0);
        FloatVector a1 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector a2 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, c, c0 + 3 * L);
        FloatVector b0 = FloatVector.fromArray(S, c, c1);
        FloatVector b1 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector b2 = FloatVector.fromArray(S, c, c1 + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, c, c1 + 3 * L);
        FloatVector d0 = FloatVector.fromArray(S, c, c2);
        FloatVector d1 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector d2 = FloatVector.fromArray(S, c, c2 + 2 * L);
        FloatVector d3 = FloatVector.fromArray(S, c, c2 + 3 * L);
        FloatVector e0 = FloatVector.fromArray(S, c, c3);
        FloatVector e1 = FloatVector.fromArray(S, c, c3 + L);
        FloatVector e2 = FloatVector.fromArray(S, c, c3 + 2 * L);
        FloatVector e3 = FloatVector.fromArray(S, c, c3 + 3 * L);
        for (int q = 0; q < kc; q++) {
            int p = po + q * ps;
            FloatVector y0 = FloatVector.fromArray(S, panel, p);
            FloatVector y1 = FloatVector.fromArray(S, panel, p + L);
            FloatVector y2 = FloatVector.fromArray(S, panel, p + 2 * L);
            FloatVector y3 = FloatVector.fromArray(S, panel, p + 3 * L);
            int o = xo + q * xq;
            FloatVector v = FloatVector.broadcast(S, x[o]);
            a0 = v.fma(y0, a0);
            a1 = v.fma(y1, a1);
            a2 = v.fma(y2, a2);
            a3 = v.fma(y3, a3);
            v = FloatVector.broadcast(S, x[o + xr]);
            b0 = v.fma(y0, b0);
            b1 = v.fma(y1, b1);
            b2 = v.fma(y2, b2);
            b3 = v.fma(y3, b3);
            v = FloatVector.broadcast(S, x[o + 2 * xr]);
            d0 = v.fma(y0, d0);
            d1 = v.fma(y1, d1);
            d2 = v.fma(y2, d2);
            d3 = v.fma(y3, d3);
            v = FloatVector.broadcast(S, x[o + 3 * xr]);
            e0 = v.fma(y0, e0);
            e1 = v.fma(y1, e1);
            e2 = v.fma(y2, e2);
            e3 = v.fma(y3, e3);
        }
        a0.intoArray(c, c0);
        a1.intoArray(c, c0 + L);
        a2.intoArray(c, c0 + 2 * L);
        a3.intoArray(c, c0 + 3 * L);
        b0.intoArray(c, c1);
        b1.intoArray(c, c1 + L);
        b2.intoArray(c, c1 + 2 * L);
        b3.intoArray(c, c1 + 3 * L);
        d0.intoArray(c, c2);
        d1.intoArray(c, c2 + L);
        d2.intoArray(c, c2 + 2 * L);
        d3.intoArray(c, c2 + 3 * L);
        e0.intoArray(c, c3);
        e1.intoArray(c, c3 + L);
        e2.intoArray(c, c3 + 2 * L);
        e3.intoArray(c, c3 + 3 * L);
    }

    private static void block1(float[] panel, int po, int ps, int kc, float[] x, int xo, int xq, float[] c, int c0) {
        FloatVector a0 = FloatVector.fromArray(S, c, c0);
        FloatVector a1 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector a2 = FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, c, c0 + 3 * L);
        for (int q = 0; q < kc; q++) {
            int p = po + q * ps;
            FloatVector v = FloatVector.broadcast(S, x[xo + q * xq]);
            a0 = v.fma(FloatVector.fromArray(S, panel, p), a0);
            a1 = v.fma(FloatVector.fromArray(S, panel, p + L), a1);
            a2 = v.fma(FloatVector.fromArray(S, panel, p + 2 * L), a2);
            a3 = v.fma(FloatVector.fromArray(S, panel, p + 3 * L), a3);
        }
        a0.intoArray(c, c0);
        a1.intoArray(c, c0 + L);
        a2.intoArray(c, c0 + 2 * L);
        a3.intoArray(c, c0 + 3 * L);
    }
}
