package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;

/**
 * {@code fd_read}, {@code fd_write} and the rest of a descriptor's data: positional reads and
 * writes, seeking, advice, allocation and syncing. Data goes through the guest's
 * {@link Scratch} buffer: a read or write of a standard stream allocates nothing.
 */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class FdIoFunctions {

    private static final int WHENCE_SET = 0, WHENCE_CUR = 1, WHENCE_END = 2;

    private final WasiStates states;

    FdIoFunctions(WasiStates states) {
        this.states = states;
    }

    @WasmExport
    public int fdRead(Module caller, int fd, int iovs, int iovsLen, int nread) {
        try {
            WasiState s = states.of(caller);
            Entry e = s.entry(fd);
            Memory m = caller.memory();
            if (e instanceof StreamEntry st && st.in == null) {
                return Errno.BADF;
            }
            if (e instanceof DirEntry) {
                return Errno.ISDIR;
            }
            if (e instanceof FileEntry f && (!f.readable || (f.rightsBase & Rights.FD_READ) == 0)) {
                return Errno.BADF;
            }
            long[] iovecs = s.scratch.iovecs(m, iovs, iovsLen);
            long total;
            try {
                if (e instanceof StreamEntry st) {
                    total = read(st.in, m, s.scratch, iovecs, iovsLen);
                } else if (e instanceof SocketEntry so) {
                    total = SocketIo.receive(so, m, s.scratch, iovecs, iovsLen, false);
                } else {
                    FileEntry f = (FileEntry) e;
                    total = FileIo.readAt(f, m, s.scratch, iovecs, iovsLen, f.position);
                    f.position += total;
                }
            } finally {
                s.scratch.give(iovecs);
            }
            m.writeInt(u32(nread), (int) total);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /**
     * Reads a stream into the {@code iovec}s, one after the other; stops at its end, at a short
     * read, or when no more bytes are available without blocking.
     */
    private static long read(InputStream in, Memory m, Scratch scratch, long[] iovecs, int count) throws IOException {
        long total = 0;
        for (int i = 0; i < count; i++) {
            int len = GuestMemory.len(iovecs[i]);
            if (len == 0) {
                continue;
            }
            byte[] b = scratch.take(len);
            try {
                int n = in.read(b, 0, len);
                if (n <= 0) {
                    break;
                }
                m.write(GuestMemory.buf(iovecs[i]), b, 0, n);
                total += n;
                if (n < len || in.available() <= 0) {
                    break;
                }
            } finally {
                scratch.give(b);
            }
        }
        return total;
    }

    @WasmExport
    public int fdWrite(Module caller, int fd, int iovs, int iovsLen, int nwritten) {
        try {
            WasiState s = states.of(caller);
            Entry e = s.entry(fd);
            Memory m = caller.memory();
            if (e instanceof StreamEntry st && st.out == null) {
                return Errno.BADF;
            }
            if (e instanceof DirEntry) {
                return Errno.ISDIR;
            }
            if (e instanceof FileEntry f && (!f.writable || (f.rightsBase & Rights.FD_WRITE) == 0)) {
                return Errno.BADF;
            }
            int size = GuestMemory.iovsLength(m, iovs, iovsLen);
            byte[] data = s.scratch.take(size);
            try {
                GuestMemory.gather(m, iovs, iovsLen, data);
                if (e instanceof StreamEntry st) {
                    st.out.write(data, 0, size);
                    st.out.flush();
                } else if (e instanceof SocketEntry so) {
                    SocketIo.send(so, data, size);
                } else {
                    FileEntry f = (FileEntry) e;
                    if ((f.fdflags & Flags.FDFLAG_APPEND) != 0) {
                        f.position = f.channel.size();
                    }
                    FileIo.writeAt(f, f.position, data, size);
                    f.position += size;
                }
            } finally {
                s.scratch.give(data);
            }
            m.writeInt(u32(nwritten), size);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /**
     * The file of a positional read or write: a stream or socket cannot seek (ESPIPE), the file
     * must be open for it with the right (EBADF), and the offset must not be negative (EINVAL).
     */
    private static FileEntry positionalFile(WasiState s, int fd, long offset, boolean write) {
        Entry e = s.entry(fd);
        if (e instanceof StreamEntry || e instanceof SocketEntry) {
            throw Errors.error(Errno.SPIPE);
        }
        FileEntry f = s.fds.file(fd);
        boolean allowed = write
                ? f.writable && (f.rightsBase & Rights.FD_WRITE) != 0
                : f.readable && (f.rightsBase & Rights.FD_READ) != 0;
        if (!allowed) {
            throw Errors.error(Errno.BADF);
        }
        if (offset < 0) {
            throw Errors.error(Errno.INVAL);
        }
        return f;
    }

    @WasmExport
    public int fdPread(Module caller, int fd, int iovs, int iovsLen, long offset, int nread) {
        try {
            WasiState s = states.of(caller);
            FileEntry f = positionalFile(s, fd, offset, false);
            Memory m = caller.memory();
            long[] iovecs = s.scratch.iovecs(m, iovs, iovsLen);
            long n;
            try {
                n = FileIo.readAt(f, m, s.scratch, iovecs, iovsLen, offset);
            } finally {
                s.scratch.give(iovecs);
            }
            m.writeInt(u32(nread), (int) n);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdPwrite(Module caller, int fd, int iovs, int iovsLen, long offset, int nwritten) {
        try {
            WasiState s = states.of(caller);
            FileEntry f = positionalFile(s, fd, offset, true);
            Memory m = caller.memory();
            int size = GuestMemory.iovsLength(m, iovs, iovsLen);
            byte[] data = s.scratch.take(size);
            try {
                GuestMemory.gather(m, iovs, iovsLen, data);
                // POSIX on Linux: pwrite on an O_APPEND file appends; WASI leaves the position alone.
                long at = (f.fdflags & Flags.FDFLAG_APPEND) != 0 ? f.channel.size() : offset;
                FileIo.writeAt(f, at, data, size);
            } finally {
                s.scratch.give(data);
            }
            m.writeInt(u32(nwritten), size);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdSeek(Module caller, int fd, long offset, int whence, int newoffset) {
        try {
            Entry e = states.of(caller).entry(fd);
            if (e instanceof DirEntry) {
                return Errno.BADF;
            }
            if (!(e instanceof FileEntry f)) {
                return Errno.SPIPE;
            }
            long base;
            switch (whence) {
                case WHENCE_SET -> base = 0;
                case WHENCE_CUR -> base = f.position;
                case WHENCE_END -> base = f.channel.size();
                default -> {
                    return Errno.INVAL;
                }
            }
            long pos = base + offset;
            if (pos < 0) {
                return Errno.INVAL;
            }
            f.position = pos;
            caller.memory().writeLong(u32(newoffset), pos);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdTell(Module caller, int fd, int offset) {
        try {
            Entry e = states.of(caller).entry(fd);
            if (e instanceof DirEntry) {
                return Errno.BADF;
            }
            if (!(e instanceof FileEntry f)) {
                return Errno.SPIPE;
            }
            caller.memory().writeLong(u32(offset), f.position);
            return Errno.SUCCESS;
        } catch (RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /** Checks the advice, and ignores it. */
    @WasmExport
    public int fdAdvise(Module caller, int fd, long offset, long len, int advice) {
        try {
            Entry e = states.of(caller).entry(fd);
            if (!(e instanceof FileEntry)) {
                return Errno.BADF;
            }
            if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
                return Errno.INVAL;
            }
            return Errno.SUCCESS;
        } catch (RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdAllocate(Module caller, int fd, long offset, long len) {
        try {
            FileEntry f = states.of(caller).fds.file(fd);
            if (!f.writable) {
                return Errno.BADF;
            }
            if (offset < 0 || len < 0 || offset + len < 0) {
                return Errno.INVAL;
            }
            FileIo.extend(f, offset + len);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdDatasync(Module caller, int fd) {
        return fdSync(caller, fd);
    }

    @WasmExport
    public int fdSync(Module caller, int fd) {
        try {
            Entry e = states.of(caller).entry(fd);
            if (e instanceof FileEntry f && f.channel instanceof FileChannel fc && f.writable) {
                fc.force(true);
            } else if (e instanceof StreamEntry st && st.out != null) {
                st.out.flush();
            }
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }
}
