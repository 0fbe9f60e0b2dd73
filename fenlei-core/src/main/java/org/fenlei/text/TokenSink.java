package org.fenlei.text;

/** Receives tokens as ranges of the text's characters, so a consumer that only looks tokens up need not copy them. */
@FunctionalInterface
public interface TokenSink {
    void token(char[] text, int start, int end);
}
