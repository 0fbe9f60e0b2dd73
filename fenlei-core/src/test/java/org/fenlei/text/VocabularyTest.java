package org.fenlei.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VocabularyTest {
    @Test
    void ordersByCountAndCapsTheSizeIncludingOov() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("b", 5L, "a", 5L, "c", 9L, "d", 1L), 4, 1);
        assertEquals(List.of(Vocabulary.OOV, "c", "a", "b"), v.tokens());
        assertEquals(Vocabulary.OOV_ID, v.id("d"));
        assertEquals(1, v.id("c"));
    }

    /**
     * Within a count, tokens follow their String.hashCode ("b" 98 before "ab" 3105, though "ab" sorts first as a
     * string), and tokens that share a hash ("Aa" and "BB", 2112) their characters: whatever order they came in.
     */
    @Test
    void ordersEqualCountsByHashThenCharactersWhateverTheOrderSeen() {
        List<String> expected = List.of(Vocabulary.OOV, "b", "Aa", "BB", "ab");
        for (List<String> seen : List.of(List.of("ab", "BB", "b", "Aa"), List.of("Aa", "b", "ab", "BB"))) {
            long[] counts = {2, 2, 2, 2};
            assertEquals(expected, Vocabulary.fromCounts(counts, table(seen), 100, 1).tokens());
        }
        assertEquals(List.of(Vocabulary.OOV, "b", "Aa"),
                Vocabulary.fromCounts(new long[] {2, 2, 2, 2}, table(List.of("ab", "BB", "b", "Aa")), 3, 1).tokens());
    }

    private static CharTable table(List<String> tokens) {
        CharTable table = new CharTable();
        tokens.forEach(table::intern);
        return table;
    }

    @Test
    void minCountLeavesRareTokensOut() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("often", 3L, "once", 1L), 100, 2);
        assertEquals(2, v.size());
        assertEquals(Vocabulary.OOV_ID, v.id("once"));
    }

    @Test
    void rangeLookupAgreesWithStringLookup() {
        Vocabulary v = Vocabulary.fromCounts(Map.of("the", 9L, "cat", 4L, "猫", 2L, "Aa", 1L, "BB", 1L), 100, 1);
        char[] text = "xthe猫catBBAazz".toCharArray();
        assertEquals(v.id("the"), v.id(text, 1, 4));
        assertEquals(v.id("猫"), v.id(text, 4, 5));
        assertEquals(v.id("cat"), v.id(text, 5, 8));
        // "Aa" and "BB" share a String hash code: the lookup must compare characters
        assertEquals(v.id("BB"), v.id(text, 8, 10));
        assertEquals(v.id("Aa"), v.id(text, 10, 12));
        assertEquals(Vocabulary.OOV_ID, v.id(text, 12, 14));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromCounts(Map.of(), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.fromCounts(Map.of(), 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("x")));
    }

    @Test
    void refusesADuplicateTokenEvenAmongHashCollisions() {
        // "Aa" and "BB" share String.hashCode, so the duplicate is found past a slot of the same hash
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Vocabulary(List.of(Vocabulary.OOV, "Aa", "BB", "Aa")));
        assertEquals("duplicate token 'Aa' in vocabulary", e.getMessage());
        Vocabulary v = new Vocabulary(List.of(Vocabulary.OOV, "Aa", "BB"));
        assertEquals(1, v.id("Aa"));
        assertEquals(2, v.id("BB"));
    }
}
