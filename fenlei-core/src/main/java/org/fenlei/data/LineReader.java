package org.fenlei.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits text into lines at {@code \n} only, dropping a {@code \r} just before it. A lone {@code \r} stays in
 * the line as text: {@link java.io.BufferedReader#readLine} would end a line there, which splits one row in two
 * and makes every later line number differ from what editors, {@code sed -n} and {@code wc -l} show.
 */
final class LineReader {
    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder pending = new StringBuilder();
    private int pos;
    private int end;

    LineReader(Reader in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String next() throws IOException {
        pending.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? strip(pending) : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buffer[pos] != '\n') {
                pos++;
            }
            if (pos < end) {
                pos++;
                if (pending.length() == 0) {
                    int stop = pos - 1;
                    return new String(buffer, start, stop > start && buffer[stop - 1] == '\r' ? stop - 1 - start
                            : stop - start);
                }
                pending.append(buffer, start, pos - 1 - start);
                return strip(pending);
            }
            pending.append(buffer, start, pos - start);
        }
    }

    private static String strip(StringBuilder line) {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }
}
