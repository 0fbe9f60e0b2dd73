package org.fenlei.text;

import java.util.List;

/** Splits cleaned text into tokens, each a range of the text. Implementations are thread-safe. */
public interface Tokenizer {
    void tokenize(String text, TokenSink sink);

    /** Appends the tokens of {@code text} to {@code out} as strings. */
    default void tokenize(String text, List<String> out) {
        tokenize(text, (s, start, end) -> out.add(s.substring(start, end)));
    }
}
