package org.fenlei.text;

/** One stage of text cleaning: a pure function from text to text. Implementations are thread-safe. */
@FunctionalInterface
public interface TextFilter {
    String apply(String text);
}
