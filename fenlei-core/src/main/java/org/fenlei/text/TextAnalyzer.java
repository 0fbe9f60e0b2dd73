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
                    config.splitContractions(), config.cjkCharacters());
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
            encodeJoined(text, vocabulary, out, scratch);
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
     * Word n-grams as vocabulary entries, without a string per feature: the tokens are copied once into one
     * buffer, each followed by a space, so that every n-gram "a b c" is a slice of it, looked up in place. The ids
     * and their order are those of {@link #features}: tokens (the end token included), then the 2-grams, 3-grams.
     */
    private void encodeJoined(String text, Vocabulary vocabulary, IntList out, IntList starts) {
        starts.clear();
        char[][] buffer = {new char[Math.max(16, text.length() + END.length + 2)]};
        int[] length = {0};
        char[] chars = cleanedChars(text);
        tokenizer.tokenize(chars, chars.length, (s, start, end) -> {
            if (maxTokens == 0 || starts.size() < maxTokens) {
                append(buffer, length, starts, s, start, end);
            }
        });
        if (endOfText) {
            append(buffer, length, starts, END, 0, END.length);
        }
        int n = starts.size();
        // the end of token i is the start of token i + 1 less its separating space
        starts.add(length[0]);
        for (int g = 1; g <= stringNgrams; g++) {
            for (int i = 0; i + g <= n; i++) {
                out.add(vocabulary.id(buffer[0], starts.get(i), starts.get(i + g) - 1));
            }
        }
    }

    private static void append(char[][] buffer, int[] length, IntList starts, char[] s, int start, int end) {
        int need = length[0] + end - start + 1;
        if (need > buffer[0].length) {
            buffer[0] = Arrays.copyOf(buffer[0], Math.max(need, 2 * buffer[0].length));
        }
        starts.add(length[0]);
        System.arraycopy(s, start, buffer[0], length[0], end - start);
        length[0] += end - start;
        buffer[0][length[0]++] = ' ';
    }

    /**
     * Appends the features of {@code text} to {@code out}: tokens first, then their n-grams joined by a space
     * (unless n-grams are hashed into buckets, which {@link #encode} adds as ids).
     */
    public void features(String text, List<String> out) {
        if (first != null) {
            out.add(new String(first));
        }
        int from = out.size();
        char[] chars = cleanedChars(text);
        tokenizer.tokenize(chars, chars.length, (s, start, end) -> out.add(new String(s, start, end - start)));
        if (maxTokens > 0 && out.size() - from > maxTokens) {
            out.subList(from + maxTokens, out.size()).clear();
        }
        if (last != null) {
            out.add(new String(last));
        }
        if (endOfText) {
            out.add(FeatureConfig.END_OF_TEXT);
        }
        int end = out.size();
        for (int n = 2; n <= stringNgrams; n++) {
            for (int i = from; i + n <= end; i++) {
                StringBuilder sb = new StringBuilder(out.get(i));
                for (int j = 1; j < n; j++) {
                    sb.append(' ').append(out.get(i + j));
                }
                out.add(sb.toString());
            }
        }
        if (words != null) {
            for (String feature : words.features(text)) {
                out.add(FeatureConfig.WORD_MARK + feature);
            }
        }
    }

    public List<String> features(String text) {
        List<String> out = new ArrayList<>();
        features(text, out);
        return out;
    }
}
