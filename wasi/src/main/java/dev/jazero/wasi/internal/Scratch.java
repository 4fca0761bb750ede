package dev.jazero.wasi.internal;

import dev.jazero.api.Memory;
import dev.jazero.wasi.Errno;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Buffers kept by one guest's state, so that a read or write allocates no copy of its own: a
 * byte array through which data goes between the guest's memory and Java's streams and channels,
 * and an array for a read's {@code iovec}s. One call takes a buffer and gives it back; a call
 * that finds it taken (another thread, a call nested in a stream's callback) gets a new array,
 * and so does a request larger than what is kept. The streams written from the byte array must
 * not keep it after a write returns, as {@link java.io.OutputStream} implementations do not.
 */
final class Scratch {

    /** The largest buffer kept; larger requests get an array of their own. */
    static final int MAX = 64 * 1024;
    private static final int MIN = 1024;
    private static final long[] EMPTY = {};

    /** The most {@code iovec}s kept: Linux's {@code IOV_MAX}. */
    static final int MAX_IOVECS = 1024;

    private final AtomicReference<byte[]> free = new AtomicReference<>();
    private final AtomicReference<long[]> freeIovecs = new AtomicReference<>();

    /**
     * A buffer of at least {@code size} bytes. A negative size throws
     * {@link NegativeArraySizeException}, as {@code new byte[size]} does.
     */
    byte[] take(int size) {
        if (size < 0 || size > MAX) {
            return new byte[size];
        }
        byte[] b = free.getAndSet(null);
        if (b == null || b.length < size) {
            b = new byte[Math.max(MIN, Integer.highestOneBit(Math.max(1, size - 1)) << 1)];
        }
        return b;
    }

    /** Gives back a buffer from {@link #take}, for the next call. */
    void give(byte[] b) {
        if (b.length <= MAX && b.length >= MIN) {
            free.set(b);
        }
    }

    /**
     * The {@code iovec} array of {@code count} entries at {@code iovs}, read into a lent array by
     * {@link GuestMemory#readIovecs}; {@code EINVAL} when {@code count} is negative, a trap
     * (before anything is allocated) when the array does not lie in the memory.
     */
    long[] iovecs(Memory m, int iovs, int count) {
        if (count < 0) {
            throw Errors.error(Errno.INVAL);
        }
        if (count == 0) {
            return EMPTY;
        }
        GuestMemory.iovLen(m, iovs, count - 1);
        long[] a = count > MAX_IOVECS ? null : freeIovecs.getAndSet(null);
        if (a == null || a.length < count) {
            a = new long[count > MAX_IOVECS ? count : Math.max(16, Integer.highestOneBit(count - 1) << 1)];
        }
        GuestMemory.readIovecs(m, iovs, count, a);
        return a;
    }

    /** Gives back an array from {@link #iovecs}. */
    void give(long[] iovecs) {
        if (iovecs.length > 0 && iovecs.length <= MAX_IOVECS) {
            freeIovecs.set(iovecs);
        }
    }
}
