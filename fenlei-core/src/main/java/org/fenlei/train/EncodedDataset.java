package org.fenlei.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Documents as token-id sequences with float targets, {@code width} per document (one class index, 0/1 or value;
 * or one 0/1 per label for multi-label data). Only ids are held, not text, so a corpus takes a few bytes per token.
 */
public final class EncodedDataset {
    private final List<int[]> documents;
    private final float[] targets;
    private final int width;
    /** Each document's weight in the loss; null = 1 each. */
    private final float[] weights;

    public EncodedDataset(List<int[]> documents, float[] targets) {
        this(documents, targets, 1);
    }

    public EncodedDataset(List<int[]> documents, float[] targets, int width) {
        this(documents, targets, width, null);
    }

    private EncodedDataset(List<int[]> documents, float[] targets, int width, float[] weights) {
        if (width < 1 || (long) documents.size() * width != targets.length) {
            throw new IllegalArgumentException("documents (" + documents.size() + ") and targets ("
                    + targets.length + ", " + width + " per document) differ in length");
        }
        if (weights != null && weights.length != documents.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + documents.size() + " documents");
        }
        this.documents = documents;
        this.targets = targets;
        this.width = width;
        this.weights = weights;
    }

    /** The same documents, each weighing {@code weights[i]} in the loss. */
    public EncodedDataset withWeights(float[] weights) {
        return new EncodedDataset(documents, targets, width, weights);
    }

    /** Other documents, one for each of these, with these targets and weights. */
    public EncodedDataset withDocuments(List<int[]> others) {
        return new EncodedDataset(others, targets, width, weights);
    }

    /** Whether documents have weights other than 1. */
    public boolean weighted() {
        return weights != null;
    }

    public float weight(int i) {
        return weights == null ? 1f : weights[i];
    }

    public int size() {
        return documents.size();
    }

    /** Target floats per document. */
    public int width() {
        return width;
    }

    /** Copies document {@code i}'s {@link #width} targets to {@code dest[offset...]}. */
    public void copyTarget(int i, float[] dest, int offset) {
        System.arraycopy(targets, i * width, dest, offset, width);
    }

    public int[] document(int i) {
        return documents.get(i);
    }

    /** The target of document {@code i} when there is one per document. */
    public float target(int i) {
        if (width != 1) {
            throw new IllegalStateException("documents have " + width + " targets each");
        }
        return targets[i];
    }

    /** The documents, unmodifiable. */
    public List<int[]> documents() {
        return Collections.unmodifiableList(documents);
    }

    /** A copy of the targets. */
    public float[] targets() {
        return targets.clone();
    }

    public long tokens() {
        long n = 0;
        for (int[] d : documents) {
            n += d.length;
        }
        return n;
    }

    /** The rows at {@code indices}, in that order. */
    public EncodedDataset subset(int[] indices) {
        List<int[]> docs = new ArrayList<>(indices.length);
        float[] t = new float[indices.length * width];
        float[] w = weights == null ? null : new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            docs.add(documents.get(indices[i]));
            copyTarget(indices[i], t, i * width);
            if (w != null) {
                w[i] = weights[indices[i]];
            }
        }
        return new EncodedDataset(docs, t, width, w);
    }
}
