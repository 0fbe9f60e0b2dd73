package org.fenlei.text;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated corpus: every valid identifier is masked by its type's token, the same numbers with a broken check
 * digit are left alone, and ordinary numbers, dates and prices are never touched.
 */
class PiiMaskerTest {
    private static final int EACH = 300;
    private static final String[] CONTEXTS = {"please contact %s today", "我的号码是%s，谢谢", "(%s)", "ref: %s.",
            "%s"};
    private final PiiMasker masker = new PiiMasker();
    private final Random random = new Random(42);

    private String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String residentId(boolean valid) {
        LocalDate birth = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(30_000));
        String body = (1 + random.nextInt(9)) + digits(5) + birth.toString().replace("-", "") + digits(3);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        int check = sum % 11;
        return body + "10X98765432".charAt(valid ? check : (check + 1 + random.nextInt(10)) % 11);
    }

    private static char luhnDigit(String body) {
        for (char d = '0'; d <= '9'; d++) {
            if (PiiMasker.luhn(body + d)) {
                return d;
            }
        }
        throw new AssertionError();
    }

    private String card(boolean valid) {
        String[][] issuers = {{"4", "16"}, {"4", "13"}, {"52", "16"}, {"2223", "16"}, {"34", "15"}, {"37", "15"},
                {"6011", "16"}, {"62", "19"}, {"3530", "16"}, {"36", "14"}};
        String[] issuer = issuers[random.nextInt(issuers.length)];
        String body = issuer[0] + digits(Integer.parseInt(issuer[1]) - issuer[0].length() - 1);
        char check = luhnDigit(body);
        String number = body + (valid ? check : (char) ('0' + (check - '0' + 1 + random.nextInt(9)) % 10));
        // as printed on cards: 4-6-5 (15 digits), 4-6-4 (14), 4-4-5 (13), else fours and the rest
        int[] groups = switch (number.length()) {
            case 15 -> new int[] {4, 6, 5};
            case 14 -> new int[] {4, 6, 4};
            case 13 -> new int[] {4, 4, 5};
            default -> new int[] {4, 4, 4, 4, 4};
        };
        return switch (random.nextInt(3)) {
            case 0 -> number;
            case 1 -> group(number, " ", groups);
            default -> group(number, "-", groups);
        };
    }

    private static String group(String s, String separator, int... sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, g = 0; i < s.length(); i += sizes[g++]) {
            sb.append(i == 0 ? "" : separator).append(s, i, Math.min(s.length(), i + sizes[g]));
        }
        return sb.toString();
    }

    private String iban(boolean valid) {
        String[][] countries = {{"DE", "n18"}, {"GB", "a4n14"}, {"NL", "a4n10"}, {"ES", "n20"}, {"FR", "n10c11n2"},
                {"IT", "a1n10c12"}};
        String[] c = countries[random.nextInt(countries.length)];
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < c[1].length(); ) {
            char type = c[1].charAt(i++);
            int j = i;
            while (j < c[1].length() && Character.isDigit(c[1].charAt(j))) {
                j++;
            }
            int n = Integer.parseInt(c[1].substring(i, j));
            i = j;
            for (int k = 0; k < n; k++) {
                int r = random.nextInt(type == 'n' ? 10 : type == 'a' ? 26 : 36);
                bban.append(type == 'n' ? (char) ('0' + r) : type == 'a' ? (char) ('A' + r)
                        : Character.toUpperCase(Character.forDigit(r, 36)));
            }
        }
        int check = 98 - mod97(bban + c[0] + "00");
        if (!valid) {
            check = 2 + (check - 2 + 1 + random.nextInt(95)) % 97;
        }
        String iban = c[0] + String.format(Locale.ROOT, "%02d", check) + bban;
        return random.nextBoolean() ? iban : group(iban, " ", 4, 4, 4, 4, 4, 4, 4, 4, 4);
    }

    private static int mod97(String s) {
        int r = 0;
        for (char ch : s.toCharArray()) {
            int v = Character.digit(ch, 36);
            r = (v < 10 ? r * 10 + v : r * 100 + v) % 97;
        }
        return r;
    }

    private String phone() {
        String mobile = "1" + (3 + random.nextInt(7)) + digits(9);
        return switch (random.nextInt(8)) {
            case 0 -> mobile;
            case 1 -> mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);
            case 2 -> mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
            case 3 -> "+86 " + mobile;
            case 4 -> "+1 (" + (2 + random.nextInt(8)) + digits(2) + ") " + digits(3) + "-" + digits(4);
            case 5 -> "+44 20 " + digits(4) + " " + digits(4);
            case 6 -> "+49 30 " + digits(8);
            default -> (2 + random.nextInt(8)) + digits(2) + "-" + digits(3) + "-" + digits(4);
        };
    }

    private String email() {
        return "user" + digits(3) + (random.nextBoolean() ? ".name" : "") + "@example" + digits(1) + ".com";
    }

    private String ip() {
        if (random.nextBoolean()) {
            return (1 + random.nextInt(254)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + random.nextInt(256);
        }
        String full = String.join(":", hex(), hex(), hex(), hex(), hex(), hex(), hex(), hex());
        return switch (random.nextInt(3)) {
            case 0 -> full;
            case 1 -> "2001:db8::" + hex();
            default -> "fe80::" + hex() + ":" + hex();
        };
    }

    private String hex() {
        return Integer.toHexString(1 + random.nextInt(0xfffe));
    }

    private String ordinary() {
        return switch (random.nextInt(14)) {
            case 0 -> "$" + (1 + random.nextInt(9)) + "," + digits(3) + "." + digits(2);
            case 1 -> "¥" + (1 + random.nextInt(99_999));
            case 2 -> "€" + random.nextInt(1000) + "," + digits(2);
            case 3 -> LocalDate.of(1900, 1, 1).plusDays(random.nextInt(60_000)).toString();
            case 4 -> String.format(Locale.ROOT, "%02d/%02d/%d", 1 + random.nextInt(28), 1 + random.nextInt(12),
                    1900 + random.nextInt(130));
            case 5 -> (1950 + random.nextInt(80)) + "年" + (1 + random.nextInt(12)) + "月" + (1 + random.nextInt(28))
                    + "日";
            case 6 -> String.format(Locale.ROOT, "%02d:%02d", random.nextInt(24), random.nextInt(60));
            case 7 -> String.format(Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60),
                    random.nextInt(60));
            case 8 -> (1 + random.nextInt(999)) + "," + digits(3) + "," + digits(3);
            case 9 -> random.nextInt(100) + "." + digits(1 + random.nextInt(5)) + "%";
            case 10 -> "order #" + (1 + random.nextInt(999_999));
            case 11 -> (1900 + random.nextInt(100)) + "-" + (2000 + random.nextInt(30));
            case 12 -> "population " + (1 + random.nextInt(9)) + digits(8);
            default -> "score " + random.nextInt(10) + "-" + random.nextInt(10) + " in " + (1 + random.nextInt(120))
                    + " minutes";
        };
    }

    private int masked(Function<Boolean, String> make, boolean valid, String token, List<String> failures) {
        int hits = 0;
        for (int i = 0; i < EACH; i++) {
            String id = make.apply(valid);
            String text = String.format(CONTEXTS[random.nextInt(CONTEXTS.length)], id);
            String out = masker.apply(text);
            boolean hit = !out.contains(id) && out.contains(token);
            hits += hit ? 1 : 0;
            if (hit != valid) {
                failures.add(text + " -> " + out);
            }
        }
        return hits;
    }

    @Test
    void masksEveryValidIdentifierAndNothingElse() {
        List<String> failures = new ArrayList<>();
        int valid = masked(this::residentId, true, PiiMasker.ID_NUMBER, failures)
                + masked(this::card, true, PiiMasker.CARD, failures)
                + masked(this::iban, true, PiiMasker.IBAN, failures)
                + masked(v -> phone(), true, PiiMasker.PHONE, failures)
                + masked(v -> email(), true, PiiMasker.EMAIL, failures)
                + masked(v -> ip(), true, PiiMasker.IP, failures);
        int validFailures = failures.size();
        int broken = masked(this::residentId, false, PiiMasker.ID_NUMBER, failures)
                + masked(this::card, false, PiiMasker.CARD, failures)
                + masked(this::iban, false, PiiMasker.IBAN, failures);
        int ordinary = 0;
        for (int i = 0; i < 6 * EACH; i++) {
            String text = String.format(CONTEXTS[random.nextInt(CONTEXTS.length)], ordinary());
            if (!masker.apply(text).equals(text)) {
                ordinary++;
                failures.add("ordinary: " + text + " -> " + masker.apply(text));
            }
        }
        System.out.printf(Locale.ROOT, "PII corpus: %d of %d valid identifiers masked; %d of %d with a broken check "
                + "digit masked; %d of %d ordinary numbers, dates and prices changed%n", valid, 6 * EACH, broken,
                3 * EACH, ordinary, 6 * EACH);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())),
                validFailures + " valid missed, " + (failures.size() - validFailures) + " wrongly masked");
    }

    @Test
    void knownExamplesAndTheirNeighbours() {
        // GB 11643's own example and a published test card and IBAN
        assertEquals("id  xxidnumber  ok", masker.apply("id 11010519491231002X ok"));
        assertEquals("id 11010519491231002Y ok", masker.apply("id 11010519491231002Y ok"));
        assertEquals("card  xxcard ", masker.apply("card 4111 1111 1111 1111"));
        assertEquals("card 4111 1111 1111 1112", masker.apply("card 4111 1111 1111 1112"));
        assertEquals(" xxiban  is mine", masker.apply("GB82 WEST 1234 5698 7654 32 is mine"));
        assertEquals("电话 xxphone 找我", masker.apply("电话13800138000找我"));
        assertEquals("mail  xxemail  now", masker.apply("mail a.b@example.org now"));
        assertEquals("from  xxip  and  xxip ", masker.apply("from 192.168.0.1 and 2001:db8::ff00:42:8329"));
        assertEquals("at 12:30:45 on 2024-01-15 for $1,299.99", masker.apply("at 12:30:45 on 2024-01-15 for $1,299.99"));
        assertEquals("no digits at all", masker.apply("no digits at all"));
        assertEquals("add:: and std::vector", masker.apply("add:: and std::vector"));
    }

    @Test
    void vocabularyEntriesAreRecognisedByKind() {
        assertEquals("payment card", PiiMasker.kind("4111111111111111"));
        assertEquals("Chinese resident ID", PiiMasker.kind("11010519491231002x"));
        assertEquals("IBAN", PiiMasker.kind("gb82west12345698765432"));
        assertEquals("phone", PiiMasker.kind("13800138000"));
        assertEquals("phone", PiiMasker.kind("call 13800138000"));
        assertEquals("long number", PiiMasker.kind("123456789012"));
        assertNull(PiiMasker.kind("great"));
        assertNull(PiiMasker.kind("2024"));
        assertFalse(PiiMasker.validIpv6("12:30:45"));
        assertTrue(PiiMasker.validIpv6("::1"));
        assertTrue(PiiMasker.validIpv6("::ffff:192.0.2.1"));
    }
}
