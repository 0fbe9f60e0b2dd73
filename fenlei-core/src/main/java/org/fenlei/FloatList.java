package org.fenlei;

import java.util.Arrays;

/** A growable list of primitive floats. */
final class FloatList {
    private float[] values = new float[1024];
    private int size;

    void add(float v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    float[] toArray() {
        return Arrays.copyOf(values, size);
    }

    void addAll(float[] more) {
        for (float v : more) {
            add(v);
        }
    }

    int size() {
        return size;
    }
}
