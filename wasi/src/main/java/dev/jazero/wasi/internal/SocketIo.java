package dev.jazero.wasi.internal;

import dev.jazero.api.Memory;
import dev.jazero.wasi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Receiving and sending on a TCP connection, for {@code sock_*} and {@code fd_read}, {@code fd_write}. */
final class SocketIo {
    private SocketIo() {
    }

    /**
     * Receives into the first {@code count} {@code iovec}s (from {@link Scratch#iovecs}), one
     * after the other; blocking unless the descriptor is non-blocking ({@code EAGAIN} when
     * nothing is there). With {@code waitAll}, a blocking receive fills each buffer unless the
     * connection ends.
     */
    static long receive(SocketEntry so, Memory m, Scratch scratch, long[] iovecs, int count, boolean waitAll)
            throws IOException {
        if (so.connection == null) {
            throw Errors.error(Errno.NOTCONN);
        }
        SocketChannel ch = so.connection;
        ch.configureBlocking((so.fdflags & Flags.FDFLAG_NONBLOCK) == 0);
        long total = 0;
        for (int i = 0; i < count; i++) {
            int len = GuestMemory.len(iovecs[i]);
            if (len == 0) {
                continue;
            }
            if (len < 0) {
                throw Errors.error(Errno.INVAL);
            }
            byte[] b = scratch.take(len);
            try {
                ByteBuffer bb = ByteBuffer.wrap(b, 0, len);
                int n = ch.read(bb);
                while (waitAll && n >= 0 && bb.hasRemaining() && ch.isBlocking()) {
                    int more = ch.read(bb);
                    if (more < 0) {
                        break;
                    }
                    n += more;
                }
                if (n < 0) {
                    break;
                }
                if (n == 0 && total == 0 && !ch.isBlocking()) {
                    throw Errors.error(Errno.AGAIN);
                }
                m.write(GuestMemory.buf(iovecs[i]), b, 0, bb.position());
                total += bb.position();
                if (bb.hasRemaining()) {
                    break;
                }
            } finally {
                scratch.give(b);
            }
        }
        return total;
    }

    /** Sends {@code data[0, len)}, blocking until all is sent. */
    static void send(SocketEntry so, byte[] data, int len) throws IOException {
        if (so.connection == null) {
            throw Errors.error(Errno.NOTCONN);
        }
        so.connection.configureBlocking(true);
        ByteBuffer bb = ByteBuffer.wrap(data, 0, len);
        while (bb.hasRemaining()) {
            so.connection.write(bb);
        }
    }
}
