package org.fenlei.text;

import java.util.Locale;

/** Lower-cases with the root locale, so results do not depend on the machine's language (no Turkish dotless i). */
public final class CaseFolder implements TextFilter {
    @Override
    public String apply(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Lower-cases {@code text} in place when every character is Latin-1 (below U+0100) and returns true; returns
     * false, with {@code text} unchanged, otherwise. Within Latin-1, {@code String.toLowerCase(Locale.ROOT)} maps
     * each character on its own: A-Z, U+00C0-U+00D6 and U+00D8-U+00DE gain 0x20, the rest stay. The prediction path
     * folds the characters the tokeniser reads this way, without the copy to a new string and the per-character
     * table lookups of {@code toLowerCase} (a fifth of the cleaning's time on imdb).
     */
    public static boolean lowerLatin1(char[] text, int length) {
        for (int i = 0; i < length; i++) {
            if (text[i] >= 0x100) {
                return false;
            }
        }
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c >= 'A' && c <= 'Z' || c >= 0xC0 && c <= 0xDE && c != 0xD7) {
                text[i] = (char) (c + 0x20);
            }
        }
        return true;
    }
}
