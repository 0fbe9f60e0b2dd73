package org.fenlei.text;

import org.jsoup.parser.Parser;

/**
 * Replaces HTML tags with a space and decodes character references ({@code &amp;}, {@code &#233;}). A tag is
 * {@code <} followed by a letter, {@code /} or {@code !}, up to the next {@code >} within 2,000 characters with no
 * {@code <} between; anything else (a lone "a < b") is left alone. A scan rather than a regex: this runs on
 * every document on the prediction path.
 */
public final class HtmlStripper implements TextFilter {
    private static final int MAX_TAG = 2000;

    @Override
    public String apply(String text) {
        String out = text.indexOf('<') >= 0 ? stripTags(text) : text;
        return out.indexOf('&') >= 0 ? Parser.unescapeEntities(out, false) : out;
    }

    private static String stripTags(String text) {
        StringBuilder sb = null;
        int copied = 0;
        int n = text.length();
        for (int lt = text.indexOf('<'); lt >= 0 && lt + 1 < n; lt = text.indexOf('<', lt + 1)) {
            char c = text.charAt(lt + 1);
            if (!(c == '/' || c == '!' || c < 0x80 && Character.isLetter(c))) {
                continue;
            }
            int limit = Math.min(n, lt + 2 + MAX_TAG);
            int gt = -1;
            for (int i = lt + 1; i < limit; i++) {
                char d = text.charAt(i);
                if (d == '>') {
                    gt = i;
                    break;
                }
                if (d == '<') {
                    break;
                }
            }
            if (gt < 0) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n);
            }
            sb.append(text, copied, lt).append(' ');
            copied = gt + 1;
            lt = gt;
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, copied, n).toString();
    }
}
