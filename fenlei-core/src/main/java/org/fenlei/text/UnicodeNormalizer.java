package org.fenlei.text;

import java.text.Normalizer;

/**
 * Unicode NFKC (UAX #15): full-width Latin, ligatures and compatibility forms become their plain letters,
 * so "ｆｕｌｌ" and "full" are one word. ASCII text is returned without a pass through the normaliser.
 */
public final class UnicodeNormalizer implements TextFilter {
    @Override
    public String apply(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return Normalizer.normalize(text, Normalizer.Form.NFKC);
            }
        }
        return text;
    }
}
