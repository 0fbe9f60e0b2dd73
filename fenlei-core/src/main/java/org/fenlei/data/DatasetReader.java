package org.fenlei.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.EOFException;
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
import java.util.zip.ZipException;

/**
 * Streams the rows of a CSV, TSV, JSONL or fastText-format file without loading it whole, so a file larger
 * than the heap can be read as often as needed. Malformed rows fail or are skipped per {@link BadRowPolicy}.
 */
public final class DatasetReader {
    static final String FASTTEXT_LABEL_PREFIX = "__label__";
    private static final int PROBLEMS_KEPT = 5;

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
            throw readFailed(e.getCause());
        } catch (IOException e) {
            throw readFailed(e);
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

    /** What went wrong reading, in words: an {@link EOFException} carries no message of its own. */
    private DataException readFailed(IOException e) {
        String problem = e instanceof EOFException
                ? "the file ends too early (" + (e.getMessage() != null ? e.getMessage() : "it is truncated") + ")"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        long line = lastGoodLine + 1;
        return new DataException(source, line, "read failed after line " + lastGoodLine + ": " + problem,
                e instanceof EOFException || e instanceof ZipException ? "copy or download the file again" : null, e);
    }

    private DataException invalidUtf8() {
        long line = TextInput.lineOfInvalidUtf8(path);
        return new DataException(source, line > 0 ? line : lastGoodLine + 1,
                "invalid UTF-8 byte sequence (at or after this line)",
                "re-encode the file as UTF-8, e.g. iconv -f latin1 -t utf-8 in > out");
    }

    private void readDelimited(Reader file, char separator, Consumer<LabeledText> sink) throws IOException {
        CsvQuoteGuard reader = new CsvQuoteGuard(file, separator);
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .fieldSeparator(separator)
                .quoteCharacter('"')
                .skipEmptyLines(true)
                .ignoreDifferentFieldCount(true)
                .acceptCharsAfterQuotes(false)
                .ofCsvRecord(reader);
        try (csv) {
            int textIndex = -1;
            int labelIndex = -1;
            int width = 0;
            for (CsvRecord record : csv) {
                long line = record.getStartingLineNumber();
                refuseUnterminatedQuote(reader);
                if (textIndex < 0) {
                    List<String> header = record.getFields();
                    width = header.size();
                    textIndex = column(header, options.textColumn(), "text", line);
                    labelIndex = indexOf(header, options.labelColumn(), line);
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
                accept(record.getField(textIndex), label, line, sink);
            }
            refuseUnterminatedQuote(reader);
            if (textIndex < 0) {
                throw new DataException(source, 0, "file is empty", "a header row naming the columns is expected");
            }
        } catch (CsvParseException e) {
            throw new DataException(source, lastGoodLine + 1, "malformed CSV: " + rootMessage(e),
                    "check quoting near this line: a quoted field must end with a quote before the next separator", e);
        }
    }

    /**
     * The parser takes a quote that is never closed to run to the end of the file, so the last record swallows
     * every line after it (or, without a final line break, is a cut-off row); the guard knows once it has read
     * everything, which is before the parser hands over that record.
     */
    private void refuseUnterminatedQuote(CsvQuoteGuard reader) {
        long opened = reader.unterminatedQuoteLine();
        if (opened > 0) {
            throw new DataException(source, opened, "unterminated quoted field",
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
        int index = indexOf(header, name, line);
        if (index < 0) {
            throw new DataException(source, line, "no " + role + " column '" + name + "' in header " + header,
                    "name the column with --" + role + "-column");
        }
        return index;
    }

    /** The column named exactly {@code name}, else the one named so ignoring case and spaces; -1 if none. */
    private int indexOf(List<String> header, String name, long line) {
        int index = only(header, name, line, false);
        return index >= 0 ? index : only(header, name, line, true);
    }

    private int only(List<String> header, String name, long line, boolean loosely) {
        int found = -1;
        for (int i = 0; i < header.size(); i++) {
            if (loosely ? header.get(i).trim().equalsIgnoreCase(name) : header.get(i).equals(name)) {
                if (found >= 0) {
                    throw new DataException(source, line, "column '" + name + "' appears more than once in the "
                            + "header " + header + " (columns " + (found + 1) + " and " + (i + 1) + ")",
                            "rename one of them so that the column to read is unambiguous");
                }
                found = i;
            }
        }
        return found;
    }

    private void readJsonLines(Reader reader, Consumer<LabeledText> sink) throws IOException {
        LineReader lines = new LineReader(reader);
        long line = 0;
        for (String s = lines.next(); s != null; s = lines.next()) {
            line++;
            if (s.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = StrictJson.parse(s);
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
                labelText = label(label);
                if (labelText == null) {
                    bad(line, "field '" + options.labelColumn() + "' must be " + (options.numericLabels()
                            ? "a finite number" : "a string, a whole number or a non-empty array of them")
                            + ", was " + abbreviate(label.toString()), null);
                    continue;
                }
            }
            accept(text.asText(), labelText, line, sink);
        }
    }

    /**
     * A JSON label as text, or null when it cannot be one: booleans, objects, nested arrays and numbers beyond
     * double range would otherwise become classes named {@code true}, {@code |} or {@code Infinity}.
     */
    private String label(JsonNode label) {
        if (options.numericLabels()) {
            return label.isNumber() && Double.isFinite(label.doubleValue()) ? label.asText() : null;
        }
        if (label.isArray()) {
            if (label.isEmpty()) {
                return null;
            }
            List<String> parts = new ArrayList<>(label.size());
            for (JsonNode part : label) {
                String text = part.isArray() ? null : label(part);
                if (text == null) {
                    return null;
                }
                parts.add(text);
            }
            return String.join("|", parts);
        }
        return label.isTextual() || label.isIntegralNumber() ? label.asText() : null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private void readFastText(Reader reader, Consumer<LabeledText> sink) throws IOException {
        LineReader lines = new LineReader(reader);
        long line = 0;
        List<String> labels = new ArrayList<>(2);
        for (String s = lines.next(); s != null; s = lines.next()) {
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
