package org.fenlei.text;

/**
 * Maps every decimal digit (any script) to {@code 0}, so numbers of the same shape share a feature while
 * their length survives ("1999" and "2024" both become "0000"), as word2vec's preprocessing does.
 */
public final class DigitMasker implements TextFilter {
    @Override
    public String apply(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isDigit(cp) && cp != '0') {
                if (sb == null) {
                    sb = new StringBuilder(text.length()).append(text, 0, i);
                }
                sb.append('0');
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            i += width;
        }
        return sb == null ? text : sb.toString();
    }
}
