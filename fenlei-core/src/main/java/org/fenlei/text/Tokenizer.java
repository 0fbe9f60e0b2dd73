package org.fenlei.text;

import java.util.List;

/** Splits cleaned text into tokens. Implementations are thread-safe and append to the caller's list. */
public interface Tokenizer {
    void tokenize(String text, List<String> out);
}
