package dev.jazero.internal.text;

import java.util.Arrays;

/** A growable byte buffer with the encodings of the binary format (LEB128, names, vectors). */
final class ByteWriter {

    private byte[] buf;
    private int size;

    ByteWriter() {
        this(64);
    }

    ByteWriter(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void reset() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    ByteWriter u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    ByteWriter bytes(ByteWriter other) {
        return bytes(other.buf, 0, other.size);
    }

    /** The length of {@code v} as an unsigned LEB128. */
    static int uleb128Size(long v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    ByteWriter u32(long v) {
        ensure(10);
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            buf[size++] = (byte) (v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    /** Signed LEB128 (s32, s33 or s64). */
    ByteWriter s64(long v) {
        ensure(10);
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            buf[size++] = (byte) (done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    ByteWriter i32LE(int v) {
        ensure(4);
        for (int k = 0; k < 4; k++) {
            buf[size++] = (byte) (v >>> (8 * k));
        }
        return this;
    }

    ByteWriter i64LE(long v) {
        ensure(8);
        for (int k = 0; k < 8; k++) {
            buf[size++] = (byte) (v >>> (8 * k));
        }
        return this;
    }

    /** A byte vector: length then contents (also the encoding of names). */
    ByteWriter vec(byte[] b) {
        return u32(b.length).bytes(b);
    }

    ByteWriter vec(ByteWriter b) {
        return u32(b.size).bytes(b);
    }
}
