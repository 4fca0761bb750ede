package dev.jazero.wasi.internal;

import dev.jazero.api.Memory;
import dev.jazero.wasi.Errno;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reading the guest's memory as the witx lays it out: {@code u32} pointers and sizes, UTF-8
 * strings, and {@code iovec} arrays (8 bytes each: {@code buf}, {@code buf_len}).
 */
final class GuestMemory {
    private GuestMemory() {
    }

    /** A {@code u32} (a pointer, a size) as the offset it is. */
    static long u32(int v) {
        return Integer.toUnsignedLong(v);
    }

    /** The UTF-8 string of {@code len} bytes at {@code ptr}; {@code EILSEQ} when malformed. */
    static String string(Memory m, int ptr, int len) {
        byte[] bytes = m.read(u32(ptr), len);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw Errors.error(Errno.ILSEQ);
        }
    }

    /** The {@code buf} of the {@code i}th {@code iovec} of the array at {@code iovs}. */
    static long iovBuf(Memory m, int iovs, int i) {
        return u32(m.readInt(u32(iovs) + 8L * i));
    }

    /** The {@code buf_len} of the {@code i}th {@code iovec}, as a Java {@code int} (negative from 2 GiB on). */
    static int iovLen(Memory m, int iovs, int i) {
        return m.readInt(u32(iovs) + 8L * i + 4);
    }

    /**
     * Checks an {@code iovec} array before any I/O: {@code EINVAL} when its length is negative as
     * an {@code int}; a trap when an entry lies outside the memory. Returns the sum of the
     * lengths (in {@code int} arithmetic).
     */
    static int iovsLength(Memory m, int iovs, int count) {
        if (count < 0) {
            throw Errors.error(Errno.INVAL);
        }
        int size = 0;
        for (int i = 0; i < count; i++) {
            iovBuf(m, iovs, i);
            size += iovLen(m, iovs, i);
        }
        return size;
    }

    /** Copies the bytes the {@code iovec}s name, one after the other, into {@code dst}. */
    static void gather(Memory m, int iovs, int count, byte[] dst) {
        int off = 0;
        for (int i = 0; i < count; i++) {
            int len = iovLen(m, iovs, i);
            m.read(iovBuf(m, iovs, i), dst, off, len);
            off += len;
        }
    }

    /**
     * Reads an {@code iovec} array before a read writes into the memory (which could overwrite the
     * array itself): entry {@code i} of {@code dst} becomes {@code buf << 32 | buf_len}
     * ({@link #buf}, {@link #len}); a trap when an entry lies outside the memory.
     */
    static void readIovecs(Memory m, int iovs, int count, long[] dst) {
        for (int i = 0; i < count; i++) {
            dst[i] = iovBuf(m, iovs, i) << 32 | Integer.toUnsignedLong(iovLen(m, iovs, i));
        }
    }

    /** The {@code buf} of an {@code iovec} from {@link #readIovecs}. */
    static long buf(long iovec) {
        return iovec >>> 32;
    }

    /** The {@code buf_len} of an {@code iovec} from {@link #readIovecs}, as a Java {@code int}. */
    static int len(long iovec) {
        return (int) iovec;
    }
}
