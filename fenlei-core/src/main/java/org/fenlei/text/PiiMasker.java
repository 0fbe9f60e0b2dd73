package org.fenlei.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data with a token per type, so that a model neither learns nor stores it: e-mail addresses,
 * IBANs (ISO 13616, mod 97 verified), payment card numbers (Luhn verified), Chinese resident ID numbers (GB 11643,
 * birth date and ISO 7064 MOD 11-2 check character verified), phone numbers (international with a leading +,
 * North American, Chinese mobile), IPv4 and IPv6 addresses. A number that fails its checksum is left alone, and
 * so are ordinary numbers, dates and prices: a candidate must have an identifier's shape and pass its check.
 * Numbers are matched between non-alphanumeric ASCII neighbours, so a Chinese number inside Chinese text is found.
 */
public final class PiiMasker implements TextFilter {
    public static final String EMAIL = "xxemail";
    public static final String IBAN = "xxiban";
    public static final String CARD = "xxcard";
    public static final String ID_NUMBER = "xxidnumber";
    public static final String PHONE = "xxphone";
    public static final String IP = "xxip";

    /** Not preceded or followed by an ASCII letter or digit (any other script may touch a number). */
    private static final String START = "(?<![0-9A-Za-z])";
    private static final String END = "(?![0-9A-Za-z])";

    /** One kind of identifier: a shape, a check of the match, and the token that replaces it. */
    private record Detector(String name, Pattern shape, Predicate<String> valid, String token) {
    }

    private static final String IPV4 = "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
            + "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern IPV4_ONLY = Pattern.compile(IPV4);

    /** In this order: an ID number is not read as a card, an IPv6 address's IPv4 tail not as an address. */
    private static final List<Detector> DETECTORS = List.of(
            new Detector("e-mail", Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+"),
                    m -> true, EMAIL),
            // printed in groups of four upper-case characters, or as one run
            new Detector("IBAN", Pattern.compile(START + "[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?"
                    + END), PiiMasker::validIban, IBAN),
            new Detector("Chinese resident ID", Pattern.compile(START + "[1-9][0-9]{16}[0-9Xx]" + END),
                    PiiMasker::validResidentId, ID_NUMBER),
            new Detector("payment card", Pattern.compile("(?<![0-9A-Za-z+])[2-6][0-9]{3}(?:[ -]?[0-9]){9,15}" + END),
                    PiiMasker::validCard, CARD),
            new Detector("phone", Pattern.compile(START + "(?:\\+[1-9][0-9]{0,2}[ .-]?(?:\\([0-9]{1,4}\\)[ .-]?)?"
                    + "[0-9]{1,4}(?:[ .-]?[0-9]{2,4}){1,4}"
                    + "|(?:\\([0-9]{3}\\) ?|[0-9]{3}[-.])[0-9]{3}[-.][0-9]{4}"
                    + "|1[3-9][0-9](?:[ -]?[0-9]{4}){2})" + END), PiiMasker::validPhone, PHONE),
            // hex groups and colons, or those and a dotted IPv4 tail
            new Detector("IPv6", Pattern.compile("(?<![0-9A-Za-z:])(?:[0-9A-Fa-f:]*:" + IPV4
                    + "|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f]*)(?![0-9A-Za-z:]|\\.[0-9])"), PiiMasker::validIpv6, IP),
            new Detector("IPv4", Pattern.compile(START + IPV4 + "(?![0-9A-Za-z]|\\.[0-9])"), m -> true, IP));

    @Override
    public String apply(String text) {
        if (!mayHoldPii(text)) {
            return text;
        }
        String out = text;
        for (Detector d : DETECTORS) {
            out = mask(out, d);
        }
        return out;
    }

    /**
     * The kind of identifier a vocabulary entry is ("payment card", "phone", ...; "long number" for a run of nine
     * or more digits, an account or customer number, say), or null if it looks like none. Entries are case-folded:
     * they are matched upper-cased too; a word n-gram ("call 13800138000") is personal data where one of its words
     * is.
     */
    public static String kind(String token) {
        if (!mayHoldPii(token)) {
            return null;
        }
        if (token.indexOf(' ') >= 0) {
            for (String word : token.split(" ")) {
                String kind = kind(word);
                if (kind != null) {
                    return kind;
                }
            }
            return null;
        }
        for (String form : new String[] {token, token.toUpperCase(Locale.ROOT)}) {
            for (Detector d : DETECTORS) {
                Matcher m = d.shape().matcher(form);
                if (m.matches() && d.valid().test(m.group())) {
                    return d.name();
                }
            }
        }
        return token.length() >= 9 && digits(token).length() == token.length() ? "long number" : null;
    }

