package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.Flags.FDFLAG_NONBLOCK;
import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * {@code sock_*}: accepting connections on the pre-opened TCP listeners, receiving, sending and
 * shutting down. (A guest cannot open sockets itself: preview 1 has no call for it.)
 */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class SockFunctions {

    private static final int RECV_PEEK = 1, RECV_WAITALL = 2;
    private static final int SHUT_RD = 1, SHUT_WR = 2;

    private final WasiStates states;

    SockFunctions(WasiStates states) {
        this.states = states;
    }

    /** The connection {@code fd} names; {@code ENOTSOCK} for anything else, {@code ENOTCONN} for a listener. */
    private static SocketEntry connection(WasiState s, int fd) {
        SocketEntry so = s.fds.socket(fd);
        if (so.connection == null) {
            throw Errors.error(Errno.NOTCONN);
        }
        return so;
    }

    @WasmExport
    public int sockAccept(Module caller, int fd, int flags, int roFd) {
        try {
            WasiState s = states.of(caller);
            SocketEntry so = s.fds.socket(fd);
            if (so.listener == null) {
                return Errno.INVAL;
            }
            if ((flags & ~FDFLAG_NONBLOCK) != 0) {
                return Errno.INVAL;
            }
            so.listener.configureBlocking((so.fdflags & FDFLAG_NONBLOCK) == 0);
            SocketChannel conn = so.listener.accept();
            if (conn == null) {
                return Errno.AGAIN;
            }
            SocketEntry accepted = new SocketEntry(null, conn);
            accepted.fdflags = flags & FDFLAG_NONBLOCK;
            caller.memory().writeInt(u32(roFd), s.fds.allocate(accepted));
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /** With {@code RECV_WAITALL}; {@code RECV_PEEK} is {@code ENOTSUP}, as Java's channels cannot peek. */
    @WasmExport
    public int sockRecv(Module caller, int fd, int riData, int riDataLen, int riFlags, int roDatalen, int roFlags) {
        try {
            WasiState s = states.of(caller);
            SocketEntry so = connection(s, fd);
            if ((riFlags & ~(RECV_PEEK | RECV_WAITALL)) != 0) {
                return Errno.INVAL;
            }
            if ((riFlags & RECV_PEEK) != 0) {
                return Errno.NOTSUP;
            }
            Memory m = caller.memory();
            long[] iovecs = s.scratch.iovecs(m, riData, riDataLen);
            long n;
            try {
                n = SocketIo.receive(so, m, s.scratch, iovecs, riDataLen, (riFlags & RECV_WAITALL) != 0);
            } finally {
                s.scratch.give(iovecs);
            }
            m.writeInt(u32(roDatalen), (int) n);
            m.writeShort(u32(roFlags), (short) 0);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int sockSend(Module caller, int fd, int siData, int siDataLen, int siFlags, int soDatalen) {
        try {
            WasiState s = states.of(caller);
            SocketEntry so = connection(s, fd);
            if (siFlags != 0) {
                return Errno.INVAL;
            }
            Memory m = caller.memory();
            int size = GuestMemory.iovsLength(m, siData, siDataLen);
            byte[] data = s.scratch.take(size);
            try {
                GuestMemory.gather(m, siData, siDataLen, data);
                SocketIo.send(so, data, size);
            } finally {
                s.scratch.give(data);
            }
            m.writeInt(u32(soDatalen), size);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int sockShutdown(Module caller, int fd, int how) {
        try {
            SocketEntry so = states.of(caller).fds.socket(fd);
            if (how < SHUT_RD || how > (SHUT_RD | SHUT_WR)) {
                return Errno.INVAL;
            }
            if (so.connection == null) {
                return Errno.NOTCONN;
            }
            if ((how & SHUT_RD) != 0) {
                so.connection.shutdownInput();
            }
            if ((how & SHUT_WR) != 0) {
                so.connection.shutdownOutput();
            }
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }
}
