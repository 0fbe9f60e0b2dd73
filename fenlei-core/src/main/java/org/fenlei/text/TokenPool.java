package org.fenlei.text;

/**
 * Tokens numbered from 0 whose characters lie back to back in one array: token i is
 * {@code chars()[start(i), end(i))}. Millions of them (a corpus's word n-grams) cost no string each.
 */
public interface TokenPool {
    int size();

    char[] chars();

    int start(int token);

    int end(int token);

    /** The {@link String#hashCode} of token {@code token}. */
    default int hash(int token) {
        return FeatureRanges.hash(0, chars(), start(token), end(token));
    }

    /** A pool of {@code tokens}. */
    static TokenPool of(String[] tokens) {
        int[] offsets = new int[tokens.length + 1];
        for (int i = 0; i < tokens.length; i++) {
            offsets[i + 1] = Math.addExact(offsets[i], tokens[i].length());
        }
        char[] chars = new char[offsets[tokens.length]];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i].getChars(0, tokens[i].length(), chars, offsets[i]);
        }
        return new TokenPool() {
            @Override
            public int size() {
                return tokens.length;
            }

            @Override
            public char[] chars() {
                return chars;
            }

            @Override
            public int start(int token) {
                return offsets[token];
            }

            @Override
            public int end(int token) {
                return offsets[token + 1];
            }
        };
    }
}
