package org.fenlei.bench;

import org.fenlei.nn.MatMul;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link MatMul}'s three forms against the naive triple loop, on one thread, at the shapes Fenlei's sequence
 * models multiply ({@code m x k x n}: rows of the batch x inputs x outputs). bench/kernels.sh turns the times
 * into GFLOP/s (2 m k n flops per call).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatMulBenchmark {
    /**
     * 1000x900x100: a CNN width-3 convolution over 300-dim vectors, 100 maps, a batch of 50 MR sentences;
     * 1000x300x600: an LSTM's input projection (4 gates of 150); 16x128x512: one recurrent step of a 128-unit
     * LSTM over a thread's 16 texts; 1024x128x384: a Transformer's Q, K, V projection; 1024x128x512: its
     * feed-forward layer.
     */
    @Param({"1000x900x100", "1000x300x600", "16x128x512", "1024x128x384", "1024x128x512"})
    public String shape;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] bt;
    private float[] at;
    private float[] c;

    @Setup
    public void setUp() {
        String[] s = shape.split("x");
        m = Integer.parseInt(s[0]);
        k = Integer.parseInt(s[1]);
        n = Integer.parseInt(s[2]);
        SplittableRandom random = new SplittableRandom(1);
        a = fill(m * k, random);
        b = fill(k * n, random);
        bt = fill(n * k, random);
        at = fill(m * k, random);
        c = new float[m * n];
    }

    private static float[] fill(int size, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    /** C(m, n) += A(m, k) B(k, n): a forward pass. */
    @Benchmark
    public void nn(Blackhole hole) {
        MatMul.nn(m, n, k, a, 0, k, b, 0, n, c, 0, n);
        hole.consume(c);
    }

    /** C(m, n) += A(m, k) B(n, k)^T: a forward pass with (out, in) weights, or an input gradient. */
    @Benchmark
    public void nt(Blackhole hole) {
        MatMul.nt(m, n, k, a, 0, k, bt, 0, k, c, 0, n);
        hole.consume(c);
    }

    /** C(k, n) += A(m, k)^T B(m, n): a weight gradient; here A is (m, k) and B is c's (m, n). */
    @Benchmark
    public void tn(Blackhole hole) {
        MatMul.tn(m, n, k, at, 0, k, c, 0, n, b, 0, n);
        hole.consume(b);
    }

    /** The textbook triple loop, as the tests' oracle: what the kernel is measured against. */
    @Benchmark
    public void naive(Blackhole hole) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] += s;
            }
        }
        hole.consume(c);
    }
}
