package org.fenlei.data;

/**
 * One document with its label as read from a file. {@code label} is null where the input has none
 * (prediction input); {@code line} is the 1-based line the row starts on.
 */
public record LabeledText(String text, String label, long line) {
    public LabeledText {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
    }

    public static LabeledText of(String text, String label) {
        return new LabeledText(text, label, 0);
    }
}
