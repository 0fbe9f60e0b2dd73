package org.fenlei.nn;

/**
 * A faster implementation of {@link MatMul}'s three forms, with their contract (C += op(A) op(B), row-major, leading
 * dimensions): the {@code fenlei-vector} module's SIMD kernels. {@link MatMul} finds one through
 * {@link java.util.ServiceLoader} and uses its own loops when there is none or it cannot load.
 */
public interface MatMulKernel {
    /** C(m, n) += A(m, k) B(k, n). */
    void nn(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc);

    /** C(m, n) += A(m, k) B(n, k)^T. */
    void nt(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc);

    /** C(k, n) += A(m, k)^T B(m, n). */
    void tn(int m, int n, int k, float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc);
}
