package org.fenlei.text;

/**
 * How text becomes features: cleaning, tokenisation, n-grams and the vocabulary. Stored in the model file.
 *
 * @param preprocess     cleaning stages
 * @param cjkBigrams     add adjacent ideograph pairs as tokens (default on; off gives single characters)
 * @param cjkCharacters  in a text mostly of Chinese or Japanese characters, every letter and digit is a token of
 *                       its own too ("iPhone" is i p h o n e), as scikit-learn's character analyzer reads such text
 *                       (default off; on for the linear model: thucnews_titles +0.2 points, chnsenticorp_htl +0.25)
 * @param punctuation    every punctuation character is a token of its own, as fastText's classification-example.sh
 *                       makes it ("!" and "?" carry sentiment and question type); default off: dropped
 * @param splitContractions
 *                       words end at an apostrophe, so that "don't" is "don" "'" "t", as scikit-learn's token
 *                       pattern {@code \w+|[^\w\s]} splits it, and contractions share their "' t" and "' s"
 *                       (default off: Unicode word boundaries keep them whole; on for the linear model)
 * @param endOfText      a token {@value #END_OF_TEXT} after every text's tokens, as fastText ends every line with
 *                       one: a feature that every text has, which gives each label a learned offset that weighs
 *                       more in short texts (default off; on for fastText-class models: trec +0.8 points,
 *                       thucnews_titles +0.7, reuters micro-F1 +1.3)
 * @param wordNgrams     1 = tokens only; n adds the 2..n-grams of adjacent tokens (default 1)
 * @param maxTokens      a document is cut after this many tokens; 0 = no cap (default 0)
 * @param vocabularySize at most this many ids, the out-of-vocabulary id included (default 10,000, as in the origin)
 * @param minCount       tokens seen fewer times in training are out of vocabulary (default 1)
 * @param buckets        0 (default): word n-grams are vocabulary entries; more: they are hashed into this many
 *                       buckets after the vocabulary, as fastText does (Joulin et al. 2017, section 2.1), so any
 *                       number of n-grams fits in fixed memory and none is out of vocabulary
 * @param minn           shortest character n-gram of each token, hashed into the buckets (fastText's subwords)
 * @param maxn           longest character n-gram; 0 (default) = no character n-grams
 * @param wordPiece      null (default): Fenlei's word tokeniser; otherwise a pretrained encoder's WordPiece
 *                       tokeniser over the model's vocabulary, each text framed by [CLS] and [SEP], {@code maxTokens}
 *                       counting them
 * @param cjkSpaces      in a text read as characters ({@code cjkCharacters}), a run of white space between tokens is
 *                       a token {@value #SPACE} too, as scikit-learn's character analyzer keeps spaces: in a Chinese
 *                       title a space separates phrases (default off; on for the linear model: thucnews_titles
 *                       +0.5 points)
 * @param words          null (default); for a fused model, how its word features are made: with a WordPiece tokeniser,
 *                       the features of the text by this configuration follow its WordPiece ids, each a vocabulary
 *                       entry marked by {@value #WORD_MARK} (a text's features the vocabulary lacks are left out)
 */
