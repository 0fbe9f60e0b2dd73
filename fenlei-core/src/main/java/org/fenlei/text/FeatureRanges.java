package org.fenlei.text;

/**
 * A text's features as ranges of one character buffer: feature i is {@code chars[starts[i], ends[i])}, whose
 * {@link String#hashCode} is {@code hashes[i]}, in the order of {@link TextAnalyzer#features}. An n-gram is a slice
 * of its tokens laid out with a space after each, so no string is made per feature: training interns millions of
 * them.
 */
public record FeatureRanges(char[] chars, int[] starts, int[] ends, int[] hashes) {
    public int size() {
        return starts.length;
    }

    /** Feature {@code i} as a string. */
    public String feature(int i) {
        return new String(chars, starts[i], ends[i] - starts[i]);
    }

    /** {@link String#hashCode} of {@code text[start, end)}, continuing from {@code h}. */
    static int hash(int h, char[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            h = 31 * h + text[i];
        }
        return h;
    }
}
