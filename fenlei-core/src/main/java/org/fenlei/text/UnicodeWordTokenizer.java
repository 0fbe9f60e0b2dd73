package org.fenlei.text;

/**
 * Word tokens by the rules of Unicode word boundaries (UAX #29), written as one pass over code points
 * because tokenisation is on the prediction hot path and a general break iterator is several times slower.
 * <ul>
 *   <li>Letters, digits, combining marks and connectors join into words (WB4, WB5, WB8-WB10, WB13);
 *       an apostrophe or a period between letters ("don't", "e.g") and a period or comma between digits
 *       ("3.14", "1,000") stay inside the word (WB6, WB7, WB11, WB12); Katakana runs join (WB13).</li>
 *   <li>Han ideographs and Hiragana, which UAX #29 leaves unsegmented, become one token per character, as
 *       Lucene's StandardTokenizer does; with {@code cjkBigrams} every pair of adjacent ones is added too,
 *       the character bigrams that carry most of a Chinese word's meaning (Li et al. 2018 measure them
 *       against dictionary segmentation).</li>
 *   <li>With {@code splitContractions}, words end at an apostrophe ("don" "'" "t"), as scikit-learn's
 *       {@code \w+|[^\w\s]} splits them, so that contractions share their "' t" and "' s".</li>
 *   <li>With {@code cjkCharacters}, a text mostly of ideographs is read as characters throughout: each letter and
 *       digit of its Latin words and numbers is a token too, as scikit-learn's character analyzer reads it.</li>
 *   <li>With {@code cjkSpaces} too, in such a text a run of white space between two tokens is a token
 *       {@link FeatureConfig#SPACE}, as the character analyzer keeps spaces.</li>
 *   <li>Symbols (emoji, currency, other symbols) become one token each; spaces are dropped, and so is
 *       punctuation unless {@code punctuation} makes each punctuation character a token.</li>
 * </ul>
 */
public final class UnicodeWordTokenizer implements Tokenizer {
    private final boolean cjkBigrams;
    private final boolean punctuation;
    private final boolean splitContractions;
    private final boolean cjkCharacters;
    private final boolean cjkSpaces;
    private static final char[] SPACE = FeatureConfig.SPACE.toCharArray();

    public UnicodeWordTokenizer(boolean cjkBigrams, boolean punctuation) {
        this(cjkBigrams, punctuation, false, false, false);
    }

    public UnicodeWordTokenizer(boolean cjkBigrams, boolean punctuation, boolean splitContractions,
                                boolean cjkCharacters, boolean cjkSpaces) {
        this.cjkBigrams = cjkBigrams;
        this.punctuation = punctuation;
        this.splitContractions = splitContractions;
        this.cjkCharacters = cjkCharacters;
        this.cjkSpaces = cjkSpaces;
    }

    /** Passes tokens on, with a {@link FeatureConfig#SPACE} token before one that white space parted from the last. */
    private static final class Spaced implements TokenSink {
        private final TokenSink out;
        private boolean any;
        private boolean gap;

        Spaced(TokenSink out) {
            this.out = out;
        }

        @Override
        public void token(char[] text, int start, int end) {
            if (gap && any) {
                out.token(SPACE, 0, SPACE.length);
            }
            gap = false;
            any = true;
            out.token(text, start, end);
        }
    }

    private enum Kind { WORD, KATAKANA, IDEOGRAPH, SYMBOL, JOINER, MID_LETTER, MID_NUM, MID_BOTH, OTHER }

    @Override
    public void tokenize(char[] text, int n, TokenSink sink) {
        boolean characters = cjkCharacters && mostlyIdeographs(text, n);
        Spaced spaced = characters && cjkSpaces ? new Spaced(sink) : null;
        TokenSink out = spaced != null ? spaced : sink;
        int i = 0;
        int lastIdeographEnd = -1;
        int lastIdeographStart = -1;
        while (i < n) {
            char c = text[i];
            if (c < 0x80 && ASCII[c] != Kind.WORD && ASCII[c] != Kind.SYMBOL) {
                // white space or punctuation between words: the most common boundary, decided by one lookup
                if (punctuation && c > ' ' && c < 0x7F) {
                    out.token(text, i, i + 1);
                } else if (spaced != null && c <= ' ') {
                    spaced.gap = true;
                }
                i++;
                continue;
            }
            int cp = codePointAt(text, i, n);
            Kind kind = kind(cp);
            int start = i;
            i += Character.charCount(cp);
            switch (kind) {
                case WORD -> {
                    i = characters ? skipJoiners(text, i, n) : extendWord(text, i, n, cp);
                    out.token(text, start, i);
                }
                case KATAKANA -> {
                    while (i < n && !characters) {
                        int next = codePointAt(text, i, n);
                        Kind k = kind(next);
                        if (k != Kind.KATAKANA && k != Kind.JOINER) {
                            break;
                        }
                        i += Character.charCount(next);
                    }
                    out.token(text, start, i);
                }
                case IDEOGRAPH -> {
                    i = skipJoiners(text, i, n);
                    out.token(text, start, i);
                    if (cjkBigrams && lastIdeographEnd == start) {
                        out.token(text, lastIdeographStart, i);
                    }
                    lastIdeographStart = start;
                    lastIdeographEnd = i;
                }
                case SYMBOL -> {
                    i = skipJoiners(text, i, n);
                    out.token(text, start, i);
                }
                default -> {
                    // punctuation, white space, a stray mark: a boundary, a token only for wanted punctuation
                    if (punctuation && isPunctuation(cp)) {
                        out.token(text, start, i);
                    } else if (spaced != null && (Character.isWhitespace(cp) || Character.isSpaceChar(cp))) {
                        spaced.gap = true;
                    }
                }
            }
        }
    }

