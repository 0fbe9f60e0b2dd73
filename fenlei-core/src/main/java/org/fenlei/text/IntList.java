package org.fenlei.text;

import java.util.Arrays;

/** A growable list of primitive ints, reused between documents. */
public final class IntList {
    private int[] values = new int[256];
    private int size;

    public void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public int get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException("index " + i + ", size " + size);
        }
        return values[i];
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
