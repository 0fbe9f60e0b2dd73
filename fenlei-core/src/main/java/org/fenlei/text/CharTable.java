package org.fenlei.text;

import java.util.Arrays;

/**
 * Distinct strings numbered in the order they are added, their characters back to back in one pool, looked up
 * straight from a range of characters: no string or boxed id per entry. A corpus's millions of word n-grams and a
 * vocabulary's tokens both live in one. Open addressing over {@link String#hashCode}; each slot holds {hash, number
 * + 1 (0 = empty), start, end} side by side, so that a lookup that hits touches one cache line of the table and one
 * of the pool; at most three quarters full, so that the table stays small enough to stay in cache more and a probe
 * still ends within a cache line or two.
 */
public final class CharTable {
    private static final int SLOT = 4;
    private char[] pool;
    /** Entry i is {@code pool[offsets[i], offsets[i + 1])}. */
    private int[] offsets;
    private int[] hashes;
    private int size;
    private int[] slots;
    private int mask;

    /** A table that grows as entries come. */
    public CharTable() {
        this(1 << 10, 1 << 14);
    }

    /** A table sized for {@code entries} entries of {@code chars} characters in all. */
    public CharTable(int entries, int chars) {
        pool = new char[Math.max(16, chars)];
        offsets = new int[Math.max(16, entries + 1)];
        hashes = new int[offsets.length];
        int capacity = Integer.highestOneBit(Math.max(4, entries + entries / 3)) << 1;
        slots = new int[Math.multiplyExact(capacity, SLOT)];
        mask = capacity - 1;
    }

    /** The number of {@code text[start, end)}, whose {@link String#hashCode} is {@code hash}, added if new. */
    public int intern(char[] text, int start, int end, int hash) {
        int o = slot(text, start, end, hash);
        return slots[o + 1] != 0 ? slots[o + 1] - 1 : add(text, start, end, hash, o);
    }

    /** The number of {@code token}, added if new. */
    public int intern(String token) {
        return intern(token.toCharArray(), 0, token.length(), token.hashCode());
    }

    /** The number of {@code text[start, end)}, whose {@link String#hashCode} is {@code hash}, or -1. */
    public int find(char[] text, int start, int end, int hash) {
        return slots[slot(text, start, end, hash) + 1] - 1;
    }

    /** The number of {@code token}, or -1. */
    public int find(String token) {
        int hash = token.hashCode();
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int o = slot * SLOT;
            if (slots[o + 1] == 0 || slots[o] == hash && same(slots[o + 2], slots[o + 3], token)) {
                return slots[o + 1] - 1;
            }
        }
    }

    /** The offset of the slot that holds {@code text[start, end)}, or of the empty slot where it would go. */
    private int slot(char[] text, int start, int end, int hash) {
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int o = slot * SLOT;
            if (slots[o + 1] == 0 || slots[o] == hash && slots[o + 3] - slots[o + 2] == end - start
                    && Arrays.equals(pool, slots[o + 2], slots[o + 3], text, start, end)) {
                return o;
            }
        }
    }

    private boolean same(int from, int to, String token) {
        if (to - from != token.length()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (pool[from + i] != token.charAt(i)) {
                return false;
            }
        }
        return true;
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
        if (4L * size > 3L * (mask + 1)) {
            grow();
        }
        return id;
    }

    private void grow() {
        int[] old = slots;
        int capacity = 2 * (mask + 1);
        slots = new int[Math.multiplyExact(capacity, SLOT)];
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

    public int size() {
        return size;
    }

    /** The pool of every entry's characters; entry i is {@code [start(i), end(i))} of it. */
    public char[] chars() {
        return pool;
    }

    public int start(int id) {
        return offsets[id];
    }

    public int end(int id) {
        return offsets[id + 1];
    }

    /** The {@link String#hashCode} of entry {@code id}. */
    public int hash(int id) {
        return hashes[id];
    }

    public String string(int id) {
        return new String(pool, offsets[id], offsets[id + 1] - offsets[id]);
    }
}