    /** Extends a word that began with {@code first} and now stands at {@code i}; returns its end. */
    private int extendWord(char[] text, int i, int n, int first) {
        int previous = first;
        while (i < n) {
            char c = text[i];
            if (c < 0x80) {
                // the common case, without code point decoding
                Kind k = ASCII[c];
                if (k == Kind.WORD) {
                    previous = c;
                    i++;
                    continue;
                }
                if (k == Kind.OTHER || k == Kind.SYMBOL) {
                    break;
                }
            }
            int cp = codePointAt(text, i, n);
            Kind k = kind(cp);
            int width = Character.charCount(cp);
            if (k == Kind.WORD || k == Kind.JOINER) {
                if (k == Kind.WORD) {
                    previous = cp;
                }
                i += width;
                continue;
            }
            if (splitContractions && (cp == '\'' || cp == '\u2019')) {
                break;
            }
            if ((k == Kind.MID_LETTER || k == Kind.MID_NUM || k == Kind.MID_BOTH) && i + width < n) {
                int next = codePointAt(text, i + width, n);
                boolean letters = Character.isLetter(previous) && Character.isLetter(next)
                        && (k == Kind.MID_LETTER || k == Kind.MID_BOTH);
                boolean digits = Character.isDigit(previous) && Character.isDigit(next)
                        && (k == Kind.MID_NUM || k == Kind.MID_BOTH);
                if (letters || digits) {
                    i += width;
                    continue;
                }
            }
            break;
        }
        return i;
    }

    /**
     * Whether the text has more Han ideographs and Hiragana than runs of other letters and digits (words and
     * numbers): Chinese or Japanese with some Latin words in it, not Latin text that quotes a character.
     */
    private static boolean mostlyIdeographs(char[] text, int n) {
        int ideographs = 0;
        int runs = 0;
        boolean inRun = false;
        for (int i = 0; i < n; ) {
            int cp = codePointAt(text, i, n);
            i += Character.charCount(cp);
            Kind k = cp < 0x80 ? ASCII[cp] : kind(cp);
            boolean letter = k == Kind.WORD || k == Kind.KATAKANA;
            runs += letter && !inRun ? 1 : 0;
            inRun = letter;
            ideographs += k == Kind.IDEOGRAPH ? 1 : 0;
        }
        return ideographs > runs;
    }

    private static boolean isPunctuation(int cp) {
        return switch (Character.getType(cp)) {
            case Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static int skipJoiners(char[] text, int i, int n) {
        while (i < n) {
            int cp = codePointAt(text, i, n);
            if (kind(cp) != Kind.JOINER) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static int codePointAt(char[] text, int i, int n) {
        char c = text[i];
        return c < Character.MIN_HIGH_SURROGATE ? c : Character.codePointAt(text, i, n);
    }

    private static final Kind[] ASCII = new Kind[0x80];

    static {
        for (int c = 0; c < 0x80; c++) {
            ASCII[c] = (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9' || c == '_' ? Kind.WORD
                    : switch (c) {
                        case '\'', ':' -> Kind.MID_LETTER;
                        case '.' -> Kind.MID_BOTH;
                        case ',', ';' -> Kind.MID_NUM;
                        case '$', '+', '<', '=', '>', '^', '`', '|', '~' -> Kind.SYMBOL;
                        default -> Kind.OTHER;
                    };
        }
    }

    private static Kind kind(int cp) {
        if (cp < 0x80) {
            return ASCII[cp];
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA) {
            return Character.isLetter(cp) ? Kind.IDEOGRAPH : Kind.OTHER;
        }
        if (script == Character.UnicodeScript.KATAKANA || cp == 0x30FC) {
            return Kind.KATAKANA;
        }
        if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
            return Kind.JOINER; // emoji skin-tone modifiers extend the emoji before them (WB4)
        }
        switch (cp) {
            case 0x2019, 0x00B7, 0x05F4, 0x2027 -> {
                return Kind.MID_LETTER;
            }
            case 0x066C, 0xFE50, 0xFE54, 0xFF0C, 0xFF1B -> {
                return Kind.MID_NUM;
            }
            case 0x200D, 0xFE0F, 0xFE0E -> {
                return Kind.JOINER;
            }
            default -> {
            }
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION -> Kind.WORD;
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
                    Character.FORMAT -> Kind.JOINER;
            case Character.OTHER_SYMBOL, Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL,
                    Character.MODIFIER_SYMBOL -> Kind.SYMBOL;
            default -> Kind.OTHER;
        };
    }
}