    /** Every identifier has a digit, an @ or a colon: most texts skip the patterns. */
    private static boolean mayHoldPii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '@' || c == ':') {
                return true;
            }
        }
        return false;
    }

    private static String mask(String text, Detector d) {
        Matcher m = d.shape().matcher(text);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            if (!d.valid().test(m.group())) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, m.start()).append(' ').append(d.token()).append(' ');
            last = m.end();
        }
        return sb == null ? text : sb.append(text, last, text.length()).toString();
    }

    private static String digits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** ISO 13616: the country letters and check digits moved to the end, letters as 10-35, mod 97 is 1. */
    static boolean validIban(String candidate) {
        String iban = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34 || !Character.isLetter(iban.charAt(0))) {
            return false;
        }
        String moved = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < moved.length(); i++) {
            int v = Character.digit(moved.charAt(i), 36);
            if (v < 0) {
                return false;
            }
            remainder = (v < 10 ? remainder * 10 + v : remainder * 100 + v) % 97;
        }
        return remainder == 1;
    }

    /**
     * Payment card numbers: groups of at least three digits whose number has an issuer's prefix and length (Visa,
     * Mastercard, American Express, Discover, UnionPay, JCB, Diners Club) and passes the Luhn check (ISO/IEC
     * 7812-1). The prefixes keep other long numbers that happen to pass Luhn, one in ten, from being read as cards.
     */
    static boolean validCard(String candidate) {
        String number = digits(candidate);
        for (String group : candidate.split("[ -]")) {
            if (group.length() < 3) {
                return false;
            }
        }
        return issued(number) && luhn(number);
    }

    /** Whether a number has the prefix and length of a card issuer's numbers. */
    private static boolean issued(String n) {
        int length = n.length();
        int two = Integer.parseInt(n.substring(0, 2));
        int four = Integer.parseInt(n.substring(0, 4));
        boolean longer = length >= 16 && length <= 19;
        return n.charAt(0) == '4' && (length == 13 || length == 16 || length == 19)
                || (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) && length == 16
                || (two == 34 || two == 37) && length == 15
                || (four == 6011 || two == 65 || four >= 6440 && four <= 6499 || two == 62) && longer
                || four >= 3528 && four <= 3589 && longer
                || (two == 36 || two == 38 || four >= 3000 && four <= 3059) && length == 14;
    }

    static boolean luhn(String number) {
        int sum = 0;
        for (int i = number.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = number.charAt(i) - '0';
            if (position % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /**
     * GB 11643-1999: six digits of region, the birth date as yyyyMMdd (a real date from 1900 to today), three of
     * sequence, and a check character from ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11, "10X98765432").
     */
    static boolean validResidentId(String id) {
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            if (birth.getYear() < 1900 || birth.isAfter(LocalDate.now())) {
                return false;
            }
        } catch (DateTimeException e) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ((1 << (17 - i)) % 11);
        }
        return Character.toUpperCase(id.charAt(17)) == "10X98765432".charAt(sum % 11);
    }

    /**
     * International numbers: a country code and 7 to 15 digits in all (ITU-T E.164); North American numbers in
     * their grouped form; Chinese mobile numbers, 11 digits from 13x to 19x.
     */
    static boolean validPhone(String candidate) {
        int n = digits(candidate).length();
        return candidate.startsWith("+") ? n >= 8 && n <= 15 : n == 10 || n == 11;
    }

    /**
     * Eight groups of up to four hex digits, or fewer around one "::"; a dotted IPv4 tail counts as two. At least one
     * digit: "add::" is a word, not an address.
     */
    static boolean validIpv6(String candidate) {
        if (digits(candidate).isEmpty()) {
            return false;
        }
        String address = candidate;
        int groups = 0;
        int tail = address.lastIndexOf(':');
        if (address.indexOf('.') >= 0) {
            if (!IPV4_ONLY.matcher(address.substring(tail + 1)).matches()) {
                return false;
            }
            address = address.substring(0, tail + 1) + "0:0";
        }
        String[] sides = address.split("::", -1);
        if (sides.length > 2) {
            return false;
        }
        for (String side : sides) {
            if (side.isEmpty()) {
                continue;
            }
            for (String group : side.split(":", -1)) {
                if (group.isEmpty() || group.length() > 4) {
                    return false;
                }
                groups++;
            }
        }
        return sides.length == 2 ? groups >= 1 && groups < 8 : groups == 8;
    }
}
