package org.fenlei;

import org.fenlei.text.TokenPool;

import java.util.Arrays;

/**
 * Distinct features numbered in the order they are first seen, their characters back to back in one pool: no
 * string or boxed id per feature, which for millions of word n-grams was most of training's reading time and
 * memory. Open addressing over {@link String#hashCode}; each slot holds {hash, id + 1 (0 = empty), start, end} side
 * by side, so that a feature seen before costs one miss in the table and one in the pool.
 */
final class FeatureTable implements TokenPool {
    private static final int SLOT = 4;
    private char[] pool = new char[1 << 16];
    /** Feature i is {@code pool[offsets[i], offsets[i + 1])}. */
    private int[] offsets = new int[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;
    private int[] slots = new int[SLOT << 12];
    private int mask = (1 << 12) - 1;

    /** The number of the feature {@code text[start, end)}, whose {@link String#hashCode} is {@code hash}. */
    int intern(char[] text, int start, int end, int hash) {
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int o = slot * SLOT;
            int entry = slots[o + 1];
            if (entry == 0) {
                return add(text, start, end, hash, o);
            }
            if (slots[o] == hash && slots[o + 3] - slots[o + 2] == end - start
                    && Arrays.equals(pool, slots[o + 2], slots[o + 3], text, start, end)) {
                return entry - 1;
            }
        }
    }

    private int add(char[] text, int start, int end, int hash, int o) {
        int id = size++;
        if (size + 1 > offsets.length) {
            offsets = Arrays.copyOf(offsets, 2 * offsets.length);
            hashes = Arrays.copyOf(hashes, 2 * hashes.length);
        }
        int from = offsets[id];
        if (from + end - start > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(from + end - start, 2 * pool.length));
        }
        System.arraycopy(text, start, pool, from, end - start);
        offsets[id + 1] = from + end - start;
        hashes[id] = hash;
        slots[o] = hash;
        slots[o + 1] = id + 1;
        slots[o + 2] = from;
        slots[o + 3] = from + end - start;
        // at most half full, so that a probe ends soon
        if (2 * size > mask) {
            grow();
        }
        return id;
    }

    private void grow() {
        int[] old = slots;
        int capacity = 2 * (mask + 1);
        slots = new int[SLOT * capacity];
        mask = capacity - 1;
        for (int o = 0; o < old.length; o += SLOT) {
            if (old[o + 1] != 0) {
                int slot = old[o] & mask;
                while (slots[slot * SLOT + 1] != 0) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, o, slots, slot * SLOT, SLOT);
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public char[] chars() {
        return pool;
    }

    @Override
    public int start(int id) {
        return offsets[id];
    }

    @Override
    public int end(int id) {
        return offsets[id + 1];
    }

    @Override
    public int hash(int id) {
        return hashes[id];
    }
}
