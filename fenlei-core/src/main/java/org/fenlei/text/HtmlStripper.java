package org.fenlei.text;

import org.jsoup.parser.Parser;

import java.util.regex.Pattern;

/** Replaces HTML tags with a space and decodes character references ({@code &amp;}, {@code &#233;}). */
public final class HtmlStripper implements TextFilter {
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z!][^<>]{0,2000}>");

    @Override
    public String apply(String text) {
        String out = text.indexOf('<') >= 0 ? TAG.matcher(text).replaceAll(" ") : text;
        return out.indexOf('&') >= 0 ? Parser.unescapeEntities(out, false) : out;
    }
}
