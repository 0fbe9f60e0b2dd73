package org.fenlei.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces every match of a pattern with a placeholder token, so that all URLs (say) share one feature.
 * Placeholders are letters-only words in the style of fast.ai's {@code xxunk}, so every tokeniser keeps them.
 * The pattern runs only on texts that contain its cheap trigger string.
 */
public final class PatternMasker implements TextFilter {
    public static final String URL_TOKEN = "xxurl";
    public static final String EMAIL_TOKEN = "xxemail";

    private final String trigger;
    private final Pattern pattern;
    private final String replacement;

    private PatternMasker(String trigger, String regex, String token) {
        this.trigger = trigger;
        this.pattern = Pattern.compile(regex);
        this.replacement = Matcher.quoteReplacement(" " + token + " ");
    }

    /** http(s)/ftp URLs and bare {@code www.} host names. */
    public static PatternMasker urls() {
        return new PatternMasker("", "(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"]+", URL_TOKEN);
    }

    /** E-mail addresses (a pragmatic subset of RFC 5322 addr-spec). */
    public static PatternMasker emails() {
        return new PatternMasker("@", "[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+", EMAIL_TOKEN);
    }

    @Override
    public String apply(String text) {
        if (trigger.isEmpty() ? !mayContainUrl(text) : text.indexOf(trigger) < 0) {
            return text;
        }
        return pattern.matcher(text).replaceAll(replacement);
    }

    private static boolean mayContainUrl(String text) {
        return text.contains("://") || text.contains("www.") || text.contains("WWW.");
    }
}
