package org.fenlei.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Documents as token-id sequences with float targets (class index, 0/1, or a value). Only ids are held, not
 * text, so a corpus takes a few bytes per token.
 */
public final class EncodedDataset {
    private final List<int[]> documents;
    private final float[] targets;

    public EncodedDataset(List<int[]> documents, float[] targets) {
        if (documents.size() != targets.length) {
            throw new IllegalArgumentException("documents (" + documents.size() + ") and targets ("
                    + targets.length + ") differ in length");
        }
        this.documents = documents;
        this.targets = targets;
    }

    public int size() {
        return targets.length;
    }

    public int[] document(int i) {
        return documents.get(i);
    }

    public float target(int i) {
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
        float[] t = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            docs.add(documents.get(indices[i]));
            t[i] = targets[indices[i]];
        }
        return new EncodedDataset(docs, t);
    }
}
