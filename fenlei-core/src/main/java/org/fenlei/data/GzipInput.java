package org.fenlei.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses gzip data (RFC 1952): one or more members, each checked against its CRC-32 and length. Unlike
 * {@link java.util.zip.GZIPInputStream}, which stops without a word at bytes after a member that are not another
 * member, anything after the last member is an error, and so is a stream that ends inside a member.
 */
final class GzipInput extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final byte[] buffer;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private int pos;
    private int end;
    private long compressedOffset;
    private boolean finished;

    GzipInput(InputStream in, int bufferSize) throws IOException {
        this.in = in;
        this.buffer = new byte[bufferSize];
        header();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!finished) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("damaged gzip data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inflater.finished()) {
                pos = end - inflater.getRemaining();
                trailer();
                continue;
            }
            if (inflater.needsDictionary()) {
                throw new ZipException("damaged gzip data: a preset dictionary is not part of gzip");
            }
            if (inflater.needsInput()) {
                if (!fill()) {
                    throw new EOFException("the gzip data ends inside a member: the file is truncated");
                }
                inflater.setInput(buffer, pos, end - pos);
                pos = end;
            }
        }
        return -1;
    }

    /** Checks the member's CRC-32 and length, then starts the next member or confirms that nothing follows. */
    private void trailer() throws IOException {
        long storedCrc = int32();
        long storedSize = int32();
        if (storedCrc != crc.getValue()) {
            throw new ZipException("damaged gzip data: CRC-32 mismatch");
        }
        if (storedSize != (inflater.getBytesWritten() & 0xFFFF_FFFFL)) {
            throw new ZipException("damaged gzip data: the stored length does not match the data");
        }
        if (pos == end && !fill()) {
            finished = true;
            return;
        }
        header();
    }

    private void header() throws IOException {
        long at = compressedOffset + pos;
        if (byteOrEnd() != 0x1f || byteOrEnd() != 0x8b) {
            throw new ZipException("bytes at offset " + at + " are not gzip data (gzip data must not be followed "
                    + "by anything else)");
        }
        if (u8() != 8) {
            throw new ZipException("unsupported gzip compression method");
        }
        int flags = u8();
        skip(6);
        if ((flags & FEXTRA) != 0) {
            skip(u8() | u8() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        crc.reset();
        inflater.setInput(buffer, pos, end - pos);
        pos = end;
    }

    private boolean fill() throws IOException {
        compressedOffset += end;
        pos = 0;
        end = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        end = n;
        return true;
    }

    private int byteOrEnd() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xFF;
    }

    private int u8() throws IOException {
        int b = byteOrEnd();
        if (b < 0) {
            throw new EOFException("the gzip data ends inside a member header: the file is truncated");
        }
        return b;
    }

    private long int32() throws IOException {
        return u8() | (long) u8() << 8 | (long) u8() << 16 | (long) u8() << 24;
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            u8();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (u8() != 0) {
            // skip the file name or comment
        }
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
