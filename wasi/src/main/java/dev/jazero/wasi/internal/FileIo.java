package dev.jazero.wasi.internal;

import dev.jazero.api.Memory;
import dev.jazero.wasi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads and writes of an open file at an offset, between its channel and the guest's memory. A
 * file's channel has one position, shared by its descriptor's reads, writes and positional
 * calls: each call sets it under the file's lock.
 */
final class FileIo {
    private FileIo() {
    }

    /**
     * Reads from {@code offset} into the first {@code count} {@code iovec}s (from
     * {@link Scratch#iovecs}), one after the other, through the scratch buffer; stops at the end
     * of the file. Returns the bytes read.
     */
    static long readAt(FileEntry f, Memory m, Scratch scratch, long[] iovecs, int count, long offset)
            throws IOException {
        long total = 0;
        SeekableByteChannel ch = f.channel;
        for (int i = 0; i < count; i++) {
            int len = GuestMemory.len(iovecs[i]);
            if (len == 0) {
                continue;
            }
            if (len < 0) {
                throw Errors.error(Errno.INVAL);
            }
            byte[] b = scratch.take(len);
            int n;
            try {
                ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
                synchronized (f) {
                    ch.position(offset + total);
                    n = 0;
                    while (bb.hasRemaining()) {
                        int r = ch.read(bb);
                        if (r <= 0) {
                            break;
                        }
                        n += r;
                    }
                }
                m.write(GuestMemory.buf(iovecs[i]), b, 0, n);
            } finally {
                scratch.give(b);
            }
            total += n;
            if (n < len) {
                break;
            }
        }
        return total;
    }

    /** Writes {@code data[0, len)} at {@code offset}. */
    static void writeAt(FileEntry f, long offset, byte[] data, int len) throws IOException {
        synchronized (f) {
            SeekableByteChannel ch = f.channel;
            ch.position(offset);
            ByteBuffer bb = ByteBuffer.wrap(data, 0, len);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
        }
    }

    /** Makes the file {@code size} bytes long, when it is shorter, by writing a zero byte at its new end. */
    static void extend(FileEntry f, long size) throws IOException {
        if (f.channel.size() < size) {
            writeAt(f, size - 1, new byte[1], 1);
        }
    }
}
