package org.fenlei.text;

import java.util.Locale;

/** Lower-cases with the root locale, so results do not depend on the machine's language (no Turkish dotless i). */
public final class CaseFolder implements TextFilter {
    @Override
    public String apply(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
