package org.fenlei.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Sits between a CSV or TSV file and the parser and does two things the parser does not. It follows RFC 4180's
 * quoting as the characters pass (a quote opens a field only at its start; {@code ""} inside a quoted field is a
 * quote), so that a quoted field still open at the end of the input is known, with the line it opened on: the
 * parser would take it as a last field that runs to the end of the file and lose every row after the quote. And it
 * turns a lone {@code \r} into a space, so that lines end at {@code \n} as they do for the other formats and for
 * editors; the parser would end a row there.
 */
final class CsvQuoteGuard extends Reader {
    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader in;
    private final char separator;
    private final char[] buffer = new char[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private State state = State.FIELD_START;
    private long line = 1;
    private long openedOn;

    CsvQuoteGuard(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** The line where a quoted field opened that the input never closed; 0 when every quote closed. */
    long unterminatedQuoteLine() {
        return eof && state == State.QUOTED ? openedOn : 0;
    }

    @Override
    public int read(char[] into, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int ready;
        while (true) {
            // a \r at the end of the buffer waits until the next character says whether it is lone
            ready = end - (!eof && end > pos && buffer[end - 1] == '\r' ? 1 : 0);
            if (pos < ready) {
                break;
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, ready - pos);
        for (int i = 0; i < n; i++) {
            char c = buffer[pos + i];
            if (c == '\r' && (pos + i + 1 == end || buffer[pos + i + 1] != '\n')) {
                c = ' ';
            }
            step(c);
            into[off + i] = c;
        }
        pos += n;
        return n;
    }

    private void step(char c) {
        switch (state) {
            case FIELD_START -> {
                if (c == '"') {
                    state = State.QUOTED;
                    openedOn = line;
                } else if (c != separator && c != '\n' && c != '\r') {
                    state = State.UNQUOTED;
                }
            }
            case UNQUOTED -> {
                if (c == separator || c == '\n') {
                    state = State.FIELD_START;
                }
            }
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                }
            }
            case QUOTE_IN_QUOTED -> state = c == '"' ? State.QUOTED
                    : c == separator || c == '\n' || c == '\r' ? State.FIELD_START : State.UNQUOTED;
            default -> throw new IllegalStateException(state.name());
        }
        if (c == '\n') {
            line++;
        }
    }

    /** Reads more after the \r not yet delivered, if any; false at the end of the input with nothing left. */
    private boolean fill() throws IOException {
        int kept = end - pos;
        System.arraycopy(buffer, pos, buffer, 0, kept);
        pos = 0;
        end = kept;
        while (!eof && end == kept) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
        return end > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
