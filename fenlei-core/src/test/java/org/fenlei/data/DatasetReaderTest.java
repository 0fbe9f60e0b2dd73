package org.fenlei.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndNewlines() throws IOException {
        Path p = file("a.csv", "label,text\npos,\"great, \"\"really\"\" great\"\nneg,\"two\nlines\"\n");
        List<LabeledText> rows = DatasetReader.readAll(p, ReadOptions.labeled());
        assertEquals(2, rows.size());
        assertEquals("great, \"really\" great", rows.get(0).text());
        assertEquals("two\nlines", rows.get(1).text());
        assertEquals(3, rows.get(1).line());
    }

    @Test
    void handlesCrlfAndByteOrderMark() throws IOException {
        byte[] body = "label,text\r\npos,fine\r\nneg,bad\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        List<LabeledText> rows = DatasetReader.readAll(file("bom.csv", withBom), ReadOptions.labeled());
        assertEquals(List.of("fine", "bad"), rows.stream().map(LabeledText::text).toList());
        assertEquals("pos", rows.get(0).label());
    }

    @Test
    void choosesColumnsByNameInAnyOrder() throws IOException {
        Path p = file("c.csv", "id,body,category\n1,hello there,greeting\n");
        LabeledText row = DatasetReader.readAll(p, ReadOptions.labeled().withColumns("body", "category")).get(0);
        assertEquals("hello there", row.text());
        assertEquals("greeting", row.label());
    }

    @Test
    void rejectsInvalidUtf8WithItsLine() throws IOException {
        byte[] bytes = "label,text\npos,ok\nneg,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        DataException e = assertThrows(DataException.class,
                () -> DatasetReader.readAll(file("latin1.csv", bytes), ReadOptions.labeled()));
        assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains("iconv"), e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void raggedRowFailsWithFileAndLine() throws IOException {
        Path p = file("r.csv", "label,text\npos,good\nneg,bad,extra\n");
        DataException e = assertThrows(DataException.class, () -> DatasetReader.readAll(p, ReadOptions.labeled()));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(p + ":3: row has 3 field(s) but the header has 2"), e.getMessage());
    }

    @Test
    void skipPolicyCountsBadRowsAndKeepsTheRest() throws IOException {
        Path p = file("s.csv", "label,text\npos,good\nneg,bad,extra\n,no label\nneg,\npos,fine\n");
        ReadOptions skip = ReadOptions.labeled().withBadRowPolicy(BadRowPolicy.SKIP);
        List<LabeledText> rows = new java.util.ArrayList<>();
        ReadSummary summary = DatasetReader.forEach(p, skip, rows::add);
        assertEquals(2, summary.rows());
        assertEquals(3, summary.skipped());
        assertEquals(List.of("good", "fine"), rows.stream().map(LabeledText::text).toList());
        assertTrue(summary.firstProblems().get(0).endsWith(":3: row has 3 field(s) but the header has 2"));
        assertTrue(summary.firstProblems().get(1).contains(":4: missing label"));
        assertTrue(summary.firstProblems().get(2).contains(":5: empty text"));
    }

    @Test
    void missingColumnNamesTheHeaderAndTheOption() throws IOException {
        Path p = file("m.csv", "sentence,label\nhi,a\n");
        DataException e = assertThrows(DataException.class, () -> DatasetReader.readAll(p, ReadOptions.labeled()));
        assertTrue(e.getMessage().contains("no text column 'text' in header [sentence, label]"), e.getMessage());
        assertTrue(e.getMessage().contains("--text-column"), e.getMessage());
    }

    @Test
    void emptyFileAndHeaderOnlyFileHaveTheirOwnMessages() throws IOException {
        DataException empty = assertThrows(DataException.class,
                () -> DatasetReader.readAll(file("e.csv", ""), ReadOptions.labeled()));
        assertTrue(empty.getMessage().contains("file is empty"), empty.getMessage());
        DataException header = assertThrows(DataException.class,
                () -> DatasetReader.readAll(file("h.csv", "label,text\n"), ReadOptions.labeled()));
        assertTrue(header.getMessage().contains("no data rows"), header.getMessage());
    }

    @Test
    void unterminatedQuoteIsReported() throws IOException {
        Path p = file("q.csv", "label,text\npos,\"never closed\nneg,more\n");
        DataException e = assertThrows(DataException.class, () -> DatasetReader.readAll(p, ReadOptions.labeled()));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }

    @Test
    void readsTsv() throws IOException {
        Path p = file("t.tsv", "text\tlabel\nhello world\tgreeting\n");
        assertEquals("greeting", DatasetReader.readAll(p, ReadOptions.labeled()).get(0).label());
    }

    @Test
    void readsJsonLinesWithNumericAndArrayLabels() throws IOException {
        Path p = file("j.jsonl", "{\"text\": \"a\", \"label\": 1}\n\n{\"text\": \"b\", \"label\": [\"x\", \"y\"]}\n");
        List<LabeledText> rows = DatasetReader.readAll(p, ReadOptions.labeled());
        assertEquals("1", rows.get(0).label());
        assertEquals("x|y", rows.get(1).label());
        assertEquals(3, rows.get(1).line());
    }

    @Test
    void invalidJsonLineFailsWithItsLine() throws IOException {
        Path p = file("bad.jsonl", "{\"text\": \"a\", \"label\": \"p\"}\n{\"text\": oops}\n");
        DataException e = assertThrows(DataException.class, () -> DatasetReader.readAll(p, ReadOptions.labeled()));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    }

    @Test
    void readsFastTextLinesWithSeveralLabels() throws IOException {
        Path p = file("f.txt", "__label__sport __label__news  the match was great\n__label__tech chips\n");
        List<LabeledText> rows = DatasetReader.readAll(p, ReadOptions.labeled());
        assertEquals("sport|news", rows.get(0).label());
        assertEquals("the match was great", rows.get(0).text().strip());
        assertEquals("tech", rows.get(1).label());
    }

    @Test
    void readsGzipByContentNotName() throws IOException {
        Path p = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("label,text\npos,zipped\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("zipped", DatasetReader.readAll(p, ReadOptions.labeled()).get(0).text());
    }

    @Test
    void unlabeledInputAllowsMissingLabelColumn() throws IOException {
        Path p = file("u.csv", "text\nfirst\nsecond\n");
        List<LabeledText> rows = DatasetReader.readAll(p, ReadOptions.unlabeled());
        assertEquals(2, rows.size());
        assertNull(rows.get(0).label());
    }

    @Test
    void fingerprintIsTheSha256OfTheBytes() throws IOException {
        Path p = file("h.csv", "label,text\npos,x\n");
        ReadSummary s = DatasetReader.forEach(p, ReadOptions.labeled().withFingerprint(true), r -> { });
        assertEquals("1d8b1c8fe1a8b4b8b24acd2c7fe1c9f1a5b5ab3fb5fd1d25fdc5f5adb5d3b4a6".length(), s.sha256().length());
        assertEquals(java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(p))), s.sha256());
    }

    private static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingFileSaysSo() {
        DataException e = assertThrows(DataException.class,
                () -> DatasetReader.readAll(dir.resolve("nope.csv"), ReadOptions.labeled()));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }
}
