package org.fenlei;

import org.fenlei.data.LabeledText;
import org.fenlei.text.CharNgramHasher;
import org.fenlei.text.CharTable;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.FeatureRanges;
import org.fenlei.text.IntList;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;
import org.fenlei.text.WordNgramHasher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training file as numbers of the distinct features seen ({@link CharTable}), so the text is read once; the
 * vocabulary is chosen afterwards from the training rows' counts alone, then the numbers are remapped to it.
 */
final class Corpus {
    private static final char[] END = FeatureConfig.END_OF_TEXT.toCharArray();

    private CharTable table = new CharTable();
    private final List<int[]> documents = new ArrayList<>();
    final List<LabeledText> rows = new ArrayList<>();
    /** Whether each row keeps its text (a teacher labels it); otherwise label and line only. */
    private final boolean texts;

    Corpus(boolean texts) {
        this.texts = texts;
    }

    /** A row and its features ({@link TextAnalyzer#ranges}), as the reading threads give them. */
    record Row(FeatureRanges features, LabeledText row) {
    }

    void add(Row analyzed) {
        FeatureRanges f = analyzed.features();
        int[] ids = new int[f.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = table.intern(f.chars(), f.starts()[i], f.ends()[i], f.hashes()[i]);
        }
        documents.add(ids);
        LabeledText row = analyzed.row();
        // keep label and line only unless a teacher reads the text: it is not needed again
        rows.add(texts ? row : new LabeledText("", row.label(), row.line()));
    }

    Vocabulary vocabulary(int[] trainRows, int maxSize, int minCount) {
        long[] counts = new long[table.size()];
        for (int r : trainRows) {
            for (int id : documents.get(r)) {
                counts[id]++;
            }
        }
        return Vocabulary.fromCounts(counts, table, maxSize, minCount);
    }

    /**
     * The documents as vocabulary ids, each token followed by its hashed character n-grams and the tokens by
     * their hashed word n-grams, as {@link TextAnalyzer#encode} gives them at prediction. The features seen are
     * let go as they are remapped (hundreds of megabytes for a large file): the corpus keeps its rows only.
     */
    List<int[]> remap(Vocabulary vocabulary, FeatureConfig features) {
        int buckets = features.buckets();
        int wordNgrams = features.wordNgrams();
        boolean hashed = buckets > 0 && wordNgrams > 1;
        int entries = table.size();
        char[] pool = table.chars();
        int[] map = new int[entries];
        int[] hashes = hashed ? new int[entries] : null;
        int[][] charNgrams = features.maxn() > 0 ? new int[entries][] : null;
        IntList grams = new IntList();
        boolean fused = features.words() != null;
        for (int id = 0; id < entries; id++) {
            int start = table.start(id);
            int end = table.end(id);
            map[id] = vocabulary.id(pool, start, end, table.hash(id));
            // a fused model's word features that the vocabulary lacks are left out, as TextAnalyzer.encode does
            if (fused && map[id] == Vocabulary.OOV_ID && end > start
                    && pool[start] == FeatureConfig.WORD_MARK.charAt(0)) {
                map[id] = -1;
            }
            if (hashed) {
                hashes[id] = WordNgramHasher.hash(pool, start, end);
            }
            // the end token has none, as in TextAnalyzer.encode (and fastText's </s>)
            if (charNgrams != null && !Arrays.equals(pool, start, end, END, 0, END.length)) {
                grams.clear();
                CharNgramHasher.appendNgrams(pool, start, end, features.minn(), features.maxn(), buckets,
                        vocabulary.size(), grams);
                charNgrams[id] = grams.toArray();
            }
        }
        List<int[]> out = new ArrayList<>(documents.size());
        IntList ids = new IntList();
        IntList docHashes = new IntList();
        for (int d = 0; d < documents.size(); d++) {
            int[] doc = documents.set(d, null);
            ids.clear();
            docHashes.clear();
            for (int entry : doc) {
                if (map[entry] < 0) {
                    continue;
                }
                ids.add(map[entry]);
                if (charNgrams != null && charNgrams[entry] != null) {
                    for (int g : charNgrams[entry]) {
                        ids.add(g);
                    }
                }
                if (hashed) {
                    docHashes.add(hashes[entry]);
                }
            }
            if (hashed) {
                WordNgramHasher.appendNgrams(docHashes, wordNgrams, buckets, vocabulary.size(), ids);
            }
            out.add(ids.toArray());
        }
        documents.clear();
        table = null;
        return out;
    }
}
