package org.fenlei.text;

/**
 * Keeps letters (of every script) and combining marks, turning everything else into spaces. This is the
 * origin program's {@code re.sub('[^a-zA-Z]', ' ', text)} without its bias against non-Latin scripts.
 */
public final class LettersOnly implements TextFilter {
    @Override
    public String apply(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            boolean keep = Character.isLetter(cp) || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
            if (keep) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(' ');
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