public record FeatureConfig(PreprocessConfig preprocess, boolean cjkBigrams, boolean cjkCharacters,
                            boolean punctuation, boolean splitContractions, boolean endOfText, int wordNgrams,
                            int maxTokens,
                            int vocabularySize, int minCount, int buckets, int minn, int maxn,
                            WordPieceConfig wordPiece, FeatureConfig words, boolean cjkSpaces) {
    /** fastText's end-of-line token; the tokeniser never makes it from text ('<' and '>' are tokens of their own). */
    public static final String END_OF_TEXT = "</s>";
    /** The token of white space in a text read as characters (SentencePiece's mark for a space). */
    public static final String SPACE = "\u2581";
    /** Marks a fused model's word features in its vocabulary, apart from the WordPiece tokens before them. */
    public static final String WORD_MARK = "\u0001";

    public FeatureConfig {
        if (preprocess == null) {
            throw new IllegalArgumentException("preprocess must not be null");
        }
        if (wordNgrams < 1 || wordNgrams > 5) {
            throw new IllegalArgumentException("wordNgrams must be in 1..5, was " + wordNgrams);
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be >= 0 (0 = no cap), was " + maxTokens);
        }
        if (vocabularySize < 2) {
            throw new IllegalArgumentException("vocabularySize must be >= 2, was " + vocabularySize);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, was " + minCount);
        }
        if (buckets < 0 || buckets > 100_000_000) {
            throw new IllegalArgumentException("buckets must be in 0..100,000,000, was " + buckets);
        }
        if (maxn != 0 && (minn < 1 || minn > maxn || maxn > 10)) {
            throw new IllegalArgumentException("character n-grams need 1 <= minn <= maxn <= 10, were minn " + minn
                    + ", maxn " + maxn);
        }
        if (maxn > 0 && buckets == 0) {
            throw new IllegalArgumentException("character n-grams are hashed: they need buckets > 0");
        }
        if (wordPiece != null && (wordNgrams > 1 || buckets > 0 || endOfText)) {
            throw new IllegalArgumentException("a WordPiece tokeniser takes no word or character n-grams and no end "
                    + "token");
        }
        if (words != null && (words.words != null || words.wordPiece != null || words.buckets > 0)) {
            throw new IllegalArgumentException("a fused model's word features are vocabulary entries read by Fenlei's "
                    + "word tokeniser: no WordPiece, no buckets, no nested word features");
        }
        if (wordPiece != null && maxTokens == 1) {
            throw new IllegalArgumentException("a WordPiece text needs at least 2 tokens, [CLS] and [SEP]");
        }
    }

    /** Fenlei's word tokeniser. */
    public FeatureConfig(PreprocessConfig preprocess, boolean cjkBigrams, boolean cjkCharacters,
                         boolean punctuation, boolean splitContractions, boolean endOfText, int wordNgrams,
                         int maxTokens, int vocabularySize, int minCount, int buckets, int minn, int maxn) {
        this(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText, wordNgrams, maxTokens,
                vocabularySize, minCount, buckets, minn, maxn, null, null, false);
    }

    public static FeatureConfig defaults() {
        return new FeatureConfig(PreprocessConfig.defaults(), true, false, false, false, false, 1, 0, 10_000, 1, 0, 0,
                0);
    }

    public FeatureConfig withPreprocess(PreprocessConfig p) {
        return new FeatureConfig(p, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText, wordNgrams,
                maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withPunctuation(boolean on) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, on, splitContractions, endOfText, wordNgrams,
                maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withSplitContractions(boolean on) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, on, endOfText, wordNgrams,
                maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withEndOfText(boolean on) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, on, wordNgrams,
                maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withCjkBigrams(boolean on) {
        return new FeatureConfig(preprocess, on, cjkCharacters, punctuation, splitContractions, endOfText, wordNgrams,
                maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withCjkCharacters(boolean on) {
        return new FeatureConfig(preprocess, cjkBigrams, on, punctuation, splitContractions, endOfText, wordNgrams,
                maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withCjkSpaces(boolean on) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText,
                wordNgrams, maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, on);
    }

    public FeatureConfig withWordNgrams(int n) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText, n,
                maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withMaxTokens(int n) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText,
                wordNgrams, n, vocabularySize, minCount, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withVocabulary(int size, int min) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText,
                wordNgrams, maxTokens, size, min, buckets, minn, maxn, wordPiece, words, cjkSpaces);
    }

    public FeatureConfig withBuckets(int n) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText,
                wordNgrams, maxTokens, vocabularySize, minCount, n, minn, maxn, wordPiece, words, cjkSpaces);
    }

    /** Character n-grams of {@code min..max} characters (max 0: none), hashed into the buckets. */
    public FeatureConfig withCharNgrams(int min, int max) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText,
                wordNgrams, maxTokens, vocabularySize, minCount, buckets, min, max, wordPiece, words, cjkSpaces);
    }

    /** A pretrained encoder's WordPiece tokeniser (null: Fenlei's word tokeniser). */
    public FeatureConfig withWordPiece(WordPieceConfig w) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText,
                wordNgrams, maxTokens, vocabularySize, minCount, buckets, minn, maxn, w, words, cjkSpaces);
    }

    /** A fused model's word features (null: none). */
    public FeatureConfig withWords(FeatureConfig w) {
        return new FeatureConfig(preprocess, cjkBigrams, cjkCharacters, punctuation, splitContractions, endOfText,
                wordNgrams, maxTokens, vocabularySize, minCount, buckets, minn, maxn, wordPiece, w, cjkSpaces);
    }

    /** Whether any features are hashed into buckets: word n-grams with buckets, or character n-grams. */
    public boolean hashed() {
        return buckets > 0 && (wordNgrams > 1 || maxn > 0);
    }
}
