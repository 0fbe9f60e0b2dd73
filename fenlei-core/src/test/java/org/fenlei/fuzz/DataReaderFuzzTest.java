package org.fenlei.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.fenlei.data.DataException;
import org.fenlei.data.DatasetReader;
import org.fenlei.data.LabeledText;
import org.fenlei.data.ReadOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the data readers with well-formed files damaged by a few {@link Mutation}s. Properties: the reader
 * accepts a file exactly when {@link ReferenceReader} does, with the same rows; a refusal is a
 * {@link DataException} that names the file and, for a problem in a row, its line; nothing else is thrown.
 */
class DataReaderFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Problems that belong to the whole file, not to a line. */
    private static final List<String> FILE_LEVEL = List.of("no data rows", "file is empty", "every row",
            "cannot open file");
    private static Path dir;
    private static long files;

    private static final int TRIES = Fuzz.tries(20_000);

    @BeforeAll
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("fenlei-fuzz");
    }

    @AfterAll
    static void removeDir() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static final int[] ALPHABET = "abcxyz \u00e9\u4e2d\u6587\uD83D\uDE00,\"\t\n\r|{}:'\\".codePoints()
            .toArray();
    private static final List<String> LABELS = List.of("pos", "neg", "a b", " spaced ", "7", "x|y", "\u597d");

    /** One to twelve rows of short texts full of the characters that formats treat specially. */
    static List<ReferenceReader.Row> rows(SplittableRandom r) {
        List<ReferenceReader.Row> rows = new ArrayList<>();
        for (int i = r.nextInt(1, 13); i > 0; i--) {
            StringBuilder text = new StringBuilder();
            for (int j = r.nextInt(1, 25); j > 0; j--) {
                text.appendCodePoint(ALPHABET[r.nextInt(ALPHABET.length)]);
            }
            rows.add(new ReferenceReader.Row(LABELS.get(r.nextInt(LABELS.size())), text.toString()));
        }
        return rows;
    }

    private static String quoted(String field, char sep) {
        boolean quote = field.indexOf(sep) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    static byte[] delimited(List<ReferenceReader.Row> rows, char sep, boolean crlf) {
        String eol = crlf ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder("label").append(sep).append("text").append(eol);
        for (ReferenceReader.Row r : rows) {
            sb.append(quoted(r.label(), sep)).append(sep).append(quoted(r.text(), sep)).append(eol);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jsonLines(List<ReferenceReader.Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (ReferenceReader.Row r : rows) {
            Map<String, String> object = new LinkedHashMap<>();
            object.put("label", r.label());
            object.put("text", r.text());
            try {
                sb.append(JSON.writeValueAsString(object)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fastText(List<ReferenceReader.Row> rows) {
        StringBuilder sb = new StringBuilder();
        for (ReferenceReader.Row r : rows) {
            sb.append("__label__").append(r.label().trim().replace(' ', '_')).append(' ')
                    .append(r.text().replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads {@code bytes} as a file named {@code name}: the rows, or null with the refusal checked. */
    private static List<ReferenceReader.Row> read(byte[] bytes, String name) throws IOException {
        Path p = Files.write(dir.resolve((files++) + "-" + name), bytes);
        try {
            List<LabeledText> rows = DatasetReader.readAll(p, ReadOptions.labeled());
            return rows.stream().map(r -> new ReferenceReader.Row(r.label(), r.text())).toList();
        } catch (DataException e) {
            assertEquals(p.toString(), e.source(), e.getMessage());
            assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
            // an exception without a message once made "read failed: null"; the data itself may say null
            assertFalse(e.getMessage().contains(": null") && !new String(bytes, StandardCharsets.UTF_8)
                    .contains("null"), e.getMessage());
            assertTrue(e.line() > 0 || FILE_LEVEL.stream().anyMatch(e.problem()::startsWith), e.getMessage());
            return null;
        } finally {
            Files.delete(p);
        }
    }

    /** Reads the damaged file and compares with the reference; skips files that start as gzip does. */
    private static Fuzz.Outcome check(byte[] bytes, String name,
                                      Function<byte[], List<ReferenceReader.Row>> reference) throws IOException {
        if (bytes.length >= 2 && bytes[0] == 0x1f && bytes[1] == (byte) 0x8b) {
            return Fuzz.Outcome.REFUSED;
        }
        List<ReferenceReader.Row> expected = reference.apply(bytes);
        List<ReferenceReader.Row> actual = read(bytes, name);
        assertEquals(expected, actual, () -> "file: " + new String(bytes, StandardCharsets.UTF_8)
                .replace("\r", "\\r").replace("\n", "\\n\n"));
        return actual == null ? Fuzz.Outcome.REFUSED : Fuzz.Outcome.ACCEPTED;
    }

    @Test
    void csv() {
        Fuzz.run("csv", TRIES, r -> check(Mutation.applyAll(delimited(rows(r), ',', r.nextBoolean()),
                Mutation.some(r, 0, 3)), "data.csv", b -> ReferenceReader.delimited(b, ',')));
    }

    @Test
    void tsv() {
        Fuzz.run("tsv", TRIES, r -> check(Mutation.applyAll(delimited(rows(r), '\t', r.nextBoolean()),
                Mutation.some(r, 0, 3)), "data.tsv", b -> ReferenceReader.delimited(b, '\t')));
    }

    @Test
    void jsonl() {
        Fuzz.run("jsonl", TRIES, r -> check(Mutation.applyAll(jsonLines(rows(r)), Mutation.some(r, 0, 3)),
                "data.jsonl", ReferenceReader::jsonLines));
    }

    @Test
    void fastTextLines() {
        Fuzz.run("fasttext", TRIES, r -> check(Mutation.applyAll(fastText(rows(r)), Mutation.some(r, 0, 3)),
                "data.txt", ReferenceReader::fastText));
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /**
     * A gzipped CSV file, damaged: accepted only with the rows of the data it holds; refused when cut short or
     * followed by other bytes, which {@link java.util.zip.GZIPInputStream} would let pass.
     */
    @Test
    void gzip() {
        Fuzz.run("gzip", TRIES, r -> {
            byte[] plain = delimited(rows(r), ',', false);
            byte[] whole = gzip(plain);
            byte[] damaged = Mutation.applyAll(whole, Mutation.some(r, 0, 3));
            List<ReferenceReader.Row> actual = read(damaged, "data.csv.gz");
            boolean cut = damaged.length < whole.length && Arrays.equals(damaged, 0, damaged.length, whole, 0,
                    damaged.length);
            boolean extended = damaged.length > whole.length && Arrays.equals(damaged, 0, whole.length, whole, 0,
                    whole.length);
            if (cut || extended) {
                assertNull(actual, "a gzip file cut short or with bytes after its end was accepted");
            } else if (actual != null) {
                assertEquals(ReferenceReader.delimited(plain, ','), actual);
            }
            if (Arrays.equals(damaged, whole)) {
                assertEquals(ReferenceReader.delimited(plain, ','), actual, "an intact gzip file reads as its data");
            }
            return actual == null ? Fuzz.Outcome.REFUSED : Fuzz.Outcome.ACCEPTED;
        });
    }
}
