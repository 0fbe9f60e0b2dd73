package org.fenlei.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Which cleaning stages run, in a fixed order: HTML, NFKC, URLs, personal data, e-mails, digits, letters-only,
 * case.
 * Stored in the model file, so prediction cleans text exactly as training did.
 *
 * @param stripHtml    remove tags, decode entities (default on)
 * @param nfkc         Unicode NFKC normalisation (default on)
 * @param maskUrls     URLs become {@code xxurl} (default on)
 * @param maskEmails   e-mail addresses become {@code xxemail} (default on)
 * @param maskDigits   every digit becomes 0 (default off)
 * @param lettersOnly  everything but letters becomes a space, as the origin program did (default off)
 * @param lowercase    case folding (default on)
 * @param maskPii      personal data (e-mail addresses, phone, ID and card numbers, IBANs, IP addresses) become a
 *                     token per type, {@link PiiMasker} (default off)
 */
public record PreprocessConfig(boolean stripHtml, boolean nfkc, boolean maskUrls, boolean maskEmails,
                               boolean maskDigits, boolean lettersOnly, boolean lowercase, boolean maskPii) {

    /** The stages of a model made before personal-data masking existed: it is off. */
    public PreprocessConfig(boolean stripHtml, boolean nfkc, boolean maskUrls, boolean maskEmails, boolean maskDigits,
                            boolean lettersOnly, boolean lowercase) {
        this(stripHtml, nfkc, maskUrls, maskEmails, maskDigits, lettersOnly, lowercase, false);
    }

    public static PreprocessConfig defaults() {
        return new PreprocessConfig(true, true, true, true, false, false, true, false);
    }

    /** These stages with URL and e-mail masking on or off. */
    public PreprocessConfig withMasks(boolean urls, boolean emails) {
        return new PreprocessConfig(stripHtml, nfkc, urls, emails, maskDigits, lettersOnly, lowercase, maskPii);
    }

    public PreprocessConfig withMaskPii(boolean on) {
        return new PreprocessConfig(stripHtml, nfkc, maskUrls, maskEmails, maskDigits, lettersOnly, lowercase, on);
    }

    public static PreprocessConfig none() {
        return new PreprocessConfig(false, false, false, false, false, false, false, false);
    }

    /** The stages, in order. White space needs none: the tokeniser splits on any run of it. */
    public List<TextFilter> filters() {
        List<TextFilter> filters = new ArrayList<>();
        if (stripHtml) {
            filters.add(new HtmlStripper());
        }
        if (nfkc) {
            filters.add(new UnicodeNormalizer());
        }
        if (maskUrls) {
            filters.add(PatternMasker.urls());
        }
        if (maskPii) {
            filters.add(new PiiMasker());
        }
        if (maskEmails) {
            filters.add(PatternMasker.emails());
        }
        if (maskDigits) {
            filters.add(new DigitMasker());
        }
        if (lettersOnly) {
            filters.add(new LettersOnly());
        }
        if (lowercase) {
            filters.add(new CaseFolder());
        }
        return filters;
    }

    public PreprocessConfig withLettersOnly(boolean on) {
        return new PreprocessConfig(stripHtml, nfkc, maskUrls, maskEmails, maskDigits, on, lowercase, maskPii);
    }

    public PreprocessConfig withMaskDigits(boolean on) {
        return new PreprocessConfig(stripHtml, nfkc, maskUrls, maskEmails, on, lettersOnly, lowercase, maskPii);
    }

    public PreprocessConfig withLowercase(boolean on) {
        return new PreprocessConfig(stripHtml, nfkc, maskUrls, maskEmails, maskDigits, lettersOnly, on, maskPii);
    }

    public PreprocessConfig withStripHtml(boolean on) {
        return new PreprocessConfig(on, nfkc, maskUrls, maskEmails, maskDigits, lettersOnly, lowercase, maskPii);
    }
}
