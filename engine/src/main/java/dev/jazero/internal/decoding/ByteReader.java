package dev.jazero.internal.decoding;

import dev.jazero.api.MalformedModuleException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the binary format's primitives from a byte array with the specification's rules: LEB128
 * integers of bounded length whose unused bits must be zero (or the sign), and names that must be
 * valid UTF-8. Every failure is a {@link MalformedModuleException} naming the byte offset and the
 * context (section) that the caller set.
 */
public final class ByteReader {

    private final byte[] bytes;
    private int pos;
    private int limit;
    private String context = "module";

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ByteReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.limit = end;
    }

    /** Sets what the messages call the part being read, such as "code section". */
    public void setContext(String context) {
        this.context = context;
    }

    public int position() {
        return pos;
    }

    public void setPosition(int pos) {
        this.pos = pos;
    }

    public int limit() {
        return limit;
    }

    /** Narrows the readable end, as a section or function body does; returns the old end. */
    public int setLimit(int newLimit) {
        int old = limit;
        limit = newLimit;
        return old;
    }

    public boolean hasMore() {
        return pos < limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** Builds the exception for a malformed input at the current position. */
    public MalformedModuleException error(String message) {
        return error(message, pos);
    }

    public MalformedModuleException error(String message, int at) {
        return new MalformedModuleException(message + " (" + context + ", offset 0x" + Integer.toHexString(at) + ")");
    }

    private MalformedModuleException unexpectedEnd() {
        return error(limit < bytes.length ? "unexpected end of section or function" : "unexpected end");
    }

    /** The next byte, not consumed; an error at the end of the input as {@link #u8} gives. */
    public int peekU8() {
        int at = pos;
        int b = u8();
        pos = at;
        return b;
    }

    public int u8() {
        if (pos >= limit) {
            throw unexpectedEnd();
        }
        return bytes[pos++] & 0xFF;
    }

    /** Reads a byte that the format reserves as zero. */
    public void zeroByte() {
        if (u8() != 0) {
            throw error("zero byte expected", pos - 1);
        }
    }

    public byte[] readBytes(int n) {
        if (n < 0 || n > remaining()) {
            throw error(n > remaining() && limit < bytes.length ? "unexpected end of section or function" : "unexpected end");
        }
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        if (n < 0 || n > remaining()) {
            throw unexpectedEnd();
        }
        pos += n;
    }

    public int fixed32() {
        if (remaining() < 4) {
            throw unexpectedEnd();
        }
        int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16 | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long fixed64() {
        long lo = fixed32() & 0xFFFF_FFFFL;
        long hi = fixed32() & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }

    /** Reads an unsigned 32-bit LEB128 integer into a long in [0, 2^32). */
    public long u32() {
        return unsigned(32);
    }

    /** Reads an unsigned 64-bit LEB128 integer (its unsigned value in the long's bits). */
    public long u64() {
        return unsigned(64);
    }

    /**
     * Reads an unsigned LEB128 integer of {@code bits} bits: at most ceil(bits / 7) bytes, and the
     * unused bits of the last byte zero.
     */
    private long unsigned(int bits) {
        int maxBytes = (bits + 6) / 7;
        int lastShift = (maxBytes - 1) * 7;
        int unusedMask = 0x7F & ~((1 << (bits - lastShift)) - 1);
        long result = 0;
        int start = pos;
        for (int shift = 0; ; shift += 7) {
            if (shift > lastShift) {
                throw error("integer representation too long", start);
            }
            int b = u8();
            if (shift == lastShift && (b & unusedMask) != 0) {
                throw error("integer too large", pos - 1);
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    /** Reads an unsigned 32-bit LEB128 integer that must fit an int index or count. */
    public int u32Index() {
        long v = u32();
        if (v > Integer.MAX_VALUE) {
            throw error("integer too large for this implementation");
        }
        return (int) v;
    }

    /**
     * Reads a vector length: a u32 that cannot exceed the bytes left (each element takes at least
     * {@code minElementSize} bytes), so that a hostile count never makes us allocate.
     */
    public int count(int minElementSize) {
        int at = pos;
        long n = u32();
        if (n * minElementSize > remaining()) {
            throw error(limit < bytes.length ? "unexpected end of section or function" : "unexpected end", at);
        }
        return (int) n;
    }

    public int s32() {
        return (int) signed(32);
    }

    /** Reads a signed 33-bit LEB128 integer, the encoding of block types. */
    public long s33() {
        return signed(33);
    }

    public long s64() {
        return signed(64);
    }

    /**
     * Reads a signed LEB128 integer of {@code bits} bits: at most ceil(bits / 7) bytes, and the
     * unused bits of the last byte must all copy the sign bit.
     */
    private long signed(int bits) {
        int maxBytes = (bits + 6) / 7;
        int lastShift = (maxBytes - 1) * 7;
        // In the last byte: the bits that carry the value, and above them the unused ones.
        int valueBits = bits - lastShift;
        int unusedMask = 0x7F & ~((1 << valueBits) - 1) & ~(1 << (valueBits - 1));
        int signBit = 1 << (valueBits - 1);
        long result = 0;
        int start = pos;
        int shift = 0;
        int b;
        do {
            if (shift > lastShift) {
                throw error("integer representation too long", start);
            }
            b = u8();
            if (shift == lastShift && (b & 0x80) == 0) {
                boolean negative = (b & signBit) != 0;
                if ((b & unusedMask) != (negative ? unusedMask : 0)) {
                    throw error("integer too large", pos - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64) {
            result = (result << (64 - shift)) >> (64 - shift);
        }
        return result;
    }

    /** Reads a name: a length-prefixed, valid UTF-8 string. */
    public String name() {
        int at = pos;
        long len = u32();
        if (len > remaining()) {
            throw error(limit < bytes.length ? "unexpected end of section or function" : "unexpected end", at);
        }
        int n = (int) len;
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, n))
                    .toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw error("malformed UTF-8 encoding", at);
        }
    }
}
