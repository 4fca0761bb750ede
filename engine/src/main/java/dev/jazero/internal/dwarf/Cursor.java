package dev.jazero.internal.dwarf;

import java.nio.charset.StandardCharsets;

/**
 * Reads DWARF's primitives (little-endian fixed-size integers, LEB128, strings) from a byte array
 * between a position and a limit. Reading past the limit, or anything else out of shape, throws
 * {@link Malformed}, which the parser catches: nothing else escapes.
 */
final class Cursor {

    /** The one failure of a read: shared and without a stack trace, so throwing it costs nothing. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Malformed INSTANCE = new Malformed();

        private Malformed() {
            super("malformed DWARF", null, false, false);
        }
    }

    private final byte[] bytes;
    private int pos;
    private int limit;

    Cursor(byte[] bytes, int pos, int limit) {
        this.bytes = bytes;
        this.pos = pos;
        this.limit = limit;
    }

    static Malformed malformed() {
        return Malformed.INSTANCE;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - pos;
    }

    boolean hasMore() {
        return pos < limit;
    }

    /** Moves to {@code position}, which must lie between the start of the bytes and the limit. */
    void seek(long position) {
        if (position < 0 || position > limit) {
            throw malformed();
        }
        pos = (int) position;
    }

    /** Narrows or widens the readable end, within the array; the position must stay before it. */
    void setLimit(long newLimit) {
        if (newLimit < pos || newLimit > bytes.length) {
            throw malformed();
        }
        limit = (int) newLimit;
    }

    void skip(long n) {
        if (n < 0 || n > limit - pos) {
            throw malformed();
        }
        pos += (int) n;
    }

    int u8() {
        if (pos >= limit) {
            throw malformed();
        }
        return bytes[pos++] & 0xFF;
    }

    int u16() {
        return u8() | u8() << 8;
    }

    long u32() {
        return (u16() | (long) u16() << 16) & 0xFFFF_FFFFL;
    }

    long u64() {
        return u32() | u32() << 32;
    }

    /** An unsigned little-endian integer of {@code size} bytes (1 to 8). */
    long fixed(int size) {
        if (size < 1 || size > 8) {
            throw malformed();
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) u8() << (8 * i);
        }
        return v;
    }

    /** An unsigned LEB128; bits beyond 64 are dropped, as the value could not be used anyway. */
    long uleb() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    long sleb() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** A NUL-terminated UTF-8 string (malformed sequences replaced), the NUL consumed. */
    String cstring() {
        int start = pos;
        int end = start;
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        if (end >= limit) {
            throw malformed();
        }
        pos = end + 1;
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** The NUL-terminated string at {@code offset} of a string section, or null when there is none. */
    static String stringAt(byte[] section, long offset) {
        if (section == null || offset < 0 || offset >= section.length) {
            return null;
        }
        int start = (int) offset;
        int end = start;
        while (end < section.length && section[end] != 0) {
            end++;
        }
        if (end >= section.length) {
            return null;
        }
        return new String(section, start, end - start, StandardCharsets.UTF_8);
    }
}
