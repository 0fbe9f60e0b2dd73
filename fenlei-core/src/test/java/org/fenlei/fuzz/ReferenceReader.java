package org.fenlei.fuzz;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the readers' documentation promises, written out directly and independently of them, one character at a
 * time: the rows (label, text) of a file, or null when the file must be refused. The fuzz properties compare the
 * readers with it on damaged files.
 */
final class ReferenceReader {
    /** A row as the reader hands it on: the label trimmed, the text as it is. */
    record Row(String label, String text) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ReferenceReader() {
    }

    /** Strict UTF-8 without a leading byte order mark, or null when the bytes are not UTF-8. */
    static String decode(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Lines split at \n, each without an \r just before it. */
    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        out.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return out;
    }

    private static boolean good(String label, String text) {
        return text != null && !text.isBlank() && label != null && !label.isBlank();
    }

    /** RFC 4180 with a header naming the columns {@code label} and {@code text}. */
    static List<Row> delimited(byte[] bytes, char sep) {
        String s = decode(bytes);
        if (s == null) {
            return null;
        }
        // a lone \r is a space; a \r\n pair ends a line
        StringBuilder t = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            t.append(c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n') ? ' ' : c);
        }
        List<List<String>> records = records(t.toString(), sep);
        if (records == null || records.isEmpty()) {
            return null;
        }
        List<String> header = records.get(0);
        int text = column(header, "text");
        int label = column(header, "label");
        if (text < 0 || label < 0) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() != header.size() || !good(r.get(label), r.get(text))) {
                return null;
            }
            rows.add(new Row(r.get(label).trim(), r.get(text)));
        }
        return rows.isEmpty() ? null : rows;
    }

    /** The column named exactly so, else ignoring case and spaces; -1 if none or if named twice. */
    private static int column(List<String> header, String name) {
        for (boolean loose : new boolean[] {false, true}) {
            int found = -1;
            for (int i = 0; i < header.size(); i++) {
                if (loose ? header.get(i).trim().equalsIgnoreCase(name) : header.get(i).equals(name)) {
                    if (found >= 0) {
                        return -1;
                    }
                    found = i;
                }
            }
            if (found >= 0) {
                return found;
            }
        }
        return -1;
    }

    /** The records, empty lines skipped; null for a quote left open or text after a closing quote. */
    private static List<List<String>> records(String s, char sep) {
        List<List<String>> records = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (s.charAt(i) == '\n') {
                i++;
                continue;
            }
            if (s.startsWith("\r\n", i)) {
                i += 2;
                continue;
            }
            List<String> fields = new ArrayList<>();
            while (true) {
                StringBuilder f = new StringBuilder();
                if (i < n && s.charAt(i) == '"') {
                    i++;
                    while (true) {
                        if (i >= n) {
                            return null;
                        }
                        char c = s.charAt(i++);
                        if (c == '"') {
                            if (i < n && s.charAt(i) == '"') {
                                f.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            f.append(c);
                        }
                    }
                    if (i < n && s.charAt(i) != sep && s.charAt(i) != '\n' && !s.startsWith("\r\n", i)) {
                        return null;
                    }
                } else {
                    while (i < n && s.charAt(i) != sep && s.charAt(i) != '\n' && !s.startsWith("\r\n", i)) {
                        f.append(s.charAt(i++));
                    }
                }
                fields.add(f.toString());
                if (i < n && s.charAt(i) == sep) {
                    i++;
                    continue;
                }
                i += i >= n ? 0 : s.charAt(i) == '\n' ? 1 : 2;
                break;
            }
            records.add(fields);
        }
        return records;
    }

    /**
     * The rows of a line-per-row format: each line that is not blank read by {@code row}, which gives null for a
     * line that must be refused; null when any line is, or when there is no row.
     */
    private static List<Row> lineRows(byte[] bytes, Function<String, Row> row) {
        String s = decode(bytes);
        if (s == null) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines(s)) {
            if (line.isBlank()) {
                continue;
            }
            Row r = row.apply(line);
            if (r == null) {
                return null;
            }
            rows.add(r);
        }
        return rows.isEmpty() ? null : rows;
    }

    /** A row from its label and text, or null when either is missing or blank. */
    private static Row row(String label, String text) {
        return good(label, text) ? new Row(label.trim(), text) : null;
    }

    /** One JSON object per line, with a string {@code text} and a label that is a string, whole number or array. */
    static List<Row> jsonLines(byte[] bytes) {
        return lineRows(bytes, line -> {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (Exception e) {
                return null;
            }
            if (node == null || !node.isObject() || node.get("text") == null || !node.get("text").isTextual()) {
                return null;
            }
            return row(node.has("label") ? label(node.get("label"), true) : null, node.get("text").textValue());
        });
    }

    private static String label(JsonNode node, boolean arrayAllowed) {
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText();
        }
        if (!arrayAllowed || !node.isArray() || node.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : node) {
            String p = label(part, false);
            if (p == null) {
                return null;
            }
            parts.add(p);
        }
        return String.join("|", parts);
    }

    /** fastText's format: leading {@code __label__NAME} words, then the text. */
    static List<Row> fastText(byte[] bytes) {
        return lineRows(bytes, line -> {
            List<String> labels = new ArrayList<>();
            int pos = 0;
            while (true) {
                while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
                    pos++;
                }
                if (!line.startsWith("__label__", pos)) {
                    break;
                }
                int end = pos;
                while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
                labels.add(line.substring(pos + "__label__".length(), end));
                pos = end;
            }
            return row(labels.isEmpty() ? null : String.join("|", labels), line.substring(pos));
        });
    }
}
