package org.fenlei.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Streams the rows of a CSV, TSV, JSONL or fastText-format file without loading it whole, so a file larger
 * than the heap can be read as often as needed. Malformed rows fail or are skipped per {@link BadRowPolicy}.
 */
public final class DatasetReader {
    static final String FASTTEXT_LABEL_PREFIX = "__label__";
    private static final int PROBLEMS_KEPT = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final ReadOptions options;
    private final String source;

    private long rows;
    private long skipped;
    private long lastGoodLine;
    private final List<String> problems = new ArrayList<>();

    private DatasetReader(Path path, ReadOptions options) {
        this.path = path;
        this.options = options;
        this.source = path.toString();
    }

    /** Reads every row of {@code path}, handing each well-formed one to {@code sink}. */
    public static ReadSummary forEach(Path path, ReadOptions options, Consumer<LabeledText> sink) {
        return new DatasetReader(path, options).run(sink);
    }

    /** Reads the whole file into memory; for small files and tests. */
    public static List<LabeledText> readAll(Path path, ReadOptions options) {
        List<LabeledText> out = new ArrayList<>();
        forEach(path, options, out::add);
        return out;
    }

    private ReadSummary run(Consumer<LabeledText> sink) {
        DataFormat format = options.format() != null ? options.format() : DataFormat.fromFileName(path);
        MessageDigest digest = options.fingerprint() ? sha256() : null;
        try (Reader reader = TextInput.open(path, digest)) {
            switch (format) {
                case CSV -> readDelimited(reader, ',', sink);
                case TSV -> readDelimited(reader, '\t', sink);
                case JSONL -> readJsonLines(reader, sink);
                case FASTTEXT -> readFastText(reader, sink);
                default -> throw new IllegalStateException("unhandled format " + format);
            }
        } catch (CharacterCodingException e) {
            throw invalidUtf8();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw invalidUtf8();
            }
            throw new DataException(source, 0, "read failed: " + e.getCause().getMessage(), null, e);
        } catch (IOException e) {
            throw new DataException(source, 0, "read failed: " + e.getMessage(), null, e);
        }
        if (rows == 0) {
            if (skipped > 0) {
                throw new DataException(source, 0, "every row (" + skipped + ") was malformed; first: "
                        + problems.get(0), "check the file's format and column names");
            }
            throw new DataException(source, 0, "no data rows", "the file is empty or has only a header");
        }
        return new ReadSummary(rows, skipped, problems, digest == null ? null : HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private DataException invalidUtf8() {
        long line = TextInput.lineOfInvalidUtf8(path);
        return new DataException(source, line > 0 ? line : lastGoodLine + 1,
                "invalid UTF-8 byte sequence (at or after this line)",
                "re-encode the file as UTF-8, e.g. iconv -f latin1 -t utf-8 in > out");
    }

    private void readDelimited(Reader reader, char separator, Consumer<LabeledText> sink) throws IOException {
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .fieldSeparator(separator)
                .quoteCharacter('"')
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .acceptCharsAfterQuotes(false)
                .ofCsvRecord(reader);
        CsvRecord last = null;
        try (csv) {
            int textIndex = -1;
            int labelIndex = -1;
            int width = 0;
            for (CsvRecord record : csv) {
                long line = record.getStartingLineNumber();
                if (textIndex < 0) {
                    List<String> header = record.getFields();
                    width = header.size();
                    textIndex = column(header, options.textColumn(), "text", line);
                    labelIndex = indexOf(header, options.labelColumn());
                    if (labelIndex < 0 && options.labelRequired()) {
                        column(header, options.labelColumn(), "label", line);
                    }
                    lastGoodLine = line;
                    continue;
                }
                if (record.getFieldCount() != width) {
                    bad(line, "row has " + record.getFieldCount() + " field(s) but the header has " + width,
                            "quote fields that contain the separator or a line break (RFC 4180)");
                    continue;
                }
                String label = labelIndex >= 0 ? record.getField(labelIndex) : null;
                last = record;
                accept(record.getField(textIndex), label, line, sink);
            }
            if (textIndex < 0) {
                throw new DataException(source, 0, "file is empty", "a header row naming the columns is expected");
            }
            checkLastQuoteClosed(last);
        } catch (CsvParseException e) {
            throw new DataException(source, lastGoodLine + 1, "malformed CSV: " + rootMessage(e),
                    "check quoting near this line: a quoted field must end with a quote before the next separator", e);
        }
    }

    /**
     * The parser takes a quote that is never closed to run to the end of the file, so the last record swallows
     * every line after it. Such a record spans lines; if the quotes from its first line to the end are odd in
     * number, one was left open.
     */
    private void checkLastQuoteClosed(CsvRecord last) throws IOException {
        if (last == null || last.getFields().stream().noneMatch(f -> f.indexOf('\n') >= 0)) {
            return;
        }
        long quotes = 0;
        try (BufferedReader lines = new BufferedReader(TextInput.open(path, null))) {
            long line = 0;
            for (String s = lines.readLine(); s != null; s = lines.readLine()) {
                if (++line >= last.getStartingLineNumber()) {
                    quotes += s.chars().filter(c -> c == '"').count();
                }
            }
        }
        if (quotes % 2 != 0) {
            throw new DataException(source, last.getStartingLineNumber(), "unterminated quoted field",
                    "close the quote, and double every quote inside a quoted field (\"\")");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private int column(List<String> header, String name, String role, long line) {
        int index = indexOf(header, name);
        if (index < 0) {
            throw new DataException(source, line, "no " + role + " column '" + name + "' in header " + header,
                    "name the column with --" + role + "-column");
        }
        return index;
    }

    private static int indexOf(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).trim().equalsIgnoreCase(name)) {
                    return i;
                }
            }
        }
        return index;
    }

    private void readJsonLines(Reader reader, Consumer<LabeledText> sink) throws IOException {
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        long line = 0;
        for (String s = lines.readLine(); s != null; s = lines.readLine()) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(s);
            } catch (JsonProcessingException e) {
                bad(line, "invalid JSON: " + e.getOriginalMessage(), "each line must be one JSON object");
                continue;
            }
            if (!node.isObject()) {
                bad(line, "expected a JSON object, found " + node.getNodeType().name().toLowerCase(Locale.ROOT),
                        "each line must be one JSON object");
                continue;
            }
            JsonNode text = node.get(options.textColumn());
            if (text == null || !text.isTextual()) {
                bad(line, "no string field '" + options.textColumn() + "'", "name the field with --text-column");
                continue;
            }
            JsonNode label = node.get(options.labelColumn());
            String labelText = null;
            if (label != null && !label.isNull()) {
                if (label.isArray()) {
                    List<String> parts = new ArrayList<>();
                    label.forEach(l -> parts.add(l.asText()));
                    labelText = String.join("|", parts);
                } else if (label.isValueNode()) {
                    labelText = label.asText();
                } else {
                    bad(line, "field '" + options.labelColumn() + "' must be a string, number or array", null);
                    continue;
                }
            }
            accept(text.asText(), labelText, line, sink);
        }
    }

    private void readFastText(Reader reader, Consumer<LabeledText> sink) throws IOException {
        BufferedReader lines = new BufferedReader(reader, 1 << 16);
        long line = 0;
        List<String> labels = new ArrayList<>(2);
        for (String s = lines.readLine(); s != null; s = lines.readLine()) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            labels.clear();
            int pos = 0;
            int n = s.length();
            while (true) {
                while (pos < n && Character.isWhitespace(s.charAt(pos))) {
                    pos++;
                }
                if (!s.startsWith(FASTTEXT_LABEL_PREFIX, pos)) {
                    break;
                }
                int end = pos;
                while (end < n && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                labels.add(s.substring(pos + FASTTEXT_LABEL_PREFIX.length(), end));
                pos = end;
            }
            accept(s.substring(pos), labels.isEmpty() ? null : String.join("|", labels), line, sink);
        }
    }

    private void accept(String text, String label, long line, Consumer<LabeledText> sink) {
        if (text == null || text.isBlank()) {
            bad(line, "empty text", "remove the row or pass --on-bad-row skip");
            return;
        }
        if (options.labelRequired() && (label == null || label.isBlank())) {
            bad(line, "missing label", "every training or evaluation row needs a label");
            return;
        }
        rows++;
        lastGoodLine = line;
        sink.accept(new LabeledText(text, label == null ? null : label.trim(), line));
    }

    private void bad(long line, String problem, String remedy) {
        if (options.onBadRow() == BadRowPolicy.FAIL) {
            throw new DataException(source, line, problem,
                    remedy == null ? "pass --on-bad-row skip to skip malformed rows" : remedy);
        }
        skipped++;
        if (problems.size() < PROBLEMS_KEPT) {
            problems.add(source + ":" + line + ": " + problem);
        }
    }
}
