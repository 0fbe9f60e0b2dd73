package org.fenlei.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ways a fuzz run lost rows without a word, or reported them badly; each must now be refused with its place. */
class MalformedInputTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private DataException refused(Path p) {
        return assertThrows(DataException.class, () -> DatasetReader.readAll(p, ReadOptions.labeled()));
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < n; i++) {
            sb.append(i % 2 == 0 ? "DESC" : "NUM").append(",What is question ").append(i).append(" ?\n");
        }
        return sb.toString();
    }

    @Test
    void unterminatedQuoteOnTheLastLineWithoutALineBreakIsRefused() throws IOException {
        Path p = file("q.csv", rows(200) + "DESC,\"What is an unterminated quote ?");
        DataException e = refused(p);
        assertEquals(202, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("unterminated quoted field"), e.getMessage());
    }

    @Test
    void aFileCutInsideAQuotedFieldIsRefused() throws IOException {
        String whole = rows(20) + "NUM,\"How many \"\"quoted\"\" words,\nspan lines ?\"\n" + rows(20).substring(11);
        Path p = file("cut.csv", whole.substring(0, whole.indexOf("span") + 2));
        DataException e = refused(p);
        assertEquals(22, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("unterminated quoted field"), e.getMessage());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() throws IOException {
        List<LabeledText> rows = DatasetReader.readAll(file("lit.csv", "label,text\npos,5\" screen\n"),
                ReadOptions.labeled());
        assertEquals("5\" screen", rows.get(0).text());
    }

    @Test
    void jsonLineWithTwoObjectsOrTrailingTextIsRefused() throws IOException {
        String good = "{\"label\":\"a\",\"text\":\"x\"}\n";
        for (String bad : List.of("{\"label\":\"a\",\"text\":\"x\"}{\"label\":\"b\",\"text\":\"y\"}",
                "{\"label\":\"a\",\"text\":\"x\"} , {\"label\":\"b\",\"text\":\"y\"}",
                "{\"label\":\"a\",\"text\":\"x\"} trailing garbage")) {
            DataException e = refused(file("two.jsonl", good + good + bad + "\n" + good));
            assertEquals(3, e.line(), e.getMessage());
        }
    }

    @Test
    void jsonDuplicateKeysAreRefused() throws IOException {
        DataException e = refused(file("dup.jsonl",
                "{\"label\":\"a\",\"text\":\"x\"}\n{\"label\":\"a\",\"text\":\"x\",\"label\":\"b\"}\n"));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("label"), e.getMessage());
    }

    @Test
    void jsonLabelsMustBeStringsOrWholeNumbers() throws IOException {
        for (String label : List.of("[[\"a\"]]", "{\"x\":1}", "true", "1e400", "[\"a\", true]", "[\"a\", null]",
                "[]", "1.5")) {
            DataException e = refused(file("l.jsonl",
                    "{\"label\":\"a\",\"text\":\"x\"}\n{\"label\":" + label + ",\"text\":\"y\"}\n"));
            assertEquals(2, e.line(), label + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("label"), e.getMessage());
        }
    }

    @Test
    void jsonNumericLabelsAreKeptForRegression() throws IOException {
        Path p = file("r.jsonl", "{\"label\":1.5,\"text\":\"x\"}\n{\"label\":-2e3,\"text\":\"y\"}\n");
        List<LabeledText> rows = DatasetReader.readAll(p, ReadOptions.labeled().withNumericLabels(true));
        assertEquals(List.of("1.5", "-2000.0"), rows.stream().map(LabeledText::label).toList());
    }

    @Test
    void duplicateHeaderColumnIsRefusedByName() throws IOException {
        DataException e = refused(file("d.csv", "label,text,label\na,x,b\n"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("'label'"), e.getMessage());
        assertTrue(e.getMessage().contains("more than once"), e.getMessage());
    }

    @Test
    void loneCarriageReturnIsNotALineBreak() throws IOException {
        String content = "label,text\npos,one\rstill one\nneg,two\npos,\n";
        DataException csv = refused(file("cr.csv", content));
        assertEquals(4, csv.line(), csv.getMessage());
        DataException ft = refused(file("cr.txt", "__label__a one\rstill one\n__label__b two\n__label__c\n"));
        assertEquals(3, ft.line(), ft.getMessage());
        DataException jsonl = refused(file("cr.jsonl", "{\"label\":\"a\",\"text\":\"x\"}\r{\"label\":\"b\"}\n"
                + "{\"label\":\"a\",\"text\":\"y\"}\n{\"text\":\"\"}\n"));
        assertEquals(1, jsonl.line(), jsonl.getMessage());
        List<LabeledText> rows = DatasetReader.readAll(file("crlf.txt", "__label__a one\rtwo\r\n__label__b x\r\n"),
                ReadOptions.labeled());
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(1).line());
        assertEquals("b", rows.get(1).label());
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void truncatedGzipSaysWhatIsWrong() throws IOException {
        byte[] whole = gzip(rows(300));
        DataException e = refused(file("t.csv.gz", Arrays.copyOf(whole, whole.length - 4)));
        assertFalse(e.getMessage().contains("null"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void gzipFollowedByGarbageIsRefused() throws IOException {
        byte[] whole = gzip(rows(10));
        byte[] withTail = Arrays.copyOf(whole, whole.length + 9);
        System.arraycopy("garbage!!".getBytes(StandardCharsets.US_ASCII), 0, withTail, whole.length, 9);
        DataException e = refused(file("g.csv.gz", withTail));
        assertTrue(e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test
    void concatenatedGzipMembersAreOneFile() throws IOException {
        byte[] first = gzip("label,text\npos,one\n");
        byte[] second = gzip("neg,two\n");
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertEquals(2, DatasetReader.readAll(file("c.csv.gz", both), ReadOptions.labeled()).size());
    }
}
