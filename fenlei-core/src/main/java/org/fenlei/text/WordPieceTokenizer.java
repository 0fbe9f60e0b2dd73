package org.fenlei.text;

import java.util.Arrays;

/**
 * BERT's tokeniser (Devlin et al. 2019; Wu et al. 2016 for WordPiece), as Hugging Face tokenizers implements it, so
 * that a pretrained encoder sees the ids it was trained on. Normalisation: control characters dropped, white space
 * made spaces, spaces around each CJK ideograph, accents stripped (NFD, marks removed), lowercased. Pre-tokenisation:
 * split at white space and around each punctuation character. WordPiece: each word becomes its longest prefix in the
 * vocabulary, then its longest continuations ({@code ##} pieces); a word with a part no piece covers, or longer than
 * {@code maxWordChars}, is one {@link Vocabulary#OOV}. Tokens go to the sink as character ranges; continuations come
 * from a buffer of the call. Thread-safe.
 */
public final class WordPieceTokenizer implements Tokenizer {
    private static final char[] UNKNOWN = Vocabulary.OOV.toCharArray();
    private final WordPieceConfig config;
    private final Vocabulary vocabulary;
    private final char[] prefix;

    public WordPieceTokenizer(WordPieceConfig config, Vocabulary vocabulary) {
        this.config = config;
        this.vocabulary = vocabulary;
        this.prefix = config.prefix().toCharArray();
    }

    @Override
    public void tokenize(char[] text, int length, TokenSink sink) {
        char[] normalized = normalize(text, length);
        char[] piece = new char[prefix.length + 16];
        System.arraycopy(prefix, 0, piece, 0, prefix.length);
        int n = normalized.length;
        int i = 0;
        while (i < n) {
            int cp = Character.codePointAt(normalized, i);
            int next = i + Character.charCount(cp);
            if (cp == ' ') {
                i = next;
                continue;
            }
            if (isPunctuation(cp)) {
                piece = pieces(normalized, i, next, sink, piece);
                i = next;
                continue;
            }
            int end = next;
            while (end < n) {
                int c = Character.codePointAt(normalized, end);
                if (c == ' ' || isPunctuation(c)) {
                    break;
                }
                end += Character.charCount(c);
            }
            piece = pieces(normalized, i, end, sink, piece);
            i = end;
        }
    }

    /** The word text[start, end) as WordPiece tokens; returns the continuation buffer, grown if it had to be. */
    private char[] pieces(char[] text, int start, int end, TokenSink sink, char[] buffer) {
        if (Character.codePointCount(text, start, end - start) > config.maxWordChars()) {
            sink.token(UNKNOWN, 0, UNKNOWN.length);
            return buffer;
        }
        int need = prefix.length + end - start;
        char[] piece = buffer.length >= need ? buffer : Arrays.copyOf(buffer, need);
        // the pieces are found first, then emitted, since an uncovered part makes the whole word unknown
        int[] bounds = new int[end - start + 1];
        int count = 0;
        int from = start;
        while (from < end) {
            int to = end;
            boolean found = false;
            while (to > from) {
                if (from == start ? vocabulary.has(text, from, to) : hasContinuation(text, from, to, piece)) {
                    found = true;
                    break;
                }
                to = Character.isLowSurrogate(text[to - 1]) && to - 2 > from ? to - 2 : to - 1;
            }
            if (!found) {
                sink.token(UNKNOWN, 0, UNKNOWN.length);
                return piece;
            }
            bounds[count++] = to;
            from = to;
        }
        from = start;
        for (int p = 0; p < count; p++) {
            int to = bounds[p];
            if (from == start) {
                sink.token(text, from, to);
            } else {
                System.arraycopy(text, from, piece, prefix.length, to - from);
                sink.token(piece, 0, prefix.length + to - from);
            }
            from = to;
        }
        return piece;
    }

    private boolean hasContinuation(char[] text, int from, int to, char[] piece) {
        System.arraycopy(text, from, piece, prefix.length, to - from);
        return vocabulary.has(piece, 0, prefix.length + to - from);
    }

    /** BertNormalizer: clean, space out CJK ideographs, strip accents, lowercase. */
    char[] normalize(char[] text, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        for (int i = 0; i < length; ) {
            int cp = Character.codePointAt(text, i, length);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                continue;
            }
            if (isWhitespace(cp)) {
                sb.append(' ');
            } else if (config.chineseCharacters() && isIdeograph(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String s = sb.toString();
        if (config.stripAccents()) {
            s = stripAccents(s);
        }
        if (config.lowercase()) {
            StringBuilder lower = new StringBuilder(s.length());
            s.codePoints().forEach(c -> lower.appendCodePoint(Character.toLowerCase(c)));
            s = lower.toString();
        }
        return s.toCharArray();
    }

    private static String stripAccents(String s) {
        String decomposed = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        decomposed.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.isWhitespace(cp)
                || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /** Unicode's "other" categories but tab and line breaks, which are white space. */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED || type == Character.SURROGATE;
    }

    /** ASCII punctuation and symbols, and Unicode's punctuation categories. */
    private static boolean isPunctuation(int cp) {
        if (cp >= 33 && cp <= 47 || cp >= 58 && cp <= 64 || cp >= 91 && cp <= 96 || cp >= 123 && cp <= 126) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK Unified Ideographs blocks and their extensions and compatibility forms, as BERT lists them. */
    private static boolean isIdeograph(int cp) {
        return cp >= 0x4E00 && cp <= 0x9FFF || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x20000 && cp <= 0x2A6DF
                || cp >= 0x2A700 && cp <= 0x2B73F || cp >= 0x2B740 && cp <= 0x2B81F || cp >= 0x2B920 && cp <= 0x2CEAF
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0x2F800 && cp <= 0x2FA1F;
    }
}
