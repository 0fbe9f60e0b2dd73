package org.fenlei.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Opens a file as strict UTF-8 text: gzip is recognised by its magic bytes (not the name), a UTF-8 byte
 * order mark is dropped, and an invalid byte sequence raises an error instead of becoming U+FFFD.
 */
final class TextInput {
    private static final int BUFFER = 1 << 16;

    private TextInput() {
    }

    /** Opens {@code path}; every raw byte read also feeds {@code digest} unless it is null. */
    static Reader open(Path path, MessageDigest digest) {
        try {
            InputStream in = bytes(path, digest);
            in.mark(3);
            if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
                in.reset();
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (NoSuchFileException e) {
            throw new DataException(path.toString(), 0, "file not found", "check the path");
        } catch (IOException e) {
            throw new DataException(path.toString(), 0, "cannot open file: " + e.getMessage(), null, e);
        }
    }

    /** The file's bytes, gunzipped when they start with gzip's magic number. */
    private static InputStream bytes(Path path, MessageDigest digest) throws IOException {
        InputStream raw = Files.newInputStream(path);
        InputStream in = new BufferedInputStream(digest == null ? raw : new DigestInputStream(raw, digest), BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new BufferedInputStream(new GzipInput(in, BUFFER), BUFFER);
        }
        return in;
    }

    /**
     * The 1-based line of the first byte sequence that is not UTF-8, found by a second, byte-level pass: the
     * decoding reader runs ahead of the parser, so the parser cannot tell. 0 when the file decodes cleanly.
     */
    static long lineOfInvalidUtf8(Path path) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(BUFFER);
        CharBuffer out = CharBuffer.allocate(BUFFER);
        long line = 1;
        try (InputStream bytes = bytes(path, null)) {
            boolean eof = false;
            while (!eof) {
                int n = bytes.read(in.array(), in.position(), in.remaining());
                eof = n < 0;
                if (n > 0) {
                    in.position(in.position() + n);
                }
                in.flip();
                int start = in.position();
                CoderResult result = decoder.decode(in, out, eof);
                for (int i = start; i < in.position(); i++) {
                    if (in.array()[i] == '\n') {
                        line++;
                    }
                }
                if (result.isError()) {
                    return line;
                }
                out.clear();
                in.compact();
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
