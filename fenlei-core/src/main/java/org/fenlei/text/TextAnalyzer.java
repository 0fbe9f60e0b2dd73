package org.fenlei.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text to features: the cleaning stages, then the tokeniser, then word n-grams. With a WordPiece tokeniser (a
 * pretrained encoder's) each text is framed by [CLS] and [SEP], and a cap on its tokens counts them; a fused model's
 * word features ({@link FeatureConfig#words}) follow them, marked. Thread-safe.
 */
public final class TextAnalyzer {
    private static final char[] END = FeatureConfig.END_OF_TEXT.toCharArray();
    private static final char[] SPACE = {' '};
    private static final char[] MARK = FeatureConfig.WORD_MARK.toCharArray();
    /** The cleaning stages, except a last case folding, which {@link #cleanedChars} does on the characters. */
    private final List<TextFilter> filters;
    /** That last case folding, or null. */
    private final CaseFolder fold;
    private final TextFilter whitespace = new WhitespaceCollapser();
    private final Tokenizer tokenizer;
    private final int wordNgrams;
    /** Word n-grams made as strings and looked up in the vocabulary: wordNgrams, or 1 when they are hashed. */
    private final int stringNgrams;
    private final int maxTokens;
    private final int buckets;
    private final int minn;
    private final int maxn;
    private final boolean endOfText;
    /** [CLS] and [SEP] for a WordPiece tokeniser, else null. */
    private final char[] first;
    private final char[] last;
    /** A fused model's word features, or null. */
    private final TextAnalyzer words;
    /** Each prediction thread's buffer for laying out a text's tokens: texts after texts allocate none. */
    private final ThreadLocal<Buffer> scratch = ThreadLocal.withInitial(() -> new Buffer(1024));

    /** An analyzer with Fenlei's word tokeniser; a WordPiece configuration needs its vocabulary. */
    public TextAnalyzer(FeatureConfig config) {
        this(config, null);
    }

    /** An analyzer whose WordPiece tokeniser, if the configuration has one, reads {@code vocabulary}. */
    public TextAnalyzer(FeatureConfig config, Vocabulary vocabulary) {
        List<TextFilter> all = config.preprocess().filters();
        this.fold = !all.isEmpty() && all.get(all.size() - 1) instanceof CaseFolder last ? last : null;
        this.filters = fold != null ? all.subList(0, all.size() - 1) : all;
        if (config.wordPiece() != null) {
            if (vocabulary == null) {
                throw new IllegalArgumentException("a WordPiece tokeniser needs its vocabulary");
            }
            this.tokenizer = new WordPieceTokenizer(config.wordPiece(), vocabulary);
            this.first = WordPieceConfig.CLS.toCharArray();
            this.last = WordPieceConfig.SEP.toCharArray();
            this.maxTokens = config.maxTokens() == 0 ? 0 : config.maxTokens() - 2;
        } else {
            this.tokenizer = new UnicodeWordTokenizer(config.cjkBigrams(), config.punctuation(),
                    config.splitContractions(), config.cjkCharacters(), config.cjkSpaces());
            this.first = null;
            this.last = null;
            this.maxTokens = config.maxTokens();
        }
        this.wordNgrams = config.wordNgrams();
        this.stringNgrams = config.buckets() > 0 ? 1 : config.wordNgrams();
        this.buckets = config.buckets();
        this.minn = config.minn();
        this.maxn = config.maxn();
        this.endOfText = config.endOfText();
        this.words = config.words() != null ? new TextAnalyzer(config.words()) : null;
    }

    /** The cleaned text, white space collapsed, as a person would want to see it. */
    public String clean(String text) {
        String s = filter(text);
        return whitespace.apply(fold != null ? fold.apply(s) : s);
    }

    /** The cleaning stages but a last case folding; white space stays, since the tokeniser splits on any run of it. */
    private String filter(String text) {
        String s = text;
        for (TextFilter f : filters) {
            s = f.apply(s);
        }
        return s;
    }

    /** The cleaned text as the characters the tokeniser reads, case folded in place where it is Latin-1. */
    private char[] cleanedChars(String text) {
        String s = filter(text);
        char[] chars = s.toCharArray();
        if (fold == null || CaseFolder.lowerLatin1(chars, chars.length)) {
            return chars;
        }
        return fold.apply(s).toCharArray();
    }

    /**
     * Appends the vocabulary ids of the features of {@code text} to {@code out}; the same ids as looking up
     * {@link #features}, but without making strings of the tokens unless word n-grams are vocabulary entries.
     * A token's hashed character n-grams follow it, hashed word n-grams follow the tokens, as ids after the
     * vocabulary.
     */
    public void encode(String text, Vocabulary vocabulary, IntList out) {
        encode(text, vocabulary, out, new IntList());
    }

    /**
     * {@link #encode(String, Vocabulary, IntList)} with {@code scratch} for the tokens' hashes, so that a caller
     * encoding text after text (a prediction thread) allocates no list per text.
     */
    public void encode(String text, Vocabulary vocabulary, IntList out, IntList scratch) {
        encode(text, vocabulary, out, scratch, null);
    }

    /**
     * {@link #encode(String, Vocabulary, IntList)}, naming each id's feature in {@code names}: a token by itself
     * (its hashed character n-grams by their token too), a word n-gram by its words joined by a space. An
     * explanation sums the parts of the ids that share a name.
     */
    public void encodeNamed(String text, Vocabulary vocabulary, IntList out, List<String> names) {
        encode(text, vocabulary, out, new IntList(), names);
    }

    private void encode(String text, Vocabulary vocabulary, IntList out, IntList scratch, List<String> names) {
        encodeOwn(text, vocabulary, out, scratch, names);
        if (words != null) {
            for (String feature : words.features(text)) {
                int id = vocabulary.id(FeatureConfig.WORD_MARK + feature);
                if (id != Vocabulary.OOV_ID) {
                    out.add(id);
                    if (names != null) {
                        names.add(feature);
                    }
                }
            }
        }
    }

    private void encodeOwn(String text, Vocabulary vocabulary, IntList out, IntList scratch, List<String> names) {
        if (stringNgrams > 1) {
            encodeJoined(text, vocabulary, out);
            if (names != null) {
                features(text, names);
            }
            return;
        }
        List<String> tokenNames = names != null && wordNgrams > 1 ? new ArrayList<>() : null;
        IntList hashes = wordNgrams > 1 ? scratch : null;
        if (hashes != null) {
            hashes.clear();
        }
        int[] tokens = {0};
        char[] chars = cleanedChars(text);
        if (first != null) {
            out.add(vocabulary.id(first, 0, first.length));
            name(names, out, new String(first));
        }
        tokenizer.tokenize(chars, chars.length, (s, start, end) -> {
            if (maxTokens == 0 || tokens[0] < maxTokens) {
                tokens[0]++;
                out.add(vocabulary.id(s, start, end));
                if (maxn > 0) {
                    CharNgramHasher.appendNgrams(s, start, end, minn, maxn, buckets, vocabulary.size(), out);
                }
                if (hashes != null) {
                    hashes.add(WordNgramHasher.hash(s, start, end));
                }
                if (names != null) {
                    String token = new String(s, start, end - start);
                    name(names, out, token);
                    if (tokenNames != null) {
                        tokenNames.add(token);
                    }
                }
            }
        });
        if (last != null) {
            out.add(vocabulary.id(last, 0, last.length));
            name(names, out, new String(last));
        }
        if (endOfText) {
            out.add(vocabulary.id(END, 0, END.length));
            name(names, out, FeatureConfig.END_OF_TEXT);
            if (hashes != null) {
                hashes.add(WordNgramHasher.hash(END, 0, END.length));
                if (tokenNames != null) {
                    tokenNames.add(FeatureConfig.END_OF_TEXT);
                }
            }
        }
        if (hashes != null) {
            WordNgramHasher.appendNgrams(hashes, wordNgrams, buckets, vocabulary.size(), out);
            if (tokenNames != null) {
                // WordNgramHasher's order: for each start i, the n-grams i..j for j = i + 1 .. i + n - 1
                for (int i = 0; i < tokenNames.size(); i++) {
                    StringBuilder gram = new StringBuilder(tokenNames.get(i));
                    for (int j = i + 1; j < tokenNames.size() && j < i + wordNgrams; j++) {
                        names.add(gram.append(' ').append(tokenNames.get(j)).toString());
                    }
                }
            }
        }
    }

    /** Names the ids that {@code out} gained since {@code names} last caught up with it. */
    private static void name(List<String> names, IntList out, String name) {
        if (names != null) {
            while (names.size() < out.size()) {
                names.add(name);
            }
        }
    }

    /**
     * Word n-grams as vocabulary entries, without a string per feature: each is a slice of {@link #laidOut}'s
     * buffer, looked up in place, in the order of {@link #features}.
     */
    private void encodeJoined(String text, Vocabulary vocabulary, IntList out) {
        Buffer b = laidOut(text, scratch.get());
        int n = b.tokens.size() - 1;
        for (int g = 1; g <= stringNgrams; g++) {
            for (int i = g == 1 ? 0 : b.from; i + g <= n; i++) {
                out.add(vocabulary.id(b.chars, b.tokens.get(i), b.tokens.get(i + g) - 1, b.hash(i, g)));
            }
        }
    }

    /**
     * The features of {@code text} as ranges of one buffer, in the order of {@link #features}: the tokens and their
     * n-grams as slices of {@link #laidOut}'s buffer, then a fused model's word features, each copied after its
     * mark.
     */
    public FeatureRanges ranges(String text) {
        Buffer b = laidOut(text, new Buffer(text.length() + END.length + 2));
        int n = b.tokens.size() - 1;
        int count = n;
        for (int g = 2; g <= stringNgrams; g++) {
            count += Math.max(0, n - b.from - g + 1);
        }
        FeatureRanges words = this.words == null ? null : this.words.ranges(text);
        if (words != null) {
            count += words.size();
        }
        int[] starts = new int[count];
        int[] ends = new int[count];
        int[] hashes = new int[count];
        int k = 0;
        for (int g = 1; g <= stringNgrams; g++) {
            for (int i = g == 1 ? 0 : b.from; i + g <= n; i++, k++) {
                starts[k] = b.tokens.get(i);
                ends[k] = b.tokens.get(i + g) - 1;
                hashes[k] = b.hash(i, g);
            }
        }
        for (int j = 0; words != null && j < words.size(); j++, k++) {
            starts[k] = b.length;
            b.append(MARK, 0, MARK.length);
            b.append(words.chars(), words.starts()[j], words.ends()[j]);
            ends[k] = b.length;
            hashes[k] = FeatureRanges.hash(0, b.chars, starts[k], ends[k]);
        }
        return new FeatureRanges(b.chars, starts, ends, hashes);
    }

    /**
     * The tokens of {@code text} (framed by [CLS] and [SEP] for a WordPiece tokeniser, the end token included)
     * copied once into one buffer, each followed by a space, so that every n-gram "a b c" is a slice of it; the
     * token starts end with the buffer's length, so that token i ends one before token i + 1 starts. Into
     * {@code b}, emptied first.
     */
    private Buffer laidOut(String text, Buffer b) {
        b.clear();
        if (first != null) {
            b.token(first, 0, first.length);
        }
        int from = b.tokens.size();
        b.from = from;
        char[] chars = cleanedChars(text);
        tokenizer.tokenize(chars, chars.length, (s, start, end) -> {
            if (maxTokens == 0 || b.tokens.size() - from < maxTokens) {
                b.token(s, start, end);
            }
        });
        if (last != null) {
            b.token(last, 0, last.length);
        }
        if (endOfText) {
            b.token(END, 0, END.length);
        }
        b.tokens.add(b.length);
        return b;
    }

    /** A growing character buffer and the start of each token copied into it. */
    private static final class Buffer {
        char[] chars;
        int length;
        final IntList tokens = new IntList();
        /** Each token's {@link String#hashCode}, and 31 to the power of its length. */
        final IntList hashes = new IntList();
        final IntList powers = new IntList();
        /** The first token that begins n-grams: [CLS] begins none. */
        int from;

        Buffer(int capacity) {
            chars = new char[Math.max(16, capacity)];
        }

        void clear() {
            length = 0;
            tokens.clear();
            hashes.clear();
            powers.clear();
        }

        void token(char[] s, int start, int end) {
            tokens.add(length);
            int h = 0;
            int p = 1;
            for (int i = start; i < end; i++) {
                h = 31 * h + s[i];
                p *= 31;
            }
            hashes.add(h);
            powers.add(p);
            append(s, start, end);
            append(SPACE, 0, 1);
        }

        /**
         * The {@link String#hashCode} of the n-gram of {@code g} tokens from token {@code i}, "a b c": the
         * polynomial hash goes on from one token over the space and the next without reading characters again.
         */
        int hash(int i, int g) {
            int h = hashes.get(i);
            for (int j = i + 1; j < i + g; j++) {
                h = (31 * h + ' ') * powers.get(j) + hashes.get(j);
            }
            return h;
        }

        void append(char[] s, int start, int end) {
            int need = length + end - start;
            if (need > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(need, 2 * chars.length));
            }
            System.arraycopy(s, start, chars, length, end - start);
            length = need;
        }
    }

    /**
     * Appends the features of {@code text} to {@code out}: tokens first, then their n-grams joined by a space
     * (unless n-grams are hashed into buckets, which {@link #encode} adds as ids), then a fused model's word
     * features, marked.
     */
    public void features(String text, List<String> out) {
        FeatureRanges r = ranges(text);
        for (int i = 0; i < r.size(); i++) {
            out.add(r.feature(i));
        }
    }

    public List<String> features(String text) {
        List<String> out = new ArrayList<>();
        features(text, out);
        return out;
    }
}
