package org.fenlei.fasttext;

import java.util.Arrays;

/**
 * The binary tree of fastText's hierarchical softmax ({@code HierarchicalSoftmaxLoss::buildTree}): a Huffman
 * tree over the label counts, which fastText keeps sorted most frequent first. Leaves are labels 0..n-1,
 * internal node {@code i >= n} uses row {@code i - n} of the output matrix.
 */
final class HuffmanTree {
    final int leaves;
    final int[] left;
    final int[] right;

    HuffmanTree(long[] counts) {
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
    }

    int root() {
        return 2 * leaves - 2;
    }

    boolean isLeaf(int node) {
        return left[node] == -1 && right[node] == -1;
    }
}
