package org.fenlei.text;

/**
 * Word n-grams hashed into buckets, as fastText does it ({@code Dictionary::addWordNgrams}): each token has a
 * 32-bit FNV-1a hash of its characters, an n-gram's hash is {@code h * 116049371 + next} over its tokens' hashes,
 * and its id is {@code offset + hash mod buckets}. Collisions are accepted: with millions of buckets they cost
 * little accuracy (Joulin et al. 2017) and need no n-gram dictionary.
 */
public final class WordNgramHasher {
    private WordNgramHasher() {
    }

    /** FNV-1a over the UTF-16 units of {@code text[start, end)}. */
    public static int hash(char[] text, int start, int end) {
        int h = 0x811C9DC5;
        for (int i = start; i < end; i++) {
            h = (h ^ text[i]) * 16777619;
        }
        return h;
    }

    /** The same hash as {@link #hash(char[], int, int)} for a whole string. */
    public static int hash(String token) {
        return hash(token.toCharArray(), 0, token.length());
    }

    /** Appends the ids of the 2..n-grams of the tokens whose hashes are {@code hashes}. */
    public static void appendNgrams(IntList hashes, int n, int buckets, int offset, IntList out) {
        int count = hashes.size();
        for (int i = 0; i < count; i++) {
            long h = hashes.get(i);
            for (int j = i + 1; j < count && j < i + n; j++) {
                h = h * 116049371L + hashes.get(j);
                out.add(offset + (int) Long.remainderUnsigned(h, buckets));
            }
        }
    }
}
