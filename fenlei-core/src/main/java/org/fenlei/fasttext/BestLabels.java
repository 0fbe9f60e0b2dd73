package org.fenlei.fasttext;

/**
 * The k best (log-probability, label) pairs, kept in a binary heap that moves elements exactly as the GNU C++
 * library's {@code std::push_heap}, {@code std::pop_heap} and {@code std::sort_heap} do with fastText's
 * {@code comparePairs} (greater first). fastText ranks with these, so labels with tied scores come out in the
 * same order as the C++ tool prints them only if every move is the same.
 */
final class BestLabels {
    private final float[] scores;
    private final int[] labels;
    private int size;

    BestLabels(int capacity) {
        scores = new float[capacity + 1];
        labels = new int[capacity + 1];
    }

    int size() {
        return size;
    }

    /** The worst kept score (the heap's front). */
    float worst() {
        return scores[0];
    }

    float score(int i) {
        return scores[i];
    }

    int label(int i) {
        return labels[i];
    }

    /** fastText's comparePairs(a, b): a.first > b.first. */
    private boolean before(float a, float b) {
        return a > b;
    }

    /** push_back then std::push_heap. */
    void push(float score, int label) {
        scores[size] = score;
        labels[size] = label;
        size++;
        siftUp(size - 1, 0, score, label);
    }

    /** std::pop_heap then pop_back: drops the worst. */
    void popWorst() {
        if (size > 1) {
            popTo(size - 1);
        }
        size--;
    }

    /** std::sort_heap: afterwards 0..size-1 are best first. */
    void sort() {
        for (int last = size - 1; last > 0; last--) {
            popTo(last);
        }
    }

    /** libstdc++ {@code __push_heap}. */
    private void siftUp(int hole, int top, float score, int label) {
        int parent = (hole - 1) / 2;
        while (hole > top && before(scores[parent], score)) {
            scores[hole] = scores[parent];
            labels[hole] = labels[parent];
            hole = parent;
            parent = (hole - 1) / 2;
        }
        scores[hole] = score;
        labels[hole] = label;
    }

    /** libstdc++ {@code __pop_heap(first, last, result = last)}: the front goes to {@code last}. */
    private void popTo(int last) {
        float score = scores[last];
        int label = labels[last];
        scores[last] = scores[0];
        labels[last] = labels[0];
        adjust(0, last, score, label);
    }

    /** libstdc++ {@code __adjust_heap} over {@code [0, len)}. */
    private void adjust(int hole, int len, float score, int label) {
        int top = hole;
        int child = hole;
        while (child < (len - 1) / 2) {
            child = 2 * (child + 1);
            if (before(scores[child], scores[child - 1])) {
                child--;
            }
            scores[hole] = scores[child];
            labels[hole] = labels[child];
            hole = child;
        }
        if ((len & 1) == 0 && child == (len - 2) / 2) {
            child = 2 * (child + 1);
            scores[hole] = scores[child - 1];
            labels[hole] = labels[child - 1];
            hole = child - 1;
        }
        siftUp(hole, top, score, label);
    }
}
