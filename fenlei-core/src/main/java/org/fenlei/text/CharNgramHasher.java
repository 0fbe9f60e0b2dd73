package org.fenlei.text;

/**
 * Character n-grams of a token hashed into buckets, fastText's subword features (Bojanowski et al. 2017, section
 * 3.2): the token is framed as {@code <token>}, every substring of {@code minn..maxn} characters is hashed with
 * 32-bit FNV-1a, and its id is {@code offset + hash mod buckets}. As in fastText, the frame characters alone are
 * not n-grams. They let a model score a word it never saw by its pieces ("unwatchable" shares "watch" and "able").
 * Characters are UTF-16 units; a supplementary character counts as two.
 */
public final class CharNgramHasher {
    private CharNgramHasher() {
    }

    /** Appends the ids of the character n-grams of {@code text[start, end)} to {@code out}. */
    public static void appendNgrams(char[] text, int start, int end, int minn, int maxn, int buckets, int offset,
                                    IntList out) {
        int framed = end - start + 2;
        for (int i = 0; i < framed; i++) {
            int h = 0x811C9DC5;
            for (int n = 1; n <= maxn && i + n <= framed; n++) {
                int k = i + n - 1;
                char c = k == 0 ? '<' : k == framed - 1 ? '>' : text[start + k - 1];
                h = (h ^ c) * 16777619;
                if (n >= minn && !(n == 1 && (i == 0 || i == framed - 1))) {
                    out.add(offset + Integer.remainderUnsigned(h, buckets));
                }
            }
        }
    }
}
