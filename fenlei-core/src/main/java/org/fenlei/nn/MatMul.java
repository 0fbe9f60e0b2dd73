package org.fenlei.nn;

/**
 * Single-precision matrix multiply-accumulate on row-major arrays with leading dimensions, as BLAS {@code sgemm}
 * with beta = 1: C += op(A) op(B). The three forms cover a layer's forward pass (x W), its input gradient
 * (dy W^T) and its weight gradient (x^T dy).
 * <p>Every form is reduced to the "axpy" shape c[i, j..] += a * b[p, j..] over contiguous rows, the loop C2's
 * superword pass turns into AVX instructions; float dot products stay scalar, as C2 does not reorder a float
 * reduction. The loops are blocked and packed (Goto &amp; van de Geijn 2008): a block of B (transposed while it
 * is packed, for the nt form) or, for the tn form, of C is copied into a thread's buffer of row arrays that stays
 * in the L2 cache across every row of the other operand, and each row of C is updated in a copy. The inner loop
 * folds four rows of the block into one pass ({@code axpy4}: four multiply-adds per load and store of the output
 * row); each row is its own array starting at offset 0, which lets C2 vectorise it. For one to three rows of A,
 * the nt form takes dot products instead of packing. The naive triple loop stays in the tests as the oracle, and
 * {@code fenlei-bench} measures both.
 * <p>Where a {@link MatMulKernel} is on the class path and loads (the {@code fenlei-vector} module, on a JVM started
 * with {@code --add-modules jdk.incubator.vector}), every product goes to it instead: C2 does not keep a block of C in
 * registers across the depth, which explicit SIMD code does. The system property {@code fenlei.kernel=scalar} keeps
 * these loops.
 */
public final class MatMul {
    /** Columns per tile: a 1 KiB row of the tile stays in the 32 KiB L1 data cache while it is reused. */
    private static final int COLUMNS = 256;
    /** Depth per block: a block of DEPTH x COLUMNS floats (128 KiB) stays in the 512 KiB L2 across all rows. */
    private static final int DEPTH = 128;
    /** The packed block and row of the calling thread, allocated once. */
    private static final ThreadLocal<Packing> PACKING = ThreadLocal.withInitial(Packing::new);
    private static final MatMulKernel KERNEL = loadKernel();

    private MatMul() {
    }

    private static MatMulKernel loadKernel() {
        if ("scalar".equals(System.getProperty("fenlei.kernel")) || !optimisingCompiler()) {
            return null;
        }
        try {
            return java.util.ServiceLoader.load(MatMulKernel.class).findFirst().orElse(null);
        } catch (java.util.ServiceConfigurationError | LinkageError e) {
            // the SIMD module is there but its JDK module is not: the JVM was started without it
            return null;
        }
    }

