package org.fenlei.text;

import java.util.List;

/** Splits cleaned text into tokens, each a range of the text. Implementations are thread-safe. */
public interface Tokenizer {
    /** Tokenises {@code text[0, length)}; tokenisers scan arrays because String.charAt checks on every call. */
    void tokenize(char[] text, int length, TokenSink sink);

    default void tokenize(String text, TokenSink sink) {
        char[] chars = text.toCharArray();
        tokenize(chars, chars.length, sink);
    }

    /** Appends the tokens of {@code text} to {@code out} as strings. */
    default void tokenize(String text, List<String> out) {
        tokenize(text, (s, start, end) -> out.add(new String(s, start, end - start)));
    }
}
