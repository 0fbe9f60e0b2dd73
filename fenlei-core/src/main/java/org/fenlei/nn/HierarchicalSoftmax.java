package org.fenlei.nn;

import java.util.SplittableRandom;

/**
 * Hierarchical softmax (Morin and Bengio 2005; fastText's {@code -loss hs}): the classes are the leaves of a
 * Huffman tree over their counts, each internal node is a sigmoid deciding left or right, and a class's
 * probability is the product of the decisions on its path, so training touches about log2(K) output rows per
 * example. Outputs: K rows, the first K - 1 for the internal nodes (the last is unused), which
 * {@link #activate} turns into the K class probabilities.
 */
public final class HierarchicalSoftmax implements Loss, BinaryDecisions {
    public static final String NAME = "hierarchical_softmax";

    private final HuffmanTree tree;
    private final int[][] paths;
    private final float[][] codes;
    private final int depth;

    public HierarchicalSoftmax(long[] counts) {
        this.tree = new HuffmanTree(counts);
        int k = counts.length;
        depth = tree.depth();
        paths = new int[k][];
        codes = new float[k][];
        int[] rows = new int[depth];
        float[] bits = new float[depth];
        for (int label = 0; label < k; label++) {
            int n = tree.path(label, rows, bits);
            paths[label] = java.util.Arrays.copyOf(rows, n);
            codes[label] = java.util.Arrays.copyOf(bits, n);
        }
    }

    @Override
    public double forwardBackward(float[] logits, float[] targets, int batch, int k, float scale, float[] dLogits) {
        double sum = 0;
        java.util.Arrays.fill(dLogits, 0, batch * k, 0f);
        for (int n = 0; n < batch; n++) {
            int target = (int) targets[n];
            int[] path = paths[target];
            for (int j = 0; j < path.length; j++) {
                int i = n * k + path[j];
                float z = logits[i];
                float y = codes[target][j];
                sum += BinaryCrossEntropy.loss(z, y);
                dLogits[i] = scale * (BinaryCrossEntropy.sigmoid(z) - y);
            }
        }
        return sum;
    }

    /** Node logits to class probabilities: from the root down, a right child gets sigmoid(z), a left 1 - it. */
    @Override
    public void activate(float[] logits, int offset, int k) {
        int leaves = tree.leaves();
        float[] p = new float[2 * leaves - 1];
        p[tree.root()] = 1f;
        // children have lower numbers than their parent, so one pass downwards visits parents first
        for (int node = tree.root(); node >= leaves; node--) {
            float right = BinaryCrossEntropy.sigmoid(logits[offset + node - leaves]);
            p[tree.right(node)] = p[node] * right;
            p[tree.left(node)] = p[node] * (1f - right);
        }
        System.arraycopy(p, 0, logits, offset, leaves);
    }

    @Override
    public int predictedClass(float[] logits, int offset, int k) {
        float[] copy = java.util.Arrays.copyOfRange(logits, offset, offset + k);
        activate(copy, 0, k);
        return ArgMax.of(copy, 0, k);
    }

    @Override
    public int maxDecisions() {
        return depth;
    }

    @Override
    public int decisions(int target, SplittableRandom random, int[] rows, float[] labels) {
        int[] path = paths[target];
        System.arraycopy(path, 0, rows, 0, path.length);
        System.arraycopy(codes[target], 0, labels, 0, path.length);
        return path.length;
    }

    @Override
    public String name() {
        return NAME;
    }
}
