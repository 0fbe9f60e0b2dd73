package org.fenlei.nn;

import java.util.Arrays;

/**
 * The binary tree of fastText's hierarchical softmax ({@code HierarchicalSoftmaxLoss::buildTree}; Mikolov et al.
 * 2013): a Huffman tree over the label counts, so frequent labels sit near the root. The construction expects the
 * counts most frequent first, as fastText keeps them; other orders still give a valid (if less balanced) tree.
 * Leaves are labels 0..n-1, internal node {@code i >= n} uses row {@code i - n} of the output matrix; a node's
 * right child is the "1" branch.
 */
public final class HuffmanTree {
    final int leaves;
    final int[] left;
    final int[] right;
    private final int[] parent;

    public HuffmanTree(long[] counts) {
        if (counts.length < 2) {
            throw new IllegalArgumentException("a hierarchical softmax needs at least two labels");
        }
        leaves = counts.length;
        int nodes = 2 * leaves - 1;
        left = new int[nodes];
        right = new int[nodes];
        long[] count = new long[nodes];
        Arrays.fill(left, -1);
        Arrays.fill(right, -1);
        Arrays.fill(count, 1_000_000_000_000_000L);
        System.arraycopy(counts, 0, count, 0, leaves);
        int leaf = leaves - 1;
        int node = leaves;
        for (int i = leaves; i < nodes; i++) {
            int[] smallest = new int[2];
            for (int j = 0; j < 2; j++) {
                if (leaf >= 0 && count[leaf] < count[node]) {
                    smallest[j] = leaf--;
                } else {
                    smallest[j] = node++;
                }
            }
            left[i] = smallest[0];
            right[i] = smallest[1];
            count[i] = count[smallest[0]] + count[smallest[1]];
        }
        parent = new int[nodes];
        for (int i = leaves; i < nodes; i++) {
            parent[left[i]] = i;
            parent[right[i]] = i;
        }
    }

    public int leaves() {
        return leaves;
    }

    public int root() {
        return 2 * leaves - 2;
    }

    public boolean isLeaf(int node) {
        return left[node] == -1 && right[node] == -1;
    }

    public int left(int node) {
        return left[node];
    }

    public int right(int node) {
        return right[node];
    }

    /**
     * The internal nodes from the root down to leaf {@code label} (as output rows, {@code node - leaves}) into
     * {@code rows}, and whether each step goes right into {@code codes}; returns the path length.
     */
    public int path(int label, int[] rows, float[] codes) {
                int n = 0;
        for (int node = label; node != root(); node = parent[node]) {
            n++;
        }
        int i = n;
        for (int node = label; node != root(); node = parent[node]) {
            i--;
            rows[i] = parent[node] - leaves;
            codes[i] = right[parent[node]] == node ? 1f : 0f;
        }
        return n;
    }


    /** The longest root-to-leaf path: the size the arrays given to {@link #path} need. */
    public int depth() {
        int deepest = 0;
        for (int label = 0; label < leaves; label++) {
            int n = 0;
            for (int node = label; node != root(); node = parent[node]) {
                n++;
            }
            deepest = Math.max(deepest, n);
        }
        return deepest;
    }
}
