package org.fenlei.nn;

import java.util.Arrays;

/**
 * A batch of variable-length token-id sequences, packed: document {@code b} is
 * {@code ids[offsets[b] .. offsets[b+1])}. No padding exists, so nothing needs masking. Reused between batches.
 *
 * <p>A document may carry a scale (integrated gradients walks from zero vectors to the text's own): the network
 * multiplies its token vectors by it before anything else, and its backward pass then gives the gradient with
 * respect to those scaled vectors, not the table rows.
 */
public final class TokenBatch {
    private int[] ids = new int[1024];
    private int[] offsets = new int[65];
    private float[] scales;
    private int size;

    public void clear() {
        size = 0;
        offsets[0] = 0;
        scales = null;
    }

    /** Adds a document whose token vectors the network multiplies by {@code scale}. */
    public void add(int[] document, float scale) {
        add(document);
        if (scales == null) {
            scales = new float[Math.max(64, size)];
            Arrays.fill(scales, 1f);
        } else if (size > scales.length) {
            int from = scales.length;
            scales = Arrays.copyOf(scales, Math.max(size, 2 * from));
            Arrays.fill(scales, from, scales.length, 1f);
        }
        scales[size - 1] = scale;
    }

    /** The factor of document {@code b}'s token vectors: 1 unless it was added with a scale. */
    public float scale(int b) {
        return scales == null || b >= scales.length ? 1f : scales[b];
    }

    public void add(int[] document) {
        int start = offsets[size];
        int end = start + document.length;
        if (end > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(end, ids.length * 2));
        }
        if (size + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        System.arraycopy(document, 0, ids, start, document.length);
        offsets[++size] = end;
    }

    /** Starts a document to be filled token by token; finish it with {@link #endDocument()}. */
    public void startDocument() {
        if (size + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[size + 1] = offsets[size];
    }

    public void addToken(int id) {
        int end = offsets[size + 1];
        if (end == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        ids[end] = id;
        offsets[size + 1] = end + 1;
    }

    /** Tokens added to the open document so far. */
    public int currentLength() {
        return offsets[size + 1] - offsets[size];
    }

    public void endDocument() {
        size++;
    }

    public int size() {
        return size;
    }

    public int[] ids() {
        return ids;
    }

    public int[] offsets() {
        return offsets;
    }
}
