package org.fenlei.fasttext;

import org.fenlei.model.ModelFormatException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the little-endian primitives of fastText's binary files (the C++ tool writes its structs' fields with
 * {@code ostream::write}, in the byte order of the x86 machines it runs on). Every read names what it was reading
 * when the file ends early, so a truncated model gets a message, not an exception trace.
 */
final class LittleEndianReader {
    private final InputStream in;
    private final String source;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long position;

    LittleEndianReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
        buffer.limit(0);
    }

    long position() {
        return position;
    }

    private void need(int bytes, String what) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        buffer.compact();
        while (buffer.position() < bytes) {
            int n = in.read(buffer.array(), buffer.position(), buffer.capacity() - buffer.position());
            if (n < 0) {
                buffer.flip();
                throw truncated(what);
            }
            buffer.position(buffer.position() + n);
        }
        buffer.flip();
    }

    /** True when every byte of the input has been read. */
    boolean atEnd() throws IOException {
        return !buffer.hasRemaining() && in.read() < 0;
    }

    ModelFormatException truncated(String what) {
        return new ModelFormatException(source + ": the file ends at byte " + (position + buffer.remaining())
                + " while reading " + what + "; it is truncated", new EOFException());
    }

    int readInt(String what) throws IOException {
        need(4, what);
        position += 4;
        return buffer.getInt();
    }

    long readLong(String what) throws IOException {
        need(8, what);
        position += 8;
        return buffer.getLong();
    }

    double readDouble(String what) throws IOException {
        need(8, what);
        position += 8;
        return buffer.getDouble();
    }

    byte readByte(String what) throws IOException {
        need(1, what);
        position++;
        return buffer.get();
    }

    boolean readBool(String what) throws IOException {
        return readByte(what) != 0;
    }

    /** A NUL-terminated byte string, kept byte for byte (ISO-8859-1), as fastText compares words as bytes. */
    String readBytesString(String what) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (byte b = readByte(what); b != 0; b = readByte(what)) {
            sb.append((char) (b & 0xFF));
        }
        return sb.toString();
    }

    void readFully(byte[] out, String what) throws IOException {
        int done = 0;
        while (done < out.length) {
            need(1, what);
            int n = Math.min(buffer.remaining(), out.length - done);
            buffer.get(out, done, n);
            done += n;
            position += n;
        }
    }

    void readFloats(float[] out, String what) throws IOException {
        int done = 0;
        while (done < out.length) {
            need(4, what);
            int n = Math.min(buffer.remaining() / 4, out.length - done);
            buffer.asFloatBuffer().get(out, done, n);
            buffer.position(buffer.position() + 4 * n);
            done += n;
            position += 4L * n;
        }
    }

    /** A byte string read with {@link #readBytesString} as the UTF-8 text it is meant to be. */
    static String utf8(String bytes) {
        return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