    /**
     * Whether the JVM compiles hot code with C2. Only C2 turns the Vector API into SIMD instructions: under the first
     * tier alone ({@code -XX:TieredStopAtLevel=1..3}) or the interpreter its vectors are Java objects and every
     * lane a call, far slower than these loops.
     */
    private static boolean optimisingCompiler() {
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            return false;
        }
        try {
            var diagnostics = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            boolean tiered = Boolean.parseBoolean(diagnostics.getVMOption("TieredCompilation").getValue());
            return !tiered || Integer.parseInt(diagnostics.getVMOption("TieredStopAtLevel").getValue()) >= 4;
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no management module: assume the usual optimising JIT
            return true;
        }
    }

    /** The kernel the products run on: the SIMD one's class name, or "scalar". */
    public static String kernel() {
        return KERNEL == null ? "scalar" : KERNEL.getClass().getSimpleName();
    }

    /** C(m, n) += A(m, k) B(k, n). */
    public static void nn(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c,
                          int co, int ldc) {
        if (KERNEL != null) {
            KERNEL.nn(m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc);
            return;
        }
        multiply(false, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc);
    }

    /** C(m, n) += A(m, k) B(n, k)^T. For one to three rows of A dot products beat packing. */
    public static void nt(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c,
                          int co, int ldc) {
        if (KERNEL != null) {
            KERNEL.nt(m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc);
            return;
        }
        if (m < 4) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[co + i * ldc + j] += dot(a, ao + i * lda, b, bo + j * ldb, k);
                }
            }
            return;
        }
        multiply(true, m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc);
    }

    /** C += A op(B): B's block is packed (transposed for nt), each row of C is updated in a packed copy. */
    private static void multiply(boolean transposedB, int m, int n, int k, float[] a, int ao, int lda, float[] b,
                                 int bo, int ldb, float[] c, int co, int ldc) {
        Packing pack = PACKING.get();
        float[][] block = pack.block;
        float[] row = pack.row;
        for (int j0 = 0; j0 < n; j0 += COLUMNS) {
            int len = Math.min(n, j0 + COLUMNS) - j0;
            for (int p0 = 0; p0 < k; p0 += DEPTH) {
                int depth = Math.min(k, p0 + DEPTH) - p0;
                for (int p = 0; p < depth; p++) {
                    if (transposedB) {
                        float[] dst = block[p];
                        for (int j = 0; j < len; j++) {
                            dst[j] = b[bo + (j0 + j) * ldb + p0 + p];
                        }
                    } else {
                        System.arraycopy(b, bo + (p0 + p) * ldb + j0, block[p], 0, len);
                    }
                }
                for (int i = 0; i < m; i++) {
                    int ai = ao + i * lda + p0;
                    int ci = co + i * ldc + j0;
                    System.arraycopy(c, ci, row, 0, len);
                    int p = 0;
                    for (; p + 3 < depth; p += 4) {
                        axpy4(a[ai + p], a[ai + p + 1], a[ai + p + 2], a[ai + p + 3], block[p], block[p + 1],
                                block[p + 2], block[p + 3], row, len);
                    }
                    for (; p < depth; p++) {
                        axpy(a[ai + p], block[p], row, len);
                    }
                    System.arraycopy(row, 0, c, ci, len);
                }
            }
        }
    }

    /** C(k, n) += A(m, k)^T B(m, n): the block of C is packed, each row of B is copied once per block. */
    public static void tn(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c,
                          int co, int ldc) {
        if (KERNEL != null) {
            KERNEL.tn(m, n, k, a, ao, lda, b, bo, ldb, c, co, ldc);
            return;
        }
        Packing pack = PACKING.get();
        float[][] block = pack.block;
        float[] row = pack.row;
        float[][] rows = pack.rows;
        for (int j0 = 0; j0 < n; j0 += COLUMNS) {
            int len = Math.min(n, j0 + COLUMNS) - j0;
            for (int p0 = 0; p0 < k; p0 += DEPTH) {
                int depth = Math.min(k, p0 + DEPTH) - p0;
                for (int p = 0; p < depth; p++) {
                    System.arraycopy(c, co + (p0 + p) * ldc + j0, block[p], 0, len);
                }
                int i = 0;
                for (; i + 3 < m; i += 4) {
                    for (int r = 0; r < 4; r++) {
                        System.arraycopy(b, bo + (i + r) * ldb + j0, rows[r], 0, len);
                    }
                    int ai = ao + i * lda + p0;
                    for (int p = 0; p < depth; p++) {
                        axpy4(a[ai + p], a[ai + lda + p], a[ai + 2 * lda + p], a[ai + 3 * lda + p], rows[0], rows[1],
                                rows[2], rows[3], block[p], len);
                    }
                }
                for (; i < m; i++) {
                    System.arraycopy(b, bo + i * ldb + j0, row, 0, len);
                    int ai = ao + i * lda + p0;
                    for (int p = 0; p < depth; p++) {
                        axpy(a[ai + p], row, block[p], len);
                    }
                }
                for (int p = 0; p < depth; p++) {
                    System.arraycopy(block[p], 0, c, co + (p0 + p) * ldc + j0, len);
                }
            }
        }
    }

    /**
     * y[0..len) += s0 x0 + s1 x1 + s2 x2 + s3 x3: four multiply-adds per load and store of y, which doubles the
     * rate of {@link #axpy} (the rows are separate arrays, which C2 vectorises as it does one).
     */
    private static void axpy4(float s0, float s1, float s2, float s3, float[] x0, float[] x1, float[] x2, float[] x3,
                              float[] y, int len) {
        for (int j = 0; j < len; j++) {
            y[j] += s0 * x0[j] + s1 * x1[j] + s2 * x2[j] + s3 * x3[j];
        }
    }

    /** y[0..len) += s x[0..len). Both start at 0 so C2 may vectorise it without proving the arrays distinct. */
    private static void axpy(float s, float[] x, float[] y, int len) {
        for (int j = 0; j < len; j++) {
            y[j] += s * x[j];
        }
    }

    /** Each of the first {@code rows} rows of c (rows row.length apart) = row: a layer's bias before its multiply. */
    static void setRows(float[] row, float[] c, int rows) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(row, 0, c, r * row.length, row.length);
        }
    }

    /** sums[j] += the sum of column j of a (rows, cols): a bias's gradient, 1^T dY. */
    static void addColumnSums(float[] a, int rows, int cols, float[] sums) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                sums[c] += a[r * cols + c];
            }
        }
    }

    /** a[ao..ao+n) . b[bo..bo+n), four accumulators so more of the loop is in flight. */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static final class Packing {
        final float[][] block = new float[DEPTH][COLUMNS];
        final float[] row = new float[COLUMNS];
        final float[][] rows = new float[4][COLUMNS];
    }
}
