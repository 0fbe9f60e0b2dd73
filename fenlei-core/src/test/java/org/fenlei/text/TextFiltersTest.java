package org.fenlei.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFiltersTest {
    @Test
    void htmlStripperRemovesTagsAndDecodesEntities() {
        HtmlStripper html = new HtmlStripper();
        assertEquals("Great film.  It was &lt; bad", html.apply("Great film.<br /><br />It was &amp;lt; bad"));
        assertEquals("caf\u00e9 & co", html.apply("caf&eacute; &amp; co"));
        assertEquals("a < b and c > d", html.apply("a < b and c > d"));
        assertEquals(" bold ", html.apply("<b class=\"x\">bold</b>"));
    }

    @Test
    void htmlStripperLeavesAnUnclosedTagAlone() {
        assertEquals("x <b never closed", new HtmlStripper().apply("x <b never closed"));
    }

    @Test
    void urlsAndEmailsBecomePlaceholders() {
        assertEquals("see  xxurl  now", PatternMasker.urls().apply("see https://example.org/a?b=1 now"));
        assertEquals("at  xxurl ", PatternMasker.urls().apply("at www.example.org"));
        assertEquals("mail  xxemail  today", PatternMasker.emails().apply("mail ann.lee+x@mail.example.com today"));
        assertEquals("no links", PatternMasker.urls().apply("no links"));
    }

    @Test
    void digitsBecomeZerosKeepingLength() {
        assertEquals("in 0000 for $00.00", new DigitMasker().apply("in 1999 for $19.95"));
        assertEquals("0 and 0", new DigitMasker().apply("\u0663 and 7"));
    }

    @Test
    void lettersOnlyKeepsEveryScript() {
        assertEquals("I ve   caf\u00e9  \u9152\u5e97 ", new LettersOnly().apply("I've 2 caf\u00e9! \u9152\u5e97."));
    }

    @Test
    void nfkcFoldsFullWidthAndLigatures() {
        assertEquals("full fi 1", new UnicodeNormalizer().apply("\uff46\uff55\uff4c\uff4c \ufb01 \u2460"));
    }

    @Test
    void caseFoldingIgnoresTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertEquals("title", new CaseFolder().apply("TITLE"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void latin1CaseFoldingInPlaceEqualsToLowerCase() {
        char[] every = new char[0x100];
        for (char c = 0; c < every.length; c++) {
            every[c] = c;
        }
        String expected = new String(every).toLowerCase(java.util.Locale.ROOT);
        assertTrue(CaseFolder.lowerLatin1(every, every.length));
        assertEquals(expected, new String(every));
        // beyond Latin-1 (the Turkish capital dotted I, Greek capitals): unchanged, for toLowerCase to fold
        char[] wider = "İSTANBUL ΣΟΣ CafÉ".toCharArray();
        assertFalse(CaseFolder.lowerLatin1(wider, wider.length));
        assertEquals("İSTANBUL ΣΟΣ CafÉ", new String(wider));
    }

    @Test
    void whitespaceCollapsesAndTrims() {
        assertEquals("a b c", new WhitespaceCollapser().apply("  a \t\n b\u3000\u00a0c  "));
    }

    @Test
    void analyzerRunsStagesInOrderAndAddsWordNgrams() {
        TextAnalyzer analyzer = new TextAnalyzer(FeatureConfig.defaults().withWordNgrams(2));
        assertEquals(java.util.List.of("great", "movie", "xxurl", "great movie", "movie xxurl"),
                analyzer.features("<p>GREAT   Movie!</p> http://x.org"));
        assertEquals("great movie! xxurl", analyzer.clean("<p>GREAT   Movie!</p> http://x.org"));
    }

    @Test
    void maxTokensCutsTheDocument() {
        TextAnalyzer analyzer = new TextAnalyzer(FeatureConfig.defaults().withMaxTokens(2));
        assertEquals(java.util.List.of("one", "two"), analyzer.features("one two three four"));
    }
}
