package org.fenlei.fasttext;

import org.fenlei.model.ModelFormatException;
import org.fenlei.text.IntList;
import org.fenlei.text.WordNgramHasher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * fastText's dictionary and its input features, byte for byte as the C++ tool computes them
 * ({@code Dictionary::getLine}, {@code addSubwords}, {@code computeSubwords}, {@code addWordNgrams}): a line is split
 * on ASCII white space into byte strings and ends with {@code </s>}; a known word contributes its id and its
 * character n-gram buckets, an unknown one only its n-gram buckets; word n-grams hash the words' FNV-1a hashes
 * into buckets after the words. Bucket ids are offset by the number of words.
 */
final class FastTextDictionary {
    static final String EOS = "</s>";
    static final String LABEL_PREFIX = "__label__";
    private static final byte TYPE_LABEL = 1;

    private final FastTextArgs args;
    private final String[] entries;
    private final long[] counts;
    private final int words;
    private final int labels;
    private final Map<String, Integer> ids;
    private final int[][] subwords;
    /** fastText's {@code pruneidx_size_}: -1 when not pruned, else how many buckets quantisation kept. */
    private final long pruneSize;
    private final Map<Integer, Integer> pruned;

    private FastTextDictionary(FastTextArgs args, String[] entries, long[] counts, int words, int labels,
                               long pruneSize, Map<Integer, Integer> pruned) {
        this.args = args;
        this.entries = entries;
        this.counts = counts;
        this.words = words;
        this.labels = labels;
        this.pruneSize = pruneSize;
        this.pruned = pruned;
        this.ids = new HashMap<>(entries.length * 2);
        for (int i = 0; i < entries.length; i++) {
            ids.putIfAbsent(entries[i], i);
        }
        subwords = new int[words][];
        IntList scratch = new IntList();
        for (int i = 0; i < words; i++) {
            scratch.clear();
            scratch.add(i);
            if (!EOS.equals(entries[i])) {
                addCharNgrams("<" + entries[i] + ">", scratch);
            }
            subwords[i] = scratch.toArray();
        }
    }

    static FastTextDictionary read(LittleEndianReader in, FastTextArgs args, String source) throws IOException {
        int size = in.readInt("dictionary size");
        int words = in.readInt("word count");
        int labels = in.readInt("label count");
        in.readLong("token count");
        long pruneSize = in.readLong("pruned bucket count");
        if (size < 0 || words < 0 || labels < 0 || words + labels != size) {
            throw new ModelFormatException(source + ": the dictionary says " + size + " entries, " + words
                    + " words and " + labels + " labels; the file is corrupted");
        }
        String[] entries = new String[size];
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
            entries[i] = in.readBytesString("dictionary entry " + i);
            counts[i] = in.readLong("count of dictionary entry " + i);
            byte type = in.readByte("type of dictionary entry " + i);
            if ((type == TYPE_LABEL) != (i >= words)) {
                throw new ModelFormatException(source + ": dictionary entry " + i + " has type " + type
                        + " out of order; the file is corrupted");
            }
        }
        Map<Integer, Integer> pruned = new HashMap<>();
        for (long i = 0; i < pruneSize; i++) {
            int from = in.readInt("pruned bucket index");
            pruned.put(from, in.readInt("pruned bucket index"));
        }
        return new FastTextDictionary(args, entries, counts, words, labels, pruneSize, pruned);
    }

    int words() {
        return words;
    }

    int labels() {
        return labels;
    }

    boolean pruned() {
        return pruneSize >= 0;
    }

    /** Label {@code i} as UTF-8 text, without fastText's {@code __label__} prefix. */
    String label(int i) {
        String label = LittleEndianReader.utf8(entries[words + i]);
        return label.startsWith(LABEL_PREFIX) ? label.substring(LABEL_PREFIX.length()) : label;
    }

    long labelCount(int i) {
        return counts[words + i];
    }

    /** FNV-1a over the bytes, each byte sign-extended first as the C++ tool's {@code int8_t} cast does. */
    static int hash(String bytes) {
        int h = 0x811C9DC5;
        for (int i = 0; i < bytes.length(); i++) {
            h ^= (byte) bytes.charAt(i);
            h *= 16777619;
        }
        return h;
    }

    /**
     * Appends the input ids of one line of text to {@code out}, as {@code Dictionary::getLine} does for a line
     * that ends with a newline: every word, then {@code </s>}, then the word n-grams.
     */
    void line(String text, IntList out) {
        String bytes = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        IntList hashes = new IntList();
        int n = bytes.length();
        int i = 0;
        boolean ended = false;
        while (!ended) {
            while (i < n && isSpace(bytes.charAt(i))) {
                i++;
            }
            String token;
            if (i < n) {
                int start = i;
                while (i < n && !isSpace(bytes.charAt(i))) {
                    i++;
                }
                token = bytes.substring(start, i);
            } else {
                token = EOS;
            }
            ended = EOS.equals(token);
            Integer id = ids.get(token);
            boolean label = id == null ? token.startsWith(LABEL_PREFIX) : id >= words;
            if (label) {
                continue;
            }
            if (id == null) {
                if (!ended) {
                    addCharNgrams("<" + token + ">", out);
                }
            } else if (args.maxn() <= 0) {
                out.add(id);
            } else {
                for (int s : subwords[id]) {
                    out.add(s);
                }
            }
            hashes.add(hash(token));
        }
        addWordNgrams(hashes, out);
    }

    /** fastText's {@code readWord} separators. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0B || c == '\f' || c == 0;
    }

    /** The buckets of the character n-grams of {@code word} (a byte string), n counted in UTF-8 characters. */
    private void addCharNgrams(String word, IntList out) {
        if (args.bucket() == 0) {
            return;
        }
        int length = word.length();
        for (int i = 0; i < length; i++) {
            if (isContinuation(word.charAt(i))) {
                continue;
            }
            int j = i;
            for (int n = 1; j < length && n <= args.maxn(); n++) {
                j++;
                while (j < length && isContinuation(word.charAt(j))) {
                    j++;
                }
                if (n >= args.minn() && !(n == 1 && (i == 0 || j == length))) {
                    addBucket(Integer.remainderUnsigned(hash(word.substring(i, j)), args.bucket()), out);
                }
            }
        }
    }

    private static boolean isContinuation(char c) {
        return (c & 0xC0) == 0x80;
    }

    /**
     * Word n-grams: fastText combines the words' hashes exactly as {@link WordNgramHasher} does (its
     * {@code int32_t} vector sign-extends them, its modulo is unsigned), then renumbers the buckets with
     * {@link #addBucket}.
     */
    private void addWordNgrams(IntList hashes, IntList out) {
        if (args.bucket() == 0) {
            return;
        }
        IntList buckets = new IntList();
        WordNgramHasher.appendNgrams(hashes, args.wordNgrams(), args.bucket(), 0, buckets);
        for (int i = 0; i < buckets.size(); i++) {
            addBucket(buckets.get(i), out);
        }
    }

    /** fastText's {@code pushHash}: a bucket, renumbered when quantisation pruned the buckets. */
    private void addBucket(int bucket, IntList out) {
        if (pruneSize == 0 || bucket < 0) {
            return;
        }
        int id = bucket;
        if (pruneSize > 0) {
            Integer kept = pruned.get(bucket);
            if (kept == null) {
                return;
            }
            id = kept;
        }
        out.add(words + id);
    }
}
